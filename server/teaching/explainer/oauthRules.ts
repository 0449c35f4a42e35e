// Explanations for OAuth errors of the redirect flows and the token endpoint in general.
import type { Rule } from './types.ts';

/** Then, from the menu at the end of the app's row: View (consumer details), Edit (OAuth settings) or Manage (policies). */
const APP_MANAGER = 'Setup → App Manager → your app';

export const OAUTH_RULES: Rule[] = [
  {
    key: 'invalid-app-access',
    error: 'invalid_app_access',
    title: 'The user is not assigned to this admin-approved app',
    likelyMeaning:
      'The app allows only admin-approved users, and this user has neither a profile nor a permission set assigned to it.',
    howToFix: `Assign the user's profile or a permission set to the app: ${APP_MANAGER} → Manage → Manage Profiles / Manage Permission Sets.`,
    whatNotToDo:
      'Do not switch the policy to self-authorize just to get past this in production; assign access instead.',
  },
  {
    key: 'invalid-client-id',
    error: 'invalid_client_id',
    title: 'Salesforce does not know this consumer key',
    likelyMeaning:
      'The client_id (or the iss of a JWT) is not the consumer key of an app in this org: a typo, a space or line break copied with it, an app created minutes ago that has not propagated yet, or an app that lives in another org than the login host you used.',
    howToFix: `Copy the Consumer Key again (${APP_MANAGER} → View → Manage Consumer Details) without surrounding spaces; wait up to 10 minutes after creating an app; use the login host of the org that owns the app.`,
    whatNotToDo: 'Do not put the consumer secret where the key belongs.',
    detail: (c) => (c.clientId ? `The request carried client_id=${c.clientId}.` : undefined),
  },
  {
    key: 'redirect-uri-mismatch',
    error: 'redirect_uri_mismatch',
    title: 'The callback URL does not match the app',
    likelyMeaning:
      "redirect_uri must equal one of the app's callback URLs exactly: scheme, host, port, path and trailing slash. localhost and 127.0.0.1 are different.",
    howToFix: `Add the exact URL to the app's Callback URL list (${APP_MANAGER} → Edit → OAuth settings), or set SF_CALLBACK_URL to the registered one.`,
    whatNotToDo:
      'Do not register a wildcard or a broad URL: the callback is where codes and tokens are sent.',
    // This app knows what it sent and its own SF_CALLBACK_URL, never the list registered on the app in the org.
    detail: (c) => {
      if (!c.redirectUri) return undefined;
      if (c.configuredCallback && c.configuredCallback !== c.redirectUri)
        return `Sent: ${c.redirectUri}, though SF_CALLBACK_URL here is ${c.configuredCallback}.`;
      return `Sent: ${c.redirectUri} (SF_CALLBACK_URL). Compare it, character by character, with the app's Callback URL list.`;
    },
  },
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
      'A catch-all: the user is inactive or frozen, their password changed, the org blocks the login (IP ranges, login hours), or an app setting refuses them.',
    howToFix: "Check the user's record and Setup → Login History for the real status of this attempt.",
    whatNotToDo: 'Do not loop retries: repeated failures can lock the user out.',
  },
  {
    key: 'refresh-secret-missing',
    error: 'invalid_client',
    description: 'invalid client credentials',
    when: (c) => c.sentSecret === false && c.flow === 'refresh-token',
    title: 'The app requires the client secret to refresh, and none was sent',
    likelyMeaning:
      '"Require Secret for Refresh Token Flow" is on, but this refresh had no client_secret. PKCE plays no part in a refresh.',
    howToFix: `Set SF_CLIENT_SECRET, or turn off "Require Secret for Refresh Token Flow" for a public client (${APP_MANAGER} → Edit → OAuth settings).`,
    whatNotToDo: 'Do not ship the secret in browser JavaScript or a mobile app to satisfy this.',
  },
  {
    key: 'secret-missing',
    error: 'invalid_client',
    description: 'invalid client credentials',
    when: (c) => c.sentSecret === false,
    title: 'The app requires a client secret, and none was sent',
    likelyMeaning:
      '"Require Secret for Web Server Flow" (or refresh token flow) is on, but this request had no client_secret.',
    howToFix: `Set SF_CLIENT_SECRET, or turn the requirement off and rely on PKCE for a public client (${APP_MANAGER} → Edit → Require secret).`,
    whatNotToDo: 'Do not ship the secret in browser JavaScript or a mobile app to satisfy this.',
  },
  {
    key: 'secret-wrong',
    error: 'invalid_client',
    description: 'invalid client credentials',
    title: 'The client secret is wrong',
    likelyMeaning:
      "A client_secret was sent but it is not this app's consumer secret (copied from another app, rotated, or padded with spaces).",
    howToFix: `Copy the Consumer Secret again (${APP_MANAGER} → View → Manage Consumer Details).`,
    whatNotToDo: 'Do not paste the secret into tickets or logs while debugging.',
  },
  {
    key: 'app-not-installed',
    error: 'invalid_client',
    description: /install/i,
    title: 'The app must be installed in the org',
    likelyMeaning:
      'Since September 2025, orgs block uninstalled connected apps for users without the "Approve Uninstalled Connected Apps" permission.',
    howToFix:
      'Install the app (Setup → Connected Apps OAuth Usage → Install) or give the user the permission.',
    whatNotToDo: 'Do not grant broad admin permissions to work around it.',
  },
  {
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
  },
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
      '"Require Proof Key for Code Exchange" is on for this app or org, and the authorize request had no code_challenge (or an unknown method).',
    howToFix: 'Send code_challenge with code_challenge_method=S256.',
    whatNotToDo: 'Do not turn the requirement off; PKCE protects codes from interception.',
  },
  {
    key: 'grant-type',
    error: 'unsupported_grant_type',
    title: 'Unknown grant_type',
    likelyMeaning:
      'grant_type is misspelled or missing, or the body was not sent as application/x-www-form-urlencoded.',
    howToFix:
      'Use one Salesforce knows (authorization_code, refresh_token, client_credentials, password, device, urn:ietf:params:oauth:grant-type:jwt-bearer), in a form-encoded POST body.',
    whatNotToDo: 'Do not send JSON to the token endpoint.',
  },
  {
    key: 'access-denied',
    error: 'access_denied',
    title: 'The user clicked Deny',
    likelyMeaning:
      'Salesforce asked the user to allow this app and the answer was no (or an admin policy denied it).',
    howToFix: 'Start again and click Allow, or ask an admin to pre-authorize the app.',
    whatNotToDo: 'Do not retry automatically: the user said no.',
  },
  {
    key: 'invalid-scope',
    error: 'invalid_scope',
    title: 'A requested scope is not allowed for this app',
    likelyMeaning: "The scope parameter asked for something the app's Selected OAuth Scopes do not include.",
    howToFix: `Add the scope to the app (${APP_MANAGER} → Edit → Selected OAuth Scopes) or ask for less (SF_SCOPES).`,
    whatNotToDo: 'Do not add "full" just in case; ask for what you use.',
  },
  {
    key: 'response-type',
    error: 'unsupported_response_type',
    title: 'Unknown response_type',
    likelyMeaning: 'response_type must be code (web server), token or "token id_token" (user-agent).',
    howToFix: 'Fix the response_type parameter of the authorize URL.',
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
