// The paste-an-error page on more tools' shapes: a HAR or Postman export as saved (pretty-printed, one key a line),
// Go's and authlib's positional credentials, the Mobile SDK's and AppAuth's NSError on iOS, and the Rust oauth2
// crate's Debug print. Each secret off the page, each error read with its words.
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import { cardTitles, pasteStack } from '../support/paste.ts';

const SECRET = 'A1B2C3D4E5F60718293A4B5C6D7E8F90';
const CODE = 'aPrx4sgoM2Nd1zWeFVlOWveD0HhYmiDiLmlLnXEBgX01tpVOQ%3D%3D';

describe('the trouble path: pastes from more tools', () => {
  const { explain: explainPasted } = pasteStack();

  test('a HAR or a Postman export as saved, one key a line, has its secret values masked', async () => {
    const har = [
      '        "postData": {',
      '          "mimeType": "application/x-www-form-urlencoded",',
      '          "params": [',
      '            {',
      '              "name": "client_secret",',
      `              "value": "${SECRET}"`,
      '            },',
      '            {',
      '              "name": "code",',
      `              "value": "${CODE}"`,
      '            },',
      '            {',
      '              "name": "grant_type",',
      '              "value": "authorization_code"',
      '            }',
      '          ]',
      '        }',
      '      },',
      '      "response": {',
      '        "status": 400,',
      '        "content": {',
      '          "text": "{\\"error\\":\\"invalid_grant\\",\\"error_description\\":\\"expired authorization code\\"}"',
      '        }',
    ].join('\n');
    const html = await explainPasted(har);
    for (const secret of [SECRET, CODE.slice(8)])
      assert.ok(!html.includes(secret), `${secret.slice(0, 8)}… shown`);
    assert.match(html, /authorization_code/, 'what is no secret stays');
    assert.deepEqual(cardTitles(html).slice(0, 1), ['The code was already used or is too old']);
    // Postman's export: the value first, then the key, a line each.
    const postman = await explainPasted(
      `{\n\t"value": "${SECRET}",\n\t"key": "client_secret",\n\t"enabled": true\n}\n{"error":"invalid_client","error_description":"invalid client credentials"}`,
    );
    assert.ok(!postman.includes(SECRET), 'the secret before its key is masked');
  });

  test("Go's PasswordCredentialsToken and authlib's OAuth2Session have their positional secrets masked", async () => {
    const go = await explainPasted(
      `tok, err := conf.PasswordCredentialsToken(ctx, "me@example.com", "Hunter2pw" + "SecTok9x")\noauth2: cannot fetch token: 400 Bad Request\nResponse: {"error":"invalid_grant","error_description":"authentication failure"}`,
    );
    for (const secret of ['Hunter2pw', 'SecTok9x']) assert.ok(!go.includes(secret), `${secret} shown`);
    assert.match(go, /me@example\.com/, 'the username stays');
    const authlib = await explainPasted(
      `client = OAuth2Session('3MVG9abc', '${SECRET}', scope='api refresh_token')\nauthlib.integrations.base_client.errors.OAuthError: invalid_client: invalid client credentials`,
    );
    assert.ok(!authlib.includes(SECRET), 'the client secret is masked');
    assert.match(authlib, /3MVG9abc/, 'the consumer key stays');
    assert.deepEqual(cardTitles(authlib).slice(0, 1), ['The client secret is wrong']);
  });

  test("an NSError from the Mobile SDK or AppAuth on iOS is read as Salesforce's error and its words", async () => {
    for (const pasted of [
      'oauthCoordinator:didFailWithError: Error Domain=com.salesforce.OAuth.ErrorDomain Code=672 "com.salesforce.OAuth.ErrorDomain invalid_grant : expired access/refresh token" UserInfo=0x9cddcd0 {error_description=expired access/refresh token, NSLocalizedDescription=com.salesforce.OAuth.ErrorDomain invalid_grant : expired access/refresh token, error=invalid_grant}, authInfo: <SFOAuthInfo: 0x9cde2e0, authType=SFOAuthTypeRefresh>',
      'Error Domain=com.salesforce.OAuth.ErrorDomain Code=672 "expired access/refresh token" UserInfo={error=invalid_grant, NSLocalizedDescription=expired access/refresh token}',
      'Error Domain=org.openid.appauth.oauth_token Code=-10 "invalid_grant: expired access/refresh token" UserInfo={OIDOAuthErrorResponseErrorKey={\n    error = "invalid_grant";\n    "error_description" = "expired access/refresh token";\n}, NSLocalizedDescription=invalid_grant: expired access/refresh token}',
    ]) {
      const html = await explainPasted(pasted);
      assert.match(html, /What does invalid_grant mean\?/, pasted);
      assert.deepEqual(cardTitles(html).slice(0, 1), ['The refresh token is no longer valid'], pasted);
    }
    // AppAuth's error code is a number, no credential.
    assert.match(await explainPasted('Error Domain=org.openid.appauth.oauth_token Code=-10 "x"'), /Code=-10/);
  });

  test("the Rust oauth2 crate's Debug print of the server's answer is read by its fields", async () => {
    const html = await explainPasted(
      'thread \'main\' panicked at src/main.rs:41:10:\ncalled `Result::unwrap()` on an `Err` value: ServerResponse(StandardErrorResponse { error: InvalidClient, error_description: Some("invalid client credentials"), error_uri: None })',
    );
    assert.match(html, /What does invalid_client mean\?/);
    assert.deepEqual(cardTitles(html).slice(0, 1), ['The client secret is wrong']);
    const extension = await explainPasted(
      'Err(ServerResponse(StandardErrorResponse { error: Extension("invalid_client_id"), error_description: Some("client identifier invalid"), error_uri: None }))',
    );
    assert.deepEqual(cardTitles(extension).slice(0, 1), ['Salesforce does not know this consumer key']);
  });

  test("OmniAuth's log line is read as the answer it wraps, not as OmniAuth's own failure key", async () => {
    const prefix = 'E, [2024-02-07T10:15:37.59 #1] ERROR -- omniauth: (salesforce) Authentication failure! ';
    const token = await explainPasted(
      `${prefix}invalid_credentials: OAuth2::Error, invalid_grant: expired authorization code`,
    );
    assert.match(token, /What does invalid_grant mean\?/);
    assert.deepEqual(cardTitles(token).slice(0, 1), ['The code was already used or is too old']);
    const callback = await explainPasted(
      `${prefix}access_denied: OmniAuth::Strategies::OAuth2::CallbackError, access_denied | end-user denied authorization`,
    );
    assert.doesNotMatch(callback, /<code>OmniAuth::/, "the lead quotes Salesforce's words alone");
    assert.match(callback, /<code>end-user denied authorization<\/code>/);
    // Its failure redirect names only its own key: no code of Salesforce's to explain.
    const failure = await explainPasted(
      'Started GET "/auth/failure?message=invalid_credentials&strategy=salesforce"',
    );
    assert.doesNotMatch(failure, /Salesforce(?:&#39;|')s answer|Salesforce answered invalid_credentials/);
  });
});
