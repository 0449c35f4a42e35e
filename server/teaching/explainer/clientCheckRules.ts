// A client's own checks of an answer Salesforce did send, pasted: an OpenID Connect client (openid-client, jose,
// Spring Security) refusing an id_token whose iss or nonce it did not expect, or a state it did not keep; an answer
// in a format other than the JSON it expected; an RFC 8628 client meeting Salesforce's older device flow; a client
// whose own exception hides Salesforce's answer (Auth.js's callback, the Android Mobile SDK's refresh).
import type { Rule } from './types.ts';

/** Salesforce answered; the fix is in how the client was set up. */
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
  {
    key: 'client-state-mismatch',
    error: 'client_state_mismatch',
    title: "Your client's state check failed",
    likelyMeaning:
      'The state that came back to your callback is not the one your client kept for this login, or it kept none. Salesforce returns the state it was sent: the client lost or replaced its own copy. Most often the session cookie that held it did not come back with the callback (the login started on one host or scheme and came back to another: localhost and 127.0.0.1 keep separate cookies; several servers without shared sessions), or a second login in another tab replaced it.',
    howToFix:
      "Keep the state in the user's server-side session when you build the authorize URL, open the app on the same scheme, host and port as its callback URL, and share sessions between servers. Then start a new login.",
    whatNotToDo:
      'Do not switch the state check off: it is what stops a forged callback from signing someone in.',
  },
  {
    key: 'client-check-cookie-lost',
    error: 'client_check_cookie_lost',
    title: 'The check cookies did not come back with the callback',
    likelyMeaning:
      'Most likely the sign-in started on another host than the callback URL\'s, where Salesforce sends the browser back: localhost and 127.0.0.1 keep separate cookies, as do http and https. Auth.js carries the state, PKCE verifier and nonce from the sign-in\'s start to /api/auth/callback/… in short-lived cookies encrypted with AUTH_SECRET: "could not be parsed" or "cookie was missing" means they did not come back or could not be read. Else: over 15 minutes on the login page, or AUTH_SECRET changed meanwhile (a restart with a new one, servers with different ones). Salesforce answered; no setting of the app there causes this.',
    howToFix:
      '1. Open the app on the same scheme, host and port as the callback URL registered on the app (for http://localhost:3000/api/auth/callback/salesforce, http://localhost:3000, not 127.0.0.1). 2. Give every server and restart the same AUTH_SECRET. 3. Start a new sign-in from the app.',
    whatNotToDo:
      "Do not take state or pkce out of the provider's checks: the next check fails the same way, and each is what stops a forged callback.",
  },
  {
    key: 'client-callback-error',
    error: 'client_callback_error',
    title: 'Salesforce sent an error back to the callback; the log line leaves it out',
    likelyMeaning:
      "Auth.js's OAuthCallbackError \"OAuth Provider returned an error\" means the browser came back to the callback with ?error=…&error_description=… in place of a code: the user clicked Deny (access_denied), or Salesforce refused the authorize request with an error it sends back to the app. Auth.js logs Salesforce's words only at debug level. The callback URL itself is right: a wrong one, or a wrong consumer key, stops on Salesforce's error page instead of coming back.",
    howToFix:
      "Read Salesforce's error where it came: the callback's address in the browser's history or network panel (/api/auth/callback/salesforce?error=…), or set debug: true in the Auth.js configuration and sign in again, then paste the [auth][debug]: OAuthCallbackError block here for its own explanation.",
    whatNotToDo:
      'Do not change the client secret for this: the code exchange, the one call that sends it, never ran.',
  },
  {
    // From the Android Mobile SDK's source: RestClient.java (refreshAccessToken), ClientManager.java (getNewAuthToken,
    // refreshStaleToken), where any failed refresh, a refusal or a call that failed, ends in this one exception.
    key: 'client-refresh-hidden',
    error: 'client_refresh_hidden',
    title: 'The Mobile SDK could not refresh the token; this line leaves out why',
    likelyMeaning:
      'The Android Mobile SDK throws RefreshTokenRevokedException "Could not refresh token" whenever a refresh brought no new access token, whatever the reason: Salesforce refused the refresh token, or the refresh call itself failed (no network, a timeout). Despite its name, it does not say the token was revoked. The reason is logged just before it, under the ClientManager tag.',
    howToFix:
      'Read logcat above it, filtered on the ClientManager tag. "Invalid Refresh Token: (Error: …, Status Code: …)" and the OAuth2$OAuthFailedException under it ("invalid_grant:expired access/refresh token", say) are Salesforce\'s refusal: paste those lines here for its explanation. "Exception thrown while getting auth token" is a call that got no answer: check the device\'s network and try again.',
    whatNotToDo:
      "Do not take the exception's name for the cause: after a failed call the refresh token may still work.",
  },
  {
    key: 'client-no-id-token',
    error: 'client_no_id_token',
    title: 'No id_token came back: the scope asked for left out openid',
    likelyMeaning:
      "Your OpenID Connect client (Auth.js's Salesforce provider is one) requires an id_token in the token response, and Salesforce sends one only when the openid scope is granted. The scope asked for did not include openid: the token response's scope shows what was granted.",
    howToFix:
      'Ask for openid with the other scopes (in Auth.js, the provider\'s authorization: { params: { scope: "openid api refresh_token" } }), keep openid among the app\'s Selected OAuth Scopes, and sign in again.',
    whatNotToDo:
      'Do not paste the logged token response anywhere else: it holds the access and refresh tokens. Revoke them if it went into a ticket or a chat.',
  },
  {
    key: 'client-not-json',
    error: 'client_not_json',
    title: 'Your client expected JSON, and Salesforce answered in another format',
    likelyMeaning:
      "Your client reads Salesforce's answers as JSON and refused one that was not, hiding what Salesforce said. Two endpoints answer otherwise. /services/oauth2/revoke: 200 with an empty body when it revoked the token; a refusal is form-encoded (error=…&error_description=…, such as invalid_token). Userinfo and the identity URL refuse a token they do not accept (expired, revoked, of another org) in plain text, Bad_OAuth_Token, most often reported with HTTP 403. oauth4webapi and openid-client 6 fail so on revoke's and userinfo's refusals; simple-oauth2, JSON-strict by default, on any answer without a JSON content type, an empty one included: a revoke it reports as failed may have worked.",
    howToFix:
      "1. Read the answer your client kept, and paste it here: with oauth4webapi or openid-client 6 it is the error's cause, console.log(err.cause.status, await err.cause.text()). 2. To revoke, send a plain form-encoded POST of token=… to /services/oauth2/revoke: 200 means revoked; read a refusal's body with new URLSearchParams(text) (as jsforce's revokeToken does). 3. After Bad_OAuth_Token, get a new access token as its flow does, and call userinfo with it.",
    whatNotToDo:
      'Do not retry a revoke hoping for JSON: its answers are not JSON. Do not log the request to see it: it holds the token.',
  },
  {
    key: 'client-device-dialect',
    error: 'client_device_dialect',
    title: "Your client expects RFC 8628's device flow; Salesforce's is older",
    likelyMeaning:
      "Salesforce implemented the device flow before RFC 8628, and a library that follows the RFC refuses it before its first poll: Salesforce's discovery document lists no device_authorization_endpoint (the flow starts at the token endpoint, with response_type=device_code), and the start's answer has four keys, device_code, user_code, verification_uri and interval, with no expires_in (the user has 10 minutes to approve).",
    howToFix:
      'Make the two calls yourself (most libraries have a generic request for it): POST /services/oauth2/token with response_type=device_code&client_id=<key>&scope=…, show user_code and verification_uri, then every interval seconds POST grant_type=device&client_id=<key>&code=<device_code> to the same endpoint until the answer is not authorization_pending.',
    whatNotToDo:
      "Do not point the library's device endpoint at the token endpoint and add an expires_in to the answer: its polls would still send the RFC's grant_type, which Salesforce refuses (unsupported_grant_type).",
  },
  {
    key: 'client-profile-failed',
    error: 'client_profile_failed',
    title: "The token came; the call for the user's profile after it failed",
    likelyMeaning:
      'The code exchange worked (the callback URL, consumer key and secret are fine); the next call failed. Before your verify callback, passport-oauth2\'s strategy asks Salesforce who the user is (userinfo or the identity URL) with the new access token, and raises InternalOAuthError "Failed to fetch user profile" when that call fails.',
    howToFix:
      "1. Print err.oauthError (console.error(err) shows it): that call's statusCode and data (a token refused there comes back as plain text, Bad_OAuth_Token, most often with HTTP 403). 2. Send the token in an Authorization: Bearer header, documented for GET /services/oauth2/userinfo and for the identity URL (the token response's id, on the login host); both also take an oauth_token parameter. ?access_token= in the address is documented for neither, and node-oauth, under passport-oauth2, sends it so unless the strategy calls _oauth2.useAuthorizationHeaderforGET(true). 3. Ask for openid and id with the other scopes (whether userinfo answers a token granted neither is not documented), space-separated, not joined with commas; the token response's scope shows what was granted. 4. A strategy that calls it its own way can be given a userProfile function of your own, or skipUserProfile: true and a call of yours.",
    whatNotToDo:
      'Do not change the consumer key, secret or callback URL: the exchange that uses them worked. Do not log the request to see it: it carries the token.',
  },
];
