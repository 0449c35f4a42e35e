// One line per OAuth parameter, shown on hover or focus next to each value in the transcript.
export const PARAMETER_HELP: Record<string, string> = {
  response_type:
    'What to send back: code (web server flow), token or "token id_token" (user-agent flow), or device_code (the device flow\'s start, at the token endpoint).',
  client_id: 'The consumer key of the app in Salesforce.',
  client_secret: 'The consumer secret: proves the app is the app. Never sent from a browser.',
  redirect_uri: 'Where Salesforce sends the browser back; must match a callback URL of the app exactly.',
  scope: 'What the token may do: api (REST/SOAP), refresh_token, openid (id_token), id, web, full...',
  state: 'Random per attempt; must come back unchanged. Ties the callback to this browser (login CSRF).',
  nonce: 'Random per attempt; comes back inside the id_token, proving it was issued for this login.',
  code_challenge:
    'PKCE: BASE64URL(SHA256(code_verifier)). Only the holder of the verifier can redeem the code.',
  code_challenge_method: 'How the challenge was made: S256 (the only one to use).',
  code_verifier: 'PKCE: the secret random string behind the challenge, sent only at the code exchange.',
  grant_type:
    "Which exchange this is: authorization_code, refresh_token, urn:ietf:params:oauth:grant-type:jwt-bearer, client_credentials, password, or device (Salesforce's device flow poll).",
  // One name, two values: the web server flow's exchange and Salesforce's device flow poll (not RFC 8628's device_code=).
  // The code's lifetime is unconfirmed (salesforce-wire.md §3.5: 15 minutes is only commonly cited).
  code: "The authorization code from the callback (web server flow: works once, and briefly; its exact lifetime is not documented), or, in a device flow poll, the start's device_code (10 minutes).",
  assertion: 'The signed JWT (header.claims.signature) that proves the app holds the private key.',
  access_token: 'The bearer token for API calls. Anyone who has it can act as the user until it expires.',
  refresh_token: 'Gets new access tokens without a new login. Long-lived: guard it like a password.',
  id_token: 'An OpenID Connect JWT describing the user, signed by Salesforce.',
  instance_url: "The org's own API host: every REST call goes here.",
  id: 'The identity URL: GET it with the token to learn who logged in.',
  issued_at: 'When the token was issued, in milliseconds since 1970.',
  signature: 'Base64(HMAC-SHA256(client secret, id + issued_at)): proves the response is genuine.',
  token_type: 'Always Bearer: send it as Authorization: Bearer <token>.',
  error: 'The error code Salesforce returned instead of a result.',
  error_description: "Salesforce's short explanation of the error.",
  q: 'The SOQL query.',
  token: 'The token to revoke or introspect.',
  login_hint: 'Pre-fills the username on the login page.',
  prompt: 'login forces a new login; consent forces the approval page.',
};
