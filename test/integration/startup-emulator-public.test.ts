// `npm start` with EMULATOR_PUBLIC_URL: it prints where browsers open the emulator's pages (Setup among them) beside
// the address this machine calls, and a value that is no https origin stops it with one line naming the fix.
import assert from '../support/assert.ts';
import { once } from 'node:events';
import path from 'node:path';
import { describe, test } from 'node:test';
import { runToExit, startFolder, startServer } from '../support/start-script.ts';

const PUBLIC = 'https://demo-8443.app.github.dev';

describe('npm start with EMULATOR_PUBLIC_URL', () => {
  const folder = startFolder();

  test('prints the public address for the pages and keeps the local one for the emulator itself', async () => {
    const { cwd } = folder;
    const child = startServer(cwd, {
      PORT: '0',
      EMULATOR_PORT: '0',
      EMULATOR_DATA_DIR: path.join(cwd, 'data'),
      SF_CALLBACK_URL: 'https://demo-8081.app.github.dev/oauthcallback.html',
      EMULATOR_PUBLIC_URL: `${PUBLIC}/`,
    });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    try {
      while (!stdout.includes('Press Ctrl-C')) await once(child.stdout, 'data');
      assert.match(stdout, /Local Salesforce emulator \(not Salesforce\): https:\/\/localhost:\d+\n/);
      assert.ok(stdout.includes(`  browsers open its pages at: ${PUBLIC}\n`), stdout);
      assert.ok(stdout.includes(`  app settings: ${PUBLIC}/setup\n`), stdout);
    } finally {
      child.kill('SIGINT');
      await once(child, 'exit');
    }
  });

  test('a path after the origin stops start-up, naming the variable and the origin to set', async () => {
    const run = await runToExit(folder.cwd, {
      EMULATOR_DATA_DIR: path.join(folder.cwd, 'data'),
      EMULATOR_PUBLIC_URL: `${PUBLIC}/setup`,
    });
    assert.equal(run.code, 1);
    // The last line: Node says first that there is no .env.
    assert.equal(
      run.stderr.trim().split('\n').at(-1),
      `Configuration error: EMULATOR_PUBLIC_URL "${PUBLIC}/setup" has a path: set it to the host only, ${PUBLIC} (the emulator's pages add their own paths).`,
    );
  });
});
