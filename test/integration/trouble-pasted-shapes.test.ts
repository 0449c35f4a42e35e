// The paste-an-error page on what people really paste: a bare code with its causes to choose from, secrets masked
// wherever they stood, log lines and tools' wrappers around Salesforce's words, a client's own failures (not
// Salesforce's), the request's grant type putting the fitting explanation first, a paste cut or holding several,
// and the playground's settings its fixes name, said as what they are in anyone's own code.
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { cardTitles, pageText } from '../support/paste.ts';
import { explainPasted as pasteToExplain } from '../support/flows.ts';
import { TestClient } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const TOKEN = '00D5g000001abcD!AQ4AQFakeTokenValue1234567890abcdefghijklmnopqrstuvwxyz';
const SECRET = 'A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F9';
/** The page's words as read: tags left out, entities read, white space as one space. */

describe('the trouble path: what people paste', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  const explainPasted = (text: string) => pasteToExplain(stack, text);

  test('a code pasted alone lists its causes by description, each a link to its explanation', async () => {
    for (const pasted of ['invalid_grant', 'Error (1): invalid_grant']) {
      const html = await explainPasted(pasted);
      assert.doesNotMatch(html, /not in the playground(?:'|&#39;)s catalogue/, pasted);
      assert.match(html, /Which of its \d+ causes\?/, pasted);
      assert.equal(cardTitles(html).length, 0, 'no card claims to know which');
    }
    const html = await explainPasted('invalid_grant');
    const link = /<a href="(\/explain\?error=invalid_grant&amp;error_description=user[^"]*)">/.exec(
      html,
    )?.[1];
    assert.ok(link, "the JWT approval's description is listed");
    const followed = await new TestClient().get(`${stack.appUrl}${link.replace(/&amp;/g, '&')}`);
    assert.deepEqual(cardTitles(await followed.text()).slice(0, 1), ['The user has not approved this app']);
  });

  test('tokens and secrets in a paste are masked everywhere the page shows it, the box included', async () => {
    const html = await explainPasted(
      [
        `POST /services/oauth2/token grant_type=refresh_token&refresh_token=5Aep861${'x'.repeat(60)}&client_secret=${SECRET}`,
        `Authorization: Bearer ${TOKEN}`,
        `{"error":"invalid_grant","error_description":"expired access/refresh token ${TOKEN}"}`,
      ].join('\n'),
    );
    for (const secret of [TOKEN, SECRET, `5Aep861${'x'.repeat(60)}`, TOKEN.slice(16)])
      assert.ok(!html.includes(secret), `${secret.slice(0, 12)}… is not on the page`);
    assert.match(html, /Tokens and secrets in your paste are masked/);
    // A key pasted by mistake (built here in parts: no file of the project holds a key's header whole).
    const edge = (side: string) => `-----${side} ${'PRIVATE'} ${'KEY'}-----`;
    const body = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC'.repeat(3);
    const key = await explainPasted(
      `${edge('BEGIN')}\n${body}\n${edge('END')}\ninvalid_grant: invalid assertion`,
    );
    assert.ok(!key.includes(body), 'the key is not on the page');
    assert.match(key, /\[a private key, removed here\]/);
    // Read from the paste as sent: a refresh (its grant type), whose token's family may have been revoked.
    assert.deepEqual(cardTitles(html).slice(0, 1), ['That refresh token no longer works']);
    // JSON copied from a chat or a document, its quotes curly.
    const curly = await explainPasted(
      `{\u201cclient_secret\u201d: \u201c${SECRET}\u201d, \u201cerror\u201d: \u201cinvalid_client\u201d, \u201cerror_description\u201d: \u201cinvalid client credentials\u201d}`,
    );
    assert.ok(!curly.includes(SECRET.slice(4)), 'the secret in curly quotes is not on the page');
    assert.deepEqual(cardTitles(curly).slice(0, 1), ['The client secret is wrong']);
  });

  test("log lines, headers and tools' wrappers around Salesforce's words are read as its words", async () => {
    const cases: [string, string][] = [
      [
        'level=error error="invalid_client" error_description="invalid client credentials"',
        'The client secret is wrong',
      ],
      [
        'Restforce::AuthenticationError (invalid_grant: expired access/refresh token)',
        'The refresh token is no longer valid',
      ],
      [
        '{"status":1,"name":"JwtGrantError","message":"Here\'s the error: invalid_grant: user hasn\'t approved this consumer","exitCode":1}',
        'The user has not approved this app',
      ],
      ['invalid_grant: user hasn\u2019t approved this consumer', 'The user has not approved this app'],
      [
        '{"error":"invalid_grant","error_description":"authentication failure."}',
        'Salesforce refused the user',
      ],
      [
        'https://localhost:8081/oauthcallback.html?error=invalid_request&error_description=missing%2520required%2520code%2520challenge',
        'The app requires PKCE',
      ],
      // A code and its description as tools print them: masking leaves the description's first word.
      [
        'INVALID_SESSION_ID: This session is not valid for use with the REST API',
        'The token may not call the REST API',
      ],
      // Printed by Python or Ruby rather than sent as JSON: simple_salesforce, requests' r.json(), a Ruby hash.
      [
        "SalesforceMalformedRequest: Malformed request https://x.my.salesforce.com/services/data/v59.0/sobjects/Contact/. Response content: [{'message': 'Account ID: id value of incorrect type: 0055j00000AdMiNAAV', 'errorCode': 'FIELD_INTEGRITY_EXCEPTION', 'fields': ['AccountId']}]",
        'A lookup holds an id of another object',
      ],
      [
        "{'error': 'invalid_grant', 'error_description': 'audience is invalid'}",
        'Wrong aud in the assertion',
      ],
      [
        '{"error"=>"invalid_client", "error_description"=>"invalid client credentials"}',
        'The client secret is wrong',
      ],
    ];
    // Salesforce's own quotes stay: the page shows the description whole.
    const column = await explainPasted(
      `[{"message":"No such column 'Foo' on entity 'Account'","errorCode":"INVALID_FIELD"}]`,
    );
    assert.match(column, /on entity &#39;Account&#39;<\/code>/);
    for (const [pasted, title] of cases) {
      const html = await explainPasted(pasted);
      assert.equal(cardTitles(html)[0], title, pasted);
    }
  });

  test("a client's own failure is explained as its own, never as Salesforce's answer; settings are no error", async () => {
    const pem = await explainPasted(
      'Error: error:0909006C:PEM routines:get_name:no start line\n    at Sign.sign (node:internal/crypto/sig:128:29)',
    );
    assert.match(pageText(pem), /Not an answer from Salesforce/);
    assert.doesNotMatch(pageText(pem), /Salesforce's answer/);
    assert.deepEqual(cardTitles(pem), ['The private key file cannot be used']);
    const tls = await explainPasted(
      "Error: unable to verify the first certificate\n  code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'",
    );
    assert.deepEqual(cardTitles(tls), ['The server presented a certificate this app does not trust']);
    const settings = await explainPasted('SF_CLIENT_ID=3MVG9abc\nSF_LOGIN_URL=https://login.salesforce.com');
    assert.match(settings, /No Salesforce error was found/);
  });

  test('what the paste shows of its request puts the fitting explanation first and says what it shows', async () => {
    const withSecret = await explainPasted(
      `grant_type=authorization_code&code=aPrx1234567890&client_id=3MVG9xyz&client_secret=${SECRET}\n{"error":"invalid_client","error_description":"invalid client credentials"}`,
    );
    // The request pasted whole rules out the cards of a secret left out: the one that fits is all there is.
    assert.deepEqual(cardTitles(withSecret), ['The client secret is wrong']);
    // A paste may come from any org: the page does not say it came from the emulator.
    assert.doesNotMatch(withSecret, /Here the org is the local emulator/);
    const codeReused = await explainPasted(
      'Error authenticating with auth code due to: invalid_grant: expired authorization code',
    );
    assert.equal(cardTitles(codeReused)[0], 'The code was already used or is too old');
    // An assertion pasted with its refusal: its aud is read (its signature masked), and no restart of this app is told.
    const claims = Buffer.from(
      JSON.stringify({ iss: '3MVG9xyz', sub: 'a@b.c', aud: 'https://my.example.com', exp: 1 }),
    ).toString('base64url');
    const assertion = `eyJhbGciOiJSUzI1NiJ9.${claims}.${'s'.repeat(40)}`;
    const aud = await explainPasted(
      `assertion=${assertion}\n{"error":"invalid_grant","error_description":"audience is invalid"}`,
    );
    assert.match(pageText(aud), /The assertion's aud was https:\/\/my\.example\.com\./);
    assert.ok(!aud.includes('s'.repeat(40)), 'the signature is masked');
    assert.doesNotMatch(aud, /restart it/);
  });

  test("a tool's username-password call pasted above authentication failure puts that flow's card first", async () => {
    for (const call of [
      "await conn.login('me@example.com', password + token);",
      'await auth.UsernamePasswordAsync(key, secret, "me@example.com", password, tokenUrl);',
      'oauth = OAuth2Session(client=LegacyApplicationClient(client_id=CLIENT_ID))',
    ]) {
      const html = await explainPasted(`${call}\ninvalid_grant: authentication failure`);
      assert.equal(cardTitles(html)[0], 'Salesforce refused the username-password login', call);
    }
  });

  test('decoded JWT claims pasted above an error are read as the assertion, as an encoded one is', async () => {
    const claims =
      '{"iss":"3MVG9x.demo","sub":"integration@acme.com","aud":"https://login.salesforce.com","exp":1714529000}';
    const error = '{"error":"invalid_grant","error_description":"expired authorization code"}';
    for (const paste of [`signing claims ${claims}\n${error}`, `claims = ${claims}\nresponse: ${error}`]) {
      const html = await explainPasted(paste);
      assert.equal(cardTitles(html)[0], 'The assertion had already expired', paste);
    }
    // A JSON object of other keys is no assertion.
    const other = await explainPasted(`{"user":"integration@acme.com","exp":"soon"}\n${error}`);
    assert.match(other, /more than one common cause/);
  });

  test('a paste that filled the box, or held several errors, says so', async () => {
    const long = await explainPasted(
      `${'log line\n'.repeat(1_200)}{"error":"invalid_grant","error_description":"audience is invalid"}`,
    );
    assert.match(pageText(long), /Your paste filled the box's 10,000 characters/);
    const two = await explainPasted(
      '{"error":"invalid_client_id","error_description":"client identifier invalid"}\n{"error":"invalid_grant","error_description":"audience is invalid"}',
    );
    assert.match(pageText(two), /Your paste holds 2 errors: this page explains one of them/);
    assert.equal(
      cardTitles(two)[0],
      'Salesforce does not know this consumer key',
      'the first of them, as logged',
    );
    const one = await explainPasted('{"error":"invalid_grant","error_description":"audience is invalid"}');
    assert.doesNotMatch(pageText(one), /Your paste holds|filled the box/);
  });

  test("a paste's fixes that name the playground's settings say what each is in anyone's own code", async () => {
    const audience = pageText(
      await explainPasted('{"error":"invalid_grant","error_description":"audience is invalid"}'),
    );
    assert.match(audience, /If the error came from your own code/);
    assert.match(audience, /SF_AUDIENCE a JWT's aud claim/);
    assert.match(audience, /SF_LOGIN_URL the host your code sends its token and authorize requests to/);
    // The same error linked from the playground's own pages is its own: no translation.
    const linked = await new TestClient().get(
      `${stack.appUrl}/explain?error=invalid_grant&error_description=audience%20is%20invalid`,
    );
    assert.doesNotMatch(pageText(await linked.text()), /If the error came from your own code/);
    // The playground's own stop (it never comes from anyone else's code): no translation either.
    const own = pageText(await explainPasted('{"error":"no_client_secret"}'));
    assert.match(own, /SF_CLIENT_SECRET/);
    assert.doesNotMatch(own, /If the error came from your own code/);
  });
});
