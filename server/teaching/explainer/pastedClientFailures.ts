// Failures of a client itself, which never reached Salesforce, as people paste them from Node, OpenSSL or Python:
// a key it could not read, a certificate it did not trust, a host it could not reach. Each goes to the explanation
// the playground gives for the same failure of its own.
import { lineAround } from './pastedDescription.ts';
import type { PastedError } from './types.ts';

/** Failures of the client itself, which never reached Salesforce: its own words, each to the explanation it needs. */
const CLIENT_FAILURES: [RegExp, string][] = [
  [
    /PEM routines|DECODER routines|no start line|bad decrypt|ERR_OSSL_[A-Z_]+|PRIVATE\s+KEY[^\n]*(?:invalid|unsupported)/i,
    'pem_error',
  ],
  [
    /\b(?:UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_GET_ISSUER_CERT(?:_LOCALLY)?|CERT_HAS_EXPIRED|ERR_TLS_CERT_ALTNAME_INVALID|CERTIFICATE_VERIFY_FAILED)\b|unable to verify the first certificate|self[- ]signed certificate|PKIX path building failed/i,
    'untrusted_certificate',
  ],
  // A key or certificate file the client could not open: the same card as a key it could not read. Each code is read
  // up to the next one at most, so that a line of many is read once, not once per code.
  [/\b(?:ENOENT|EACCES)\b(?:(?!ENOENT|EACCES)[^\n])*?\.(?:key|pem|crt|p8)\b/, 'pem_error'],
  // undici (Node's fetch) names the failure in its cause: ConnectTimeoutError's line says more than its code's.
  [/\b(?:ETIMEDOUT|ConnectTimeoutError|UND_ERR_(?:CONNECT|HEADERS|BODY)_TIMEOUT)\b|\btimed out\b/, 'timeout'],
  [
    /\b(?:ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|EHOSTUNREACH|UnknownHostException|SSL_ERROR_SYSCALL|UND_ERR_SOCKET|SocketError)\b|getaddrinfo/,
    'network_error',
  ],
];

/**
 * The same failures in words only: Node's messages without their code (node-fetch's "reason: …"), curl's, Python's
 * (requests, urllib3) and Java's. Words of a sentence, so read only when no Salesforce error is in the paste ("…
 * invalid_grant … after a socket hang up" is the invalid_grant).
 */
const CLIENT_FAILURE_WORDS: [RegExp, string][] = [
  [
    /unable to get local issuer certificate|certificate has expired|does not match certificate's altnames|SSL certificate problem|unable to find valid certification path|SSL peer certificate or SSH remote key was not OK|No subject alternative (?:DNS )?names? matching|CertificateExpiredException|The remote certificate is invalid/i,
    'untrusted_certificate',
  ],
  // .NET's outer line, when the inner exception that names the reason was not pasted.
  [/The SSL connection could not be established/, 'untrusted_certificate'],
  // .NET's HttpClient.Timeout, and Windows' words for a connection that was never answered.
  [/Timeout was reached|HttpClient\.Timeout of|did not properly respond after a period of time/, 'timeout'],
  [
    /Could not resolve host|Couldn't connect to server|Connection refused|Failed to establish a new connection|Name or service not known|Failed to resolve|socket hang up|No such host is known|actively refused it|forcibly closed by the remote host|other side closed/,
    'network_error',
  ],
  // Node's fetch (undici) says only this, its reason left in the error's cause: read last, after any cause pasted.
  [/\bfetch failed\b/, 'fetch_failed'],
];

/**
 * A client's own checks of an answer that came (openid-client 5's and 6's words, jose's, OmniAuth's, passport's): an
 * id_token's iss or nonce, or the callback's state, was not the one expected, or the answer was not JSON. Salesforce
 * answered; the client refused.
 */
