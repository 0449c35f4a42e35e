// loadConfig refuses every wrong value with one clear line naming the variable and the fix: ports, versions, URLs
// (spaces, passwords, paths), secrets; and withoutPassword hides a URL's password in such messages.
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import { loadConfig, withoutPassword } from '../../server/config.ts';
import { configError, ORG, ROOT, WITH_SECRET } from '../support/config-env.ts';

describe('loadConfig', () => {
  test('names the variable and the fix for each wrong value', () => {
    assert.match(
      configError({ SF_LOGIN_URL: 'login.salesforce.com' }),
      /^SF_LOGIN_URL "login.salesforce.com" is not a URL: set it to/,
    );
    assert.match(
      configError({ SF_LOGIN_URL: 'http://login.salesforce.com' }),
      /^SF_LOGIN_URL .* must use https/,
    );
    assert.match(configError({ PORT: '70000' }), /^PORT "70000" is not a port/);
    assert.match(configError({ EMULATOR_PORT: 'abc' }), /^EMULATOR_PORT "abc" is not a port/);
    assert.match(configError({ SF_CLIENT_ID: '3MVG9 abc' }), /^SF_CLIENT_ID contains whitespace/);
    assert.equal(
      configError({ SF_CLIENT_ID: 'x'.repeat(20_000) }),
      'SF_CLIENT_ID is 20000 characters long: copy the Consumer Key again.',
    );
    assert.match(configError({ SF_API_VERSION: 'v66' }), /^SF_API_VERSION "v66" is not an API version/);
    assert.match(configError({ SF_API_VERSION: '068.0' }), /^SF_API_VERSION "068.0" is not an API version/);
    assert.match(
      configError({ SF_API_VERSION: '20.0' }),
      /^SF_API_VERSION 20\.0 is retired: orgs serve 31\.0 and later/,
    );
    assert.equal(loadConfig({ SF_API_VERSION: '31.0' }, ROOT).apiVersion, '31.0');
    // A version newer than the org's is named by the setup doctor, which can ask the org what it offers.
    assert.equal(loadConfig({ ...ORG, SF_API_VERSION: '70.0' }, ROOT).apiVersion, '70.0');
    assert.match(configError({ SF_CALLBACK_URL: 'not a url' }), /^SF_CALLBACK_URL/);
    assert.match(configError({ EMULATOR_SESSION_MINUTES: '0' }), /^EMULATOR_SESSION_MINUTES/);
    assert.match(configError({ EMULATOR_SESSION_MINUTES: '0x10' }), /^EMULATOR_SESSION_MINUTES "0x10"/);
    assert.match(configError({ EMULATOR_SESSION_MINUTES: '1441' }), /from 1 to 1440 \(24 hours\)\.$/);
    assert.match(
      configError({ PORT: '9000', EMULATOR_PORT: '9000' }),
      /^PORT and EMULATOR_PORT are both 9000/,
    );
    assert.match(
      configError({ SF_SCOPES: 'api,refresh_token' }),
      /^SF_SCOPES .* separates scopes with commas/,
    );
    // Scope names are lower case: "API" asks for nothing the app has.
    assert.match(configError({ SF_SCOPES: 'API Refresh_Token' }), /^SF_SCOPES .* has capital letters/);
    assert.match(
      configError({ SF_SCOPES: 'api|openid' }),
      /^SF_SCOPES "api\|openid" has "\|" in api\|openid: scope names/,
    );
    assert.match(configError({ SF_SCOPES: 'api+refresh_token' }), /has "\+" in api\+refresh_token/);
    assert.equal(loadConfig({ SF_SCOPES: ' api  refresh_token ' }, ROOT).scopes, 'api refresh_token');
    // Without api (or full) every redirect flow signs in to a token the REST API refuses: said at start.
    const noApi = loadConfig({ SF_SCOPES: 'openid refresh_token' }, ROOT).warnings;
    assert.ok(
      noApi.some((w) => /^SF_SCOPES asks for neither api nor full: .*query is refused/.test(w)),
      noApi.join('\n'),
    );
    for (const scopes of [{ SF_SCOPES: 'api openid' }, { SF_SCOPES: 'full' }, {}])
      assert.ok(
        !loadConfig(scopes, ROOT).warnings.some((w) => w.startsWith('SF_SCOPES')),
        JSON.stringify(scopes),
      );
    // In emulator mode SF_USERNAME renames the administrator: another demo user's name would make two of one name.
    for (const name of ['standard@playground.local', 'Inactive@playground.local']) {
      assert.match(
        configError({ SF_USERNAME: name }),
        /^SF_USERNAME .* is the name of another of the emulator's demo users/,
      );
    }
  });

  test('URLs with spaces around them, a user name or password, or a path where a host belongs are refused', () => {
    const withPassword = configError({ ...ORG, SF_LOGIN_URL: 'https://admin:hunter2@login.salesforce.com' });
    assert.match(
      withPassword,
      /^SF_LOGIN_URL "https:\/\/admin:\*\*\*@login.salesforce.com" holds a user name or password/,
    );
    assert.ok(!withPassword.includes('hunter2'));
    assert.match(
      configError({ ...ORG, SF_LOGIN_URL: ' https://login.salesforce.com' }),
      /has spaces around it/,
    );
    assert.match(
      configError({ SF_CALLBACK_URL: 'https://localhost:8081/cb\t' }),
      /^SF_CALLBACK_URL .* has spaces/,
    );
    assert.match(
      configError({ SF_CALLBACK_URL: 'https://localhost:8081/cb#top' }),
      /^SF_CALLBACK_URL is refused: "https:\/\/localhost:8081\/cb#top" must not contain a #fragment\. Set it to/,
    );
    const callbackUser = configError({ SF_CALLBACK_URL: 'https://user:s3cretpw@localhost:8081/cb' });
    assert.match(callbackUser, /holds a user name or password/);
    assert.ok(!callbackUser.includes('s3cretpw'));
    assert.match(
      configError({ ...ORG, SF_MY_DOMAIN: 'https://acme.my.salesforce.com/services/oauth2/token' }),
      /^SF_MY_DOMAIN .* has a path: set it to the host only, https:\/\/acme.my.salesforce.com/,
    );
  });

  test('a path with spaces around it (EMULATOR_DATA_DIR, SF_JWT_KEY_FILE) is refused, not made a folder named " "', () => {
    assert.equal(
      configError({ EMULATOR_DATA_DIR: ' /tmp/emulator-data' }),
      'EMULATOR_DATA_DIR " /tmp/emulator-data" has spaces around it: remove them.',
    );
    assert.match(
      configError({ SF_JWT_KEY_FILE: 'certs/jwt.key ' }),
      /^SF_JWT_KEY_FILE "certs\/jwt\.key " has spaces around it/,
    );
  });

  test('a REDIS_URL path that is not a database number is refused at once', () => {
    assert.match(
      configError({ REDIS_URL: 'redis://127.0.0.1:6379/abc' }),
      /^REDIS_URL "redis:\/\/127\.0\.0\.1:6379\/abc" ends in a path that is not a database number/,
    );
    assert.equal(
      loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379/2' }, ROOT).redisUrl,
      'redis://127.0.0.1:6379/2',
    );
    assert.equal(
      loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }, ROOT).redisUrl,
      'redis://127.0.0.1:6379',
    );
  });

  test('a SESSION_SECRET shorter than 32 characters is refused with a way to make one', () => {
    assert.match(configError({ SESSION_SECRET: 'a' }), /^SESSION_SECRET has 1 characters: use at least 32/);
    assert.equal(loadConfig({ SESSION_SECRET: 's'.repeat(32) }, ROOT).sessionSecret, 's'.repeat(32));
  });

  test('a secret with whitespace or swapped with the key stops start-up; an empty one makes a public client', () => {
    for (const secret of ['ABC123\t', '   ']) {
      assert.match(
        configError({ ...ORG, SF_CLIENT_SECRET: secret }),
        /^SF_CLIENT_SECRET contains whitespace: copy the Consumer Secret again/,
        JSON.stringify(secret),
      );
    }
    // Swapped with the key: refused without showing either value (a secret's shape where the key belongs, or the
    // key's 3MVG where the secret does).
    const secret = 'E1F2A3B4C5D6E7F8A9B0C1D2E3F4A5B6C7D8E9F0A1B2C3D4E5F6A7B8C9D0E1F2';
    const key = '3MVG9LocalPlaygroundEmulatorConsumerKey';
    for (const env of [
      { ...ORG, SF_CLIENT_ID: secret, SF_CLIENT_SECRET: key },
      { SF_CLIENT_ID: secret },
      { ...ORG, SF_CLIENT_ID: '1234567890123456789' },
    ]) {
      const message = configError(env);
      assert.match(
        message,
        /^SF_CLIENT_ID has the shape Consumer Secrets commonly have .* are SF_CLIENT_ID and SF_CLIENT_SECRET swapped\?/,
      );
      assert.ok(!message.includes(secret) && !message.includes('123456789'), message);
    }
    assert.match(
      configError({ ...ORG, SF_CLIENT_ID: 'MyAppKey', SF_CLIENT_SECRET: key }),
      /^SF_CLIENT_SECRET starts with 3MVG, as a Consumer Key does, and SF_CLIENT_ID does not: are the two swapped\?/,
    );
    assert.equal(loadConfig({ ...ORG, SF_CLIENT_SECRET: secret }, ROOT).clientSecret, secret);
  });

  test('a quote kept in the key, secret or username stops start-up: Salesforce would refuse the value', () => {
    // Node keeps the quote of SF_CLIENT_ID="3MVG9abc when no other quote follows in .env; some tools' env files keep
    // quotes as written. Each would fail later as an unknown key, a wrong secret or an unapproved user.
    const cases: [string, string][] = [
      ['SF_CLIENT_ID', '"3MVG9abc'],
      ['SF_CLIENT_ID', "'3MVG9abc'"],
      ['SF_CLIENT_SECRET', '"E1F2A3B4C5"'],
      ['SF_USERNAME', 'me@acme.com"'],
    ];
    for (const [name, value] of cases) {
      const message = configError({ ...WITH_SECRET, [name]: value });
      assert.match(
        message,
        new RegExp(`^${name} starts or ends with a quote mark, which is then part of the value: `),
      );
      assert.ok(!message.includes('E1F2A3B4C5'), 'a secret is never shown');
    }
    assert.equal(
      loadConfig({ ...ORG, SF_CLIENT_SECRET: '' }, ROOT).clientSecret,
      undefined,
      'empty: a public client',
    );
  });
});

describe('withoutPassword', () => {
  test('hides the password of a URL in messages and leaves everything else as written', () => {
    assert.equal(withoutPassword('redis://:s3cret@127.0.0.1:6379'), 'redis://:***@127.0.0.1:6379');
    assert.equal(
      withoutPassword('rediss://default:s3cr%40t@cache.example:6380/2'),
      'rediss://default:***@cache.example:6380/2',
    );
    assert.equal(withoutPassword('redis://127.0.0.1:6379'), 'redis://127.0.0.1:6379');
    assert.equal(withoutPassword('redis://user@host:6379'), 'redis://user@host:6379');
    assert.equal(withoutPassword('http://u:pw@localhost:6379'), 'http://u:***@localhost:6379');
    for (const password of ['p@ss9word', 'pa#ss9word', 'pa?ss9word', 'pa/ss9word']) {
      assert.equal(withoutPassword(`redis://user:${password}@127.0.0.1:1`), 'redis://user:***@127.0.0.1:1');
    }
    assert.equal(withoutPassword('redis:/user:ss9word@127.0.0.1:1'), 'redis:/user:***@127.0.0.1:1');
  });
});
