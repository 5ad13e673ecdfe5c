import { randomBytes } from 'node:crypto';
import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { NATS_URL } from './bench-support';

/** Raw JetStream: publish with msgID and consume with explicit acks, the same sizes, nothing else. */
export async function rawBaseline(sample: string, count: number): Promise<number> {
  const nc = await connect({ servers: NATS_URL });
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  const name = `LD_BENCH_RAW_${randomBytes(4).toString('hex').toUpperCase()}`;
  const subject = `ldbench.${name}`;
  await jsm.streams.add({ name, subjects: [subject] });
  await jsm.consumers.add(name, {
    durable_name: 'raw',
    ack_policy: AckPolicy.Explicit,
    filter_subject: subject,
  });
  const consumer = await js.consumers.get(name, 'raw');
  const started = process.hrtime.bigint();
  let consumed = 0;
  const consuming = (async () => {
    const messages = await consumer.consume({ max_messages: 256 });
    for await (const m of messages) {
      m.ack();
      consumed += 1;
      if (consumed >= count) break;
    }
    await messages.close();
  })();
  const window = 256;
  for (let i = 0; i < count; i += window) {
    await Promise.all(
      Array.from({ length: Math.min(window, count - i) }, (_, j) =>
        js.publish(subject, sample, { msgID: `raw-${i + j}` }),
      ),
    );
  }
  await consuming;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await jsm.streams.delete(name);
  await nc.close();
  return count / seconds;
}
