// Explanations for refusals that come from the org's own settings and limits: IP restrictions, lockouts, inactive
// users and orgs, rate limits, flows the org or app does not allow. Its OAuth error page's codes: errorPageRules.ts.
import { APP_MANAGER, ONLY_A_SWITCH, type Rule } from './types.ts';

export const ORG_RULES: Rule[] = [
  {
    // Salesforce Help, "Connected App IP Relaxation and Continuous IP Enforcement": IP restrictions are enforced only
    // where a user's profile sets them, and the JWT (and SAML) bearer flows always enforce them, whatever the policy.
    key: 'ip-restricted-jwt',
    error: 'invalid_grant',
    description: 'ip restricted',
    when: (c) => c.flow === 'jwt',
    title: "The JWT bearer login came from an IP address the user's profile does not allow",
    likelyMeaning:
      "The user named in sub has a profile with Login IP Ranges that do not include this server's address. Salesforce Help says the JWT bearer flow always enforces IP restrictions, whatever the app's IP Relaxation policy.",
    howToFix:
      "Add the server's outgoing address to the profile's Login IP Ranges, or sign in as an integration user whose profile allows it. Login History names the address that was refused.",
    whatNotToDo:
      "Do not change the app's IP Relaxation for this: it does not apply to the JWT bearer flow, so the next run fails the same way.",
    inEmulator: ONLY_A_SWITCH,
  },
  {
    key: 'ip-restricted',
    error: 'invalid_grant',
    description: 'ip restricted',
    title: 'The login came from an IP address the org does not allow',
    likelyMeaning:
      "The user's profile has Login IP Ranges (or sessions are locked to the IP address they started from) that do not include this machine's address, and the app's IP Relaxation enforces them. Salesforce Help says IP restrictions are enforced only where they are set on the user's profile.",
    howToFix: `Add the address to the profile's Login IP Ranges, or change the app's IP Relaxation (${APP_MANAGER} → Manage → Edit Policies): "Enforce IP restrictions, but relax for refresh tokens" when only refreshes fail, "Relax IP restrictions" otherwise. The JWT bearer flow always enforces them. Login History names the address that was refused.`,
    whatNotToDo: 'Do not relax IP restrictions for every user to fix one integration.',
    inEmulator: ONLY_A_SWITCH,
  },
  {
    key: 'password-lockout',
    error: 'Password Lockout',
    description: 'your account has been locked',
    title: 'The user is locked out after too many wrong passwords',
    likelyMeaning:
      'Too many wrong passwords in a row lock the user for a while, as the org\'s password policy sets (ten and 15 minutes are the commonly cited defaults); Login History shows "Password Lockout". Until then even the right password is refused.',
    howToFix:
      'Wait for the lockout to end, or an administrator unlocks the user: Setup → Users → the user → Unlock (in the local emulator: the Unlock button on its Setup page). Then fix the script or the stored password that kept failing.',
    whatNotToDo:
      'Do not retry in a loop: each failure counts toward the lock, and a locked shared integration user stops every integration that logs in as it.',
  },
  {
    key: 'inactive-user',
    error: 'invalid_grant',
    description: 'inactive user',
    title: 'The user is deactivated',
    likelyMeaning:
      'The user this token belongs to (or the Run As / sub user) was deactivated (or, it seems, frozen: what a frozen user gets is unconfirmed).',
    howToFix: 'Reactivate or unfreeze the user (Setup → Users), or use another user for the integration.',
    whatNotToDo: "Do not reuse a person's user for an integration: use an API Only integration user.",
  },
  {
    key: 'inactive-user-code',
    error: 'inactive_user',
    title: 'The user is inactive',
    likelyMeaning:
      'The user was deactivated in the org (this code is reported, not confirmed; invalid_grant with inactive user or authentication failure is what deactivated users are reported to get).',
    howToFix: 'Reactivate the user (Setup → Users) or sign in as an active one.',
    whatNotToDo: "Do not share another person's login instead.",
  },
  {
    key: 'inactive-org',
    error: 'inactive_org',
    title: 'The org is not active',
    likelyMeaning:
      'The org is locked, expired (a trial or Developer Edition not used for a long time) or being migrated (this code is reported, not confirmed).',
    howToFix:
      'Log in to the org in a browser to see its status; sign up for a new Developer Edition if it expired.',
    whatNotToDo: 'Do not keep retrying: nothing changes until the org is active.',
  },
  {
    key: 'rate-limit',
    error: 'rate_limit_exceeded',
    title: 'Too many login requests',
    likelyMeaning:
      'This user or app asked for tokens too often in a short time (this code is reported, not confirmed; the limits are not published).',
    howToFix: 'Reuse tokens until they expire instead of logging in for every call; retry later.',
    whatNotToDo: 'Do not log in again on every request.',
  },
  {
    // Salesforce's "API Request Limits and Allocations": the code answers both the 24-hour allocation and too many
    // calls of 20 s or more at once (5 in Developer Edition and trial orgs, 25 in production orgs and sandboxes).
    // The REST API guide: a Composite call counts once, a Composite Batch call once per subrequest.
    key: 'request-limit',
    error: 'REQUEST_LIMIT_EXCEEDED',
    title: "The org's API request limit is used up",
    likelyMeaning:
      'The org made more API calls in the last 24 hours than its edition and licences allow, or it had too many long-running calls (20 seconds or more) at once: 25 in production orgs and sandboxes, 5 in Developer Edition and trial orgs.',
    howToFix:
      'GET /services/data/vXX.X/limits shows DailyApiRequests; find the integration that spends them, and cache, or combine calls with Composite (one call for up to 25; a Composite Batch still counts each of its subrequests). When DailyApiRequests still has room, it was the long calls at once: retry once they end, and make them shorter.',
    whatNotToDo: 'Do not open more orgs or users to spread the load around the limit.',
  },
  {
    key: 'user-agent-blocked',
    error: 'unauthorized_client',
    when: (c) => c.flow === undefined || c.flow === 'user-agent',
    title: 'The org most likely does not allow the user-agent flow',
    likelyMeaning:
      'Orgs created since Summer \'23 (the release is documented for the username-password setting; for this one it is unconfirmed) block user-agent (implicit) flows unless "Allow OAuth User-Agent Flows" is on in Setup → OAuth and OpenID Connect Settings; many admins keep it off on purpose. Which error a real org sends for it is unconfirmed: this is RFC 6749\'s code, which the local emulator sends.',
    howToFix:
      'Move to the web server flow with PKCE; a browser app that holds no secret also turns off "Require Secret for Web Server Flow" on the app. Only if you must keep this flow, an admin turns "Allow OAuth User-Agent Flows" on (Setup → OAuth and OpenID Connect Settings).',
    whatNotToDo:
      'Do not turn the org-wide setting on for one app without weighing it: every app in the org may then send tokens in URLs again.',
  },
  {
    key: 'unauthorized-client',
    error: 'unauthorized_client',
    title: 'The app may not use this flow',
    likelyMeaning: 'The app or the org does not allow the flow or response type this request asked for.',
    howToFix:
      "Check the app's flow settings (Flow Enablement on an External Client App) and the org's OAuth settings.",
    whatNotToDo: 'Do not switch flows blindly: pick the one the integration needs.',
  },
  {
    key: 'immediate-unsuccessful',
    error: 'immediate_unsuccessful',
    title: 'immediate=true, but the user must log in or approve',
    likelyMeaning:
      'The authorize request asked not to show any page, and the user has no session or has not approved the app.',
    howToFix: 'Send the request without immediate=true so that the user can log in and allow.',
    whatNotToDo: 'Do not loop immediate requests.',
  },
  {
    key: 'unsupported-token-type',
    error: 'unsupported_token_type',
    title: 'The revoke request had no usable token',
    likelyMeaning: 'token was missing or empty, or not an access or refresh token.',
    howToFix: 'POST token=<access or refresh token> to /services/oauth2/revoke, form-encoded.',
    whatNotToDo: 'Do not send the token as JSON or in a header here.',
  },
  {
    key: 'bad-id',
    error: 'Bad_Id',
    title: 'Salesforce does not recognise the id it was given',
    likelyMeaning:
      'Seen once from /services/oauth2/revoke (a 404) and, in the local emulator, from the identity URL: the org or user id there is wrong or belongs to another org.',
    howToFix:
      'Use the id URL exactly as the token response gave it; revoke a token at the login host or My Domain that issued it.',
    whatNotToDo: 'Do not build identity URLs by hand.',
  },
];
