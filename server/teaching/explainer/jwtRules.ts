// Explanations for the JWT bearer flow's errors, which read the assertion that was sent.
import { clockAgainstSalesforce, clockSkew, SKEW_LIMIT_S } from '../checks.ts';
import { APP_MANAGER, type Rule } from './types.ts';

const AUDIENCE_RULE: Rule = {
  key: 'audience-invalid',
  restartAfter: true,
  error: 'invalid_grant',
  description: 'audience is invalid',
  title: 'Wrong aud in the assertion',
  likelyMeaning:
    'aud must be https://login.salesforce.com (production), https://test.salesforce.com (sandbox) or the Experience Cloud site URL: one string, a full URL, not your My Domain.',
  howToFix:
    'Send https://login.salesforce.com for production, https://test.salesforce.com for a sandbox, or the site URL. The playground sends SF_AUDIENCE when it is set (correct it, or remove it), else what SF_LOGIN_URL implies.',
  whatNotToDo: 'Do not send an array, a bare host name or the My Domain URL as aud.',
  inEmulator:
    'It is a production org: it takes https://login.salesforce.com, or its own login URL (what this app sends unless SF_AUDIENCE is set), and refuses the sandbox host.',
  detail: (c) => (c.aud ? `The assertion's aud was ${c.aud}.` : undefined),
};

export const JWT_RULES: Rule[] = [
  {
    // Salesforce DX Developer Guide, "Create, Clone, or Refresh a Sandbox": sandbox usernames are the source org's
    // with the sandbox name appended (username@company.com.dev1). Manage → Manage Profiles and the Permitted Users
    // policy: "Set Up OAuth in Your Service Cloud Voice Connected App".
    key: 'jwt-not-approved',
    error: 'invalid_grant',
    description: "user hasn't approved this consumer",
    title: 'The user has not approved this app',
    likelyMeaning:
      'A JWT bearer token goes only to a user who already has approval for the app: pre-authorized by an admin, or approved by the user once. Most likely this user has neither.',
    // Steps: find the policy, then the one cure it allows; the rarer causes last.
    howToFix: `1. Find the app's policy: ${APP_MANAGER} → Manage → Edit Policies; on an External Client App, Policies → Permitted Users. 2. If “Admin approved users are pre-authorized”: assign the user's profile or a permission set of theirs (Manage Profiles / Manage Permission Sets; on an External Client App, a permission set the user has). A web server login cannot approve for them then. 3. If “All users may self-authorize”: have the user log in once with the web server flow and click Allow. 4. Less often, the assertion names another user or org: sub must be this org's exact username (a sandbox's copy of a user has its own, commonly the production one with the sandbox name appended); aud and the login host must be this org's.`,
    whatNotToDo: 'Do not regenerate keys or certificates: the signature was fine.',
    // Both claims, as either can point at another org: a username it lacks, or another org's login host.
    detail: (c) =>
      c.sub ? `The assertion's sub was ${c.sub}${c.aud ? `, its aud ${c.aud}` : ''}.` : undefined,
  },
  {
    key: 'invalid-assertion',
    error: 'invalid_grant',
    description: 'invalid assertion',
    title: 'Salesforce could not verify the assertion',
    likelyMeaning:
      'The JWT was not signed by the private key whose certificate is on the app, is not RS256, or is malformed (broken base64url, missing claims).',
    howToFix: `Upload the certificate that matches your signing key (${APP_MANAGER} → Edit → Use digital signatures; on an External Client App, Settings → OAuth Settings → Flow Enablement → Enable JWT Bearer Flow): with the generated pair, certs/jwt.crt, which the setup guide offers to download. The JWT page checks only that the key and certificate here belong together; when that check passes, the app holds another certificate, most often an older jwt.crt from before certs/ was made anew.`,
    whatNotToDo: 'Never upload the private key, and do not switch to HS256: Salesforce accepts RS256 only.',
    // The emulator reads certs/jwt.crt at its start (stateDefaults.ts): a certificate made while it runs, as the
    // key check's OpenSSL line makes one, passes that check here and still fails there until then.
    emulatorHint:
      'Its app holds the certs/jwt.crt it found when it started, unless a certificate was pasted on that page: after making a new one, paste it there, or restart the playground.',
    // Signed with a throwaway key by the "break it" switch: nothing to re-upload.
    detail: (c) =>
      c.faults?.includes('other-key')
        ? 'This attempt signed with a throwaway key on purpose (the "break it" switch): the certificate on the app and the files here are fine as they are, and the next attempt signs with the key here again.'
        : undefined,
  },
  AUDIENCE_RULE,
  // Salesforce's help page shows this wording; orgs answer 'audience is invalid'. Pasted, it means the same.
  { ...AUDIENCE_RULE, key: 'audience-help-page', description: 'Audience validation failed' },
  {
    key: 'jwt-expired',
    error: 'invalid_grant',
    description: 'expired authorization code',
    when: (c) => c.flow === 'jwt',
    title: 'The assertion had already expired',
    likelyMeaning:
      'exp was in the past when Salesforce read it: a wrong clock, a time-zone bug, or exp written as a duration (300) instead of a time. (An exp in milliseconds is not refused: it lies thousands of years ahead, an assertion that never expires.)',
    howToFix:
      'Set exp to now + at most 3 minutes, in seconds since the epoch, from a clock synchronised with NTP.',
    whatNotToDo: 'Do not "fix" it with a huge exp: a long-lived assertion is a long-lived credential.',
    detail: (c) =>
      c.exp !== undefined
        ? `exp was ${c.exp} (${new Date(c.exp * 1000).toISOString()})${c.exp < 1e9 ? ': that is a duration, not a time in seconds since 1970' : ''}.${serverClock(c.exp, c.serverDate, c.sentAtMs, c.sentDurationMs)}`
        : undefined,
  },
];

/**
 * What Salesforce's clock read when it refused the assertion (its Date header), against exp and against this
 * machine's clock: an expired assertion that this machine signed moments before is a clock set wrong.
 */
function serverClock(exp: number, serverDate?: string, sentAtMs?: number, durationMs?: number): string {
  const serverMs = serverDate === undefined ? NaN : Date.parse(serverDate);
  if (Number.isNaN(serverMs) || exp > 1e12) return '';
  const late = Math.round(serverMs / 1000 - exp);
  const read = ` Salesforce's clock (its Date header) read ${new Date(serverMs).toISOString()}, ${late} s after exp`;
  if (sentAtMs === undefined) return `${read}.`;
  const skew = clockSkew(serverMs, sentAtMs, durationMs);
  const off = Math.abs(skew.skewS) > SKEW_LIMIT_S;
  return `${read}; this machine's clock is ${clockAgainstSalesforce(skew)}${off ? ': set it right (NTP) and sign again' : ''}.`;
}
