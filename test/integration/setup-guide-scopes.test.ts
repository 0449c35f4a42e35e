// The Setup guide's values are the configuration's own: the scopes it tells the learner to allow on the app are the
// ones the flows ask for (SF_SCOPES), not the defaults, or the first login would end in invalid_scope.
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

for (const [label, scopes, listed, extra] of [
  ['the default scopes', undefined, 'api, refresh_token (offline access), openid', undefined],
  ['SF_SCOPES set', 'api web refresh_token', 'api, web, refresh_token (offline access)', 'web'],
] as const) {
  describe(`the Setup guide's scopes, with ${label}`, () => {
    let stack: TestStack;
    before(async () => {
      stack = await startTestStack(scopes ? { SF_SCOPES: scopes } : {});
    });
    after(() => stack.close());

    test('lists the scopes the flows ask for, and asks the app to allow any beyond the usual three', async () => {
      const html = await (await new TestClient().get(`${stack.appUrl}/setup`)).text();
      const values = /<dt>OAuth scopes<\/dt><dd>(.*?)<\/dd>/.exec(html)?.[1] ?? '';
      assert.equal(values.replace(/<\/?code>/g, ''), `${listed} (SF_SCOPES: the app must allow each)`);
      const more = /and what else <code>SF_SCOPES<\/code> asks for: <code>([^<]+)<\/code>/.exec(html)?.[1];
      assert.equal(more, extra);
    });
  });
}
