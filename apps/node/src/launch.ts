import { INestApplication } from '@nestjs/common';
import type { NodeLaunch } from '@liandong/local-federation';
import { NodeSettings } from './app.module';
import { startNodeApp } from './bootstrap';
import { loadNodeConfig } from './config/node.config';

function settingsOf(launch: NodeLaunch): NodeSettings {
  return {
    config: loadNodeConfig(launch.env),
    identity: launch.identity,
    clock: launch.clock,
    messaging: launch.messaging,
    natsSeed: launch.natsSeed,
  };
}

/** Starts a node from environment-style settings: the launcher of an in-process federation. */
export function launchNode(launch: NodeLaunch): Promise<INestApplication> {
  return startNodeApp(settingsOf(launch));
}
