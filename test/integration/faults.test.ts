// Salesforce down, hanging, failing or impersonated, played by the emulator's own server misbehaving on its
// real port: the JWT flow ends on its page with the right explanation, other pages keep answering, and the
// next attempt works once the fault is gone.
import assert from '../support/assert.ts';
import { before, describe, test } from 'node:test';
import { faultyStack } from '../support/faulty-stack.ts';
import { TestClient } from '../support/http.ts';
import { postForm, runWebServerFlow } from '../support/flows.ts';
import { NEWEST_VERSION } from '../../server/emulator/rest/versions.ts';

const HTML_PAGE = '<!DOCTYPE html><html><head><title>Maintenance</title></head><body>Back soon</body></html>';

describe('faults of a real server', () => {
  // Short, so the hanging server costs one second; still far above the milliseconds the emulator needs even on a
  // busy machine.
  const faulty = faultyStack({}, { httpTimeoutMs: 1000 });
  const client = new TestClient();
  const runJwt = () => postForm(faulty.stack, client, '/flows/jwt', '/flows/jwt');
  const jwtPage = async () => (await client.get(`${faulty.stack.appUrl}/flows/jwt`)).text();
  /** Pages that need no Salesforce call answer while the fault lasts. */
  const otherPagesAnswer = async () => {
    for (const page of ['/', '/setup', '/flows/web-server', '/flows/user-agent', '/setup/jwt.crt']) {
      assert.equal((await client.get(`${faulty.stack.appUrl}${page}`)).status, 200, page);
    }
  };

  before(async () => {
    await runWebServerFlow(faulty.stack, client); // the user approves the app once, so the JWT flow can succeed
  });

  const cases: {
    name: string;
    start: () => Promise<unknown> | unknown;
    error: string;
    title: string;
    /** What got through to the misbehaving server: nothing when it is down or fails the TLS handshake. */
    reached: string[];
    /** Words of the fix the page must give. */
    fix?: string;
  }[] = [
    {
      name: 'down (port closed)',
      start: () => faulty.faults.down(),
      error: '<code>network_error</code>',
      title: 'Salesforce did not answer',
      reached: [],
    },
    {
      name: 'answering 503',
      start: () => faulty.faults.answer(503, 'text/plain', 'Service Unavailable'),
      error: '<code>server_error</code>: <code>HTTP 503</code> (HTTP 503)',
      title: 'Salesforce had a problem answering',
      reached: ['POST /services/oauth2/token'],
    },
    {
      name: 'answering an HTML error page',
      start: () => faulty.faults.answer(502, 'text/html', HTML_PAGE),
      error: '<code>html_response</code>: <code>HTTP 502 with a web page instead of JSON</code> (HTTP 502)',
      title: 'A web page came back instead of Salesforce&#39;s JSON',
      reached: ['POST /services/oauth2/token'],
    },
    {
      name: 'answering an HTML page with 200',
      start: () => faulty.faults.answer(200, 'text/html', HTML_PAGE),
      error: '<code>html_response</code>: <code>HTTP 200 with a web page instead of JSON</code> (HTTP 200)',
      title: 'A web page came back instead of Salesforce&#39;s JSON',
      reached: ['POST /services/oauth2/token'],
    },
    {
      name: 'presenting an untrusted certificate',
      start: () => faulty.faults.untrustedCertificate(),
      error: '<code>untrusted_certificate</code>',
      title: 'The server presented a certificate this app does not trust',
      reached: [],
      // The one certificate a learner meets in org mode against the emulator: named, not only a proxy's.
      fix: 'NODE_EXTRA_CA_CERTS=certs/server.crt',
    },
  ];

  for (const fault of cases) {
    test(`${fault.name}: the JWT flow explains "${fault.title}", other pages answer, the next attempt works`, async () => {
      await fault.start();
      try {
        const run = await runJwt();
        assert.equal(run.status, 303);
        assert.equal(run.headers.get('location'), '/flows/jwt#teaching-heading');
        const page = await jwtPage();
        assert.ok(page.includes(fault.error), `${fault.error} not on the page`);
        assert.ok(page.includes(`<h3>${fault.title}</h3>`), `${fault.title} not on the page`);
        assert.deepEqual(faulty.faults.seen, fault.reached);
        if (fault.fix) assert.ok(page.includes(fault.fix), `${fault.fix} not on the page`);
        await otherPagesAnswer();
      } finally {
        await faulty.faults.restore();
      }
      assert.equal((await runJwt()).headers.get('location'), '/result');
    });
  }

  test('no authorize page at the login host (another server there): the flow stops, explained, the browser kept', async () => {
    faulty.faults.answer(
      404,
      'text/html',
      '<!DOCTYPE html><title>Not found</title>Page not found',
      '/services/oauth2/authorize',
    );
    try {
      const start = await client.get(`${faulty.stack.appUrl}/flows/web-server/start`);
      assert.equal(
        start.headers.get('location'),
        '/flows/web-server#teaching-heading',
        'not sent on to that page',
      );
      const page = await (await client.get(`${faulty.stack.appUrl}/flows/web-server`)).text();
      assert.ok(page.includes('<code>no_authorize_endpoint</code>'), 'the error on the page');
      assert.ok(
        page.includes('<h3>Nothing at SF_LOGIN_URL is Salesforce&#39;s login page</h3>'),
        'its explanation',
      );
      // Check my setup says the same of its consumer key check, with the fix.
      assert.equal((await postForm(faulty.stack, client, '/setup', '/setup/check')).status, 303);
      const setup = await (await client.get(`${faulty.stack.appUrl}/setup`)).text();
      assert.match(
        setup,
        /Nothing there is Salesforce&#39;s login page \(HTTP 404 from https:\/\/[^)]*\/services\/oauth2\/authorize\)\. Fix: SF_LOGIN_URL must be/,
      );
    } finally {
      await faulty.faults.restore();
    }
    assert.match((await runWebServerFlow(faulty.stack, client)).location, /^\/result/);
  });

  test('down during a logout: the page says the revoke never reached Salesforce and the token still works', async () => {
    const visitor = new TestClient();
    assert.equal(
      (await postForm(faulty.stack, visitor, '/flows/jwt', '/flows/jwt')).headers.get('location'),
      '/result',
    );
    await faulty.faults.down();
    try {
      assert.equal(
        (await postForm(faulty.stack, visitor, '/result', '/logout')).headers.get('location'),
        '/signed-out',
      );
      const page = await (await visitor.get(`${faulty.stack.appUrl}/signed-out`)).text();
      assert.match(page, /This app forgot the token but could not revoke it: Salesforce did not answer/);
      assert.match(page, /The token still works there/);
      assert.match(page, /Setup → Connected Apps OAuth Usage/);
      assert.doesNotMatch(page, /revoked the token at Salesforce|refused the revoke|had that revoked/);
    } finally {
      await faulty.faults.restore();
    }
  });

  test('hanging: the JWT flow gives up with "timeout" while other pages keep answering, then works again', async () => {
    const { waiting } = faulty.faults.hang();
    try {
      const run = runJwt();
      await waiting; // the token request is held by the server now
      await otherPagesAnswer();
      assert.equal((await run).headers.get('location'), '/flows/jwt#teaching-heading');
      const page = await jwtPage();
      assert.ok(page.includes('<code>timeout</code>: <code>no answer from '), 'timeout on the page');
      assert.ok(page.includes('within 1 s</code>'));
      assert.ok(page.includes('<h3>Salesforce did not answer in time</h3>'));
      assert.deepEqual(faulty.faults.seen, ['POST /services/oauth2/token']);
    } finally {
      await faulty.faults.restore();
    }
    assert.equal((await runJwt()).headers.get('location'), '/result');
  });

  test('hanging after sign-in: the result page asks who you are and the API versions at once', async () => {
    assert.equal((await runJwt()).headers.get('location'), '/result');
    const { openAtArrival } = faulty.faults.hang();
    try {
      const page = await (await client.get(`${faulty.stack.appUrl}/result`)).text();
      const asked = faulty.faults.seen.slice(0, 2).map((call) => call.replace(/^GET \/id\/.*/, 'GET /id/…'));
      assert.deepEqual(asked.sort(), ['GET /id/…', 'GET /services/data/'].sort());
      // The versions call came while the identity call was still open: side by side, not one after the other.
      assert.deepEqual(openAtArrival.slice(0, 2), [0, 1]);
      // Both gave up after the timeout, reported in the order the page lists them.
      const identityAt = page.indexOf('/id/');
      const versionsAt = page.indexOf('/services/data/');
      assert.ok(identityAt > 0 && versionsAt > identityAt, 'identity leg before versions leg');
    } finally {
      await faulty.faults.restore();
    }
  });

  test('hanging after a later sign-in: the version is known, so who you are and the query are asked at once', async () => {
    assert.equal((await runJwt()).headers.get('location'), '/result');
    const listed = await (await client.get(`${faulty.stack.appUrl}/result`)).text();
    assert.match(listed, /data-leg="versions"/, 'this sign-in lists the versions');
    assert.match(
      listed,
      new RegExp(
        `v${NEWEST_VERSION}\\.0<span class="when">, the newest that GET /services/data/ lists \\(its call is below\\)`,
      ),
    );
    assert.equal((await runJwt()).headers.get('location'), '/result');
    const { openAtArrival } = faulty.faults.hang();
    try {
      const page = await (await client.get(`${faulty.stack.appUrl}/result`)).text();
      const asked = faulty.faults.seen.map((call) =>
        call.replace(/^GET \/id\/.*/, 'GET /id/…').replace(/\?.*/, '?…'),
      );
      assert.deepEqual(asked.sort(), ['GET /id/…', `GET /services/data/v${NEWEST_VERSION}.0/query?…`].sort());
      assert.deepEqual(openAtArrival, [0, 1], 'the query came while the identity call was still open');
      assert.doesNotMatch(page, /data-leg="versions"/);
      const identityAt = page.indexOf('/id/');
      const queryAt = page.indexOf(`/services/data/v${NEWEST_VERSION}.0/query`);
      assert.ok(identityAt > 0 && queryAt > identityAt, 'identity leg before query leg');
    } finally {
      await faulty.faults.restore();
    }
  });
});
