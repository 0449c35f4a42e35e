// loadConfig and the files it points to: an SF_JWT_KEY_FILE must be a readable unencrypted RSA private key, and an
// EMULATOR_DATA_DIR must be, or become, a folder.
import assert from '../support/assert.ts';
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { checkDataDir, loadConfig } from '../../server/config.ts';
import { configError, ORG, ROOT } from '../support/config-env.ts';
import { tempFolders } from '../support/tempFolders.ts';

/** Folders the tests make for files the configuration points to, removed when the file's tests end. */
const tempDir = tempFolders('cfg-');

describe('loadConfig', () => {
  test('NODE_EXTRA_CA_CERTS is read in org mode, wherever it was set, and a wrong one stops start-up', () => {
    const dir = tempDir();
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    writeFileSync(path.join(dir, 'root.pem'), pem);
    assert.equal(
      loadConfig({ ...ORG, NODE_EXTRA_CA_CERTS: path.join(dir, 'root.pem') }, ROOT).extraCaPem,
      pem,
    );
    assert.equal(loadConfig({ NODE_EXTRA_CA_CERTS: '/nonexistent.pem' }, ROOT).extraCaPem, undefined);
    assert.match(
      configError({ ...ORG, NODE_EXTRA_CA_CERTS: '/nonexistent/root.pem' }),
      /^NODE_EXTRA_CA_CERTS points to \/nonexistent\/root.pem, which cannot be read: fix the path, or remove it/,
    );
    writeFileSync(
      path.join(dir, 'key.pem'),
      // A private key where a certificate belongs, made here: no key is ever kept in the repository.
      generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
    );
    assert.match(
      configError({ ...ORG, NODE_EXTRA_CA_CERTS: path.join(dir, 'key.pem') }),
      /^NODE_EXTRA_CA_CERTS points to .*key\.pem, which holds no PEM certificate/,
    );
  });

  test('an org on this machine with no NODE_EXTRA_CA_CERTS starts with a warning naming the fix', () => {
    const local = { ...ORG, SF_LOGIN_URL: 'https://localhost:8443', SF_MY_DOMAIN: 'https://127.0.0.1:8443' };
    const warned = loadConfig(local, ROOT).warnings.find((w) => w.includes('NODE_EXTRA_CA_CERTS'));
    assert.equal(
      warned,
      'SF_LOGIN_URL https://localhost:8443 is on this machine and NODE_EXTRA_CA_CERTS is not set: calls to it fail on its certificate unless this machine already trusts it. For an emulator started with npm run emulator in this folder, add NODE_EXTRA_CA_CERTS=certs/server.crt to .env and restart.',
    );
    const dir = tempDir();
    writeFileSync(
      path.join(dir, 'root.pem'),
      '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
    );
    const trusted = { ...local, NODE_EXTRA_CA_CERTS: path.join(dir, 'root.pem') };
    const quiet = (config: { warnings: readonly string[] }) =>
      !config.warnings.some((w) => w.includes('NODE_EXTRA_CA_CERTS'));
    assert.ok(quiet(loadConfig(trusted, ROOT)), 'the certificate is named');
    assert.ok(quiet(loadConfig(ORG, ROOT)), 'a real org: a public certificate');
    assert.ok(
      quiet(loadConfig(local, ROOT, { emulatorOnly: true })),
      'npm run emulator makes no calls to an org',
    );
  });

  test('an unreadable SF_JWT_KEY_FILE stops start-up, a readable one is used', () => {
    assert.match(
      configError({ SF_JWT_KEY_FILE: '/nonexistent/key.pem' }),
      /^SF_JWT_KEY_FILE points to \/nonexistent\/key.pem, which cannot be read \(ENOENT\): fix the path/,
    );
    const dir = tempDir();
    const key = path.join(dir, 'my.key');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(key, rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    chmodSync(key, 0o600);
    assert.equal(loadConfig({ SF_JWT_KEY_FILE: key }, ROOT).jwtKeyFile, key);
    assert.match(configError({ SF_JWT_KEY_FILE: dir }), /^SF_JWT_KEY_FILE points to .*, which is not a file/);
    // A file far larger than any key is refused before it is read (a 700 MB file was read whole, then refused).
    const huge = path.join(dir, 'huge.pem');
    writeFileSync(huge, '');
    truncateSync(huge, 700 * 1024 * 1024);
    assert.match(
      configError({ SF_JWT_KEY_FILE: huge }),
      /^SF_JWT_KEY_FILE points to .*huge\.pem, of 734003200 bytes: too large to be a key file; set it to the key file/,
    );
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

  test('a key whose line breaks were flattened to the two characters \\n is told to put real ones back', () => {
    const file = path.join(tempDir(), 'flat.pem');
    const pem = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    // As a key kept in an environment variable or a JSON string comes out when written to a file unescaped.
    writeFileSync(file, pem.trimEnd().replaceAll('\n', '\\n'));
    assert.match(
      configError({ SF_JWT_KEY_FILE: file }),
      /which is not an unencrypted PEM RSA private key .*: its line breaks are the two characters \\n/,
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

  // Set aside as corrupt, it took every approval, token and setting from the running emulator.
  test("another user's saved file in a sticky folder (/tmp) stops start-up: no save could replace it", () => {
    const dir = tempDir();
    chmodSync(dir, 0o1777);
    writeFileSync(path.join(dir, 'rest-records.json'), '{}');
    const me = process.getuid?.() ?? 0;
    // Seen as the user one uid along, a file of this user's is another user's.
    assert.throws(
      () => checkDataDir(dir, me + 1),
      new RegExp(
        `holds ${path.join(dir, 'rest-records.json')}, owned by another user \\(uid ${me}\\) in a folder where only a file's owner may replace it`,
      ),
    );
    checkDataDir(dir, me); // its owner may
    chmodSync(dir, 0o777);
    checkDataDir(dir, me + 1); // and anyone may, where the folder is not sticky
  });
});
