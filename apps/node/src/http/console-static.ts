import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import type { NextFunction, Request, Response } from 'express';
import { static as serveStatic } from 'express';

const NOT_BUILT =
  '控制台尚未构建：请运行 npm start（会自动构建），或 npx nx run console:build。\n' +
  'The console is not built: run npm start (it builds it), or npx nx run console:build.\n' +
  'API 文档 / API docs: /api/docs\n';

/**
 * Serves the console (联动工作台) from the built files at /console/: hashed assets cached for
 * a year, index.html never cached, and every other path under /console/ answered with
 * index.html (the console routes in the browser). `/` leads to the console. Compressed (gzip).
 */
export function serveConsole(app: NestExpressApplication, directory: string): void {
  const root = resolve(directory);
  const index = join(root, 'index.html');
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method === 'GET' && request.path === '/')
      return response.redirect(302, '/console/');
    next();
  });
  app.use('/console', compression());
  app.use(
    '/console',
    serveStatic(root, {
      index: false,
      fallthrough: true,
      setHeaders: (response, path) =>
        response.setHeader(
          'Cache-Control',
          path.includes(`${join(root, 'assets')}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        ),
    }),
  );
  app.use('/console', (request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (request.path.startsWith('/assets/')) return next();
    if (!existsSync(index)) {
      response.status(503).type('text/plain; charset=utf-8').send(NOT_BUILT);
      return;
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
}
