// `npm run dev` and an edited .env: the restart after the next source edit runs with the file as it is now, and says
// nothing of a shell value (Node's watch mode hands the values it read at its own start to every restart).
import assert from '../support/assert.ts';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { processGroupGone, projectFolder } from '../support/server-process.ts';

describe('npm run dev and an edited .env', () => {
  let folder: Awaited<ReturnType<typeof projectFolder>>;
  before(async () => {
    folder = await projectFolder();
  });
  after(() => folder.remove());

  test('a restart reads .env afresh, without a false word about the shell', async () => {
    const dotEnv = path.join(folder.cwd, '.env');
    writeFileSync(dotEnv, 'SF_USERNAME=first@acme.com\n');
    const child = spawn('npm', ['run', '--silent', 'dev'], {
      cwd: folder.cwd,
      env: { PATH: process.env.PATH ?? '', PORT: '0', EMULATOR_PORT: '0', EMULATOR_DATA_DIR: folder.dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const exited = once(child, 'exit');
    const welcomes = () => stdout.split('Press Ctrl-C').length - 1;
    const until = async (count: number) => {
      while (welcomes() < count && child.exitCode === null) {
        await Promise.race([once(child.stdout, 'data'), exited]);
      }
    };
    try {
      await until(1);
      assert.match(stdout, /demo login: first@acme\.com /, stderr);
      writeFileSync(dotEnv, 'SF_USERNAME=second@acme.com\n');
      // A source edit restarts the server, as any edit does under npm run dev.
      appendFileSync(path.join(folder.cwd, 'server', 'index.ts'), '\n// edited\n');
      await until(2);
      assert.match(stdout.slice(stdout.indexOf('Press Ctrl-C')), /demo login: second@acme\.com /, stderr);
      assert.doesNotMatch(stderr, /set both in the shell/);
    } finally {
      // npm, node --watch and the server: the whole group the script started.
      if (child.exitCode === null) process.kill(-(child.pid as number), 'SIGTERM');
      await exited;
      // npm may exit before the server under it has saved the emulator's state: the folder goes once all are gone.
      await processGroupGone(child.pid as number);
    }
  });
});
