import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/**
 * Hosts of their own on one machine: a network namespace per host (`ip netns`), joined by
 * veth pairs to bridges in a switch namespace — one bridge per network (central's uplink,
 * a province's local network). A link is cut by taking its switch-side end down, as a
 * pulled cable would. Each host also has a management link to this namespace (never cut),
 * through which the test reaches its nodes' HTTP and databases. Needs root (CAP_NET_ADMIN).
 *
 * Addresses: network `n` (1, 2, …) is 10.213.n.0/24; host `i`'s management link is
 * 10.214.i.0/30 (here .1, the host .2).
 */
export class NetnsLab {
  readonly run = randomBytes(2).toString('hex');
  private readonly switchNs = `ldsw-${this.run}`;
  private readonly hosts = new Map<string, LabHost>();
  private readonly networks: string[] = [];

  static available(): boolean {
    if (process.getuid?.() !== 0) return false;
    try {
      execFileSync('ip', ['netns', 'list'], { stdio: 'pipe' });
      return true;
    } catch {
      return false;
    }
  }

  create(networks: string[]): void {
    ip('netns', 'add', this.switchNs);
    ip('-n', this.switchNs, 'link', 'set', 'lo', 'up');
    for (const network of networks) {
      this.networks.push(network);
      ip('-n', this.switchNs, 'link', 'add', `br-${network}`, 'type', 'bridge');
      ip('-n', this.switchNs, 'link', 'set', `br-${network}`, 'up');
    }
  }

  /** A host with an address on each network it is attached to (`{ wan: 2 }`: 10.213.1.2). */
  addHost(name: string, attach: Record<string, number>): LabHost {
    const index = this.hosts.size + 1;
    const ns = `ld-${this.run}-${name}`;
    ip('netns', 'add', ns);
    ip('-n', ns, 'link', 'set', 'lo', 'up');
    const addresses: Record<string, string> = {};
    for (const [network, byte] of Object.entries(attach)) {
      const net = this.networks.indexOf(network) + 1;
      if (net === 0) throw new Error(`no network ${network} in the lab`);
      const port = `h${index}-${network}`;
      ip(
        '-n',
        this.switchNs,
        'link',
        'add',
        port,
        'type',
        'veth',
        'peer',
        'name',
        `eth-${network}`,
        'netns',
        ns,
      );
      ip('-n', this.switchNs, 'link', 'set', port, 'master', `br-${network}`);
      ip('-n', this.switchNs, 'link', 'set', port, 'up');
      addresses[network] = `10.213.${net}.${byte}`;
      ip('-n', ns, 'addr', 'add', `${addresses[network]}/24`, 'dev', `eth-${network}`);
      ip('-n', ns, 'link', 'set', `eth-${network}`, 'up');
    }
    const management = `ldm${this.run}${index}`;
    ip('link', 'add', management, 'type', 'veth', 'peer', 'name', 'mgmt', 'netns', ns);
    ip('addr', 'add', `10.214.${index}.1/30`, 'dev', management);
    ip('link', 'set', management, 'up');
    ip('-n', ns, 'addr', 'add', `10.214.${index}.2/30`, 'dev', 'mgmt');
    ip('-n', ns, 'link', 'set', 'mgmt', 'up');
    const host: LabHost = {
      name,
      ns,
      index,
      management: `10.214.${index}.2`,
      addresses,
      runUnder: ['ip', 'netns', 'exec', ns],
    };
    this.hosts.set(name, host);
    return host;
  }

  host(name: string): LabHost {
    const host = this.hosts.get(name);
    if (!host) throw new Error(`no host ${name} in the lab`);
    return host;
  }

  /** Takes the host's link to a network down (a cut cable) or up again. */
  setLink(name: string, network: string, up: boolean): void {
    const host = this.host(name);
    ip('-n', this.switchNs, 'link', 'set', `h${host.index}-${network}`, up ? 'up' : 'down');
  }

  /** Deletes every namespace it made (their veths go with them). */
  destroy(): void {
    for (const host of this.hosts.values()) tryIp('netns', 'del', host.ns);
    tryIp('netns', 'del', this.switchNs);
    this.hosts.clear();
  }
}

export interface LabHost {
  name: string;
  ns: string;
  index: number;
  /** Its management address: where the test reaches its nodes and databases. */
  management: string;
  /** Its address on each network it is attached to. */
  addresses: Record<string, string>;
  /** The command prefix that runs a program on this host. */
  runUnder: string[];
}

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: 'pipe' });
}

function tryIp(...args: string[]): void {
  try {
    ip(...args);
  } catch {
    // already gone
  }
}
