// The known bad inputs, sent to a running app one after another: each gets an answer below 500, and
// afterwards the process still serves GET / with 200. A crash ends this test process; a hang times out.
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { csrfTokenOf } from '../support/attacks.ts';
import { TestClient } from '../support/http.ts';
import { rawRequest, type RawInit } from '../support/raw.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const JSON_TYPE = { 'content-type': 'application/json' };
const nested = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

describe('crash test', () => {
  let stack: TestStack;
  const client = new TestClient();
  let csrf = '';
  const statuses: number[] = [];
  before(async () => {
    stack = await startTestStack();
    csrf = await csrfTokenOf(stack, client);
  });
  after(() => stack.close());

  /** Sent raw, without cookies or token: what any page on the web could make a browser send. */
  const raw =
    (path: string, init: RawInit = {}) =>
    async () =>
      (await rawRequest(stack.appUrl, path, init)).status;
  /** Sent with this browser's cookies and a valid CSRF token, so the input reaches the handler itself. */
  const withToken =
    (path: string, body: string, type = FORM) =>
    async () =>
      (
        await client.request(`${stack.appUrl}${path}`, {
          method: 'POST',
          body,
          headers: { ...type, 'x-csrf-token': csrf },
        })
      ).status;

  const INPUTS: [string, () => Promise<number>][] = [
    ['break-it flow=__proto__', withToken('/teaching/break-it', 'flow=__proto__&faults=wrong-aud')],
    ['break-it flow=constructor', withToken('/teaching/break-it', 'flow=constructor')],
    ['break-it flow=toString', withToken('/teaching/break-it', 'flow=toString')],
    [
      'break-it faults named after prototype members',
      withToken('/teaching/break-it', 'flow=jwt&faults=__proto__&faults=constructor'),
    ],
    [
      'reveal with a 10,000-level array',
      withToken('/teaching/reveal', '['.repeat(10_000) + ']'.repeat(10_000), JSON_TYPE),
    ],
    [
      'result reveal with a 10,000-level array',
      withToken('/result/reveal', '['.repeat(10_000) + ']'.repeat(10_000), JSON_TYPE),
    ],
    ['reveal with a 5,000-level object', withToken('/teaching/reveal', nested(5_000), JSON_TYPE)],
    [
      'reveal with a __proto__ key',
      withToken('/teaching/reveal', '{"__proto__":{"entryId":"x"},"entryId":{"constructor":1}}', JSON_TYPE),
    ],
    ['reveal with a bare JSON string', withToken('/teaching/reveal', '"entryId"', JSON_TYPE)],
    ['reveal with malformed JSON', withToken('/teaching/reveal', '{"entryId":', JSON_TYPE)],
    [
      'reveal with entryId[__proto__] in a form',
      withToken('/teaching/reveal', 'entryId[__proto__]=x&entryId=y'),
    ],
    [
      'fragment with prototype keys',
      withToken('/oauthcallback/fragment', '__proto__=1&constructor=2&toString=3&state=x'),
    ],
    [
      'fragment with an error and no state',
      withToken('/oauthcallback/fragment', 'error=x&error=y&error_description=z'),
    ],
    [
      'JSON in an unsupported charset',
      raw('/teaching/reveal', {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=iso-8859-1' },
        body: '{}',
      }),
    ],
    [
      'an unsupported content-encoding',
      raw('/flows/jwt', {
        method: 'POST',
        headers: { ...FORM, 'content-encoding': 'compress' },
        body: 'a=1',
      }),
    ],
    [
      'gzip that is not gzip',
      raw('/flows/jwt', {
        method: 'POST',
        headers: { ...FORM, 'content-encoding': 'gzip' },
        body: 'not gzip',
      }),
    ],
    [
      'a 100 kB form',
      raw('/result/query', { method: 'POST', headers: FORM, body: `soql=${'x'.repeat(100_000)}` }),
    ],
    [
      'a form with 1,000 fields',
      raw('/flows/jwt', {
        method: 'POST',
        headers: FORM,
        body: Array.from({ length: 1000 }, (_, i) => `f${i}=1`).join('&'),
      }),
    ],
    [
      'callback with __proto__ in the query',
      raw('/oauthcallback.html?__proto__=x&constructor=y&code=z&state=s'),
    ],
    ['callback with bracketed names', raw('/oauthcallback.html?code[a]=1&state[__proto__]=2&error[x]=3')],
    ['callback with repeated code and error', raw('/oauthcallback.html?code=a&code=b&error=x&error=y')],
    ['callback with broken percent-encoding', raw('/oauthcallback.html?code=%E0%A4%A&state=%')],
    ['a path with broken percent-encoding', raw('/css/%E0%A4%A.css')],
    ['a path with a NUL byte', raw('/setup/jwt.crt%00')],
    [
      'a forged session cookie',
      raw('/result', { headers: { cookie: '__Host-playground.sid=s%3Aforged.AAAA' } }),
    ],
    [
      'malformed cookies',
      raw('/flows/jwt', {
        headers: { cookie: '__Host-playground.sid=%ZZ; __Host-playground.csrf=%%%; =; ;;' },
      }),
    ],
    ['a 20 kB URL', raw(`/flows/jwt?x=${'a'.repeat(20_000)}`)],
    ['a TRACE request', raw('/', { method: 'TRACE' })],
    ['an OPTIONS request', raw('/result/reveal', { method: 'OPTIONS' })],
    ['a HEAD request on the result page', raw('/result', { method: 'HEAD' })],
    ['a GET on a POST-only route', raw('/teaching/reveal')],
    [
      'a nonsensical Accept header',
      raw('/no/such/page', { headers: { accept: 'application/json;q=x, */*;q=-1' } }),
    ],
  ];

  for (const [name, send] of INPUTS) {
    test(`${name}: answered below 500`, { timeout: 10_000 }, async () => {
      const status = await send();
      statuses.push(status);
      assert.ok(status >= 200 && status < 500, `answered ${status}`);
    });
  }

  test('afterwards the app still answers GET / with 200, and no input got a 500', async () => {
    assert.equal(statuses.length, INPUTS.length);
    assert.ok(!statuses.includes(500));
    assert.equal((await new TestClient().get(`${stack.appUrl}/`)).status, 200);
  });
});
