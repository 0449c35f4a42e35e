// The paste-an-error page on Auth.js's (@auth/core, NextAuth v5) own log lines from a Salesforce sign-in, as recorded
// against the emulator: the check cookies lost between sign-in and callback, an error Salesforce sent back that the
// log leaves out, and a token response without the id_token an OpenID Connect provider requires.
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import { cardTitles, firstCard, leadOf, pageText, pasteStack } from '../support/paste.ts';

const AT = 'file:///home/dev/app/node_modules';
const FRAMES = [
  `    at async Module.callback (${AT}/@auth/core/lib/actions/callback/index.js:37:41)`,
  `    at async AuthInternal (${AT}/@auth/core/lib/index.js:29:24)`,
  `    at async Auth (${AT}/@auth/core/index.js:111:34)`,
].join('\n');

/** InvalidCheck, as Auth.js logs it when the callback comes to another host than the sign-in started on. */
const invalidCheck = (check: string) =>
  `[auth][error] InvalidCheck: ${check} value could not be parsed. Read more at https://errors.authjs.dev#invalidcheck\n` +
  `    at parseCookie (${AT}/@auth/core/lib/actions/callback/oauth/checks.js:51:15)\n` +
  `    at Object.use (${AT}/@auth/core/lib/actions/callback/oauth/checks.js:73:30)\n` +
  `    at handleOAuth (${AT}/@auth/core/lib/actions/callback/oauth/callback.js:90:38)\n${FRAMES}`;

/** OAuthCallbackError without debug on: Salesforce's ?error= is not in the log. */
const CALLBACK_ERROR =
  '[auth][error] OAuthCallbackError: OAuth Provider returned an error. Read more at https://errors.authjs.dev#oauthcallbackerror\n' +
  `    at handleOAuth (${AT}/@auth/core/lib/actions/callback/oauth/callback.js:102:19)\n${FRAMES}`;

/** A token response without id_token (scope asked: api refresh_token), which Auth.js prints whole: tokens faked. */
const ACCESS = '00D5j00000PlAyG!ARfakeAccessTokenForThisTestOnlyNotARealOneAtAllXyz';
const NO_ID_TOKEN = `[auth][error] CallbackRouteError: Read more at https://errors.authjs.dev#callbackrouteerror
[auth][cause]: OperationProcessingError: "response" body "id_token" property must be a string
    at OPE (${AT}/oauth4webapi/build/index.js:116:12)
    at assertString (${AT}/oauth4webapi/build/index.js:290:19)
    at processAuthorizationCodeOpenIDResponse (${AT}/oauth4webapi/build/index.js:1480:5)
${FRAMES}
[auth][details]: {
  "body": {
    "access_token": "${ACCESS}",
    "refresh_token": "5Aep861H..E1N5hBDG1dFakeRefreshTokenForThisTestOnlyNotARealOne",
    "signature": "SPECxhEJ+liIOB4+Ikj1PRovXLKRQ4J2JNv1S5kiAGI=",
    "scope": "api refresh_token",
    "instance_url": "https://127.0.0.1:8443",
    "id": "https://localhost:8443/id/00D5j00000PlAyGEAV/0055j00000AdMiNAAV",
    "token_type": "bearer",
    "issued_at": "1795938779983"
  },
  "provider": "salesforce"
}`;

/** Salesforce's invalid_client in Auth.js's details: a wrong secret, or none set (sent as the word undefined). */
const INVALID_CLIENT = `[auth][error] CallbackRouteError: Read more at https://errors.authjs.dev#callbackrouteerror
[auth][cause]: ResponseBodyError: server responded with an error in the response body
    at checkOAuthBodyError (${AT}/oauth4webapi/build/index.js:931:19)
    at async processGenericAccessTokenResponse (${AT}/oauth4webapi/build/index.js:1227:5)
    at async processAuthorizationCodeOpenIDResponse (${AT}/oauth4webapi/build/index.js:1479:20)
    at async handleOAuth (${AT}/@auth/core/lib/actions/callback/oauth/callback.js:162:35)
${FRAMES}
[auth][details]: {
  "error": "invalid_client",
  "error_description": "invalid client credentials",
  "provider": "salesforce"
}`;

