// Explanations for the codes of Salesforce's OAuth error page (RemoteAccessErrorPage): a blocked, uninstalled or
// unassigned app, and its catch-all. Tried right after the org rules (explain.ts).
import { ONLY_A_SWITCH, type Rule } from './types.ts';

// Salesforce Help, "Manage Current OAuth Connected App Sessions": that page installs, blocks and unblocks apps.
const CONNECTED_APPS = 'Setup → Connected Apps OAuth Usage';

export const ERROR_PAGE_RULES: Rule[] = [
  {
    key: 'app-blocked',
    error: 'OAUTH_APP_BLOCKED',
    title: 'An administrator blocked this app',
    likelyMeaning: 'The connected app is blocked in this org, so nobody can authorize it.',
    howToFix: `An admin unblocks it in ${CONNECTED_APPS} (the app's Unblock button, where it was blocked).`,
    whatNotToDo: 'Do not create a copy of the app to get around the block.',
    inEmulator: ONLY_A_SWITCH,
  },
  {
    key: 'app-not-installed-page',
    error: 'OAUTH_EC_APP_NOT_FOUND',
    title: 'The External Client App is not installed in this org',
    likelyMeaning:
      'The consumer key belongs to an External Client App that this org has not installed (or it lives in another org).',
    howToFix: 'Install the app in the org you log in to, or log in to the org that owns it.',
    whatNotToDo: 'Do not change the consumer key: check which org you are logging in to.',
  },
  {
    // Salesforce KB "Prepare for Connected App Usage Restrictions Change" names who keeps an uninstalled app (earlier
    // authorization, not the device flow; the new permission); it says nothing of pre-authorization.
    key: 'app-not-installed-user',
    error: 'OAUTH_APP_ACCESS_DENIED',
    description: /not installed/i,
    title: 'The app is not installed in this org, and this user may not approve it',
    likelyMeaning:
      'Since September 2025 an org refuses an uninstalled connected app to users who have not authorized it before, unless they have "Approve Uninstalled Connected Apps" (System Administrators do); whether an admin\'s pre-authorization of the user also lets them in is unconfirmed.',
    howToFix: `Install the app (${CONNECTED_APPS} → Install), or give the user the "Approve Uninstalled Connected Apps" permission, or pre-authorize the user's profile or permission set (admin-approved policy; whether that alone lifts this block is unconfirmed).`,
    whatNotToDo: 'Do not make the user a System Administrator to get past it.',
  },
  {
    // The references list this code as observed (wire §3.2) with an uninstalled app's words; no source gives its
    // causes, so the admin-approved one, the likely reading, is said to be unconfirmed.
    key: 'app-access-denied',
    error: 'OAUTH_APP_ACCESS_DENIED',
    title: 'This user may not use the app',
    likelyMeaning:
      'Salesforce does not document which causes give this code: it is reported for an uninstalled app whose user lacks "Approve Uninstalled Connected Apps"; that it also stands for an admin-approved app with none of the user\'s profile or permission sets assigned is unconfirmed.',
    howToFix:
      'Assign a permission set to the app, or install the app (Setup → Connected Apps OAuth Usage → Install).',
    whatNotToDo: 'Do not give users broad admin permissions to get past it.',
  },
  {
    key: 'approval-generic',
    error: 'OAUTH_APPROVAL_ERROR_GENERIC',
    title: 'Salesforce refused the authorization without saying why',
    likelyMeaning:
      'A catch-all of the OAuth error page: app policies, a blocked or uninstalled app, or an org setting.',
    howToFix:
      "Check the app's policies and Setup → Login History for the user; try the web server flow with an admin.",
    whatNotToDo: 'Do not change several settings at once.',
  },
];
