// The paste-an-error page on Salesforce's 2023–2027 platform changes: the cards for the errors a learner meets
// because of one say what changed, when, and the fix, as the wire references date it.
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import { TestClient } from '../support/http.ts';
import { pageText, pasteStack } from '../support/paste.ts';

describe('the trouble path: errors that come from a platform change', () => {
  const paste = pasteStack();
  const { explain } = paste;
  const page = async (path: string) =>
    pageText(await (await new TestClient().get(`${paste.stack.appUrl}${path}`)).text());

  test('a refused SOAP login() says that login() is gone from API 65.0 on and retires in Summer 27', async () => {
    const text = pageText(
      await explain('INVALID_LOGIN: Invalid username, password, security token; or user locked out.'),
    );
    assert.match(text, /The SOAP login\(\) was refused/);
    assert.match(text, /SOAP login\(\) is gone from API 65\.0 \(Winter '26\) on/);
    assert.match(text, /retires it in the versions that still have it in Summer '27/);
  });

  test('an expired refresh token names the 30-day idle cap that replaces "valid until revoked"', async () => {
    const text = pageText(
      await explain('{"error":"invalid_grant","error_description":"expired access/refresh token"}'),
    );
    assert.match(text, /That refresh token no longer works/);
    assert.match(
      text,
      /"Limit the Idle Refresh Token TTL" switched on for the app, "valid until revoked" is no longer offered and becomes "expire if not used for 30 days"/,
    );
  });

  test('the refresh token page names the idle cap among the refresh-token policies', async () => {
    assert.match(
      await page('/flows/refresh-token'),
      /With "Limit the Idle Refresh Token TTL" switched on for the app, "valid until revoked" is no longer offered and becomes "expire if not used for 30 days"/,
    );
  });

  test('a missing code challenge names the org-wide PKCE setting and the partner rule', async () => {
    const text = pageText(
      await explain('{"error":"invalid_request","error_description":"missing required code challenge"}'),
    );
    assert.match(text, /The app requires PKCE/);
    assert.match(
      text,
      /for the whole org \(OAuth and OpenID Connect Settings, metadata OauthOidcSettings\.isPkceRequired, since API 59\.0, Winter '24\)/,
    );
    assert.match(text, /an AppExchange partner's app must have it on and may not turn it off again/);
  });
});
