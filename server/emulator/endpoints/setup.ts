// /setup: the emulated app's settings, which the lessons switch (policy, secret, PKCE, certificate, callbacks).
import { randomBytes, X509Certificate } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { EmulatorContext } from '../context.ts';
import { DEFAULT_SCOPES, PROFILES, type AppSettings, type Policy } from '../org.ts';
import { safeEqual } from '../secrets.ts';
import { containsPrivateKey } from '../../pem.ts';

declare module 'express-session' {
  interface SessionData {
    sfSetupCsrf?: string;
  }
}

export function setupEndpoint(ctx: EmulatorContext): Router {
  const router = Router();
  router.get('/setup', (req, res) => render(ctx, req, res, {}));
  router.post('/setup', (req, res) => {
    if (!validCsrf(req))
      return render(ctx, req, res.status(403), {
        errors: ['The form expired: reload the page and try again.'],
      });
    const { settings, errors } = readForm(ctx.state.settings, req.body ?? {});
    if (errors.length > 0) return render(ctx, req, res.status(400), { errors, draft: req.body });
    ctx.state.updateSettings(settings);
    render(ctx, req, res, { saved: 'Settings saved. They apply to the next request.' });
  });
  router.post('/setup/reset', (req, res) => {
    if (!validCsrf(req))
      return render(ctx, req, res.status(403), {
        errors: ['The form expired: reload the page and try again.'],
      });
    ctx.state.reset();
    render(ctx, req, res, { saved: 'The emulator was reset: default settings, no approvals, no tokens.' });
  });
  return router;
}

function render(ctx: EmulatorContext, req: Request, res: Response, extra: Record<string, unknown>): void {
  req.session.sfSetupCsrf ??= randomBytes(16).toString('hex');
  res.render('emulator/setup', {
    title: 'App settings',
    settings: ctx.state.settings,
    clientId: ctx.options.clientId,
    profiles: PROFILES,
    allScopes: [...DEFAULT_SCOPES, 'full', 'offline_access'],
    csrf: req.session.sfSetupCsrf,
    errors: [],
    ...extra,
  });
}

function validCsrf(req: Request): boolean {
  const sent = typeof req.body?.csrf === 'string' ? req.body.csrf : '';
  return Boolean(req.session.sfSetupCsrf) && safeEqual(sent, req.session.sfSetupCsrf ?? '');
}

const list = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String);

/** Validates the form into new settings; every problem is explained in words an admin would use. */
export function readForm(
  current: AppSettings,
  body: Record<string, unknown>,
): { settings: AppSettings; errors: string[] } {
  const errors: string[] = [];
  const policy: Policy = body.policy === 'admin-approved' ? 'admin-approved' : 'self-authorize';
  const callbackUrls = String(body.callbackUrls ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  if (callbackUrls.length === 0) errors.push('Enter at least one callback URL.');
  for (const url of callbackUrls) {
    if (!URL.canParse(url)) errors.push(`"${url}" is not a URL.`);
  }
  const certificatePem = String(body.certificatePem ?? '').trim();
  if (containsPrivateKey(certificatePem)) {
    errors.push(
      'That is a private key, not a certificate. Upload the certificate (certs/jwt.crt, "BEGIN CERTIFICATE"); a private key must never leave your machine.',
    );
  } else if (!isCertificate(certificatePem)) {
    errors.push('The certificate must be a PEM X.509 certificate ("-----BEGIN CERTIFICATE-----").');
  }
  const scopes = list(body.scopes).filter((scope) => /^[a-z_]+$/.test(scope));
  if (scopes.length === 0) errors.push('Select at least one OAuth scope.');
  return {
    settings: {
      ...current,
      policy,
      profiles: list(body.profiles).filter((p) => (PROFILES as readonly string[]).includes(p)),
      requireSecret: body.requireSecret === 'on',
      requirePkce: body.requirePkce === 'on',
      callbackUrls,
      certificatePem: certificatePem ? `${certificatePem}\n` : current.certificatePem,
      scopes,
    },
    errors,
  };
}

function isCertificate(pem: string): boolean {
  try {
    new X509Certificate(pem);
    return true;
  } catch {
    return false;
  }
}
