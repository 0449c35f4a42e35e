// A SIGTERM sent to npm alone (a process manager stopping `npm start`, or `kill` of npm's process id) stops the
// server too: npm runs it under `sh -c`, which passes no signal on, and the server ran on alone, holding its ports
// and the emulator's data folder (the next start stopped on the folder's lock).
import assert from '../support/assert.ts';
import { spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { processGroupGone, projectFolder, untilWelcome } from '../support/server-process.ts';

describe('stopping npm alone stops the server it started', () => {
  let folder: Awaited<ReturnType<typeof projectFolder>>;
  before(async () => {
    folder = await projectFolder();
  });
  after(() => folder.remove());

  for (const script of ['start', 'dev']) {
    test(`npm run ${script}: a SIGTERM to npm's process alone ends the server`, async () => {
      const npm = spawn('npm', ['run', '--silent', script], {
        cwd: folder.cwd,
        env: {
          PATH: process.env.PATH ?? '',
          PORT: '0',
          EMULATOR_PORT: '0',
          EMULATOR_DATA_DIR: folder.dataDir,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        // A group of its own: the test can see (and at the end clear) every process npm started.
        detached: true,
      });
      const group = npm.pid as number;
      try {
        const { stdout, stderr } = await untilWelcome(npm);
        assert.match(stdout(), /Press Ctrl-C to stop/, stderr());
        process.kill(group, 'SIGTERM');
        assert.ok(await processGroupGone(group, 15_000), `npm run ${script} left its server running`);
        if (script === 'start')
          assert.match(stdout(), /npm, which started this server, has ended: closing connections…/);
      } finally {
        if (!(await processGroupGone(group, 0))) process.kill(-group, 'SIGKILL');
      }
    });
  }
});
