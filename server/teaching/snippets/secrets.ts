// Which variable carries each secret of a request in a snippet, and what to put there before Reveal.
import { JWT_GRANT_TYPE } from '../../flows/jwtBearer.ts';

/** A secret in a request: the variable a snippet reads it from, and what to put there. */
export interface Secret {
  variable: string;
  /** Completes "export SF_X='<…>'" before Reveal. */
  describe: string;
  /** The raw value; undefined when this app never kept it (a password). */
  value: string | undefined;
}

export type Value = string | Secret;

export const isSecret = (value: Value): value is Secret => typeof value !== 'string';

/** Device flow polls send the device code as `code`; everywhere else `code` is an authorization code. */
const DEVICE_GRANTS = new Set(['device', 'urn:ietf:params:oauth:grant-type:device_code']);

const NAMED: Record<string, [variable: string, describe: string]> = {
  client_secret: ['SF_CLIENT_SECRET', 'the consumer secret'],
  code: ['SF_AUTH_CODE', 'the authorization code'],
  code_verifier: ['SF_CODE_VERIFIER', 'the PKCE code_verifier'],
  assertion: ['SF_ASSERTION', 'the signed JWT assertion'],
  refresh_token: ['SF_REFRESH_TOKEN', 'the refresh token'],
  access_token: ['SF_ACCESS_TOKEN', 'the access token'],
  password: ['SF_PASSWORD', 'the password followed by the security token'],
  token: ['SF_TOKEN', 'the access or refresh token it names'],
};

/**
 * The secret a parameter carries, named for what it is in this request (the `code` of a device poll is a device
 * code; the `token` of an introspection named by its hint); undefined for a parameter that is no secret.
 */
export function secretOf(
  name: string,
  value: string,
  form: URLSearchParams = new URLSearchParams(),
): Secret | undefined {
  let named = NAMED[name];
  if (!named) return undefined;
  if (name === 'code' && DEVICE_GRANTS.has(form.get('grant_type') ?? ''))
    named = ['SF_DEVICE_CODE', 'the device_code'];
  if (name === 'assertion' && form.get('grant_type') !== JWT_GRANT_TYPE)
    named = ['SF_ASSERTION', 'the assertion'];
  const hint = form.get('token_type_hint');
  if (name === 'token' && (hint === 'access_token' || hint === 'refresh_token')) named = NAMED[hint];
  // The transcript writes "(not kept)" for a value this app never stores.
  return { variable: named[0], describe: named[1], value: value === '(not kept)' ? undefined : value };
}

/** Every secret of a request once, in the order they appear, so a snippet sets each variable once. */
export function distinctSecrets(values: readonly Value[]): Secret[] {
  const seen = new Map<string, Secret>();
  for (const value of values)
    if (isSecret(value) && !seen.has(value.variable)) seen.set(value.variable, value);
  return [...seen.values()];
}
