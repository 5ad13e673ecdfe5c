// What the measurements share: the broker they use, and waiting for an effect.

export const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

export async function poll(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs = 600_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`bench timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
