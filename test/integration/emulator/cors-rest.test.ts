// The REST API on My Domain answers browsers of other origins as Salesforce's CORS allowlist documents: the origin
// back in Access-Control-Allow-Origin when it is listed, 403 when it is not; calls without Origin, and the emulator's
// own origin, as before; and the generic login host, where the allowlist is not in effect, untouched.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { assertVariesByOrigin, crossOrigin, preflight, SPA_ORIGIN } from '../../support/cors.ts';
import { changeSettings } from '../../support/emulator-api.ts';
import { loginAndGetToken } from '../../support/emulator-login.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

const QUERY = '/services/data/v66.0/query?q=SELECT+Id+FROM+Account';

describe('emulator: CORS on the REST API', () => {
  let stack: TestStack;
  let bearer: Record<string, string>;
  before(async () => {
    stack = await startTestStack({}, { emulatorOnly: true });
    bearer = { authorization: `Bearer ${(await loginAndGetToken(stack, { scope: 'api' })).access_token}` };
  });
  after(() => stack?.close());

  test('refuses an origin that is not in the allowlist with 403, its preflight too', async () => {
    const check = await preflight(`${stack.instanceUrl}${QUERY}`, SPA_ORIGIN);
    assert.equal(check.status, 403);
    assert.equal(check.allowOrigin, null);
    assert.equal(check.body, '');
    assertVariesByOrigin(check);
    const call = await crossOrigin(`${stack.instanceUrl}${QUERY}`, SPA_ORIGIN, { headers: bearer });
    assert.equal(call.status, 403);
    assert.equal(call.allowOrigin, null);
    // The version list needs no session, and a write needs no preflight when sent as a form: refused all the same.
    assert.equal((await crossOrigin(`${stack.instanceUrl}/services/data/`, SPA_ORIGIN)).status, 403);
    const write = await crossOrigin(`${stack.instanceUrl}/services/data/v66.0/sobjects/Account`, SPA_ORIGIN, {
      headers: bearer,
      form: { Name: 'From elsewhere' },
    });
    assert.equal(write.status, 403);
  });

  test('answers calls without Origin, and from its own origin, as before, with Vary: Origin', async () => {
    for (const origin of [undefined, stack.instanceUrl]) {
      const call = await crossOrigin(`${stack.instanceUrl}${QUERY}`, origin, { headers: bearer });
      assert.equal(call.status, 200, `Origin ${origin}: ${call.body}`);
      assert.equal(call.allowOrigin, null);
      assertVariesByOrigin(call);
    }
  });

  test('answers a listed origin with the origin, on errors too; the preflight lists methods and headers', async () => {
    await changeSettings(stack, { corsAllowedOrigins: `https://elsewhere.example.org\n${SPA_ORIGIN}` });
    const check = await preflight(
      `${stack.instanceUrl}${QUERY}`,
      SPA_ORIGIN,
      'PATCH',
      'authorization,content-type',
    );
    assert.equal(check.status, 204);
    assert.equal(check.allowOrigin, SPA_ORIGIN);
    assert.deepEqual(
      check.headers.get('access-control-allow-methods'),
      'GET, HEAD, POST, PATCH, PUT, DELETE',
    );
    const allowedHeaders = (check.headers.get('access-control-allow-headers') ?? '')
      .toLowerCase()
      .split(',')
      .map((name) => name.trim());
    assert.ok(allowedHeaders.includes('authorization'), allowedHeaders.join());
    assert.ok(allowedHeaders.includes('content-type'), allowedHeaders.join());
    assert.equal(check.headers.get('access-control-max-age'), null);
    assertVariesByOrigin(check);
    const call = await crossOrigin(`${stack.instanceUrl}${QUERY}`, SPA_ORIGIN, { headers: bearer });
    assert.equal(call.status, 200);
    assert.equal(call.allowOrigin, SPA_ORIGIN);
    assert.equal((JSON.parse(call.body) as { done: boolean }).done, true);
    assertVariesByOrigin(call);
    // A page must be able to read why it was refused: the 401 of a bad token carries the header too.
    const refused = await crossOrigin(`${stack.instanceUrl}${QUERY}`, SPA_ORIGIN, {
      headers: { authorization: 'Bearer not-a-token' },
    });
    assert.equal(refused.status, 401);
    assert.equal(refused.allowOrigin, SPA_ORIGIN);
    // Still refused: another origin, the same host over http, another port, a sibling whose name only ends alike.
    for (const other of [
      'https://other.example.com',
      'http://spa.example.com',
      'https://spa.example.com:8443',
      'https://evilspa.example.com',
      'null',
    ]) {
      assert.equal(
        (await crossOrigin(`${stack.instanceUrl}${QUERY}`, other, { headers: bearer })).status,
        403,
        other,
      );
    }
  });

  test("allows in a preflight the request headers a page's library adds (X-Requested-With, Bulk's session)", async () => {
    await changeSettings(stack, { corsAllowedOrigins: SPA_ORIGIN });
    // As Chrome asks: lowercase, sorted, no spaces. A library's own header (jQuery-style X-Requested-With, Bulk API
    // 1.0's X-SFDC-Session, a tracing header) must not turn a call Salesforce answers into a blocked one.
    const asked = 'authorization,content-type,traceparent,x-requested-with,x-sfdc-session';
    const check = await preflight(`${stack.instanceUrl}${QUERY}`, SPA_ORIGIN, 'POST', asked);
    assert.equal(check.status, 204);
    const allowed = (check.headers.get('access-control-allow-headers') ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase());
    for (const name of asked.split(',')) assert.ok(allowed.includes(name), `${name} not in ${allowed}`);
    // The token endpoint's preflight too, where an OAuth library may add its own.
    await changeSettings(stack, { corsOAuthEndpoints: 'on' });
    const token = await preflight(
      `${stack.instanceUrl}/services/oauth2/token`,
      SPA_ORIGIN,
      'POST',
      'content-type,x-requested-with',
    );
    assert.equal(token.status, 204);
    assert.match(token.headers.get('access-control-allow-headers') ?? '', /x-requested-with/i);
    // A name that is no header name is not echoed back.
    const odd = await preflight(`${stack.instanceUrl}${QUERY}`, SPA_ORIGIN, 'GET', 'authorization,bad name');
    assert.doesNotMatch(odd.headers.get('access-control-allow-headers') ?? '', /bad/);
  });

  test('covers the subdomains of a wildcard pattern, and never a name for its IP address', async () => {
    await changeSettings(stack, { corsAllowedOrigins: 'https://*.example.net\nhttps://127.0.0.1:3000' });
    const url = `${stack.instanceUrl}${QUERY}`;
    for (const origin of ['https://app.example.net', 'https://a.b.example.net', 'https://127.0.0.1:3000']) {
      const call = await crossOrigin(url, origin, { headers: bearer });
      assert.equal(call.status, 200, origin);
      assert.equal(call.allowOrigin, origin);
    }
    for (const origin of ['https://example.net', 'https://app.example.net:444', 'https://localhost:3000']) {
      assert.equal((await crossOrigin(url, origin, { headers: bearer })).status, 403, origin);
    }
  });

  test('leaves the generic login host alone: the allowlist is in effect on My Domain', async () => {
    await changeSettings(stack, { corsAllowedOrigins: SPA_ORIGIN });
    for (const origin of [SPA_ORIGIN, 'https://not-listed.example.com']) {
      const call = await crossOrigin(`${stack.emulatorUrl}${QUERY}`, origin, { headers: bearer });
      assert.equal(call.status, 401, 'the answer of a token sent to the login host, as before');
      assert.equal(call.allowOrigin, null);
    }
  });
});
