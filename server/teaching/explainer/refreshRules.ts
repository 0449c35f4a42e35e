// Explanations for refusals of a refresh token: the refresh-token flow's own (rotation, revocation, policies) first,
// then the one every client meets when a stored refresh token stops working.
import { APP_MANAGER, type ExplainContext, type Rule } from './types.ts';

/** Every visitor of one playground signs in as the emulator's same few users: one's sign-ins push out another's. */
const SHARED_USERS =
  "Every visitor signs in as its same few users: another visitor's sign-ins count toward the user's five grants, and a sixth pushes the oldest out. The refresh token policy and rotation are on its Setup page (its /setup), for every visitor at once.";

/** Said when the pasted request shows it: Salesforce's refresh answer carries a refresh token only with rotation. */
const lostRefreshToken = (c: ExplainContext) =>
  c.emptyRefreshToken
    ? "The request sent refresh_token empty: your client lost the refresh token. Salesforce's answer to a refresh holds no refresh_token unless the app rotates them, and a client that saves that answer over the tokens it kept forgets the one it had (simple-oauth2 5 does so from its second refresh). Keep the refresh token from the login, and replace it only when an answer brings a new one."
    : undefined;

export const REFRESH_RULES: Rule[] = [
  {
    key: 'refresh-family',
    error: 'invalid_grant',
    description: 'expired access/refresh token',
    when: (c) => c.flow === 'refresh-token',
    title: 'That refresh token no longer works',
    likelyMeaning:
      "It was revoked, expired by the app's Refresh Token Policy (immediately, after N, or unused for N), pushed out by the same user's sixth login, or, with rotation on, already replaced: reusing a replaced refresh token revokes the whole family, the current one included.",
    howToFix: `1. Sign in again. 2. If a refresh token issued moments ago fails on its first use, the policy is most likely "Immediately expire refresh token": set it to "Refresh token is valid until revoked" (${APP_MANAGER} → Manage → Edit Policies; External Client App: Policies → Refresh Token Policy), then sign in again. With "Limit the Idle Refresh Token TTL" switched on for the app, "valid until revoked" is no longer offered and becomes "expire if not used for 30 days" (the app's metadata is not updated to say so). 3. With rotation on, keep only the newest refresh token.`,
    whatNotToDo:
      'Do not share one refresh token between processes or workers, or retry a refresh in parallel.',
    inEmulator: SHARED_USERS,
    detail: lostRefreshToken,
  },
  {
    // Seen on refresh requests (restforce#826), never documented: the card says what is known and no more.
    key: 'activation-secret',
    error: 'invalid_grant',
    description: 'activation secret invalid',
    title: 'Salesforce refused the refresh token without saying why',
    likelyMeaning:
      'Salesforce does not document this description. It has been reported on refresh-token requests; one report gives it another name, LOGIN_OAUTH_INVALID_DS (where Salesforce shows that name is unconfirmed). Like every invalid_grant on a refresh, it means this refresh token will not work again.',
    howToFix:
      'Send the user through the web server flow again for a new refresh token. Look up the failure in Setup → Login History (the user, the time, the app); if it keeps coming back, open a case with Salesforce support and quote that row.',
    whatNotToDo:
      'Do not retry the same refresh token in a loop: it will not start working, and the failures fill Login History.',
  },
  {
    key: 'refresh-expired',
    error: 'invalid_grant',
    description: 'expired access/refresh token',
    title: 'The refresh token is no longer valid',
    likelyMeaning:
      "It was revoked (a logout, or an admin), expired by the app's refresh-token policy, or pushed out when the user got a sixth token for this app (a limit commonly reported). A changed password gives authentication failure instead, and a deactivated user inactive user (or authentication failure).",
    howToFix: 'Send the user through the web server flow again.',
    whatNotToDo: 'Do not store refresh tokens anywhere shared or log them.',
    detail: lostRefreshToken,
  },
];
