// `npm start` with a .env that Node reads other than meant: a # cutting a secret short stops start-up before anything
// listens, a value the shell overrides or a misspelt name is said at start, and `node server/start.js` started
// without npm's --env-file reads .env all the same.
import assert from '../support/assert.ts';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { untilWelcome } from '../support/server-process.ts';
import { runToExit, startFolder, startServer } from '../support/start-script.ts';

describe('npm start (server/start.js) and its .env', () => {
  const folder = startFolder();
  const writeDotEnv = (content: string) => writeFileSync(path.join(folder.cwd, '.env'), content);
  const removeDotEnv = () => rmSync(path.join(folder.cwd, '.env'), { force: true });

  test('a # inside a secret, which Node takes for a comment, stops start-up naming it, never showing it', async () => {
    writeDotEnv(
      'SF_LOGIN_URL=https://login.salesforce.com\r\nSF_CLIENT_ID=3MVG9abc\r\nSF_CLIENT_SECRET=A1b2#c3D4\r\nSF_USERNAME=me@acme.com\r\n',
    );
    try {
      // SF_SCOPES, wrong on purpose, is read only after .env's check: without it start-up would stop there.
      const run = await runToExit(folder.cwd, { PORT: '0', EMULATOR_PORT: '0', SF_SCOPES: 'api,openid' });
      assert.equal(run.code, 1);
      assert.equal(
        run.stderr.trim(),
        "Configuration error: SF_CLIENT_SECRET in .env (line 3) has a # inside its value, where Node's .env reader starts a comment and drops the rest: put the value in single quotes, SF_CLIENT_SECRET='…'",
      );
      assert.doesNotMatch(run.stdout + run.stderr, /A1b2|c3D4/);
    } finally {
      removeDotEnv();
    }
  });

  test("a shell value that beats .env's, and a misspelt name, are said at start", async () => {
    writeDotEnv('SF_USERNAME=file@acme.com\nSF_LOGIN_URI=https://acme.my.salesforce.com\n');
    const child = startServer(folder.cwd, {
      PORT: '0',
      EMULATOR_PORT: '0',
      EMULATOR_DATA_DIR: path.join(folder.cwd, 'data'),
      SF_USERNAME: 'shell@acme.com',
    });
    try {
      const { stdout, stderr } = await untilWelcome(child);
      // The warnings come on stderr, a pipe of its own: they may arrive after the welcome.
      while (!stderr().includes('SF_LOGIN_URI')) await once(child.stderr, 'data');
      assert.match(stdout(), /demo login: shell@acme\.com /);
      assert.match(
        stderr(),
        /^Warning: SF_USERNAME is set both in the shell and in \.env: the shell's value counts, .* \(unset SF_USERNAME\)/m,
      );
      assert.match(
        stderr(),
        /^Warning: \.env sets SF_LOGIN_URI, which the playground does not read: did you mean SF_LOGIN_URL\?$/m,
      );
      child.kill('SIGINT');
      const [code] = await once(child, 'exit');
      assert.equal(code, 0);
    } finally {
      child.kill();
      removeDotEnv();
    }
  });

  test('node server/start.js without --env-file reads .env too', async () => {
    writeDotEnv('SF_LOGIN_URL=login.salesforce.com\n');
    try {
      // SF_SCOPES is read after SF_LOGIN_URL: without .env, start-up would stop there instead of running on.
      const child = spawn(
        process.execPath,
        [fileURLToPath(new URL('../../server/start.js', import.meta.url))],
        {
          cwd: folder.cwd,
          env: { PATH: process.env.PATH ?? '', PORT: '0', EMULATOR_PORT: '0', SF_SCOPES: 'api,openid' },
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const [code] = await once(child, 'exit');
      assert.equal(code, 1);
      assert.match(stderr, /^Configuration error: SF_LOGIN_URL "login\.salesforce\.com" is not a URL/);
    } finally {
      removeDotEnv();
    }
  });
});
