// What a paste tells of the request that failed, besides the error: the grant type, whether a secret or a PKCE
// verifier was sent, a JWT assertion's claims. With it, a pasted error's likeliest explanation comes first, and its
// card can say what the request showed, as a flow page's does.
import type { FlowName } from '../../attempts/attempt.ts';
import { readJwt } from '../../jwt.ts';
import { corsOriginOf } from './pastedCors.ts';
import type { ExplainContext } from './types.ts';

/** grant_type values, as a form, a JSON body or a log line carries them, and the flow each belongs to. */
const GRANT_FLOWS: [RegExp, FlowName][] = [
  [/jwt-bearer/, 'jwt'],
  [/^authorization_code$/, 'web-server'],
  // The Mobile SDK refreshes with hybrid_refresh (salesforce-wire-flows.md §0).
  [/^refresh_token$|^hybrid_refresh$/, 'refresh-token'],
  [/^client_credentials$/, 'client-credentials'],
  [/^password$/, 'username-password'],
  [/^device$|device_code$/, 'device'],
];
const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
/** grant_type=…, grant_type: '…', "grant_type" => …, and a pair in code: ("grant_type", "…") in Java, C#, Python, Go. */
const GRANT_TYPE = /\bgrant_type(?:["']?\s*(?:=|:|=>)|["']\s*,)\s*["']?([\w:.%-]+)/i;
/**
 * Words of the tools that print these errors, when no grant_type was pasted: the sf CLI's "Error authenticating with
 * auth code due to: …", its JWT login's JwtGrantError, a refresh's "…with the refresh token…", a login call.
 */
const FLOW_WORDS: [RegExp, FlowName][] = [
  [/\bJwtGrantError\b|\bJWT\b|\bassertion=/i, 'jwt'],
  [/\bauth code\b|\bweb server flow\b/i, 'web-server'],
  [/\brefresh token flow\b|\bwith the refresh token\b/i, 'refresh-token'],
  [/\bclient credentials flow\b/i, 'client-credentials'],
  // A username-password call: jsforce's conn.login(user, password) (an invalid_grant shows it ran the OAuth grant,
  // not the SOAP login), the .NET toolkit's UsernamePasswordAsync, oauthlib's LegacyApplicationClient, authlib's and
  // requests-oauthlib's fetch_token(…, password=…) (bounded: one line's arguments), Go's PasswordCredentialsToken.
  [
    /\.login\(|\bUsernamePassword(?:Async)?\(|\bLegacyApplicationClient\b|\bfetch_token\([^()\n]{0,300}\bpassword\s*=|\.PasswordCredentialsToken\(/,
    'username-password',
  ],
  [/\bdevice flow\b/i, 'device'],
];
/**
 * The client's secret sent by HTTP Basic, as client credentials may send it: an Authorization header, curl's -u
 * key:secret, Python requests' auth=(key, secret) or HTTPBasicAuth(…), axios's auth: { username, password }.
 */
const BASIC = [
  /\bauthorization["']?\s*[:=]\s*["']?basic\s/i,
  /(?:^|\s)(?:-u|--user)[ \t=]+["']?[^\s:"']+:[^\s"']/,
  // The tuple's first item starts at a non-blank: blanks the item could take too would be split every way (quadratic).
  /\bauth\s*=\s*(?:\(\s*[^\s,()][^,()\n]*,|HTTPBasicAuth\()/,
  /\bauth\s*:\s*\{\s*username\b/,
];
/**
 * A call sent to a generic login host (Salesforce's, or the local emulator's when it is the org here, given by
 * `loginHost`): the REST API (and Apex REST, userinfo) or the token, revoke and introspect endpoints. Tokens are used
 * on instance_url, never there, and a browser's cross-origin calls are answered on My Domain only.
 */
function loginHostCall(text: string, loginHost?: string): { host: string; oauth: boolean } | undefined {
  const hosts = ['https:\\/\\/(?:login|test)\\.salesforce\\.com(?::443)?'];
  if (loginHost) hosts.push(loginHost.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  const call = new RegExp(
    `(?<![\\w.-])(${hosts.join('|')})\\/services\\/(?:(data|apexrest|oauth2\\/userinfo)|oauth2\\/(?:token|revoke|introspect))\\b`,
    'i',
  ).exec(text);
  return call ? { host: call[1].replace(/:443$/, '').toLowerCase(), oauth: !call[2] } : undefined;
}
// Where no base64url character precedes: \b would start again at each "eyJ" inside a long run (quadratic).
const JWT = /(?<![\w-])eyJ[\w-]+\.eyJ[\w-]+\.[\w-]*/g;

/**
 * The context a raw paste shows (read before its secrets are masked: only the non-secret parts are kept), with the
 * error's own description left out, so that its words ("expired authorization code") do not pass for the flow's.
 */
export function contextOfPaste(raw: string, description = '', loginHost?: string): ExplainContext {
  const text = description ? raw.split(description).join(' ') : raw;
  const context: ExplainContext = {};
  const pastedGrant = GRANT_TYPE.exec(text)?.[1];
  const decoded = pastedGrant ? safeDecode(pastedGrant) : undefined;
  const grantFlow = decoded ? GRANT_FLOWS.find(([shape]) => shape.test(decoded))?.[1] : undefined;
  // Only a grant Salesforce knows is the request's for certain: in code, grant_type: grantType names a variable.
  const grantType = grantFlow || decoded === TOKEN_EXCHANGE ? decoded : undefined;
  context.grantType = grantType;
  context.flow = grantFlow ?? FLOW_WORDS.find(([words]) => words.test(text))?.[1];
  // Only a request pasted whole says what it left out: its grant_type shows it is the request, not a fragment.
  const basic = BASIC.some((shape) => shape.test(text));
  if (grantType || /\bclient_secret\b/.test(text) || basic)
    context.sentSecret = /\bclient_secret\b/.test(text) || basic;
  if (grantType === 'authorization_code' || /\bcode_verifier\b/.test(text))
    context.sentVerifier = /\bcode_verifier\b/.test(text);
  const claims =
    [...text.matchAll(JWT)].map((found) => readJwt(found[0])?.claims).find(Boolean) ?? decodedClaims(text);
  if (claims) {
    context.flow ??= 'jwt';
    if (typeof claims.iss === 'string') context.iss = claims.iss;
    if (typeof claims.sub === 'string') context.sub = claims.sub;
    if (claims.aud !== undefined)
      context.aud = typeof claims.aud === 'string' ? claims.aud : JSON.stringify(claims.aud);
    if (typeof claims.exp === 'number') context.exp = claims.exp;
  }
  // A refresh sent with no refresh token: a form's empty field, or code's empty, undefined or null value.
  if (/\brefresh_token(?:=(?:&|\s|$)|["']?\s*:\s*(?:''|""|undefined\b|null\b|None\b))/m.test(text))
    context.emptyRefreshToken = true;
  const clientId = /\bclient_id["']?\s*(?:=|:)\s*["']?(3MVG[\w.]+)/.exec(text)?.[1];
  if (clientId) context.clientId = clientId;
  const onLoginHost = loginHostCall(text, loginHost);
  if (onLoginHost) context[onLoginHost.oauth ? 'oauthLoginHost' : 'apiLoginHost'] = onLoginHost.host;
  context.pageOrigin = corsOriginOf(raw);
  if (/\[auth\]\[(?:error|cause|details)\]|@auth\/core|errors\.authjs\.dev/.test(text)) context.authJs = true;
  return Object.fromEntries(Object.entries(context).filter(([, value]) => value !== undefined));
}

/** One line's flat JSON object: braces with no braces inside, taken whole (linear: each ends at the next brace). */
const FLAT_OBJECT = /\{[^{}\n]{1,2000}\}/g;

/**
 * An assertion's claims printed decoded (a log of what the code signs): a JSON object with iss and sub, and aud or
 * exp, as the JWT bearer flow's claims are. Any other object is no assertion.
 */
function decodedClaims(text: string): Record<string, unknown> | undefined {
  for (const [object] of text.matchAll(FLAT_OBJECT)) {
    if (!object.includes('"iss"') || !object.includes('"sub"')) continue;
    try {
      const parsed = JSON.parse(object) as Record<string, unknown>;
      if (
        typeof parsed.iss === 'string' &&
        typeof parsed.sub === 'string' &&
        ('aud' in parsed || 'exp' in parsed)
      )
        return parsed;
    } catch {
      // Not JSON (a Python dict, a fragment of a longer object): nothing to read.
    }
  }
  return undefined;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
