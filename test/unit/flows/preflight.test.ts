// The pre-flight tells a refusal Salesforce sends back to the callback from one it shows on a page of its own.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { sentToCallback } from '../../../server/flows/preflight.ts';

describe('pre-flight', () => {
  const answer = (location: string) => ({ status: 302, headers: { location }, body: '' });
  const authorize = (callback: string) =>
    `https://localhost:8443/services/oauth2/authorize?${new URLSearchParams({ redirect_uri: callback })}`;

  test('a refusal redirected to the callback is told apart from the error page, however the callback is written', () => {
    const back = 'https://localhost:8081/oauthcallback.html?error=invalid_request&state=s';
    for (const callback of [
      'https://localhost:8081/oauthcallback.html',
      'https://LocalHost:8081/oauthcallback.html',
    ]) {
      assert.equal(sentToCallback(answer(back), authorize(callback)), true, callback);
    }
    const page = 'https://localhost:8443/setup/secur/RemoteAccessErrorPage.apexp?error=OAUTH_APP_BLOCKED';
    assert.equal(sentToCallback(answer(page), authorize('https://localhost:8081/oauthcallback.html')), false);
    assert.equal(
      sentToCallback(
        answer('https://example.com:443/oauthcallback.html#error=x'),
        authorize('https://example.com/oauthcallback.html'),
      ),
      true,
      'an explicit :443 is the same address',
    );
  });
});
