// Hostile request bodies at the app: prototype keys, deep nesting, wrong types, and sizes past every limit
// are answered with a 4xx and a clear message, never a 500, and the process keeps serving.
import assert from '../support/assert.ts';
import { after, afterEach, before, describe, test } from 'node:test';
import { assertStillServing, csrfTokenOf, postJson } from '../support/attacks.ts';
import { TestClient } from '../support/http.ts';
import { postForm, runWebServerFlow } from '../support/flows.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const DEEP_JSON = '['.repeat(10_000) + ']'.repeat(10_000);
const DEPTH_REFUSAL = { error: 'Bad request', detail: 'JSON bodies may nest at most 8 levels.', status: 400 };
const TOO_LARGE = {
  error: 'Request too large',
  detail: 'The body is larger, or has more fields, than any form of this app sends.',
  status: 413,
};

describe('attacks on request bodies', () => {
  let stack: TestStack;
  afterEach(() => assertStillServing(stack, new TestClient()));
  const client = new TestClient();
  before(async () => {
    stack = await startTestStack();
    await runWebServerFlow(stack, client); // a signed-in session with an attempt in it: the richest target
  });
  after(() => stack.close());

  for (const flow of ['__proto__', 'constructor', 'toString']) {
    test(`break-it with flow=${flow} is a 400 "Unknown flow" and arms nothing`, async () => {
      const answer = await postForm(stack, client, '/flows/jwt', '/teaching/break-it', {
        flow,
        faults: 'wrong-aud',
      });
      assert.equal(answer.status, 400);
      const html = await answer.text();
      assert.match(html, /<h1>Unknown flow<\/h1>/);
      assert.match(html, /Choose the faults on a flow page\./);
      assert.doesNotMatch(await (await client.get(`${stack.appUrl}/flows/jwt`)).text(), /Armed for the next/);
    });
  }

  for (const path of ['/teaching/reveal', '/result/reveal']) {
    test(`a JSON body nested 10,000 levels deep to ${path} is a 400, not a stack overflow`, async () => {
      const csrf = await csrfTokenOf(stack, client);
      const answer = await postJson(client, `${stack.appUrl}${path}`, DEEP_JSON, csrf);
      assert.equal(answer.status, 400);
      assert.deepEqual(await answer.json(), DEPTH_REFUSAL);
    });
  }

  for (const [name, body] of [
    ['a number', '{"entryId":1}'],
    ['an object', '{"entryId":{"$ne":null}}'],
    ['an array', '{"entryId":["a"]}'],
    ['null', '{"entryId":null}'],
    ['missing', '{}'],
  ]) {
    test(`/teaching/reveal with entryId ${name} is a 400 "entryId must be a string."`, async () => {
      const answer = await postJson(
        client,
        `${stack.appUrl}/teaching/reveal`,
        body,
        await csrfTokenOf(stack, client),
      );
      assert.equal(answer.status, 400);
      assert.deepEqual(await answer.json(), {
        error: 'Bad request',
        detail: 'entryId must be a string.',
        status: 400,
      });
    });
  }

  test('/teaching/reveal with entryId naming a prototype member finds nothing (404)', async () => {
    const csrf = await csrfTokenOf(stack, client);
    for (const entryId of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const answer = await postJson(
        client,
        `${stack.appUrl}/teaching/reveal`,
        JSON.stringify({ entryId }),
        csrf,
      );
      assert.equal(answer.status, 404, entryId);
      assert.deepEqual(await answer.json(), {
        error: 'Nothing to reveal',
        detail: 'That transcript entry is not in your session.',
        status: 404,
      });
    }
  });

  test('a typed query over 4,000 characters is refused with why, never cut short into a query nobody wrote', async () => {
    const soql = `SELECT Id FROM Account WHERE Name != '${'x'.repeat(4_000)}' LIMIT 1`;
    const answer = await postForm(stack, client, '/result', '/result/query', { soql });
    assert.equal(answer.status, 400);
    const html = await answer.text();
    assert.match(html, /<h1>Query too long<\/h1>/);
    assert.match(html, /The query is longer than the 4,000 characters this page takes/);
    // Line breaks arrive as CRLF but count once, as the textarea's maxlength counts them.
    const lines = `SELECT Id\r\nFROM Account\r\nWHERE Name != '${'x'.repeat(3_960)}'`;
    assert.equal(lines.replace(/\r\n/g, '\n').length, 3_999);
    assert.equal((await postForm(stack, client, '/result', '/result/query', { soql: lines })).status, 303);
    // The box keeps 4,001 characters of a longer paste: cut where its 4,001st is a space, the query is still too
    // long as it arrived, though trimmed it would fit and run without its tail (here, without its WHERE).
    const pasted = `SELECT Id FROM Account${' '.repeat(3_979)} WHERE Name = 'nobody'`;
    const cut = await postForm(stack, client, '/result', '/result/query', { soql: pasted.slice(0, 4_001) });
    assert.equal(cut.status, 400);
    assert.match(await cut.text(), /<h1>Query too long<\/h1>/);
  });

  test('a query sent twice, or not as text, is refused as a malformed form, never run as the sample query', async () => {
    const csrf = await csrfTokenOf(stack, client, '/result');
    const twice = await client.request(`${stack.appUrl}/result/query`, {
      method: 'POST',
      body: `_csrf=${csrf}&soql=SELECT+Id+FROM+Account&soql=SELECT+Id+FROM+Contact`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(twice.status, 400);
    assert.match(await twice.text(), /<h1>Malformed form<\/h1>/);
    const listed = await postJson(
      client,
      `${stack.appUrl}/result/query`,
      '{"soql":["SELECT Id FROM Account"]}',
      csrf,
    );
    assert.equal(listed.status, 400);
    assert.equal(((await listed.json()) as { error: string }).error, 'Malformed form');
  });

  test('a request that cannot be read says which part: a broken %-escape in the address, a charset other than UTF-8', async () => {
    const escape = await client.get(`${stack.appUrl}/teaching/legs/%E0%A4%A`, { accept: 'application/json' });
    assert.equal(escape.status, 400);
    assert.match(((await escape.json()) as { detail: string }).detail, /%-escape that is not valid UTF-8/);
    const latin1 = await client.request(`${stack.appUrl}/teaching/reveal`, {
      method: 'POST',
      body: JSON.stringify({ entryId: 'x' }),
      headers: {
        'content-type': 'application/json; charset=latin1',
        accept: 'application/json',
        'x-csrf-token': await csrfTokenOf(stack, client),
      },
    });
    assert.equal(latin1.status, 415);
    assert.deepEqual(await latin1.json(), {
      error: 'Unsupported charset',
      detail: 'This app reads forms and JSON in UTF-8: send charset=utf-8, or no charset at all.',
      status: 415,
    });
  });

  test('a path the app serves, asked with another method, is a 405 naming the methods it takes; others are 404', async () => {
    const logout = await client.get(`${stack.appUrl}/logout`);
    assert.equal(logout.status, 405);
    assert.equal(logout.headers.get('allow'), 'POST');
    assert.match(await logout.text(), /\/logout takes POST, not GET\. It is what a button of the app sends/);
    const setup = await client.request(`${stack.appUrl}/setup`, { method: 'DELETE' });
    assert.equal(setup.status, 405);
    assert.equal(setup.headers.get('allow'), 'GET, HEAD');
    assert.equal((await client.get(`${stack.appUrl}/no-such-page`)).status, 404);
  });

  test('a 200 kB form body is refused with 413', async () => {
    const answer = await postForm(stack, client, '/result', '/result/query', { soql: 'x'.repeat(200_000) });
    assert.equal(answer.status, 413);
    assert.match(await answer.text(), /<h1>Request too large<\/h1>/);
  });

  test('the largest forms the pages allow are read: a full SOQL box and a full paste box of 3-byte characters', async () => {
    const query = await postForm(stack, client, '/result', '/result/query', { soql: '日'.repeat(4000) });
    assert.notEqual(query.status, 413);
    const explained = await postForm(stack, client, '/explain', '/explain', { text: '日'.repeat(10_000) });
    assert.equal(explained.status, 200);
    assert.match(await explained.text(), /maxlength="10000"/);
    // Line breaks count once in the box but come as CRLF: an error at the end of a full box is still read.
    const lines = `${'a\r\n'.repeat(4000)}error=invalid_grant&error_description=authentication+failure`;
    const tail = await (await postForm(stack, client, '/explain', '/explain', { text: lines })).text();
    assert.match(tail, /<title>What does invalid_grant mean\?/);
  });

  test('a 40 kB JSON body is refused with 413', async () => {
    const body = JSON.stringify({ entryId: 'x'.repeat(40_000) });
    const answer = await postJson(
      client,
      `${stack.appUrl}/teaching/reveal`,
      body,
      await csrfTokenOf(stack, client),
    );
    assert.equal(answer.status, 413);
    assert.deepEqual(await answer.json(), TOO_LARGE);
  });

  test('a form with 200 fields is refused with 413', async () => {
    const fields = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`f${i}`, 'v']));
    const answer = await postForm(stack, client, '/flows/jwt', '/flows/jwt', fields);
    assert.equal(answer.status, 413);
    assert.match(await answer.text(), /<h1>Request too large<\/h1>/);
  });

  test('an address past the 16 KB Node reads gets a 431 that says what to shorten, not an empty answer', async () => {
    const answer = await client.get(`${stack.appUrl}/?q=${'x'.repeat(20_000)}`);
    assert.equal(answer.status, 431);
    assert.match(await answer.text(), /longer than this server reads \(16 KB\): shorten the address/);
  });

  test('a form posted as text/plain is refused as that, not as an expired form', async () => {
    const csrf = await csrfTokenOf(stack, client, '/flows/jwt');
    const answer = await client.request(`${stack.appUrl}/flows/jwt`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: `_csrf=${csrf}`,
    });
    assert.equal(answer.status, 415);
    const page = await answer.text();
    assert.match(
      page,
      /application\/x-www-form-urlencoded \(as browsers send them\) or JSON; this one came as text\/plain/,
    );
    assert.doesNotMatch(page, /Form expired/);
  });
});
