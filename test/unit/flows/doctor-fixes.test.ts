// The setup doctor's fixes that depend on the host: a refused consumer key at login.salesforce.com names sandboxes.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { clientFix } from '../../../server/flows/setupDoctor.ts';

describe('setup doctor fixes', () => {
  const callbackUrl = 'https://localhost:8081/oauthcallback.html';

  test('an unknown consumer key at the generic login host names a sandbox as the likely cause', () => {
    const fix = clientFix('invalid_client_id', { callbackUrl, loginUrl: 'https://login.salesforce.com' });
    assert.match(fix, /^copy the Consumer Key again/);
    assert.match(fix, /SF_LOGIN_URL=https:\/\/test\.salesforce\.com/);
    // At a My Domain or the sandbox host itself, that cause cannot be it.
    for (const loginUrl of ['https://acme.my.salesforce.com', 'https://test.salesforce.com']) {
      assert.doesNotMatch(clientFix('invalid_client_id', { callbackUrl, loginUrl }), /sandbox/);
    }
  });

  test('a callback the app does not have is added exactly', () => {
    assert.equal(
      clientFix('redirect_uri_mismatch', { callbackUrl, loginUrl: 'https://login.salesforce.com' }),
      `add ${callbackUrl} to the app's Callback URLs, exactly`,
    );
  });
});
