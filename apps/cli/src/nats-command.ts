import { readFileSync } from 'node:fs';
import { provisionBroker } from '@liandong/messaging';
import { LOCAL_FEDERATION_TREE } from '@liandong/local-federation';
import { Args } from './args';
import { writeNatsConfig } from './nats-config';

export const NATS_USAGE = `  npm run cli -- nats config --federation prod --nodes 000000,130000,… [--listen 0.0.0.0:4222]
                 [--store /var/lib/nats] [--out deploy/nats/generated]
                 [--tls --tls-hosts nats.example,10.0.0.5 [--client-certs]]
                 [--cluster name@0.0.0.0:6222 --routes nats://a:6222,nats://b:6222]
                 [--server-name hub-1] [--domain hub]   (a cluster's server: nats-server.hub-1.conf)
                 [--leafnodes 0.0.0.0:7422 --leaf-users leaf-130000,…]   (passwords in <out>/<user>.password)
                 [--leaf-remote hub-a:7422,hub-b:7422 --leaf-user leaf-130000 --leaf-password-file f
                  [--leaf-ca hub-ca.crt] --key-registry-domain hub]   (a province's leaf node)
  npm run cli -- nats provision --nats nats://… --seed operator.nk --federation prod [--ca ca.crt]
                 [--replicas 3] [--recipients 000000,…] [--stream-max-bytes N] [--no-key-registry]
                 [--watch [--interval 10]]   (re-create the stream and key registry whenever they are lost)`;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `nats <sub>`: the broker's configuration and provisioning, as the operator. */
export async function natsCommand(sub: string | undefined, args: Args): Promise<void> {
  if (sub === 'provision') {
    const federation = args.get('federation', 'local');
    const ca = args.optional('ca');
    const provision = () =>
      provisionBroker(
        args.get('nats', 'nats://127.0.0.1:4222'),
        readFileSync(args.get('seed'), 'utf8').trim(),
        federation,
        ca ? { caFile: ca } : undefined,
        {
          replicas: args.has('replicas') ? Number(args.get('replicas')) : undefined,
          recipients: args.optional('recipients')?.split(',').filter(Boolean),
          streamMaxBytes: args.has('stream-max-bytes')
            ? Number(args.get('stream-max-bytes'))
            : undefined,
          keyRegistry: !args.has('no-key-registry'),
        },
      );
    await provision();
    console.log(`the broker layout of federation ${federation} is in place`);
    if (!args.has('watch')) return;
    const interval = Number(args.get('interval', '10')) * 1000;
    console.log(`watching: checked every ${interval / 1000} s (Ctrl-C stops)`);
    for (;;) {
      await pause(interval);
      await provision().catch((error: unknown) =>
        console.error(`provision failed, will retry: ${(error as Error).message}`),
      );
    }
  }
  if (sub !== 'config') throw new Error(`unknown nats command ${sub ?? ''}\n\n${NATS_USAGE}`);
  const cluster = args.optional('cluster');
  const result = writeNatsConfig({
    federation: args.get('federation', 'local'),
    listen: args.get('listen', '127.0.0.1:4222'),
    storeDir: args.get('store', '/var/lib/nats-server'),
    nodes: args.get('nodes', LOCAL_FEDERATION_TREE.map((n) => n.nodeId).join(',')).split(','),
    out: args.get('out', 'deploy/nats/generated'),
    tls: args.has('tls')
      ? {
          hosts: args.get('tls-hosts', '127.0.0.1,localhost').split(','),
          clientCertificates: args.has('client-certs'),
        }
      : undefined,
    cluster: cluster
      ? {
          name: cluster.split('@')[0],
          listen: cluster.split('@')[1] ?? '0.0.0.0:6222',
          routes: (args.optional('routes') ?? '').split(',').filter(Boolean),
        }
      : undefined,
    leafnodes: args.has('leafnodes')
      ? {
          listen: args.get('leafnodes'),
          users: (args.optional('leaf-users') ?? '').split(',').filter(Boolean),
        }
      : undefined,
    leafRemote: args.has('leaf-remote')
      ? {
          hosts: args.get('leaf-remote').split(','),
          user: args.get('leaf-user'),
          passwordFile: args.get('leaf-password-file'),
          caFile: args.optional('leaf-ca'),
        }
      : undefined,
    serverName: args.optional('server-name'),
    domain: args.optional('domain'),
    keyRegistryDomain: args.optional('key-registry-domain'),
  });
  console.log(`wrote ${result.file}`);
  if (result.created.length > 0) console.log(`new NKey seeds: ${result.created.join(', ')}`);
  if (result.kept.length > 0) console.log(`seeds kept as they were: ${result.kept.join(', ')}`);
  if (result.removed.length > 0)
    console.log(
      `seeds (and certificates) deleted for nodes no longer listed: ${result.removed.join(', ')}`,
    );
  console.log(
    'create the stream and key bucket as the operator before the nodes start (nats provision); see docs/operations.md',
  );
}
