// Contract tests for the emulator's REST API: versions, resources, sObject reads, exact errors, and the
// headers every REST response carries (queries: rest-query.test.ts).
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { loginAndGetToken } from '../../support/emulator-login.ts';
import { TestClient } from '../../support/http.ts';
import { rawRequest } from '../../support/raw.ts';
import { expectReply, restClientFor, RestTestClient } from '../../support/rest.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

const NOT_FOUND = [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }];

describe('emulator: REST API', () => {
  let stack: TestStack;
  let rest: RestTestClient;

  before(async () => {
    stack = await startTestStack();
    rest = await restClientFor(stack);
  });
  after(() => stack.close());

  test('answers a path joined to an instance URL that ends in a slash (//services/...), as the sf CLI sends it', async () => {
    const response = await new TestClient().get(
      `${stack.instanceUrl}//services/data/v66.0/query?q=SELECT+Id+FROM+Account+LIMIT+1`,
      { authorization: `Bearer ${rest.token}` },
    );
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { done: boolean }).done, true);
  });

  test('lists versions without authentication, oldest first, never cached', async () => {
    const response = await new TestClient().get(`${stack.emulatorUrl}/services/data/`);
    const versions = (await response.json()) as { label: string; url: string; version: string }[];
    assert.deepEqual(versions[0], { label: "Summer '14", url: '/services/data/v31.0', version: '31.0' });
    assert.deepEqual(
      versions.find((v) => v.version === '62.0'),
      { label: "Winter '25", url: '/services/data/v62.0', version: '62.0' },
    );
    // The release live in production orgs on this project's date (salesforce-wire.md §9.1).
    assert.deepEqual(versions.at(-1), { label: "Winter '27", url: '/services/data/v68.0', version: '68.0' });
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(response.headers.get('sforce-limit-info'), null);
  });

  test('lists the resources of a version; those the emulator does not serve answer NOT_FOUND', async () => {
    const { status, body } = await rest.get('/');
    assert.equal(status, 200);
    for (const name of [
      'sobjects',
      'query',
      'queryAll',
      'limits',
      'composite',
      'search',
      'recent',
      'tooling',
    ]) {
      assert.equal(body[name], `/services/data/v66.0/${name}`);
    }
    assert.equal(body.identity, `${stack.emulatorUrl}/id/00D5j00000PlAyGEAV/0055j00000AdMiNAAV`);
    // A listed resource the emulator lacks says so, in the REST error form; an unlisted one is simply not found.
    const notServed = (name: string) => [
      {
        message: `The ${name} resource is not served by this local emulator (an emulator limit: a real org answers it). It serves query, queryAll, sobjects (describe and records), limits and composite (batch and sObject Collections).`,
        errorCode: 'NOT_FOUND',
      },
    ];
    await expectReply(rest.get('/search?q=FIND+%7Bacme%7D'), 404, notServed('search'));
    await expectReply(rest.get('/Tooling/sobjects'), 404, notServed('tooling'));
    await expectReply(rest.get('/nosuchresource'), 404, NOT_FOUND);
    // So do the parts of served resources that a real org has and the emulator does not.
    const contactId = (await rest.get('/query?q=SELECT+Id+FROM+Account+LIMIT+1')).body.records[0].Id;
    for (const [path, resource] of [
      [
        '/sobjects/Contact/updated/?start=2025-01-01T00:00:00Z&end=2025-01-02T00:00:00Z',
        'sobjects/Contact/updated',
      ],
      ['/sobjects/Account/describe/layouts', 'sobjects/Account/describe/layouts'],
      [`/sobjects/Account/${contactId}/Contacts`, 'sobjects/Account/<id>/Contacts (related records)'],
      // A parent relationship too (a lookup's relationship name), as clients follow them.
      [`/sobjects/Contact/${contactId}/Account`, 'sobjects/Contact/<id>/Account (related records)'],
      ['/limits/recordCount?sObjects=Account', 'limits/recordCount'],
    ]) {
      await expectReply(rest.get(path), 404, notServed(resource));
    }
    // Names a real org does not have stay plainly not found.
    await expectReply(rest.get('/sobjects/Account/describe/bogus'), 404, NOT_FOUND);
    await expectReply(rest.get(`/sobjects/Account/${contactId}/NoSuchRelation`), 404, NOT_FOUND);
    await expectReply(
      rest.send('POST', '/composite/tree/Account', { records: [] }),
      404,
      notServed('composite/tree'),
    );
    // identity's entry is the identity URL itself, which the emulator serves: no "not served" claim here.
    await expectReply(rest.get('/identity'), 404, NOT_FOUND);
  });

  test('sends no-store and the API usage header on every REST response, errors included', async () => {
    const first = await rest.get('/limits');
    const usage = /^api-usage=(\d+)\/15000$/.exec(first.headers.get('sforce-limit-info') ?? '');
    assert.ok(usage, `got ${first.headers.get('sforce-limit-info')}`);
    const bad = await rest.query('SELECT Nope FROM Account');
    assert.equal(bad.status, 400);
    assert.equal(bad.headers.get('cache-control'), 'no-store');
    assert.equal(bad.headers.get('sforce-limit-info'), `api-usage=${Number(usage[1]) + 1}/15000`);
    const unauthenticated = await rest.get('/', { authorization: 'Bearer nope' });
    assert.equal(unauthenticated.headers.get('cache-control'), 'no-store');
    assert.equal(unauthenticated.headers.get('sforce-limit-info'), null);
  });

  test('reads sObject records, Users included, and answers unknown ids and versions with NOT_FOUND', async () => {
    const account = await rest.get('/sobjects/Account/0015j0000000001AAA');
    assert.equal(account.body.Name, 'Acme Inc.');
    const user = await rest.get('/services/data/v51.0/sobjects/User/0055j00000AdMiNAAV');
    assert.equal(user.body.Username, stack.config.username);
    await expectReply(rest.get('/sobjects/Account/0015j0000000999AAA'), 404, NOT_FOUND);
    await expectReply(rest.get('/services/data/v38/query?q=SELECT+Id+FROM+Account'), 404, NOT_FOUND);
    await expectReply(rest.get('/services/data/v99.0/'), 404, NOT_FOUND);
    // The newest docs' alias for the newest version: its records' URLs name that version.
    const latest = await rest.get('/services/data/latest/query?q=SELECT+Id+FROM+Account+LIMIT+1');
    assert.equal(latest.status, 200);
    assert.match(latest.body.records[0].attributes.url, /^\/services\/data\/v68\.0\/sobjects\/Account\//);
    await expectReply(rest.get('/services/data/Latest/'), 404, NOT_FOUND);
    await expectReply(rest.get('/sobjects/Account/describe2'), 404, [
      {
        message: 'Provided external ID field does not exist or is not accessible: describe2',
        errorCode: 'NOT_FOUND',
      },
    ]);
  });

  test('refuses a method a resource does not take with 405, before looking at the token', async () => {
    await expectReply(
      rest.send('PUT', '/query?q=SELECT+Id+FROM+Account', undefined, { authorization: '' }),
      405,
      [{ message: "HTTP Method 'PUT' not allowed. Allowed are GET,HEAD", errorCode: 'METHOD_NOT_ALLOWED' }],
    );
    await expectReply(rest.send('POST', '/sobjects/Account/0015j0000000001AAA', {}), 405, [
      {
        message: "HTTP Method 'POST' not allowed. Allowed are GET,HEAD,PATCH,DELETE",
        errorCode: 'METHOD_NOT_ALLOWED',
      },
    ]);
    const batch = await rest.post('/composite/batch', {
      batchRequests: [{ method: 'DELETE', url: 'v66.0/limits' }],
    });
    assert.deepEqual(batch.body.results[0], {
      statusCode: 405,
      result: [
        {
          message: "HTTP Method 'DELETE' not allowed. Allowed are GET,HEAD",
          errorCode: 'METHOD_NOT_ALLOWED',
        },
      ],
    });
  });

  test('refuses missing and garbage tokens, and tokens without the api scope', async () => {
    const invalid = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];
    const missing = await rest.get('/', { authorization: '' });
    assert.equal(missing.status, 401);
    assert.deepEqual(missing.body, invalid);
    assert.deepEqual((await rest.get('/', { authorization: 'Bearer 00Dnope!garbage' })).body, invalid);
    const idOnly = (await loginAndGetToken(stack, { scope: 'id' })).access_token;
    const notRest = await rest.get('/', { authorization: `OAuth ${idOnly}` });
    assert.equal(notRest.status, 401);
    assert.deepEqual(notRest.body, [
      { message: 'This session is not valid for use with the REST API', errorCode: 'INVALID_SESSION_ID' },
    ]);
  });

  test('a client that takes XML only is told the emulator answers JSON (406), not sent JSON it did not ask for', async () => {
    const xmlOnly = await rest.get('/limits', { accept: 'application/xml' });
    assert.equal(xmlOnly.status, 406);
    assert.match(
      xmlOnly.body[0].message,
      /^XML responses are not supported by this local emulator \(an emulator limit\)/,
    );
    for (const accept of ['application/json', 'application/xml;q=0.5, application/json', '*/*']) {
      assert.equal((await rest.get('/limits', { accept })).status, 200, accept);
    }
  });

  test('answers a form body, however large, as the REST API: 401 without a token, 415 with one', async () => {
    // Over the OAuth endpoints' form limits (64 KB, 100 fields): those limits are theirs, not the REST API's.
    const form = new URLSearchParams(Array.from({ length: 150 }, (_, i) => [`f${i}`, 'x'.repeat(500)]));
    const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };
    const send = (authorization?: string) =>
      rest.send('POST', '/sobjects/Account', form.toString(), {
        ...formHeaders,
        ...(authorization === undefined ? {} : { authorization }),
      });
    const anonymous = await send('');
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body[0].errorCode, 'INVALID_SESSION_ID');
    const signedIn = await send();
    assert.equal(signedIn.status, 415);
    assert.equal(signedIn.body[0].errorCode, 'UNSUPPORTED_MEDIA_TYPE');
  });

  test('answers a body sent with no Content-Type with 415 naming the header, not as a request without a body', async () => {
    const url = new URL(rest.url('/sobjects/Account'));
    const body = JSON.stringify({ Name: 'No type' });
    const answer = await rawRequest(url.origin, url.pathname, {
      method: 'POST',
      headers: {
        host: url.host,
        authorization: `Bearer ${rest.token}`,
        'content-length': String(Buffer.byteLength(body)),
      },
      body,
    });
    assert.equal(answer.status, 415);
    const [error] = JSON.parse(answer.body);
    assert.equal(error.errorCode, 'UNSUPPORTED_MEDIA_TYPE');
    assert.match(error.message, /no Content-Type header/);
  });

  test('answers a malformed escape in a REST path with NOT_FOUND, in the REST error form', async () => {
    await expectReply(rest.get('/services/data/%E0%A4%A'), 404, NOT_FOUND);
  });
});
