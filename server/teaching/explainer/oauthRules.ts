// Explanations for OAuth errors of the redirect flows (callback, code, PKCE, consent) and the token endpoint in general.
import { REDIRECT_URI_MISMATCH } from './callbackUrlRule.ts';
import { APP_MANAGER, type Rule } from './types.ts';

const PKCE_MISMATCH: Rule = {
  key: 'pkce-mismatch',
  error: 'invalid_grant',
  description: 'invalid code verifier',
  title: 'The PKCE verifier does not match the challenge',
  likelyMeaning:
    'The code was requested with a code_challenge, and the code_verifier sent now is missing or does not hash to it.',
  howToFix:
    'Send the code_verifier of the same attempt, and compute the challenge as BASE64URL(SHA256(verifier)) without padding, encoded once.',
  whatNotToDo: 'Do not use the plain method or reuse one verifier across logins.',
  detail: (c) => (c.sentVerifier === false ? 'This token request carried no code_verifier.' : undefined),
};

export const OAUTH_RULES: Rule[] = [
  REDIRECT_URI_MISMATCH,
  {
    key: 'token-redirect-mismatch',
    error: 'invalid_grant',
    description: /redirect[_ ]?uri/i,
    title: 'The redirect_uri of the exchange differs from the authorize request',
    likelyMeaning: 'The code exchange must send exactly the redirect_uri used at authorize.',
    howToFix: 'Send the same redirect_uri in both requests (this app uses SF_CALLBACK_URL for both).',
    whatNotToDo: 'Do not leave redirect_uri out of the token request.',
    detail: (c) =>
      c.redirectUri
        ? `The exchange sent ${c.redirectUri}; authorize used ${c.configuredCallback}.`
        : undefined,
  },
  {
    key: 'code-expired',
    error: 'invalid_grant',
    description: 'expired authorization code',
    title: 'The code was already used or is too old',
    likelyMeaning:
      'An authorization code works once and for a few minutes. Refreshing the callback page, a double submit, or exchanging it twice all give this answer; so does a code URL-decoded twice (%3D, %25).',
    howToFix: 'Start the flow again and exchange each code exactly once, right away.',
    whatNotToDo: 'Do not retry the exchange with the same code, and do not decode the code twice.',
  },
  {
    key: 'authentication-failure',
    error: 'invalid_grant',
    description: 'authentication failure',
    title: 'Salesforce refused the user',
    likelyMeaning:
      'A catch-all: wrong credentials, the user is inactive or their password changed, or the org blocks the login (its IP ranges, say) or an app setting refuses them. Whether a frozen user or one outside their login hours gets these words is unconfirmed.',
    howToFix: "Check the user's record and Setup → Login History for the real status of this attempt.",
    whatNotToDo: 'Do not loop retries: repeated failures can lock the user out.',
  },
  PKCE_MISMATCH,
  // The code Salesforce's documentation gives for the same mismatch; the one observed is invalid_grant.
  { ...PKCE_MISMATCH, key: 'pkce-mismatch-documented', error: 'invalid_request' },
  {
    key: 'pkce-unexpected',
    error: 'invalid_grant',
    description: 'unexpected code verifier',
    title: 'A verifier was sent for a code requested without PKCE',
    likelyMeaning:
      'The authorize request had no code_challenge, so Salesforce did not expect a code_verifier.',
    howToFix: 'Send code_challenge at authorize whenever you send code_verifier at the exchange.',
    whatNotToDo: 'Do not drop PKCE to silence the error; add the challenge.',
  },
  {
    key: 'pkce-required',
    error: 'invalid_request',
    description: /code challenge/i,
    title: 'The app requires PKCE',
    likelyMeaning:
      '"Require Proof Key for Code Exchange" is on for this app, or for the whole org (OAuth and OpenID Connect Settings, metadata OauthOidcSettings.isPkceRequired, since API 59.0, Winter \'24), and the authorize request had no code_challenge (or an unknown method). A new External Client App has it on from the start (its isPkceRequired defaults to true), so a client that never sends PKCE fails against one; an AppExchange partner\'s app must have it on and may not turn it off again.',
    howToFix: 'Send code_challenge with code_challenge_method=S256.',
    whatNotToDo: 'Do not turn the requirement off; PKCE protects codes from interception.',
  },
  {
    key: 'grant-type',
    error: 'unsupported_grant_type',
    title: 'Unknown grant_type',
    likelyMeaning:
      'grant_type is misspelled or missing, the body was not sent as application/x-www-form-urlencoded, or the token endpoint was called over http:// instead of https:// (reported for a code exchange).',
    howToFix:
      'Use one Salesforce knows (authorization_code, refresh_token, client_credentials, password, device, urn:ietf:params:oauth:grant-type:jwt-bearer, urn:ietf:params:oauth:grant-type:token-exchange), in a form-encoded POST body to an https:// URL.',
    whatNotToDo: 'Do not send JSON to the token endpoint.',
  },
  {
    key: 'access-denied',
    error: 'access_denied',
    title: 'The user clicked Deny',
    likelyMeaning: 'Salesforce asked the user to allow this app and the answer was no.',
    howToFix: 'Start again and click Allow, or ask an admin to pre-authorize the app.',
    whatNotToDo: 'Do not retry automatically: the user said no.',
  },
  {
    // Edit → Selected OAuth Scopes: "Set Up OAuth in Your Service Cloud Voice Connected App" (developer.salesforce.com).
    key: 'invalid-scope',
    restartAfter: true,
    error: 'invalid_scope',
    title: 'A requested scope is not allowed for this app',
    likelyMeaning: "The scope parameter asked for something the app's Selected OAuth Scopes do not include.",
    howToFix: `Add the scope to the app (${APP_MANAGER} → Edit → Selected OAuth Scopes) or ask for less: on the web server and user-agent pages, untick it under "Who logs in"; SF_SCOPES sets the scopes ticked at first, and the device flow's.`,
    whatNotToDo: 'Do not add "full" just in case; ask for what you use.',
    detail: (c) =>
      c.scope !== undefined
        ? `This login asked for scope=${c.scope}: each of these must be among the app's Selected OAuth Scopes.`
        : undefined,
  },
  {
    key: 'response-type',
    error: 'unsupported_response_type',
    title: 'Unknown response_type',
    likelyMeaning:
      'response_type must be code (web server), token or "token id_token" (user-agent) at the authorize URL, or device_code at the token endpoint (the device flow\'s start).',
    howToFix: "Fix the response_type parameter of the authorize URL (or of the device flow's first request).",
    whatNotToDo: 'Do not invent combinations; Salesforce supports the documented ones.',
  },
  {
    key: 'revoke-token',
    error: 'invalid_token',
    title: 'Nothing to revoke',
    likelyMeaning: 'The token was already revoked or expired, or is not a token of this org.',
    howToFix: 'Nothing to do for a logout; otherwise check which token you are sending.',
    whatNotToDo: 'Do not treat this as a failed logout: the token is unusable either way.',
  },
  {
    key: 'invalid-request',
    error: 'invalid_request',
    title: 'The request is malformed',
    likelyMeaning: 'A required parameter is missing, a value is invalid, or the wrong HTTP method was used.',
    howToFix: "Compare the request in the transcript with Salesforce's documentation for this endpoint.",
    whatNotToDo: 'Do not add random parameters; remove what is not documented.',
  },
];
