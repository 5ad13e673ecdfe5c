import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { NodeSettings } from '../app.module';
import { createNodeApp, nodeLoggerOf } from '../bootstrap';
import { asNode, JsonLogger } from '../http/json-logger';

/** How a request names its node: `/nodes/<id>/…` (stripped) or the Host's first label. */
const PREFIX = /^\/nodes\/(\d{6})(?=\/|\?|$)/;
const HOST_LABEL = /^(\d{6})(?:\.|:|$)/;

type Express = (request: IncomingMessage, response: ServerResponse) => void;

export interface HostedNode {
  nodeId: string;
  app: INestApplication;
  /** The node's own origin, when it was given a port of its own. */
  url?: string;
  logger: JsonLogger;
  express: Express;
}

export interface HostedNodeOptions {
  /** A port of the node's own as well (0: any free one), on `ownHost` (HTTP_HOST by default). */
  ownPort?: number;
  ownHost?: string;
}

/** The host's answer for a node it does not serve (or a request that names none). */
export function unknownNode(response: ServerResponse, nodeId: string | undefined): void {
  const zh = nodeId
    ? `本主机没有节点 ${nodeId}`
    : '请求未指明节点：请用 /nodes/<节点代码>/… 或以节点代码开头的主机名';
  const en = nodeId
    ? `this host serves no node ${nodeId}`
    : 'the request names no node: use /nodes/<node id>/… or a host name starting with the node id';
  const body = JSON.stringify({
    statusCode: 404,
    error: 'NODE_NOT_FOUND',
    message: zh,
    messageEn: en,
  });
  response.writeHead(404, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  response.end(body);
}

/**
 * Several nodes in one process (集约化部署: a city's data centre hosting its counties' nodes).
 * Each node is a whole node app of its own — identity and keys, database pool, NATS
 * connections and consumer, users and tokens, audit log — created by createNodeApp from its own
 * NodeSettings; what they share is the process (its memory, event loop and CPU) and, when the
 * host listens, ONE HTTP port that hands each request to the node it names: by a path prefix
 * `/nodes/<nodeId>/…` (stripped before the node's app sees it) or by the Host header's first
 * label (`130121.liandong.example` → 130121). A node may also get a port of its own.
 */
export class NodeHost {
  private readonly nodes = new Map<string, HostedNode>();
  private server?: Server;

  /** Opens the shared port (0: any free one); returns its origin. */
  async listen(port: number, host = '127.0.0.1'): Promise<string> {
    if (this.server) throw new Error('the host is already listening');
    const server = createServer((request, response) => this.dispatch(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    return this.origin() as string;
  }

  /** The shared port's origin, e.g. http://127.0.0.1:3000 (undefined before listen). */
  origin(): string | undefined {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) return undefined;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;
  }

  /** Where a node's API is reached on the shared port: `<origin>/nodes/<nodeId>`. */
  apiUrl(nodeId: string): string {
    const origin = this.origin();
    if (!origin) throw new Error('the host is not listening');
    return `${origin}/nodes/${nodeId}`;
  }

  nodeIds(): string[] {
    return [...this.nodes.keys()];
  }

  node(nodeId: string): HostedNode | undefined {
    return this.nodes.get(nodeId);
  }

  /** Starts a node (its microservice, then its HTTP app) and serves it. */
  async start(settings: NodeSettings, options: HostedNodeOptions = {}): Promise<HostedNode> {
    const nodeId = settings.identity.nodeId;
    if (this.nodes.has(nodeId)) throw new Error(`this host already serves node ${nodeId}`);
    const logger = nodeLoggerOf(settings);
    const hosted = await asNode(logger, async () => {
      const app = await createNodeApp(settings, { logger, shutdownHooks: false });
      try {
        await app.startAllMicroservices();
        if (options.ownPort === undefined) await app.init();
        else await app.listen(options.ownPort, options.ownHost ?? settings.config.HTTP_HOST);
      } catch (error) {
        await app.close().catch(() => undefined);
        throw error;
      }
      const url =
        options.ownPort === undefined
          ? undefined
          : (await app.getUrl()).replace('[::1]', '127.0.0.1');
      const express = app.getHttpAdapter().getInstance() as Express;
      return { nodeId, app, url, logger, express };
    });
    this.nodes.set(nodeId, hosted);
    return hosted;
  }

  /** Stops one node: the shared port answers 404 for it from now on. */
  async stop(nodeId: string): Promise<void> {
    const hosted = this.nodes.get(nodeId);
    if (!hosted) return;
    this.nodes.delete(nodeId);
    await asNode(hosted.logger, () => hosted.app.close());
  }

  /** Stops every node (the last started first) and closes the shared port. */
  async close(): Promise<void> {
    for (const nodeId of this.nodeIds().reverse()) await this.stop(nodeId);
    const server = this.server;
    this.server = undefined;
    if (server) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    }
  }

  private dispatch(request: IncomingMessage, response: ServerResponse): void {
    const url = request.url ?? '/';
    const prefixed = PREFIX.exec(url);
    const nodeId = prefixed?.[1] ?? HOST_LABEL.exec(request.headers.host ?? '')?.[1];
    const hosted = nodeId ? this.nodes.get(nodeId) : undefined;
    if (!hosted) return unknownNode(response, nodeId);
    if (prefixed) {
      const rest = url.slice(prefixed[0].length);
      request.url = rest.startsWith('/') ? rest : `/${rest}`;
    }
    asNode(hosted.logger, () => hosted.express(request, response));
  }
}
