// Masks secrets wherever they appear in a transcript: URLs, form bodies, JSON bodies and headers.
// Values are masked by parameter name first, then any known secret value left anywhere is scrubbed (scrub.ts).

/** Parameters whose values are credentials (or would let someone mint one). */
export const SECRET_NAMES = new Set([
  'client_secret',
  'access_token',
  'refresh_token',
  'id_token',
  'code',
  // As strong as a code: with the user's approval, it alone is traded for tokens.
  'device_code',
  'code_verifier',
  'assertion',
  'signature',
  'token',
  'oauth_token',
  'password',
]);

/**
 * Salesforce's value shapes whose first characters tell values apart and give nothing away: the org id (00D…!) that
 * starts an access token or session id, a refresh token's 5Aep, a code's aPrx. Of anything else (a password, a
 * secret, a verifier) even four characters are a part of the secret, so none is shown.
 */
const TELLING_PREFIX = /^(?:00D[A-Za-z0-9]{12,15}!|5Aep|aPrx)/;

/** A masked value: its length, and its first four characters when they only say which org or kind it is. */
export function maskValue(value: string): string {
  if (value.length <= 12) return '••••••';
  const prefix = TELLING_PREFIX.test(value) ? `${value.slice(0, 4)}…` : '';
  return `${prefix}•••••• (${value.length} chars)`;
}

/** Whether `value` is one maskValue gave, whole: a secret's place, not words. */
export const isMaskedValue = (value: string) =>
  /^(?:[^\s…]{1,4}…)?••••••(?: \(\d+ chars\))?$/.test(value.trim());

/** A JWT keeps its readable header and claims; only the signature is secret material. */
function maskParam(name: string, value: string): string {
  if ((name === 'assertion' || name === 'id_token') && value.split('.').length === 3) {
    const [header, claims] = value.split('.');
    return `${header}.${claims}.••••••`;
  }
  return maskValue(value);
}

/** One name=value pair for display: the name and a clear value encoded as sent, a masked value as it reads. */
function displayPair(name: string, value: string): string {
  const encoded = new URLSearchParams([[name, value]]).toString();
  return SECRET_NAMES.has(name)
    ? `${encoded.slice(0, encoded.indexOf('=') + 1)}${maskParam(name, value)}`
    : encoded;
}

/**
 * A query string or form body as the page shows it. Masked values are not percent-encoded (they are never sent,
 * and `%E2%80%A6%E2%80%A2` teaches nothing); everything else keeps the encoding that went over the wire.
 */
export function maskQuery(params: URLSearchParams): string {
  return [...params].map(([name, value]) => displayPair(name, value)).join('&');
}

export function maskUrl(url: string): string {
  if (!URL.canParse(url)) return url;
  const parsed = new URL(url);
  const query = maskQuery(parsed.searchParams);
  const fragment = parsed.hash ? maskQuery(new URLSearchParams(parsed.hash.slice(1))) : '';
  return `${parsed.origin}${parsed.pathname}${query ? `?${query}` : ''}${parsed.hash ? `#${fragment}` : ''}`;
}

export function maskForm(body: string): string {
  return maskQuery(new URLSearchParams(body));
}

/** A secret parameter's value as the page shows it, for the parameter table. */
export function maskParamValue(name: string, value: string): string {
  return SECRET_NAMES.has(name) ? maskParam(name, value) : value;
}

/** JSON bodies are masked key by key and pretty-printed; anything else is returned as it is. */
export function maskJson(body: string): string {
  return prettyJson(body, maskTree);
}

/** Pretty-printed JSON (masked or raw alike, so Reveal changes values, never the layout); other text unchanged. */
export function prettyJson(body: string, transform: (value: unknown) => unknown = (value) => value): string {
  try {
    return JSON.stringify(transform(JSON.parse(body)), null, 2);
  } catch {
    return body;
  }
}

function maskTree(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskTree);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        SECRET_NAMES.has(key) && typeof inner === 'string' ? maskParam(key, inner) : maskTree(inner),
      ]),
    );
  }
  return value;
}

export function maskHeaders(headers: Record<string, string>): Record<string, string> {
  const masked: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'authorization')
      masked[name] = value.replace(
        /^(\w+)\s+(.+)$/,
        (_m, scheme: string, secret: string) => `${scheme} ${maskValue(secret)}`,
      );
    else if (lower === 'cookie' || lower === 'set-cookie') masked[name] = '••••••';
    else masked[name] = value;
  }
  return masked;
}
