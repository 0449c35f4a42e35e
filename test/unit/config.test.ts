// loadConfig: defaults of emulator mode, real-org mode, and one clear line for every wrong value.
import assert from '../support/assert.ts';
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import {
  checkDataDir,
  deriveAudience,
  EMULATOR_DEFAULTS,
  loadConfig,
  withoutPassword,
} from '../../server/config.ts';
import { configError, ORG, ROOT } from '../support/config-env.ts';

/** Folders the tests make for files the configuration points to, removed when the file's tests end. */
const made: string[] = [];
const tempDir = () => {
  made.push(mkdtempSync(path.join(os.tmpdir(), 'cfg-')));
  return made[made.length - 1];
};
after(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

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
    assert.match(configError({ EMULATOR_SESSION_MINUTES: '1441' }), /from 1 to 1440 \(Salesforce's longest/);
    assert.match(
      configError({ PORT: '9000', EMULATOR_PORT: '9000' }),
      /^PORT and EMULATOR_PORT are both 9000/,
    );
    assert.match(
      configError({ SF_SCOPES: 'api,refresh_token' }),
      /^SF_SCOPES .* separates scopes with commas/,
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
  });

  test('an unreadable SF_JWT_KEY_FILE stops start-up, a readable one is used', () => {
    assert.match(
      configError({ SF_JWT_KEY_FILE: '/nonexistent/key.pem' }),
      /^SF_JWT_KEY_FILE points to \/nonexistent\/key.pem, which cannot be read/,
    );
    const dir = tempDir();
    const key = path.join(dir, 'my.key');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(key, rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    chmodSync(key, 0o600);
    assert.equal(loadConfig({ SF_JWT_KEY_FILE: key }, ROOT).jwtKeyFile, key);
    assert.match(configError({ SF_JWT_KEY_FILE: dir }), /^SF_JWT_KEY_FILE points to .*, which is not a file/);
    const wrong = {
      encrypted: rsa.privateKey.export({
        type: 'pkcs8',
        format: 'pem',
        cipher: 'aes-256-cbc',
        passphrase: 'pw',
      }),
      public: rsa.publicKey.export({ type: 'spki', format: 'pem' }),
      ec: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
        type: 'pkcs8',
        format: 'pem',
      }),
      empty: '',
    };
    for (const [name, pem] of Object.entries(wrong)) {
      const file = path.join(dir, `${name}.pem`);
      writeFileSync(file, pem);
      // Only an encrypted key is told to decrypt: nothing turns a public key or an EC key into the RSA key needed.
      assert.match(
        configError({ SF_JWT_KEY_FILE: file }),
        name === 'encrypted'
          ? /which is not an unencrypted PEM RSA private key .*: decrypt it with openssl pkey/
          : /which is not an unencrypted PEM RSA private key .*: point it to one, or remove SF_JWT_KEY_FILE/,
        name,
      );
    }
    const certificate = path.join(dir, 'jwt.crt');
    writeFileSync(
      certificate,
      '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n',
    );
    assert.match(
      configError({ SF_JWT_KEY_FILE: certificate }),
      /which is a certificate, the half uploaded to the app: point it to the private key that signs/,
    );
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

  test('an EMULATOR_DATA_DIR that cannot be a folder stops start-up, named, with the fix', () => {
    const file = path.join(tempDir(), 'a-file');
    writeFileSync(file, 'x');
    assert.throws(() => checkDataDir(file), {
      name: 'ConfigError',
      message: `EMULATOR_DATA_DIR is ${file}, which cannot be used as a folder (ENOTDIR): make it a folder this user can write, or set EMULATOR_DATA_DIR to one.`,
    });
    // Under /proc, mkdir answers ENOENT for ever: Node's recursive mkdir would never return.
    assert.throws(
      () => checkDataDir('/proc/playground-data/x'),
      /EMULATOR_DATA_DIR is \/proc\/playground-data\/x, which cannot be used as a folder \(ENOENT\)/,
    );
    const nested = path.join(tempDir(), 'a', 'b', 'c');
    checkDataDir(nested);
    assert.ok(statSync(nested).isDirectory(), 'missing folders are made, level by level');
  });

  test('a SESSION_SECRET shorter than 32 characters is refused with a way to make one', () => {
    assert.match(configError({ SESSION_SECRET: 'a' }), /^SESSION_SECRET has 1 characters: use at least 32/);
    assert.equal(loadConfig({ SESSION_SECRET: 's'.repeat(32) }, ROOT).sessionSecret, 's'.repeat(32));
  });

  test('a secret with whitespace stops start-up; an empty one makes a public client', () => {
    for (const secret of ['ABC123\t', '   ']) {
      assert.match(
        configError({ ...ORG, SF_CLIENT_SECRET: secret }),
        /^SF_CLIENT_SECRET contains whitespace: copy the Consumer Secret again/,
        JSON.stringify(secret),
      );
    }
    assert.equal(
      loadConfig({ ...ORG, SF_CLIENT_SECRET: '' }, ROOT).clientSecret,
      undefined,
      'empty: a public client',
    );
  });

  test('blank variables count as unset', () => {
    assert.equal(loadConfig({ SF_LOGIN_URL: '  ', PORT: '' }, ROOT).mode, 'emulator');
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
