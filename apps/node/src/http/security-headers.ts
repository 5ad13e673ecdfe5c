import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/**
 * HTTP hardening of a node (docs/security.md): helmet's headers (nosniff, frame denial, a
 * same-origin content security policy, no referrer across origins, …), no `X-Powered-By`,
 * Strict-Transport-Security only when the request came over TLS (directly, or through a
 * trusted proxy), and `Cache-Control: no-store` on every sign-in answer (tokens must not be
 * cached by a browser or a proxy).
 */
export function applySecurityHeaders(app: NestExpressApplication, trustProxy: boolean): void {
  app.disable('x-powered-by');
  if (trustProxy) app.set('trust proxy', true);
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // Swagger UI and the console's component library set styles inline.
          styleSrc: ["'self'", "'unsafe-inline'"],
          // The console previews evidence (images, PDFs) from object URLs of files it fetched.
          imgSrc: ["'self'", 'data:', 'blob:'],
          frameSrc: ["'self'", 'blob:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: null,
        },
      },
      strictTransportSecurity: false,
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.secure)
      response.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    if (request.path.startsWith('/auth/')) {
      response.setHeader('Cache-Control', 'no-store');
      response.setHeader('Pragma', 'no-cache');
    }
    next();
  });
}
