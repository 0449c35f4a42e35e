// Validates the setup page's form into the app's new settings; every problem is explained in an admin's words.
import { X509Certificate } from 'node:crypto';
import { containsPrivateKey } from '../../pem.ts';
import { callbackUrlProblem, MAX_CALLBACK_URLS } from '../callbackUrls.ts';
import { PROFILES, type AppSettings, type Policy } from '../org.ts';

const list = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String);

export function readForm(
  current: AppSettings,
  body: Record<string, unknown>,
): { settings: AppSettings; errors: string[] } {
  const errors: string[] = [];
  const policy: Policy = body.policy === 'admin-approved' ? 'admin-approved' : 'self-authorize';
  const callbackUrls = [
    ...new Set(
      String(body.callbackUrls ?? '')
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
    ),
  ];
  if (callbackUrls.length === 0) errors.push('Enter at least one callback URL.');
  if (callbackUrls.length > MAX_CALLBACK_URLS)
    errors.push(`Enter at most ${MAX_CALLBACK_URLS} callback URLs.`);
  for (const url of callbackUrls.slice(0, MAX_CALLBACK_URLS)) {
    const problem = callbackUrlProblem(url);
    if (problem) errors.push(problem);
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
      scopes: [...new Set(scopes)],
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
