// A new certs/jwt.crt or port reaches the app settings a user never changed, however Setup saved them.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import type { AppSettings } from '../../../server/emulator/org.ts';
import { followNewDefaults, freshState } from '../../../server/emulator/stateDefaults.ts';

const OLD_PEM = '-----BEGIN CERTIFICATE-----\nold\n-----END CERTIFICATE-----\n';
const NEW_PEM = '-----BEGIN CERTIFICATE-----\nnew\n-----END CERTIFICATE-----\n';

function settings(certificatePem: string, callbackUrls: string[]): AppSettings {
  // Only the two fields that follow the defaults matter here.
  return { certificatePem, callbackUrls } as AppSettings;
}

describe('emulator state: following new defaults', () => {
  test('a certificate saved from Setup with CRLF line endings still follows a regenerated certs/jwt.crt', () => {
    const data = freshState(settings(OLD_PEM, ['https://localhost:8081/oauthcallback.html']), 'key');
    data.settings = settings(OLD_PEM.replace(/\n/g, '\r\n'), data.settings.callbackUrls);
    followNewDefaults(data, settings(NEW_PEM, ['https://localhost:8081/oauthcallback.html']));
    assert.equal(data.settings.certificatePem, NEW_PEM);
  });

  test('a certificate the user replaced is kept, and so are callback URLs they added', () => {
    const data = freshState(settings(OLD_PEM, ['https://localhost:8081/oauthcallback.html']), 'key');
    const own = OLD_PEM.replace('old', 'mine');
    data.settings = settings(own, ['https://localhost:8081/oauthcallback.html', 'https://x.example/cb']);
    followNewDefaults(data, settings(NEW_PEM, ['https://localhost:9090/oauthcallback.html']));
    assert.equal(data.settings.certificatePem, own);
    assert.deepEqual(data.settings.callbackUrls, [
      'https://localhost:9090/oauthcallback.html',
      'https://x.example/cb',
    ]);
  });
});
