// A new org's state, and how saved settings follow the defaults when the port or the app certificate changes.
import { generateKeyPairSync } from 'node:crypto';
import { defaultOrgSettings, type AppSettings } from './org.ts';
import type { Persisted } from './stateFile.ts';

/** The state without its tokens, which the token store keeps. */
export type SavedState = Omit<Persisted, 'accessTokens' | 'refreshTokens'>;

/** Default settings, no approvals; the id_token signing key given, or a new one. */
export function freshState(settings: AppSettings, signingKeyPem?: string): SavedState {
  const privateKeyPem =
    signingKeyPem ??
    generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
  return {
    defaults: { callbackUrls: settings.callbackUrls, certificatePem: settings.certificatePem },
    settings,
    org: defaultOrgSettings(),
    approvals: [],
    signingKey: { kid: '262', privateKeyPem },
  };
}

/**
 * A new port or a regenerated certs/jwt.crt changes the defaults; settings the user never edited follow them,
 * while settings changed on the setup page are kept.
 */
export function followNewDefaults(data: SavedState, next: AppSettings): void {
  const { settings, defaults: previous } = data;
  // Compared as text, whatever its line endings: a certificate saved from Setup by an older version kept CRLF.
  if (samePem(settings.certificatePem, previous.certificatePem))
    settings.certificatePem = next.certificatePem;
  const [oldCallback] = previous.callbackUrls;
  settings.callbackUrls = settings.callbackUrls.map((url) =>
    url === oldCallback ? next.callbackUrls[0] : url,
  );
  if (settings.callbackUrls.length === 0) settings.callbackUrls = [...next.callbackUrls];
  data.defaults = { callbackUrls: next.callbackUrls, certificatePem: next.certificatePem };
}

function samePem(a: string, b: string): boolean {
  const text = (pem: string) => pem.replace(/\r\n?/g, '\n').trim();
  return text(a) === text(b);
}
