// Masks secrets wherever they appear in a transcript: URLs, form bodies, JSON bodies and headers.
// Values are masked by parameter name first, then any known secret value left anywhere is scrubbed.

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

/** Keeps a short, harmless prefix (the org id of a token, "aPrx" of a code) so the learner can tell values apart. */
export function maskValue(value: string): string {
  if (value.length <= 12) return '••••••';
  return `${value.slice(0, 4)}…•••••• (${value.length} chars)`;
}

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

/** The last line of defence: any known secret value still present (in any encoding) is replaced. */
export function scrub(text: string, secrets: readonly string[]): string {
  let scrubber = byList.get(secrets);
  if (!scrubber) {
    scrubber = scrubberOfSecrets(secrets);
    byList.set(secrets, scrubber);
  }
  return scrubber(text);
}

/**
 * A page passes the same list to each of its hundred-odd scrubs: found by the list itself, without writing out its
 * few kilobytes as a key each time. A list is read-only to everyone it is passed to.
 */
const byList = new WeakMap<readonly string[], (text: string) => string>();

/** Pages of one sign-in build new lists of the same secrets: their pattern is built once, by the list's content. */
function scrubberOfSecrets(secrets: readonly string[]): (text: string) => string {
  // JSON, not a join: no two different lists may share a key (a secret may hold any character).
  const key = JSON.stringify(secrets);
  let scrubber = byContent.get(key);
  if (!scrubber) {
    scrubber = scrubberFor(secrets);
    if (byContent.size >= KEPT_SCRUBBERS) byContent.delete(byContent.keys().next().value as string);
    byContent.set(key, scrubber);
  }
  return scrubber;
}

const byContent = new Map<string, (text: string) => string>();
const KEPT_SCRUBBERS = 64;

/**
 * One pattern for every form of every secret (as sent, percent-encoded, form-encoded), longest first, so that a
 * secret containing another is masked whole rather than around the shorter one.
 */
function scrubberFor(secrets: readonly string[]): (text: string) => string {
  const masks = new Map<string, string>();
  for (const secret of secrets) {
    if (secret.length < 8) continue;
    const forms = [
      secret,
      encodeURIComponent(secret),
      new URLSearchParams({ x: secret }).toString().slice(2),
    ];
    for (const form of forms) if (!masks.has(form)) masks.set(form, maskValue(secret));
  }
  if (masks.size === 0) return (text) => text;
  const alternatives = [...masks.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const pattern = new RegExp(alternatives.join('|'), 'g');
  return (text) => text.replace(pattern, (found) => masks.get(found) ?? found);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