describe("the trouble path: Auth.js's own log lines from a Salesforce sign-in", () => {
  const { explain } = pasteStack();

  test('InvalidCheck on the state or PKCE cookie: the card on check cookies that did not come back', async () => {
    for (const pasted of [
      invalidCheck('state'),
      invalidCheck('pkceCodeVerifier'),
      invalidCheck('nonce'),
      '[auth][error] InvalidCheck: pkceCodeVerifier cookie was missing.',
    ]) {
      const html = await explain(pasted);
      const text = pageText(html);
      assert.equal(firstCard(html), 'The check cookies did not come back with the callback', pasted);
      assert.match(text, /localhost and 127\.0\.0\.1 keep separate cookies/);
      assert.match(text, /AUTH_SECRET/);
      assert.match(text, /same scheme, host and port as the callback URL/);
    }
  });

  test('the lost-cookies card names the likeliest cause first and gives its fix as steps', async () => {
    const html = await explain(invalidCheck('state'));
    assert.match(
      pageText(html),
      /What it most likely means: Most likely the sign-in started on another host than the callback URL's/,
    );
    const steps = [...html.matchAll(/<li>([^<]*)<\/li>/g)].map((m) => m[1]);
    assert.ok(
      steps.some((step) => step.startsWith('Open the app on the same scheme, host and port')),
      'the host is the first step',
    );
    assert.ok(steps.includes('Give every server and restart the same AUTH_SECRET.'), 'the secret is a step');
    assert.ok(steps.includes('Start a new sign-in from the app.'), 'a new sign-in is a step');
    assert.match(pageText(html), /over 15 minutes on the login page/);
  });

  test('OAuthCallbackError without its details: the card saying Salesforce sent an error back, and where to read it', async () => {
    const html = await explain(CALLBACK_ERROR);
    const text = pageText(html);
    assert.equal(
      firstCard(html),
      'Salesforce sent an error back to the callback; the log line leaves it out',
    );
    assert.match(text, /debug: true/);
    assert.match(text, /\/api\/auth\/callback\/salesforce\?error=/);
    assert.match(
      leadOf(html),
      /^Salesforce sent an error back to your callback, and your client's line does not say which\./,
    );
  });

  test('OAuthCallbackError with debug on still gets the card of the error Salesforce sent', async () => {
    const withDebug = `[auth][debug]: OAuthCallbackError {\n  "providerId": "salesforce",\n  "error": "access_denied",\n  "error_description": "end-user denied authorization",\n  "state": "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0..x.y.z"\n}\n${CALLBACK_ERROR}`;
    assert.equal(firstCard(await explain(withDebug)), 'The user clicked Deny');
  });

  test('a token response without id_token: the card asking for the openid scope, the tokens masked', async () => {
    const html = await explain(NO_ID_TOKEN);
    const text = pageText(html);
    assert.equal(firstCard(html), 'No id_token came back: the scope asked for left out openid');
    assert.match(text, /scope: "openid api refresh_token"/);
    assert.ok(!html.includes(ACCESS), 'the access token is masked');
  });

  test("invalid_client from Auth.js's callback: the wrong-secret card, with Auth.js's secret left unset", async () => {
    const html = await explain(INVALID_CLIENT);
    const text = pageText(html);
    assert.equal(firstCard(html), 'The client secret is wrong');
    // Auth.js's callback exchanges a code: the card on a secret left out of that exchange comes next, and the one on
    // a refresh (a call Auth.js's callback never makes) only after it.
    assert.deepEqual(cardTitles(html).slice(0, 2), [
      'The client secret is wrong',
      'The app requires a client secret, and none was sent',
    ]);
    assert.match(text, /the word undefined as the secret/);
    assert.match(text, /token_endpoint_auth_method: "none"/);
  });
});
