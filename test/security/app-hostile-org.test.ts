// An org that answers what no Salesforce org does: JSON of the wrong shape, or a body without end. The app runs
// in org mode against a server on this machine it trusts; each answer becomes a named problem, never a 500 page
// nor an app that reads until its memory runs out.
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from '../support/assert.ts';
import { assertStillServing } from '../support/attacks.ts';
import { postForm } from '../support/flows.ts';
import { TestClient } from '../support/http.ts';
import { startOrgModeApp } from '../support/org-mode.ts';
import { testCertsFolder, type TestStack } from '../support/stack.ts';
import { listenHttps, type ListeningServer } from '../../server/https.ts';

const ORG_ID = '00D000000000001EAA';
const USER_ID = '005000000000001AAA';

describe('an org answering in shapes Salesforce never sends', () => {
  let org: ListeningServer;
  let app: TestStack;
  /** What the org answers each path with; a test sets the ones it breaks. */
  let answers: Record<'token' | 'identity' | 'query', (res: ServerResponse) => void>;
  const json = (body: unknown) => (res: ServerResponse) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const regular = () => ({
    token: json({
      access_token: `${ORG_ID}!AQ.hostileOrgToken`,
      instance_url: org.url,
      id: `${org.url}/id/${ORG_ID}/${USER_ID}`,
      token_type: 'Bearer',
    }),
    identity: json({ username: 'someone@hostile.example', user_id: USER_ID, organization_id: ORG_ID }),
    query: json({ totalSize: 0, done: true, records: [] }),
  });

  before(async () => {
    const certs = await testCertsFolder();
    org = await listenHttps({
      port: 0,
      key: readFileSync(path.join(certs, 'server.key'), 'utf8'),
      cert: readFileSync(path.join(certs, 'server.crt'), 'utf8'),
    });
    org.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      req.resume();
      const url = req.url ?? '';
      if (url.startsWith('/services/oauth2/token')) answers.token(res);
      else if (url.startsWith('/id/')) answers.identity(res);
      else answers.query(res);
    });
    // The version pinned: no call lists the versions, so each test breaks one call only.
    app = await startOrgModeApp(org.url, { SF_API_VERSION: '60.0' });
  });
  after(async () => {
    await app.close();
    await org.close();
  });

  /** Signs in with the JWT bearer flow and opens the page it leads to: its status and text. */
  const signIn = async () => {
    const client = new TestClient();
    await client.get(app.accessUrl ?? '');
    const run = await postForm(app, client, '/flows/jwt', '/flows/jwt');
    assert.equal(run.status, 303);
    const page = await client.get(`${app.appUrl}${(run.headers.get('location') ?? '').split('#')[0]}`);
    return { status: page.status, html: await page.text() };
  };

  for (const [name, body] of [
    ['an object without records', { totalSize: 1, done: true }],
    ['a list', []],
    ['records that are not records', { totalSize: 1, done: true, records: [null] }],
  ] as const) {
    test(`a query answer that is ${name} is named on the result page, not a 500`, async () => {
      answers = { ...regular(), query: json(body) };
      const page = await signIn();
      assert.equal(page.status, 200);
      assert.match(page.html, /the query answer has no list of records/);
    });
  }

  test('a child subquery whose records are not records leaves its cell as it came, and the page shows', async () => {
    const child = { totalSize: 1, done: true, records: [null] };
    answers = {
      ...regular(),
      query: json({
        totalSize: 1,
        done: true,
        records: [{ attributes: { type: 'Account' }, Contacts: child }],
      }),
    };
    const page = await signIn();
    assert.equal(page.status, 200);
    assert.match(page.html, /<th[^>]*>Contacts<\/th>/);
  });

  test('an identity answer of null is named as such, not as a TypeError', async () => {
    answers = { ...regular(), identity: json(null) };
    const page = await signIn();
    assert.equal(page.status, 200);
    assert.match(page.html, /the identity answer is not a JSON object/);
    assert.doesNotMatch(page.html, /Cannot read properties/);
  });

  test('a token call redirected elsewhere is named a redirect, followed nowhere, not an unknown Salesforce error', async () => {
    let followed = false;
    answers = {
      ...regular(),
      token: (res) => res.writeHead(307, { location: `${org.url}/elsewhere/token` }).end(),
      query: (res) => {
        followed = true;
        res.writeHead(404).end();
      },
    };
    const page = await signIn();
    assert.equal(page.status, 200);
    assert.match(page.html, /The call was sent elsewhere instead of answered/);
    assert.doesNotMatch(page.html, /HTTP_307|not in the playground&#39;s catalogue/);
    assert.equal(followed, false, 'the redirect was followed');
  });

  test('an empty or text token answer, or a token no header may carry, is named, not a JSON error or "no answer"', async () => {
    for (const [token, named] of [
      [(res: ServerResponse) => res.writeHead(200).end(), /the token endpoint&#39;s answer is an empty body/],
      [(res: ServerResponse) => res.writeHead(200).end('ok'), /the token endpoint&#39;s answer is not JSON/],
      [
        json({
          access_token: `${ORG_ID}!AQ.\u00ff(`,
          instance_url: org.url,
          id: `${org.url}/id/x/y`,
        }),
        /the access_token holds characters no HTTP header may carry/,
      ],
    ] as const) {
      answers = { ...regular(), token };
      const page = await signIn();
      assert.equal(page.status, 200);
      assert.match(page.html, named);
      assert.doesNotMatch(page.html, /Unexpected end of JSON|Salesforce did not answer/);
    }
  });

  test("another server's JSON error is named as such, not shown as if it were Salesforce's error code", async () => {
    for (const body of [
      { error: { code: 401, message: 'gateway says no' } },
      { fault: 'no' },
      { error: 42 },
    ]) {
      answers = {
        ...regular(),
        token: (res) => res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
      };
      const page = await signIn();
      assert.equal(page.status, 200);
      assert.match(page.html, /An error came back in a shape Salesforce&#39;s errors never take/);
      assert.doesNotMatch(page.html, /not in the playground&#39;s catalogue/);
    }
  });

  test('an error description of 500 kB is shown cut, with its length', async () => {
    answers = {
      ...regular(),
      token: (res) =>
        res
          .writeHead(400, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: 'invalid_grant', error_description: 'x'.repeat(500_000) })),
    };
    const page = await signIn();
    assert.equal(page.status, 200);
    assert.match(page.html, /… \(cut here: 500,000 characters in all\)/);
    assert.ok(page.html.length < 200_000, `a page of ${page.html.length} characters`);
  });

  test("a token tool's answer of megabytes is shown cut, and the session keeps only what the page shows", async () => {
    const big = { sub: 'x', padding: 'p'.repeat(2_000_000) };
    answers = {
      ...regular(),
      query: (res) =>
        json(res.req.url?.includes('userinfo') ? big : { totalSize: 0, done: true, records: [] })(res),
    };
    const client = new TestClient();
    await client.get(app.accessUrl ?? '');
    const run = await postForm(app, client, '/flows/jwt', '/flows/jwt');
    assert.equal(run.status, 303);
    assert.equal((await postForm(app, client, '/result', '/result/tools', { tool: 'userinfo' })).status, 303);
    const page = await client.get(`${app.appUrl}/result`);
    const html = await page.text();
    assert.equal(page.status, 200);
    assert.match(html, /cut here: 2,000,\d{3} characters in all/);
    assert.ok(html.length < 500_000, `a page of ${html.length} characters`);
  });

  test('a token answer larger than 32 MB is read no further, and the attempt says why', async () => {
    answers = {
      ...regular(),
      token: (res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(1024 * 1024, 'a');
        let sent = 0;
        const pump = () => {
          while (sent < 40 && !res.destroyed) {
            sent++;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        pump();
      },
    };
    const page = await signIn();
    assert.equal(page.status, 200);
    assert.match(page.html, /is over 32 MB, larger than any Salesforce answer this app reads/);
    await assertStillServing(app, new TestClient());
  });
});
