// What a signed-in visitor and the operator see while Redis is down: the 503 page offers the same page again (the
// home page is refused as well while the browser holds a session), and the log gets one line per outage's requests.
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { redisStackForTests } from '../support/redis-stack.ts';
import { NO_REDIS_MESSAGE } from '../support/redis.ts';
import { csrfTokenOf } from '../support/attacks.ts';

describe('a session store outage', () => {
  const redisStack = redisStackForTests();
  const logged: string[] = [];
  const original = console.error;
  before(() => {
    console.error = (...args: unknown[]) => logged.push(args.map(String).join(' '));
  });
  after(() => {
    console.error = original;
  });

  test('the 503 offers this page again, never the home page; a form is sent again from its page', async (t) => {
    const signedIn = await redisStack.signIn();
    if (!signedIn) return t.skip(NO_REDIS_MESSAGE);
    const { stack, client, admin } = signedIn;
    const csrf = await csrfTokenOf(stack, client, '/result');
    // Redis goes away (the test's own client with it: its closed socket is expected, not an error).
    admin.on('error', () => undefined);
    await admin.sendCommand(['SHUTDOWN', 'NOSAVE']).catch(() => undefined);
    admin.destroy();
    logged.length = 0;

    const pages: string[] = [];
    for (const path of ['/result', '/', '/flows/jwt', '/result']) {
      const answer = await client.get(`${stack.appUrl}${path}`);
      assert.equal(answer.status, 503, path);
      pages.push(await answer.text());
    }
    for (const page of pages) {
      assert.match(page, /Session store unavailable/);
      assert.match(page, /<a href="">Try again<\/a>/);
      assert.doesNotMatch(page, /Back to the flows/, 'the home page is a 503 too while Redis is down');
    }

    const posted = await client.post(`${stack.appUrl}/result/query`, {
      _csrf: csrf,
      soql: 'SELECT Id FROM Account',
    });
    assert.equal(posted.status, 503);
    const postPage = await posted.text();
    assert.match(postPage, /go back to the page with the form and send it again/);
    assert.doesNotMatch(postPage, /Try again|Back to the flows/);

    // Five refused requests: the first is logged, naming what to count on; the rest are counted, not each logged.
    const refusals = logged.filter((line) => /failed: .*could not be used/.test(line));
    assert.equal(refusals.length, 1, logged.join('\n'));
    assert.match(
      refusals[0],
      /^\[app\] GET \/result failed: .*\(more such refusals in the next minute are counted/,
    );
  });
});
