// `npm start` compiles each template once; `npm run dev` reads templates afresh, so an edited view shows on the next
// request. Both scripts run as written in package.json, on a copy of the project whose views the test edits.
import assert from '../support/assert.ts';
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { TestClient } from '../support/http.ts';
import { processGroupGone, projectFolder, untilWelcome } from '../support/server-process.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MARKER = '<p id="edited-after-start">edited after start</p>';

/** Runs `npm run <script>` in the copy (its own process group), returns the app URL and a stop function. */
async function runScript(cwd: string, script: string, dataDir: string) {
  const child = spawn('npm', ['run', '--silent', script], {
    cwd,
    env: { PATH: process.env.PATH ?? '', PORT: '0', EMULATOR_PORT: '0', EMULATOR_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const { stdout, stderr, exited } = await untilWelcome(child);
  const appUrl = /playground: open (https:\/\/localhost:\d+)/.exec(stdout())?.[1];
  assert.ok(appUrl, `npm run ${script} did not start: ${stderr()}`);
  return {
    appUrl,
    stop: async () => {
      // npm, node --watch and the server: the whole group the script started. It stops without a crash (Node 24's
      // watch mode aborted on stopping when given a .env that does not exist).
      process.kill(-(child.pid as number), 'SIGTERM');
      await exited;
      // npm may exit before the server under it has saved its state on the way out: the folder is removed only
      // once the whole group is gone (it was removed while the server still wrote in it: ENOTEMPTY).
      await processGroupGone(child.pid as number);
      assert.doesNotMatch(stderr(), /Assertion failed|ENOENT: no such file or directory, watch/);
    },
  };
}

describe('templates under npm start and npm run dev', () => {
  let folder: Awaited<ReturnType<typeof projectFolder>>;
  before(async () => {
    folder = await projectFolder();
  });
  after(() => folder.remove());

  const homeAfterEdit = async (script: string): Promise<string> => {
    const run = await runScript(folder.cwd, script, folder.dataDir);
    try {
      const client = new TestClient();
      assert.equal((await client.get(`${run.appUrl}/`)).status, 200);
      appendFileSync(path.join(folder.cwd, 'views', 'home.ejs'), `\n${MARKER}\n`);
      return await (await client.get(`${run.appUrl}/`)).text();
    } finally {
      await run.stop();
    }
  };

  test('npm run dev renders a template edited while it runs', async () => {
    assert.ok((await homeAfterEdit('dev')).includes(MARKER));
  });

  test('npm start keeps the template it compiled first', async () => {
    cpSync(path.join(repo, 'views', 'home.ejs'), path.join(folder.cwd, 'views', 'home.ejs'));
    assert.ok(!(await homeAfterEdit('start')).includes(MARKER));
  });
});
