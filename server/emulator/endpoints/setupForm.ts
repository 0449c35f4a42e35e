// Validates the setup page's form into the app's new settings; every problem is explained in an admin's words.
import { certificatesIn, containsPrivateKey, parsesAsCertificate } from '../../pem.ts';
import { callbackUrlProblem, MAX_CALLBACK_URLS } from '../callbackUrls.ts';
import { listedLines, readCors } from './setupCors.ts';
import { readNamedUserJwt } from './setupJwtTokens.ts';
import {
  PERIOD_UNITS,
  PROFILES,
  REFRESH_POLICIES,
  type AppSettings,
  type OrgSettings,
  type PeriodUnit,
  type Policy,
  type RefreshTokenPolicy,
} from '../org.ts';

const list = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String);
const checked = (value: unknown): boolean => value === 'on';
const MAX_PERIOD = 10_000;
/** The form's lists; every other field is sent once, and a repeated one would otherwise be joined by commas. */
const LISTS = new Set(['scopes', 'profiles']);

export const PRIVATE_KEY_PASTED =
  'That is a private key, not a certificate. Upload the certificate (certs/jwt.crt, "BEGIN CERTIFICATE"); a private key must never leave your machine.';

type Field =
  | 'callbackUrls'
  | 'certificatePem'
  | 'corsAllowedOrigins'
  | 'namedUserJwtTimeout'
  | 'refreshTokenAmount'
  | 'runAsUserId';
/** The form's fields a problem can be about: the page marks each at fault and describes it by its own problems. */
export type FieldErrors = Partial<Record<Field, string[]>>;

/**
 * The whole form: the app's settings, the org's OAuth settings, and every problem found (then nothing is saved),
 * with the problems of each field that has one.
 */
export function readForm(
  current: AppSettings,
  body: Record<string, unknown>,
  userIds: readonly string[],
  currentOrg: OrgSettings,
): { settings: AppSettings; org: OrgSettings; errors: string[]; fieldErrors: FieldErrors } {
  const errors: string[] = [];
  const fieldErrors: FieldErrors = {};
  const problem = (field: keyof FieldErrors, text: string) => {
    errors.push(text);
    (fieldErrors[field] ??= []).push(text);
  };
  for (const [name, value] of Object.entries(body)) {
    if (Array.isArray(value) && !LISTS.has(name))
      errors.push(`The form sent ${name} more than once: send it once.`);
  }
  const policy: Policy = body.policy === 'admin-approved' ? 'admin-approved' : 'self-authorize';
  const callbackUrls = listedLines(body.callbackUrls);
  if (callbackUrls.length === 0) problem('callbackUrls', 'Enter at least one callback URL.');
  if (callbackUrls.length > MAX_CALLBACK_URLS)
    problem('callbackUrls', `Enter at most ${MAX_CALLBACK_URLS} callback URLs.`);
  for (const url of callbackUrls.slice(0, MAX_CALLBACK_URLS)) {
    const found = callbackUrlProblem(url);
    if (found) problem('callbackUrls', found);
  }
  // A browser sends a textarea's lines ending in CRLF; the certificate is kept as certs/jwt.crt writes it, with LF.
  const certificatePem = String(body.certificatePem ?? '')
    .replace(/\r\n?/g, '\n')
    .trim();
  if (containsPrivateKey(certificatePem)) {
    problem('certificatePem', PRIVATE_KEY_PASTED);
  } else if (!parsesAsCertificate(certificatePem)) {
    problem(
      'certificatePem',
      'The certificate must be a PEM X.509 certificate ("-----BEGIN CERTIFICATE-----").',
    );
  } else if (certificatesIn(certificatePem) > 1) {
    // Only the first would be read, and an assertion signed by another one's key would fail without a reason.
    problem(
      'certificatePem',
      `That holds ${certificatesIn(certificatePem)} certificates. Upload one: the certificate of the key that signs the JWT (certs/jwt.crt), not a chain.`,
    );
  }
  const scopes = list(body.scopes).filter((scope) => /^[a-z_]+$/.test(scope));
  if (scopes.length === 0) errors.push('Select at least one OAuth scope.');
  const runAs = typeof body.runAsUserId === 'string' ? body.runAsUserId : '';
  if (runAs !== '' && !userIds.includes(runAs))
    problem('runAsUserId', 'The Run As user must be one of the org’s users.');
  return {
    settings: {
      ...current,
      policy,
      profiles: list(body.profiles).filter((p) => (PROFILES as readonly string[]).includes(p)),
      requireSecret: checked(body.requireSecret),
      requirePkce: checked(body.requirePkce),
      callbackUrls,
      // As typed, a cleared box too (refused above): the saved certificate in its place would read as kept.
      certificatePem: certificatePem ? `${certificatePem}\n` : '',
      scopes: [...new Set(scopes)],
      clientCredentialsEnabled: checked(body.clientCredentialsEnabled),
      runAsUserId: userIds.includes(runAs) ? runAs : undefined,
      deviceFlowEnabled: checked(body.deviceFlowEnabled),
      requireSecretForRefresh: checked(body.requireSecretForRefresh),
      refreshTokenRotation: checked(body.refreshTokenRotation),
      refreshTokenPolicy: readPolicy(body, current.refreshTokenPolicy, (text) =>
        problem('refreshTokenAmount', text),
      ),
      ...readNamedUserJwt(body, current, (text) => problem('namedUserJwtTimeout', text)),
    },
    org: {
      allowUsernamePassword: checked(body.allowUsernamePassword),
      // Added after the other switches: a page opened before it existed shows no box, which must not read as "off".
      allowUserAgent:
        body.allowUserAgentShown === '1' ? checked(body.allowUserAgent) : currentOrg.allowUserAgent,
      appInstalled: checked(body.appInstalled),
      ...readCors(body, currentOrg, (text) => problem('corsAllowedOrigins', text)),
    },
    errors,
    fieldErrors,
  };
}

function readPolicy(
  body: Record<string, unknown>,
  current: RefreshTokenPolicy,
  refuse: (text: string) => void,
): RefreshTokenPolicy {
  const kind = REFRESH_POLICIES.find((value) => value === body.refreshTokenPolicy) ?? current.kind;
  const unit: PeriodUnit = PERIOD_UNITS.find((value) => value === body.refreshTokenUnit) ?? current.unit;
  const raw = typeof body.refreshTokenAmount === 'string' ? body.refreshTokenAmount.trim() : '';
  const amount = Number(raw);
  const valid = /^\d+$/.test(raw) && amount >= 1 && amount <= MAX_PERIOD;
  if (!valid && (kind === 'inactivity' || kind === 'lifetime')) {
    refuse(`The refresh token policy needs a whole number from 1 to ${MAX_PERIOD}.`);
  }
  return { kind, amount: valid ? amount : current.amount, unit };
}
