// The paste-an-error page on an OpenID Connect client's own refusal of Salesforce's id_token, in openid-client 5's
// and 6's words: told as the client's check of an answer that came, with the issuer or nonce card, never as an
// error Salesforce sent or as a client that never reached it.
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import { pageText, pasteStack } from '../support/paste.ts';

const REFUSED_LEAD = 'Salesforce answered, and your client refused the answer: a check of its own failed.';

describe("the trouble path: an OpenID Connect client's own id_token checks", () => {
  const { explain } = pasteStack();

  test('an issuer the client did not expect: the iss card, after the lead that the answer came', async () => {
    for (const pasted of [
      'RPError: unexpected iss value, expected https://login.salesforce.com, got: https://acme.my.salesforce.com\n    at Client.validateJWT (node_modules/openid-client/lib/client.js:1000:15)',
      'OperationProcessingError: unexpected JWT "iss" (issuer) claim value\n    at validateIssuer (node_modules/oauth4webapi/build/index.js:1324:15) {\n  code: \'OAUTH_JWT_CLAIM_COMPARISON_FAILED\'\n}',
    ]) {
      const text = pageText(await explain(pasted));
      assert.ok(text.includes(REFUSED_LEAD), `${pasted}\n→ ${text.slice(0, 400)}`);
      assert.match(text, /Your client expected another issuer in the id_token/);
      assert.match(text, /Discover from the host your users log in through/);
      // Which host an id_token's iss names is observed, not documented (salesforce-wire.md §8.3): not said as a rule.
      assert.match(
        text,
        /most likely the host the login went through \(observed, not documented as a rule\)/,
      );
      assert.doesNotMatch(text, /a site\), and an id_token's iss is the host/);
      assert.doesNotMatch(text, /Salesforce's answer:/);
    }
  });

  test('a nonce the client did not keep or did not send: the nonce card', async () => {
    for (const pasted of [
      'RPError: nonce mismatch, expected undefined, got: 9f2c1e7a',
      'OperationProcessingError: unexpected ID Token "nonce" claim value',
    ]) {
      const text = pageText(await explain(pasted));
      assert.ok(text.includes(REFUSED_LEAD), `${pasted}\n→ ${text.slice(0, 400)}`);
      assert.match(text, /Your client's nonce check failed/);
      assert.match(text, /Keep the nonce in the user's server-side session/);
    }
  });

  test("a state the client did not keep (openid-client, OmniAuth, passport): the client's state card", async () => {
    for (const pasted of [
      'RPError: state mismatch, expected 6f1c2e, got: 9a7b3d',
      'OperationProcessingError: unexpected "state" response parameter value',
      'Authentication failure! csrf_detected: OmniAuth::Strategies::OAuth2::CallbackError, csrf_detected | CSRF detected',
      'Error: Unable to verify authorization request state.\n    at Strategy.OAuth2Strategy.authenticate',
    ]) {
      const text = pageText(await explain(pasted));
      assert.ok(text.includes(REFUSED_LEAD), `${pasted}\n→ ${text.slice(0, 400)}`);
      assert.match(text, /Your client's state check failed/);
      assert.doesNotMatch(text, /Salesforce's answer:/);
    }
  });

  test('an answer the client would not read as JSON (revoke, userinfo): the card naming the formats Salesforce uses', async () => {
    for (const pasted of [
      // oauth4webapi and openid-client 6 on revoke's form-encoded refusal (error=invalid_token&error_description=…).
      'OperationProcessingError: "response" content-type must be application/json\n    at getResponseJsonBody (node_modules/oauth4webapi/build/index.js:1100:15) {\n  code: \'OAUTH_RESPONSE_IS_NOT_JSON\'\n}',
      // simple-oauth2 (JSON-strict) on revoke's empty 200 or its form-encoded refusal.
      'Error: The content-type is not JSON compatible\n    at internals.Client._shortcut (node_modules/@hapi/wreck/lib/index.js:624:11)',
      // oauth4webapi and openid-client 6 on userinfo's plain-text refusal of a token (403 Bad_OAuth_Token).
      'OperationProcessingError: "response" is not a conform UserInfo Endpoint response (unexpected HTTP status code)',
    ]) {
      const text = pageText(await explain(pasted));
      assert.ok(text.includes(REFUSED_LEAD), `${pasted}\n→ ${text.slice(0, 400)}`);
      assert.match(text, /Your client expected JSON, and Salesforce answered in another format/);
      assert.match(text, /error=…&error_description=…/);
      assert.match(text, /Bad_OAuth_Token/);
      assert.match(text, /await err\.cause\.text\(\)/);
      assert.doesNotMatch(text, /Salesforce's answer:/);
    }
  });

  test("an RFC 8628 client meeting Salesforce's older device flow: the card with the flow's two calls", async () => {
    for (const pasted of [
      // oauth4webapi / openid-client 6: discovery lists no device endpoint.
      'TypeError: authorization server metadata.device_authorization_endpoint must be configured\n  code: OAUTH_MISSING_SERVER_METADATA',
      // The same, given the token endpoint as device endpoint: the start's answer has no expires_in.
      'OperationProcessingError: "response" body "expires_in" property must be a number\n    at processDeviceAuthorizationResponse (node_modules/oauth4webapi/build/index.js:2210:9)',
    ]) {
      const text = pageText(await explain(pasted));
      assert.ok(text.includes(REFUSED_LEAD), `${pasted}\n→ ${text.slice(0, 400)}`);
      assert.match(text, /Your client expects RFC 8628's device flow; Salesforce's is older/);
      assert.match(text, /grant_type=device&client_id=<key>&code=<device_code>/);
    }
  });
});
