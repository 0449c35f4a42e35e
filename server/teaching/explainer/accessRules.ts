// Explanations for refusals before any data moves that learners paste from other tools: SOAP login() (jsforce's
// login() without an oauth2 option, Data Loader, older SDKs), API access turned off, a malformed Authorization header.
import type { Rule } from './types.ts';

const LOGIN_HISTORY = 'Setup → Login History names the real reason for each refused login';

export const ACCESS_RULES: Rule[] = [
  {
    key: 'soap-invalid-login',
    error: 'INVALID_LOGIN',
    title: 'The SOAP login() was refused',
    likelyMeaning:
      'One answer covers every cause: a wrong username or password, a missing or old security token (it follows the password unless the login comes from a trusted IP range), a locked or frozen user, or a login from the wrong environment (a sandbox user at login.salesforce.com).',
    howToFix: `${LOGIN_HISTORY}. Append the security token to the password, or log in at test.salesforce.com for a sandbox. Better: move to OAuth, since SOAP login() is gone from API 65.0 (Winter '26) on, and Salesforce retires it in the versions that still have it in Summer '27: the JWT bearer flow to act as a user, client credentials for the integration itself.`,
    whatNotToDo: 'Do not retry in a loop: wrong passwords lock the user out.',
  },
  {
    key: 'soap-needs-token',
    error: 'LOGIN_MUST_USE_SECURITY_TOKEN',
    title: 'This login needs the security token',
    likelyMeaning:
      "The login came from an address outside the org's trusted IP ranges and the profile's login IP ranges, so Salesforce wants the user's security token appended to the password.",
    howToFix:
      'Append the security token to the password (the user resets it under Settings → Reset My Security Token, and it arrives by email), or add the address to the trusted ranges.',
    whatNotToDo: 'Do not widen the trusted IP ranges to the whole internet to avoid the token.',
  },
  {
    // Editions with the API (Professional only as an add-on), API_DISABLED_FOR_ORG for the others, and the API Enabled
    // user permission: REST API Developer Guide, "Supported Editions and Required Permissions".
    key: 'api-disabled-org',
    error: 'API_DISABLED_FOR_ORG',
    title: "The org's edition, or this user, has no API access",
    likelyMeaning:
      'Editions such as Professional (without the API add-on) or Essentials do not include API access, so no token from this org can call it. In an edition that has the API, the same answer is reported for a user whose profile and permission sets do not grant "API Enabled" (a Salesforce CLI maintainer\'s reading, unconfirmed).',
    howToFix:
      'In an Enterprise, Unlimited, Performance or Developer Edition org, give the user "API Enabled" (a permission set, or the profile). In an edition without the API, use a Developer Edition org (free) or one of those, or buy API access for the edition.',
    whatNotToDo:
      'Do not change the app or its scopes: the org or the user lacks API access, not the integration.',
  },
  {
    key: 'api-disabled-user',
    error: 'API_CURRENTLY_DISABLED',
    title: 'This user may not use the API',
    likelyMeaning: 'The user\'s profile and permission sets do not grant "API Enabled".',
    howToFix:
      'Grant "API Enabled" through a permission set (or the profile). For an integration, use an API Only user with just the permissions it needs.',
    whatNotToDo: 'Do not make the integration run as a System Administrator to get the permission.',
  },
  {
    key: 'expired-password',
    error: 'INVALID_OPERATION_WITH_EXPIRED_PASSWORD',
    title: "The user's password has expired",
    likelyMeaning:
      "The org's password policy expired the password, and Salesforce refuses API calls until it is changed.",
    howToFix:
      'Log in as the user in a browser and set a new password. For an integration user, turn on "Password Never Expires" in its profile, or stop using passwords: JWT bearer and client credentials have none to expire.',
    whatNotToDo:
      "Do not share one person's login with an integration: its password changes break the integration.",
  },
  {
    key: 'auth-header',
    error: 'INVALID_AUTH_HEADER',
    title: 'The Authorization header is malformed',
    likelyMeaning:
      'The REST API read the Authorization header but not as a token: a missing "Bearer " prefix, another scheme (Basic), or quotes and line breaks copied with the token.',
    howToFix:
      'Send exactly Authorization: Bearer <access_token>, with the token just as the token response gave it.',
    whatNotToDo: 'Do not put the token in the URL instead: it lands in logs and browser history.',
  },
];
