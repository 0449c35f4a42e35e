// Files this user may not read (left by a run with sudo, say): the emulator's saved state and the signing keys are
// said so, with chown as the fix, at start-up and at a Run; never set aside as corrupt, never "delete the key".
import assert from '../support/assert.ts';
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { messageWhenUnreadable } from '../support/unreadable.ts';
import { tempFolders } from '../support/tempFolders.ts';

/** Folders the tests make for files the configuration points to, removed when the file's tests end. */
const tempDir = tempFolders('unreadable-');

describe('files this user may not read', () => {
  test('a saved file this user cannot read stops start-up, named, with the fix', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'emulator-state.json');
    writeFileSync(file, '{}');
    const message = await messageWhenUnreadable(file, 'server/configDataDir.ts', 'checkDataDir', [dir]);
    assert.match(
      message,
      new RegExp(
        `^EMULATOR_DATA_DIR holds ${file}, which this user cannot read \\(EACCES\\): give it back to this user with chown \\(a run with sudo leaves such files\\)`,
      ),
    );
  });

  test('a key file this user may not read is said so, with the fix (deleting it would lose the pair)', async () => {
    const dir = tempDir();
    const key = path.join(dir, 'my.key');
    writeFileSync(
      key,
      generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
    );
    const shown = (module: string, exported: string, args: unknown[]) =>
      messageWhenUnreadable(key, module, exported, args);
    const fix =
      'give it back to this user with chown \\(a run with sudo leaves files only root may read\\), then chmod 600 it';
    // At start-up, given as SF_JWT_KEY_FILE, or as the key of a pair in certs/.
    assert.match(
      await shown('server/configFiles.ts', 'checkSigningKey', ['SF_JWT_KEY_FILE', key]),
      new RegExp(`^SF_JWT_KEY_FILE points to ${key}, which cannot be read \\(EACCES\\): ${fix}`),
    );
    assert.match(
      await shown('server/certChecks.ts', 'checkKeyMatchesCertificate', [
        { keyFile: key, certFile: `${dir}/my.crt` },
      ]),
      new RegExp(`^${key} cannot be read \\(EACCES\\): ${fix}`),
    );
    // At a Run, made unreadable since start-up.
    assert.match(
      await shown('server/flows/jwtBearer.ts', 'signingKey', [key]),
      new RegExp(`^pem_error: the signing key file ${key} cannot be read \\(EACCES\\): ${fix}`),
    );
  });
});
