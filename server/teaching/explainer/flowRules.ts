// Explanations for the client credentials, device, refresh token and username-password flows: they come before
// the general OAuth rules so that a flow's own cause wins over a code's usual meaning.
import { APP_MANAGER, type ExplainContext, type Rule } from './types.ts';

const POLICIES = `${APP_MANAGER} → Manage → Edit Policies`;

export const FLOW_RULES: Rule[] = [
  {
    key: 'cc-wrong-domain',
    restartAfter: true,
    error: 'invalid_grant',
    description: 'request not supported on this domain',
    title: 'The client credentials flow must call your My Domain',
    likelyMeaning:
      "The token request went to a generic host (login.salesforce.com, test.salesforce.com, a Lightning or Setup host). Salesforce serves client credentials only on the org's own My Domain (it documents the rule, not its reason), and answers other hosts with this misleading invalid_grant.",
    howToFix:
      'POST to https://<your domain>.my.salesforce.com/services/oauth2/token (Setup → My Domain shows it; here: SF_MY_DOMAIN).',
    whatNotToDo: 'Do not switch to the username-password flow to avoid My Domain: it is being retired.',
  },
  {
    key: 'cc-no-user',
    error: 'invalid_grant',
    description: 'no client credentials user enabled',
    title: 'The app has no Run As user for client credentials',
    likelyMeaning:
      'The flow is not enabled, or it is but no Run As user is saved. The checkbox and the Run As user live on different screens.',
    // Steps: the checkbox, then Run As on its other screen; the emulator's own timing only where it is the org.
    howToFix: `1. Enable Client Credentials Flow on the app (${APP_MANAGER} → Edit → OAuth settings); an External Client App needs it enabled twice, under Settings → Flow Enablement and under Policies. 2. Set Run As (${POLICIES} → Client Credentials Flow; on an External Client App, under Policies). 3. Run the flow again a few minutes later: at Salesforce a change takes that long to apply.`,
    whatNotToDo:
      'Do not make an administrator the Run As user: give an API Only integration user just the permissions it needs.',
    emulatorHint:
      'It has no API Only user: for Run As there, pick its standard user (standard@). A change there counts from the next request.',
  },
  {
    key: 'client-credentials-run-as',
    error: 'invalid_grant',
    description: 'authentication failure',
    when: (c) => c.flow === 'client-credentials',
    title: 'The Run As user could not be signed in',
    likelyMeaning:
      "Client credentials sign in as the app's Run As user, with no password: Salesforce refuses like this when that user cannot log in, most likely because it is inactive, frozen or locked (the exact causes are unconfirmed).",
    howToFix: `Choose an active user as Run As (${POLICIES} → Client Credentials Flow → Run As; External Client App: Policies → Run As), or reactivate or unfreeze that user; its Login History says more.`,
    whatNotToDo:
      'Do not make an administrator the Run As user to get past this: use an active integration user.',
  },
  {
    key: 'password-flow',
    error: 'invalid_grant',
    description: 'authentication failure',
    when: (c) => c.flow === 'username-password',
    title: 'Salesforce refused the username-password login',
    likelyMeaning:
      "Salesforce gives this one answer for every cause. Likeliest, in an org created since Summer '23: \"Allow OAuth Username-Password Flows\" is off, its default. Otherwise: a wrong password or security token; a locked or inactive user; an External Client App (never supported); an app not installed in the org, for a user who never authorized it (blocked since September 2025); or the flow's retirement for connected apps (announced for Winter '27; one source says February 2027) has reached the org (what a retired org answers is unconfirmed).",
    howToFix:
      "1. Turn on Allow OAuth Username-Password Flows (Setup → OAuth and OpenID Connect Settings) if it is off; use a Connected App. 2. Send the password followed by the user's current security token (none is needed from the org's trusted IP ranges). 3. Still refused: the user's Login History names the real reason. 4. Better: move to client credentials (an integration acting as itself) or JWT bearer (acting as a user).",
    inEmulator:
      'Each demo user\'s security token is listed on its Setup page, under Users (and on its home page while the password is the default one); that page (its /setup) holds these settings too, and shows who is locked: ten wrong passwords in a row lock a user for 15 minutes, and the right password then gets this answer too. All visitors sign in as the same users, so every visitor\'s wrong passwords ("break it" switches too) count. Setup unlocks; with the only administrator locked (who alone signs in there), restart the emulator or wait out the 15 minutes. It also answers so to a user whose profile is not ticked under Pre-authorized profiles while the app\'s policy is "Admin approved users are pre-authorized" (what a real org answers then is unconfirmed).',
    detail: passwordRefusalDetail,
    whatNotToDo:
      "Do not retry in a loop: wrong passwords lock the user out (after ten by the commonly cited default; the org's password policy decides).",
  },
  {
    key: 'device-pending',
    error: 'authorization_pending',
    title: 'The user has not allowed access yet',
    likelyMeaning:
      'The device flow is waiting for someone to enter the code at verification_uri and click Allow.',
    howToFix: 'Keep polling every interval seconds until the token comes or the code expires (10 minutes).',
    whatNotToDo: 'Do not poll faster than interval.',
  },
  {
    key: 'device-slow-down',
    error: 'slow_down',
    title: 'Polling too fast',
    likelyMeaning:
      "The device polled sooner than the interval it was given. slow_down and its 5-second step are RFC 8628's: the local emulator answers so, while what a real org answers to fast polling is unconfirmed.",
    howToFix: 'Wait interval seconds between polls, and 5 seconds more after each slow_down.',
    whatNotToDo: 'Do not poll in a tight loop.',
  },
  {
    key: 'device-expired',
    error: 'expired_token',
    title: 'The device code expired',
    likelyMeaning:
      "The code's 10 minutes ran out before a poll collected an approval: nobody allowed access in time, or the approval came but no poll followed before the 10 minutes ended (a device page left in a background tab checks less often). expired_token is RFC 8628's name for it, which the local emulator uses; a real org's answer is unconfirmed.",
    howToFix: 'Start the device flow again for a new code, and keep its page in view until it signs you in.',
    whatNotToDo: 'Do not keep polling an expired code.',
  },
  {
    key: 'device-denied',
    error: 'access_denied',
    when: (c) => c.flow === 'device',
    title: 'The user clicked Deny',
    likelyMeaning:
      "Someone entered the code at verification_uri and denied access, so the next poll was refused. access_denied is RFC 8628's answer to a denial, which the local emulator gives; a real org's answer to a poll after Deny is unconfirmed.",
    howToFix: 'Start the device flow again for a new code, and click Allow on the other screen this time.',
    whatNotToDo:
      'Do not retry automatically: the user said no. Never approve a code you did not start yourself: that is how device-flow phishing works.',
  },
  {
    key: 'device-blocked',
    error: 'invalid_grant',
    description: 'device flow is not enabled for the app',
    title: 'The device flow is blocked for this app',
    likelyMeaning:
      '"Enable for Device Flow" is off on the app, or the app is not installed in the org: since September 2025 Salesforce blocks the device flow for every uninstalled connected app, even for users who approved it before.',
    howToFix: `Install the app (Setup → Connected Apps OAuth Usage → Install) and turn on "Enable for Device Flow" (${APP_MANAGER} → Edit → OAuth settings; External Client Apps: Flow Enablement → Enable Device Flow). Where a browser is at hand, use the web server flow with PKCE instead.`,
    whatNotToDo:
      "Do not borrow another tool's app (such as the Salesforce CLI's) to get around it: it is blocked too.",
  },
  {
    key: 'device-code-unknown',
    error: 'invalid_grant',
    description: 'expired authorization code',
    when: (c) => c.flow === 'device',
    title: 'Salesforce no longer knows this device code',
    likelyMeaning:
      "A device code it cannot use gets, in the local emulator, the words Salesforce gives other spent codes (a real org's wording for device codes is unconfirmed): the code already got its tokens (a poll after the one that succeeded), it was forgotten (device codes last 10 minutes; the local emulator keeps them in memory, so a restart or its reset forgets them all), or the poll sent something else than the start's device_code (the user_code, or a code cut short).",
    howToFix:
      "Start the device flow again, and poll with code=<device_code> from the start's answer until the first answer that is not authorization_pending.",
    whatNotToDo: 'Do not poll again with a code that has had its tokens: it works for one exchange only.',
  },
  {
    key: 'device-grant-type',
    error: 'unsupported_grant_type',
    // A pasted grant_type=device is Salesforce's own already: this card would tell to send what was sent.
    when: (c) => c.flow === 'device' && c.grantType !== 'device',
    title: "Salesforce's device flow has its own grant_type",
    likelyMeaning:
      'Salesforce implemented the device flow before RFC 8628: it polls with grant_type=device and code=<device_code>, not urn:ietf:params:oauth:grant-type:device_code and device_code=.',
    howToFix: 'Poll with grant_type=device&client_id=<key>&code=<device_code>.',
    whatNotToDo: 'Do not assume a generic OAuth library speaks this dialect: check its Salesforce support.',
  },
];

/**
 * Salesforce's answer names no cause; the one a learner armed, or the field left empty, is known here. The security
 * token appended to the password from an unknown address: the SOAP API guide's login() page.
 */
function passwordRefusalDetail(c: ExplainContext): string | undefined {
  const user = c.username ?? 'the user';
  if (c.faults?.includes('no-security-token'))
    return `This attempt left the security token off the password on purpose, for ${user}: that alone gives this answer where the org asks for one (a login from outside the org's trusted IP ranges and the profile's login IP ranges).`;
  if (c.faults?.includes('wrong-password'))
    return `This attempt sent a wrong password on purpose, for ${user}: it counts toward the user's lockout (as many in a row as the org's password policy sets; ten is the commonly cited default).`;
  if (c.noSecurityToken)
    return `The request was for username=${user}, with no security token after the password (its field was empty): Salesforce wants it there unless the login comes from the org's trusted IP ranges (Setup → Network Access) or the profile's login IP ranges.`;
  return c.username ? `The request was for username=${c.username}.` : undefined;
}