const CLIENT_CHECKS: [RegExp, string][] = [
  // Spring Security lists the claims it refused: an iss among them is the issuer check.
  [
    /\bunexpected (?:JWT )?"?iss"? (?:\(issuer\) )?(?:claim )?value\b|\[invalid_id_token\][^\n{]{0,200}\{[^\n]{0,200}\biss=/i,
    'client_iss_mismatch',
  ],
  [
    /\bnonce mismatch\b|\bunexpected (?:ID Token |JWT )?"nonce" claim value\b|\[invalid_nonce\]/i,
    'client_nonce_mismatch',
  ],
  // openid-client 5 and 6, OmniAuth's csrf_detected, passport's words: the state that came back is not the one kept.
  // Spring Security's own codes for the same checks: no saved request for the state that came back, or another state.
  [
    /\bstate mismatch\b|\bunexpected "state" response parameter|\bresponse parameter "state" missing|\bcsrf_detected\b|Unable to verify authorization request state|\[(?:authorization_request_not_found|invalid_state_parameter)\]/i,
    'client_state_mismatch',
  ],
  // An RFC 8628 client (oauth4webapi, openid-client 6) meeting Salesforce's older device flow: no device endpoint in
  // discovery, and a start answer without the expires_in the RFC requires (no Salesforce answer carries one).
  [
    /\bdevice_authorization_endpoint\b[^\n]{0,80}(?:must be configured|missing|not (?:configured|found|present))|"expires_in" property must be a number/i,
    'client_device_dialect',
  ],
  // Auth.js's InvalidCheck: the state, PKCE verifier or nonce it keeps in a cookie did not come back (or not readable).
  [
    /\bInvalidCheck: (?:state|pkceCodeVerifier|nonce) (?:value could not be parsed|cookie was missing)/,
    'client_check_cookie_lost',
  ],
  // oauth4webapi (under Auth.js and openid-client 6): an OpenID Connect token response with no id_token.
  [/"response" body "id_token" property must be a string/, 'client_no_id_token'],
  // oauth4webapi's and openid-client 6's words, and simple-oauth2's (JSON-strict @hapi/wreck): an answer not in JSON.
  [
    /"response" content-type must be application\/json|\bOAUTH_RESPONSE_IS_NOT_JSON\b|The content-type is not JSON compatible|is not a conform UserInfo Endpoint response \(unexpected HTTP status code\)/,
    'client_not_json',
  ],
];

/**
 * passport-oauth2's words when the profile call after the token failed (passport-salesforce-oauth2's too): read before
 * the answer it keeps in oauthError, whose Bad_OAuth_Token alone would say the token was expired, not the call wrong.
 * After the failures above: a profile call that never reached Salesforce is told by their cards.
 */
const PROFILE_CALL: [RegExp, string][] = [[/\bFailed to fetch user profile\b/, 'client_profile_failed']];

export const fromClientFailure = (input: string) =>
  refused(firstOf(CLIENT_CHECKS, input)) ?? firstOf(CLIENT_FAILURES, input) ?? firstOf(PROFILE_CALL, input);

const refused = (found: PastedError | undefined) => found && { ...found, refusedAnswer: true };
/**
 * After the words of a failure, Auth.js's OAuthCallbackError, which logs Salesforce's ?error= only at debug level:
 * read late, when no error of Salesforce's is in the paste (its page leads with an error the line does not name).
 */
export const fromClientFailureWords = (input: string) =>
  firstOf(CLIENT_FAILURE_WORDS, input) ?? firstOf(HIDDEN_CALLBACK_ERROR, input);
const HIDDEN_CALLBACK_ERROR: [RegExp, string][] = [
  [/\bOAuthCallbackError: OAuth Provider returned an error\b/, 'client_callback_error'],
  // The Android Mobile SDK's RestClient, when a refresh gave no token, for whatever reason (RestClient.java).
  [/\bRefreshTokenRevokedException: Could not refresh token\b/, 'client_refresh_hidden'],
];

function firstOf(failures: [RegExp, string][], input: string): PastedError | undefined {
  for (const [shape, error] of failures) {
    const match = shape.exec(input);
    if (match)
      return {
        error,
        error_description: lineAround(input, match.index, match.index + match[0].length),
        fromClient: true,
      };
  }
  return undefined;
}
