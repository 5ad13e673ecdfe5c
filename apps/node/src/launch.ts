import type { LaunchHost, NodeLaunch, NodeLauncher } from '@liandong/local-federation';
import { schemaTemplate } from '@liandong/local-services';
import { NodeSettings } from './app.module';
import { NodeHost } from './host/node-host';
import { loadNodeConfig } from './config/node.config';
import { NODE_ENTITIES, NODE_MIGRATIONS } from './schema';

function settingsOf(launch: NodeLaunch): NodeSettings {
  return {
    config: loadNodeConfig(launch.env),
    identity: launch.identity,
    clock: launch.clock,
    messaging: launch.messaging,
    natsSeed: launch.natsSeed,
  };
}

/**
 * A NodeHost of this process for a federation's nodes: one shared port, and a port of each
 * node's own (browsers need an origin per node: the console's files have absolute paths).
 */
async function openHost(): Promise<LaunchHost> {
  const host = new NodeHost();
  await host.listen(0, '127.0.0.1');
  return {
    start: async (launch) => {
      const settings = settingsOf(launch);
      const hosted = await host.start(settings, { ownPort: settings.config.HTTP_PORT });
      return { app: hosted.app, url: hosted.url as string, apiUrl: host.apiUrl(hosted.nodeId) };
    },
    stop: (nodeId) => host.stop(nodeId),
    close: () => host.close(),
  };
}

/**
 * How an in-process federation starts this app's nodes: from environment-style settings, all
 * on one NodeHost of the process, each on a database copied from a template of the node's schema.
 */
export const NODE_LAUNCHER: NodeLauncher = {
  host: openHost,
  template: schemaTemplate('ld_template_node', NODE_ENTITIES, NODE_MIGRATIONS),
};
