// The paste-an-error page on Salesforce's own tools and the clients around them: Workbench's logout after an invalid
// session, Apex's Named Credential JWT exchange, the Android Mobile SDK's logcat, OmniAuth wrapping a refusal of the
// identity URL. Each paste is in the tool's own format, where it comes from said above it.
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import { cardTitles, leadOf, pasteStack } from '../support/paste.ts';

describe('the trouble path: pastes from Salesforce tools', () => {
  const { explain } = pasteStack();

  test("Workbench's own sentence for an invalid session is read as INVALID_SESSION_ID", async () => {
    // forceworkbench/forceworkbench workbench/shared.php:336-337 puts this sentence in place of any error starting
    // INVALID_SESSION_ID, logout.php:46 shows it under its heading, shared.php:320 sends it in logout.php's address.
    for (const pasted of [
      'An error has occurred and you have been logged out:\nYour Salesforce session is invalid or has expired. Please login again.',
      'https://workbench.developerforce.com/logout.php?invalidateSession=1&message=Your+Salesforce+session+is+invalid+or+has+expired.+Please+login+again.',
    ]) {
      const html = await explain(pasted);
      assert.deepEqual(cardTitles(html).slice(0, 1), ['The session is expired or invalid'], pasted);
      // The sentence is Workbench's: the page names the code, not those words, as Salesforce's answer.
      assert.equal(leadOf(html), "Salesforce's answer: INVALID_SESSION_ID.", pasted);
    }
  });

  test("Apex's failed JWT token exchange is read as the code and description it quotes", async () => {
    // System.CalloutException of a Named Credential's JWT bearer exchange, as a public troubleshooting note quotes it
    // (Apex's runtime has no public source): "Error: <code>. Error description: <words>." on the second line.
    const apex = (code: string, words: string) =>
      `System.CalloutException: Unable to complete the JWT token exchange.\nError: ${code}. Error description: ${words}.`;
    const unknownWords = await explain(apex('invalid_scope', 'scope parameter not supported'));
    assert.match(leadOf(unknownWords), /invalid_scope \/ scope parameter not supported\.$/);
    assert.deepEqual(cardTitles(unknownWords).slice(0, 1), ['A requested scope is not allowed for this app']);
    const key = await explain(apex('invalid_client_id', 'client identifier invalid'));
    assert.match(leadOf(key), /invalid_client_id \/ client identifier invalid\.$/);
    const approval = await explain(apex('invalid_grant', "user hasn't approved this consumer"));
    assert.deepEqual(cardTitles(approval).slice(0, 1), ['The user has not approved this app']);
  });

  test("the Android Mobile SDK's logcat: Salesforce's refusal when logged, else the exception that hides it", async () => {
    // logcat -v threadtime. SalesforceMobileSDK-Android libs/SalesforceSDK/src/com/salesforce/androidsdk/:
    // rest/ClientManager.java:63 (tag), :512 (the line), auth/OAuth2.java:805 (the exception's "error:description").
    const at = '05-14 10:12:03.456  4321  4388 I ClientManager: ';
    const refused = await explain(
      `${at}Invalid Refresh Token: (Error: invalid_grant, Status Code: 400)\n${at}com.salesforce.androidsdk.auth.OAuth2$OAuthFailedException: invalid_grant:expired access/refresh token\n${at}\tat com.salesforce.androidsdk.auth.OAuth2.makeTokenEndpointRequest(OAuth2.java:553)`,
    );
    assert.deepEqual(cardTitles(refused).slice(0, 1), ['The refresh token is no longer valid']);
    // rest/RestClient.java:867: thrown whenever the refresh gave no token, a refusal or a failed call (:464) alike;
    // MobileSync logs it so (libs/MobileSync/src/com/salesforce/androidsdk/mobilesync/manager/SyncTask.kt:78, :147).
    const sync = '05-14 10:12:03.470  4321  4390 E SyncTask: ';
    const hidden = await explain(
      `${sync}Exception thrown running sync\n${sync}com.salesforce.androidsdk.rest.RestClient$RefreshTokenRevokedException: Could not refresh token\n${sync}\tat com.salesforce.androidsdk.rest.RestClient$OAuthRefreshInterceptor.refreshAccessToken(RestClient.java:867)`,
    );
    assert.deepEqual(cardTitles(hidden), [
      'The Mobile SDK could not refresh the token; this line leaves out why',
    ]);
    assert.match(leadOf(hidden), /^Your app could not refresh its token/);
  });

  test("OmniAuth's failure wrapping the identity URL's plain-text refusal is read as Bad_OAuth_Token", async () => {
    // omniauth lib/omniauth/strategy.rb:548 and :163, its Logger's progname (lib/omniauth.rb:33); omniauth-oauth2
    // lib/omniauth/strategies/oauth2.rb:95-96; omniauth-salesforce's raw_info posts to the identity URL, and the oauth2
    // gem's OAuth2::Error (lib/oauth2/error.rb) of a body that is not JSON is that body alone.
    const html = await explain(
      'E, [2024-02-07T10:15:37.591234 #1] ERROR -- omniauth: (salesforce) Authentication failure! invalid_credentials: OAuth2::Error, Bad_OAuth_Token',
    );
    assert.deepEqual(cardTitles(html).slice(0, 1), ['The identity URL (or userinfo) refused the token']);
    assert.doesNotMatch(html, /Salesforce answered invalid_credentials/);
  });
});
