// Explanations for errors about the app itself: its consumer key and secret, its installation, who may use it.
import type { Fault } from '../../attempts/attempt.ts';
import { APP_MANAGER, ECA_KEYS, type ExplainContext, type Rule } from './types.ts';

export const CLIENT_RULES: Rule[] = [
  {
    key: 'invalid-app-access-run-as',
    error: 'invalid_app_access',
    when: (c) => c.flow === 'client-credentials',
    title: "The flow's Run As user is not permitted on this admin-approved app",
    likelyMeaning:
      'The client credentials flow acts as the Run As user set on the app, and the app admits only admin-approved users: that user has neither a profile nor a permission set assigned to it.',
    howToFix: `Make the Run As user a permitted user: on a Connected App, ${APP_MANAGER} → Manage → Manage Profiles / Manage Permission Sets; on an External Client App, Policies → Permitted Users, then assign a permission set that includes the app.`,
    whatNotToDo:
      'Do not pick a System Administrator as Run As to get past this: the token would carry all of its rights.',
  },
  {
    key: 'invalid-app-access',
    error: 'invalid_app_access',
    title: 'The user is not assigned to this admin-approved app',
    likelyMeaning:
      'The app allows only admin-approved users, and this user has neither a profile nor a permission set assigned to it.',
    howToFix: `Assign the user's profile or a permission set to the app: ${APP_MANAGER} → Manage → Manage Profiles / Manage Permission Sets (External Client App: Policies → Permitted Users, then a permission set that includes the app).`,
    whatNotToDo:
      'Do not switch the policy to self-authorize just to get past this in production; assign access instead.',
  },
  {
    // View → Manage Consumer Details (after identity verification): "Get Your Consumer Key", Headless Identity guide.
    key: 'invalid-client-id',
    restartAfter: true,
    error: 'invalid_client_id',
    title: 'Salesforce does not know this consumer key',
    likelyMeaning:
      'The client_id (or, as some report, the iss of a JWT) is not the consumer key of an app in this org: a typo, a space or line break copied with it, an app created minutes ago that has not propagated yet, or an app that lives in another org than the login host you used.',
    howToFix: `Copy the Consumer Key again (${APP_MANAGER} → View → Manage Consumer Details; ${ECA_KEYS}) into SF_CLIENT_ID, without surrounding spaces; wait up to 10 minutes after creating an app; set SF_LOGIN_URL to the login host of the org that owns the app.`,
    whatNotToDo: 'Do not put the consumer secret where the key belongs.',
    detail: (c) =>
      c.clientId
        ? `The request carried client_id=${c.clientId}.`
        : c.iss
          ? `The assertion's iss (the consumer key) was ${c.iss}.`
          : undefined,
  },
  {
    key: 'secret-missing',
    restartAfter: true,
    error: 'invalid_client',
    description: 'invalid client credentials',
    // A refresh's is the next card's: this one comes first, so that a paste that does not say its flow (Auth.js's
    // callback, a code exchange) is not told of a refresh before the exchange every redirect flow makes.
    when: (c) => c.sentSecret === false && c.flow !== 'refresh-token',
    title: 'The app requires a client secret, and none was sent',
    likelyMeaning:
      '"Require Secret for Web Server Flow" (or refresh token flow) is on, but this request had no client_secret.',
    howToFix: `Set SF_CLIENT_SECRET, or turn the requirement off and rely on PKCE for a public client (${APP_MANAGER} → Edit → Require Secret for Web Server Flow, and for Refresh Token Flow; External Client App: under Settings, the same two checkboxes).`,
    whatNotToDo: 'Do not ship the secret in browser JavaScript or a mobile app to satisfy this.',
    detail: (c) => secretOnPurpose(c, 'require-secret', 'left client_secret out'),
  },
  {
    key: 'refresh-secret-missing',
    restartAfter: true,
    error: 'invalid_client',
    description: 'invalid client credentials',
    when: (c) => c.sentSecret === false && c.flow === 'refresh-token',
    title: 'The app requires the client secret to refresh, and none was sent',
    likelyMeaning:
      '"Require Secret for Refresh Token Flow" is on (on an External Client App it starts on), but this refresh had no client_secret. PKCE plays no part in a refresh.',
    howToFix: `Set SF_CLIENT_SECRET, or turn off "Require Secret for Refresh Token Flow" for a public client (${APP_MANAGER} → Edit → OAuth settings; External Client App: under Settings, the same checkbox).`,
    whatNotToDo: 'Do not ship the secret in browser JavaScript or a mobile app to satisfy this.',
    detail: (c) => secretOnPurpose(c, 'no-secret', 'left client_secret out'),
  },
  {
    key: 'secret-wrong',
    restartAfter: true,
    error: 'invalid_client',
    description: 'invalid client credentials',
    title: 'The client secret is wrong',
    likelyMeaning:
      "A client_secret was sent but it is not this app's consumer secret (copied from another app, rotated, or padded with spaces), or a client sent one it did not have (a secret setting left unset, sent as an empty or made-up value).",
    howToFix: `Copy the Consumer Secret again (${APP_MANAGER} → View → Manage Consumer Details; ${ECA_KEYS}) into SF_CLIENT_SECRET, or your client's secret setting. A public client with "Require Secret" off sends none at all.`,
    whatNotToDo: 'Do not paste the secret into tickets or logs while debugging.',
    detail: (c) =>
      c.authJs
        ? 'Auth.js with no clientSecret still sends HTTP Basic, with the word undefined as the secret: set AUTH_SALESFORCE_SECRET (or the provider\'s clientSecret); for a public client, the provider\'s client: { token_endpoint_auth_method: "none" }.'
        : secretOnPurpose(c, 'wrong-secret', 'sent a spoilt secret'),
  },
  {
    key: 'app-not-installed',
    error: 'invalid_client',
    description: /install/i,
    title: 'The app must be installed in the org',
    likelyMeaning:
      'Since September 2025, orgs refuse an uninstalled connected app to users who never authorized it before, unless they have the "Approve Uninstalled Connected Apps" permission (System Administrators do); its device flow is blocked for everyone.',
    howToFix:
      'Install the app (Setup → Connected Apps OAuth Usage → Install) or give the user the permission.',
    whatNotToDo: 'Do not grant broad admin permissions to work around it.',
  },
];

/** A secret left out or spoilt by a "break it" switch: the configured one needs no change. */
function secretOnPurpose(context: ExplainContext, fault: Fault, what: string): string | undefined {
  return context.faults?.includes(fault)
    ? `This attempt ${what} on purpose (the "break it" switch): SF_CLIENT_SECRET is fine as it is, and needs no change for this.`
    : undefined;
}
