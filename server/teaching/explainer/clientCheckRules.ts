// An OpenID Connect client of one's own (openid-client, jose) that refused Salesforce's id_token, pasted: its iss or
// its nonce was not what the client expected. Salesforce answered; the fix is in how the client was set up.
import type { Rule } from './types.ts';

export const CLIENT_CHECK_RULES: Rule[] = [
  {
    key: 'client-iss-mismatch',
    error: 'client_iss_mismatch',
    title: 'Your client expected another issuer in the id_token',
    likelyMeaning:
      "Your OpenID Connect client compares the id_token's iss with the issuer it discovered. Salesforce's discovery names as issuer the host it was fetched from (https://login.salesforce.com or a My Domain). An id_token's iss has been seen to be the login host, a My Domain or a site's URL, most likely the host the login went through (observed, not documented as a rule): discovered at one host and logged in through another, the two can differ. The message's expected and got values show which two.",
    howToFix:
      "Discover from the host your users log in through, and send them to that same host's authorize endpoint: your My Domain (https://<your domain>.my.salesforce.com; a sandbox's is <your domain>--<sandbox>.sandbox.my.salesforce.com), or the site's URL for an Experience Cloud login. Then start a new login.",
    whatNotToDo:
      'Do not switch the issuer check off or accept any issuer: it is what says the id_token comes from your org.',
  },
  {
    key: 'client-nonce-mismatch',
    error: 'client_nonce_mismatch',
    title: "Your client's nonce check failed",
    likelyMeaning:
      'The id_token carries the nonce your client sent with the authorize request, and your client compares it with the one it kept for that login. "expected undefined" (or no expected value) means the callback was checked with no nonce: the one made for the login was not kept, most often because the session that held it was lost between the redirect and the callback. Two different values mean the callback answers another login: another tab, a reload, or another server with sessions of its own.',
    howToFix:
      "Keep the nonce in the user's server-side session with the state and the PKCE verifier when you build the authorize URL, and give that same value to the callback's check; with several servers, share the sessions. Then start a new login.",
    whatNotToDo: 'Do not drop the nonce check, and do not reuse one nonce for every login.',
  },
];
