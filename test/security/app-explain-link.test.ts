// A link to "What does this error mean?" carries words anyone wrote: a token or secret in them is shown masked, as
// in a paste, and the error it names is still explained.
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const SESSION_ID = '00D5j00000PlAyG!ARDnCJZtjqlAx9KFUqkwKpi7jXccCxA4sTsKEIHQTqxW7C7xB8xyVCmvMh6gvGojOA';
const REFRESH = '5Aep861quN3IRsI5CY1fZm5d3r2xxpvEgJq2xbmYShL29ZMEsat1Rax0Z.0U6iZY79a.6.i5EE0qyEMoaUUved4';

describe('explain link: secrets it carries', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  const linked = async (error: string, description: string) => {
    const query = new URLSearchParams({ error, error_description: description });
    const response = await new TestClient().get(`${stack.appUrl}/explain?${query}`);
    assert.equal(response.status, 200);
    return response.text();
  };

  test('a session id or refresh token in the description is masked, the code still explained', async () => {
    for (const secret of [SESSION_ID, `Bearer ${SESSION_ID}`, REFRESH]) {
      const html = await linked('invalid_grant', `expired access/refresh token ${secret}`);
      assert.ok(!html.includes(SESSION_ID.slice(16)), 'the session id is shown whole');
      assert.ok(!html.includes(REFRESH.slice(8)), 'the refresh token is shown whole');
      assert.match(html, /<title>What does invalid_grant mean\?/);
    }
  });

  test('a secret given as the error itself is masked too', async () => {
    const html = await linked(`client_secret=${'9'.repeat(64)}`, 'authentication failure');
    assert.ok(!html.includes('9'.repeat(64)), 'the secret is shown whole');
  });

  test('a token in the redirect_uri it names, or a secret as its client_id, is masked too', async () => {
    const secret = 'A1B2C3D4E5F6A7B8C9D0E1F2A3B4C5D6E7F8A9B0C1D2E3F4A5B6C7D8E9F0A1B2';
    const query = new URLSearchParams({
      error: 'redirect_uri_mismatch',
      error_description: 'redirect_uri must match configuration',
      redirect_uri: `https://localhost:8081/oauthcallback.html?access_token=${SESSION_ID}`,
      client_id: secret,
    });
    const html = await (await new TestClient().get(`${stack.appUrl}/explain?${query}`)).text();
    assert.ok(!html.includes(SESSION_ID.slice(16)), 'the session id is shown whole');
    assert.ok(!html.includes(secret.slice(8)), 'the secret is shown whole');
    assert.match(
      html,
      /<dt>redirect_uri sent<\/dt><dd><code>https:\/\/localhost:8081\/oauthcallback.html\?access_token=00D5/,
    );
  });

  test('an ordinary link is shown as written', async () => {
    const html = await linked('invalid_grant', 'authentication failure');
    assert.match(html, /<code>invalid_grant<\/code>/);
    assert.match(html, /authentication failure/);
    const query = new URLSearchParams({
      error: 'redirect_uri_mismatch',
      redirect_uri: 'https://localhost:8081/oauthcallback.html',
      client_id: '3MVG9dZJodJWITSviqdj3EnW.LrZ81MbuGBqgI_key',
    });
    const named = await (await new TestClient().get(`${stack.appUrl}/explain?${query}`)).text();
    assert.match(named, /<dd><code>https:\/\/localhost:8081\/oauthcallback.html<\/code><\/dd>/);
    assert.match(named, /<dd><code>3MVG9dZJodJWITSviqdj3EnW.LrZ81MbuGBqgI_key<\/code><\/dd>/);
  });
});
