// The security headers both servers send, configured once: a strict policy, never in a frame, no Referer. Each
// server adds its own directives (where its forms may lead); fixedHeaders records the result once.
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** `directives` add to the policy: each server's form-action, and the app's connect-src. */
export function securityHeaders(directives: Record<string, string[]>): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        // Helmet's defaults allow inline styles and any https: style or font; no page needs either.
        'style-src': ["'self'"],
        'font-src': ["'self'"],
        // No page is ever framed, not even by its own server: another origin's page could trick a click (Allow).
        'frame-ancestors': ["'none'"],
        ...directives,
      },
    },
    // HSTS on localhost would pin every other local project to HTTPS; it teaches nothing here.
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
    // Tokens must never leave in a Referer header.
    referrerPolicy: { policy: 'no-referrer' },
  });
}
