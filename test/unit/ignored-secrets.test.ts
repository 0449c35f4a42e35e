// What holds a secret is never committed: git ignores the generated keys, .env, the emulator's data and the jsforce
// snippet a learner saves after Reveal, under the name its comment gives.
import assert from '../support/assert.ts';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const ignored = (file: string) =>
  spawnSync('git', ['check-ignore', '--quiet', '--no-index', file], { cwd: ROOT }).status === 0;

describe('files that hold secrets', () => {
  test('are ignored by git', () => {
    for (const file of [
      'certs/jwt.key',
      'certs/server.key',
      '.env',
      '.env.production',
      'dump.rdb',
      '.emulator-data/emulator-state.json',
      'snippet.mjs',
    ])
      assert.ok(ignored(file), `${file} is not ignored`);
  });

  test('while the code and the documentation are not', () => {
    for (const file of ['server/index.ts', 'README.md', 'certs/README.md', '.env.example'])
      assert.ok(!ignored(file), `${file} is ignored`);
  });
});
