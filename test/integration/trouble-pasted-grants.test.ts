// The paste-an-error page when the paste shows the request's grant_type: the explanations of other flows are not
// listed at all (the grant rules them out), and each grant gets only the cards that fit it.
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import { cardTitles, pageText, pasteStack } from '../support/paste.ts';

const UNKNOWN_GRANT = 'Unknown grant_type';
const DEVICE_GRANT = "Salesforce's device flow has its own grant_type";
const UNSUPPORTED = '{"error":"unsupported_grant_type","error_description":"grant type not supported"}';
const TOKEN_URL = 'https://acme.my.salesforce.com/services/oauth2/token';
const curl = (grant: string) => `curl -X POST ${TOKEN_URL} -d grant_type=${grant} -d client_id=3MVG9abc`;

describe('the trouble path: a pasted grant_type rules out the other flows', () => {
  const { explain: explainPasted } = pasteStack();

  test("unsupported_grant_type lists the device flow's card only for the RFC's device grant", async () => {
    for (const grant of [
      'client_credentials',
      'password',
      'refresh_token',
      'authorization_code',
      'urn:ietf:params:oauth:grant-type:jwt-bearer',
      'urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer',
      'urn:ietf:params:oauth:grant-type:token-exchange',
      // Salesforce's own device grant: the card would tell to send what was sent.
      'device',
    ])
      assert.deepEqual(
        cardTitles(await explainPasted(`${curl(grant)}\n${UNSUPPORTED}`)),
        [UNKNOWN_GRANT],
        grant,
      );
    const rfcDevice = await explainPasted(
      `${curl('urn:ietf:params:oauth:grant-type:device_code')}\n${UNSUPPORTED}`,
    );
    assert.deepEqual(cardTitles(rfcDevice), [DEVICE_GRANT, UNKNOWN_GRANT]);
    assert.match(rfcDevice, /the ones your paste fits come first/);
  });

  test("authentication failure lists the pasted grant's card and the general one, not another flow's", async () => {
    const failure = '{"error":"invalid_grant","error_description":"authentication failure"}';
    assert.deepEqual(cardTitles(await explainPasted(`${curl('client_credentials')}\n${failure}`)), [
      'The Run As user could not be signed in',
      'Salesforce refused the user',
    ]);
    assert.deepEqual(cardTitles(await explainPasted(`${curl('password')} -d username=a@b.c\n${failure}`)), [
      'Salesforce refused the username-password login',
      'Salesforce refused the user',
    ]);
    // The grant_type as a pair in code: Java's and .NET's name-value pairs, Python's tuples, Go's form.Set.
    for (const request of [
      'params.add(new BasicNameValuePair("grant_type", "client_credentials"));',
      'data = [("grant_type", "client_credentials")]',
      'form.Set("grant_type", "client_credentials")',
    ])
      assert.equal(
        cardTitles(await explainPasted(`${request}\n${failure}`))[0],
        'The Run As user could not be signed in',
        request,
      );
    assert.equal(
      cardTitles(
        await explainPasted(`new KeyValuePair<string, string>("grant_type", "password"),\n${failure}`),
      )[0],
      'Salesforce refused the username-password login',
    );
    // authlib's and requests-oauthlib's fetch_token with a password is that flow's call too.
    assert.equal(
      cardTitles(
        await explainPasted(
          `token = client.fetch_token(TOKEN_URL, username='me@example.com', password=pw + tok)\n${failure}`,
        ),
      )[0],
      'Salesforce refused the username-password login',
    );
    // Without a grant_type, only a tool's words tell the flow: the others stay listed, last.
    assert.equal(
      cardTitles(
        await explainPasted("await conn.login('me@example.com', pw);\ninvalid_grant: authentication failure"),
      ).length,
      3,
    );
  });

  test('a secret sent by HTTP Basic (curl -u, requests auth=, axios auth:) is a secret sent', async () => {
    const refused = '{"error":"invalid_client","error_description":"invalid client credentials"}';
    for (const request of [
      `curl -u 3MVG9abc:ABCDEF1234567890 -d grant_type=client_credentials ${TOKEN_URL}`,
      `curl --user "3MVG9abc:ABCDEF1234567890" -d grant_type=client_credentials ${TOKEN_URL}`,
      `r = requests.post(url, auth=('3MVG9abc', 'ABCDEF1234567890'), data={'grant_type': 'client_credentials'})`,
      `r = requests.post(url, auth=HTTPBasicAuth(cid, secret), data={'grant_type': 'client_credentials'})`,
      `await axios.post(url, 'grant_type=client_credentials', { auth: { username: key, password: secret } })`,
    ])
      assert.deepEqual(
        cardTitles(await explainPasted(`${request}\n${refused}`)),
        ['The client secret is wrong'],
        request,
      );
  });

  test('a token exchange pasted whole gets its own cards first, another grant never gets them', async () => {
    const notApproved = `{"error":"invalid_grant","error_description":"user hasn't approved this consumer"}`;
    const exchange = await explainPasted(
      `${curl('urn:ietf:params:oauth:grant-type:token-exchange')} -d subject_token=abc\n${notApproved}`,
    );
    assert.deepEqual(cardTitles(exchange), [
      'If this came from a token exchange: the user is not pre-authorized',
      'The user has not approved this app',
    ]);
    const jwt = await explainPasted(`${curl('urn:ietf:params:oauth:grant-type:jwt-bearer')}\n${notApproved}`);
    assert.deepEqual(cardTitles(jwt), ['The user has not approved this app']);
    const expired = '{"error":"invalid_grant","error_description":"expired authorization code"}';
    assert.deepEqual(cardTitles(await explainPasted(`${curl('device')} -d code=abc\n${expired}`)), [
      'Salesforce no longer knows this device code',
      'The code was already used or is too old',
    ]);
  });

  test("a grant_type that is a variable in code rules nothing out; the Mobile SDK's hybrid_refresh is a refresh", async () => {
    const expired = '{"error":"invalid_grant","error_description":"expired access/refresh token"}';
    const refreshCards = ['The refresh token is no longer valid', 'That refresh token no longer works'];
    for (const code of [
      'body: new URLSearchParams({ grant_type: grantType, refresh_token: rt }),',
      "data = {'grant_type': GRANT_TYPE, 'refresh_token': rt}",
      'params.add(new BasicNameValuePair("grant_type", grantType));',
    ])
      assert.deepEqual(cardTitles(await explainPasted(`${code}\n${expired}`)), refreshCards, code);
    const refused = '{"error":"invalid_client","error_description":"invalid client credentials"}';
    assert.equal(
      cardTitles(await explainPasted(`form.Set("grant_type", grantType)\n${refused}`))[0],
      'The client secret is wrong',
      'a variable shows code, not a request that left its secret out',
    );
    assert.deepEqual(
      cardTitles(await explainPasted(`${curl('hybrid_refresh')} -d refresh_token=5Aep861abc\n${expired}`)),
      [...refreshCards].reverse(),
    );
  });

  test('a refresh sent with the refresh token empty says the client lost it (a refresh answer brings none back)', async () => {
    const expired = '{"error":"invalid_grant","error_description":"expired access/refresh token"}';
    const lost = /The request sent refresh_token empty: your client lost the refresh token/;
    for (const pasted of [
      `${curl('refresh_token')} -d refresh_token=\n${expired}`,
      `await client.refresh({ grant_type: 'refresh_token', refresh_token: undefined })\n${expired}`,
    ])
      assert.match(pageText(await explainPasted(pasted)), lost, pasted);
    assert.doesNotMatch(
      pageText(await explainPasted(`${curl('refresh_token')} -d refresh_token=5Aep861abc\n${expired}`)),
      lost,
    );
  });
});
