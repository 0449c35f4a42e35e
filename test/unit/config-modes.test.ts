// loadConfig's two modes: emulator mode's documented defaults with no variables, real-org mode from SF_LOGIN_URL
// (its audience, what it requires), and blank variables counting as unset.
import assert from '../support/assert.ts';
import path from 'node:path';
import { describe, test } from 'node:test';
import { deriveAudience, EMULATOR_DEFAULTS, loadConfig } from '../../server/config.ts';
import { configError, ORG, ROOT } from '../support/config-env.ts';

describe('loadConfig', () => {
  test('with no variables runs in emulator mode on the documented ports and defaults', () => {
    const config = loadConfig({}, ROOT);
    assert.equal(config.mode, 'emulator');
    assert.equal(config.port, 8081);
    assert.equal(config.emulatorPort, 8443);
    assert.equal(config.loginUrl, 'https://localhost:8443');
    assert.equal(config.audience, 'https://localhost:8443');
    assert.equal(config.clientId, EMULATOR_DEFAULTS.clientId);
    assert.equal(config.username, EMULATOR_DEFAULTS.username);
    assert.equal(config.callbackUrl, 'https://localhost:8081/oauthcallback.html');
    assert.equal(config.jwtKeyFile, path.join(ROOT, 'certs', 'jwt.key'));
    assert.equal(config.sampleQuery, 'SELECT Id, Name FROM Account ORDER BY Name LIMIT 10');
    assert.equal(config.apiVersion, undefined);
    assert.ok(Object.isFrozen(config) && Object.isFrozen(config.emulator));
  });

  test('SF_LOGIN_URL switches to real-org mode with a derived audience and no default secret', () => {
    const config = loadConfig({ ...ORG, SF_LOGIN_URL: 'https://acme.my.salesforce.com/' }, ROOT);
    assert.equal(config.mode, 'org');
    assert.equal(config.loginUrl, 'https://acme.my.salesforce.com');
    assert.equal(config.audience, 'https://login.salesforce.com');
    assert.equal(config.clientSecret, undefined);
  });

  test('sandbox login hosts get the test.salesforce.com audience', () => {
    assert.equal(deriveAudience('org', 'https://test.salesforce.com'), 'https://test.salesforce.com');
    assert.equal(
      deriveAudience('org', 'https://acme--dev.sandbox.my.salesforce.com'),
      'https://test.salesforce.com',
    );
    assert.equal(
      loadConfig({ ...ORG, SF_AUDIENCE: 'https://test.salesforce.com' }, ROOT).audience,
      'https://test.salesforce.com',
    );
  });

  test('real-org mode requires the client id and the username', () => {
    assert.match(
      configError({ SF_LOGIN_URL: ORG.SF_LOGIN_URL, SF_USERNAME: 'me@acme.com' }),
      /^SF_CLIENT_ID is required when SF_LOGIN_URL is set/,
    );
    assert.match(
      configError({ SF_LOGIN_URL: ORG.SF_LOGIN_URL, SF_CLIENT_ID: 'x' }),
      /^SF_USERNAME is required when SF_LOGIN_URL is set/,
    );
    // A space copied with the username matches no user; one without @ is not a Salesforce username.
    assert.match(
      configError({ ...ORG, SF_USERNAME: 'me@acme.com ' }),
      /^SF_USERNAME contains whitespace: set it to the username alone/,
    );
    const noAt = loadConfig({ ...ORG, SF_CLIENT_SECRET: 's', SF_USERNAME: 'admin' }, ROOT);
    assert.deepEqual(
      noAt.warnings.filter((warning) => warning.startsWith('SF_USERNAME')),
      [
        'SF_USERNAME "admin" has no @: Salesforce usernames look like email addresses (me@acme.com), as Setup → Users shows them.',
      ],
    );
    assert.ok(!loadConfig(ORG, ROOT).warnings.some((warning) => warning.startsWith('SF_USERNAME')));
  });

  test('blank variables count as unset', () => {
    assert.equal(loadConfig({ SF_LOGIN_URL: '  ', PORT: '' }, ROOT).mode, 'emulator');
  });
});
