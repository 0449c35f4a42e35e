// Explanations for this app's own refusals in the flows of flowRules.ts, when a run lacks what it needs: a My
// Domain, the consumer secret, a refresh token (or a replaced one), a device code still in time.
import { APP_MANAGER, ECA_KEYS, type Rule } from './types.ts';

export const FLOW_PREREQUISITE_RULES: Rule[] = [
  {
    key: 'my-domain-unknown',
    restartAfter: true,
    error: 'my_domain_unknown',
    title: 'This app does not know your My Domain',
    likelyMeaning:
      "The client credentials flow must call the org's own host, its My Domain. This app takes SF_LOGIN_URL as the My Domain only when it is one (https://<your domain>.my.salesforce.com): yours is a generic login host, another kind of domain or a server on this machine, and SF_MY_DOMAIN is not set.",
    howToFix:
      "Set SF_MY_DOMAIN=https://<your domain>.my.salesforce.com in .env (Setup → My Domain shows it); against this project's own emulator in org mode (npm run emulator), SF_MY_DOMAIN=https://127.0.0.1:<its port>, its My Domain.",
    whatNotToDo: 'Do not put the Lightning host (*.lightning.force.com) here: it is not an API host.',
  },
  {
    key: 'no-client-secret',
    restartAfter: true,
    error: 'no_client_secret',
    title: 'This flow needs the consumer secret',
    likelyMeaning:
      'Client credentials, username-password and introspection authenticate the app with its secret.',
    howToFix: `Set SF_CLIENT_SECRET to the Consumer Secret (${APP_MANAGER} → View → Manage Consumer Details; ${ECA_KEYS}).`,
    whatNotToDo: 'Never put the secret in browser code.',
  },
  {
    key: 'password-missing',
    error: 'password_missing',
    title: "Enter the user's password first",
    likelyMeaning:
      'The username-password flow sends the password typed on its page (followed by the security token), and the Password field was empty. Salesforce would have answered authentication failure, its answer to every cause, and counted the attempt toward the lockout.',
    howToFix:
      "Type the user's password, and its security token unless this machine's address is in the org's trusted IP ranges or the profile's login IP ranges.",
    // Only where the org is the emulator: a real org's admin has no demo password to look up.
    inEmulator: "Its demo users' password is on its home page.",
    whatNotToDo:
      'Do not store a password in code or in .env to skip this: that is why the flow is being retired.',
  },
  {
    key: 'security-token-twice',
    error: 'security_token_twice',
    title: 'The security token was typed twice',
    likelyMeaning:
      'This page appends the Security token field to the password, as Salesforce wants them sent (password then token, as one value). The Password field already ended with the token, so Salesforce would have received it twice and answered authentication failure, counting the attempt toward the lockout.',
    howToFix:
      'Type the password alone in Password, and the token in Security token. Elsewhere the same holds: simple_salesforce takes the token in its own security_token argument, while a SOAP login or a token request you write yourself takes the password with the token appended once.',
    whatNotToDo: 'Do not paste the token into both places to be safe: one of them is always wrong.',
  },
  {
    key: 'no-refresh-token',
    error: 'no_refresh_token',
    title: 'This login has no refresh token',
    likelyMeaning:
      'The flow that signed you in does not return one, or the refresh_token scope was not granted.',
    howToFix:
      'Sign in with the web server flow with refresh_token ticked among its scopes (SF_SCOPES sets which are ticked at first), then refresh.',
    whatNotToDo: 'Do not add offline access to flows that do not support it.',
  },
  {
    key: 'no-previous-refresh-token',
    error: 'no_previous_refresh_token',
    title: 'No replaced refresh token to reuse yet',
    likelyMeaning:
      'Reuse needs a refresh token that rotation has replaced: rotation is off, or no refresh ran yet.',
    howToFix: `Turn on "Enable Refresh Token Rotation" on the app (${APP_MANAGER} → Edit → OAuth settings; External Client Apps: Settings → Security), refresh once, then try again.`,
    whatNotToDo: 'Nothing to avoid: this is the setup of the lesson.',
  },
  {
    key: 'device-still-pending',
    error: 'device_still_pending',
    title: 'Salesforce kept saying the code was waiting',
    likelyMeaning:
      'A device code lasts 10 minutes, yet a poll well after that was still answered authorization_pending, so this app stopped asking rather than poll for ever. What an org answers once a code has expired is not documented.',
    howToFix: 'Run the device flow again for a new code, and allow access within its 10 minutes.',
    whatNotToDo:
      'Do not poll a device code without an end: stop at its lifetime (or expires_in, where a server sends one).',
  },
];
