import { readFileSync } from 'node:fs';
import { Tier } from '@liandong/protocol';
import { Args } from './args';
import { accept, addBodyKeys, certify, createRequest, createRoot, register, revoke } from './keys';

export const KEYS_USAGE = `  npm run cli -- keys root --out central.json                                       (at central, once)
  npm run cli -- keys request --node 130000 --name 河北省 --tier provincial --parent 000000
                 [--identity 130000.identity.json] [--request 130000.request.json]   (at the node)
  npm run cli -- keys certify --request 130000.request.json --parent central.json
                 [--out 130000.certificate.json]                                     (at the parent)
  npm run cli -- keys accept --identity 130000.identity.json --certificate 130000.certificate.json (at the node)
  npm run cli -- keys bodies --identity 130000.identity.json       (receiving-body keys for an older identity)
  npm run cli -- keys register --identity 130000.identity.json [--nats nats://127.0.0.1:4222] [--federation local] [--seed 130000.nk]
                 [--key-registry-domain hub]   (a node on a province's leaf node)
  npm run cli -- keys revoke --key <key id> --node 130100 --parent 130000.identity.json [--at <time>] [--reason …] [--seed 130000.nk]`;

const seedOf = (args: Args) => {
  const file = args.optional('seed');
  return file ? readFileSync(file, 'utf8').trim() : undefined;
};

/** `keys <sub>`: the key ceremony between a node and its parent (docs/operations.md). */
export async function keysCommand(sub: string | undefined, args: Args): Promise<void> {
  switch (sub) {
    case 'root':
      return createRoot(args.get('out'));
    case 'request': {
      const nodeId = args.get('node');
      return createRequest(
        {
          nodeId,
          name: args.get('name'),
          tier: args.get('tier') as Tier,
          parentId: args.get('parent'),
        },
        args.get('identity', `${nodeId}.identity.json`),
        args.get('request', `${nodeId}.request.json`),
      );
    }
    case 'certify': {
      const request = args.get('request');
      return certify(
        request,
        args.get('parent'),
        args.get('out', request.replace(/(\.request)?\.json$/, '.certificate.json')),
      );
    }
    case 'accept':
      return accept(args.get('identity'), args.get('certificate'));
    case 'bodies':
      return addBodyKeys(args.get('identity'));
    case 'register':
      return register(
        args.get('identity'),
        args.get('nats', 'nats://127.0.0.1:4222'),
        args.get('federation', 'local'),
        seedOf(args),
        args.optional('key-registry-domain'),
      );
    case 'revoke':
      return revoke(
        {
          keyId: args.get('key'),
          nodeId: args.get('node'),
          at: new Date(args.optional('at') ?? Date.now()),
          reason: args.optional('reason') ?? 'revoked by the parent',
        },
        args.get('parent'),
        args.get('nats', 'nats://127.0.0.1:4222'),
        args.get('federation', 'local'),
        seedOf(args),
        args.optional('key-registry-domain'),
      );
    default:
      throw new Error(`unknown keys command ${sub ?? ''}\n\n${KEYS_USAGE}`);
  }
}
