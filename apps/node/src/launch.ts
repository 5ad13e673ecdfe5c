import type { NodeLaunch, NodeLauncher } from '@liandong/local-federation';
import { schemaTemplate } from '@liandong/local-services';
import { NodeSettings } from './app.module';
import { startNodeApp } from './bootstrap';
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
 * How an in-process federation starts this app's nodes: from environment-style settings,
 * each on a database copied from a template of the node's schema.
 */
export const NODE_LAUNCHER: NodeLauncher = {
  start: (launch) => startNodeApp(settingsOf(launch)),
  template: schemaTemplate('ld_template_node', NODE_ENTITIES, NODE_MIGRATIONS),
};
