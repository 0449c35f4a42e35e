// A crafted .env against start-up's own reading of it: a shape that made its checks quadratic (a quote left open above
// a long run of blank lines, closed below it) must not hold the start for minutes before it answers.
import assert from '../support/assert.ts';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { nodeOptionsOf } from '../support/npm-script.ts';
import { startFolder } from '../support/start-script.ts';

const entry = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../server/start.js');
/** Far beyond a real .env; quadratic work on it took minutes, linear work takes milliseconds. */
const LONG = 400_000;
/** A wrong PORT ends the run at the configuration, after the checks under attack have read the file. */
const STOP = 'PORT=not-a-port\n';
const STOPPED = 'Configuration error: PORT "not-a-port" is not a port: use a number from 0 to 65535.';

describe('start-up on a crafted .env', () => {
  const folder = startFolder();

  // The timeout is no measure of speed: it ends a run that would otherwise go on for minutes.
  test(
    'a quote left open above a long run of blank lines is read once, not once per line',
    { timeout: 60_000 },
    async (t) => {
      writeFileSync(path.join(folder.cwd, '.env'), `${STOP}SF_SCOPES="api${'\n'.repeat(LONG)}NOT_OURS"\n`);
      t.after(() => rmSync(path.join(folder.cwd, '.env')));
      // As `node server/start.js` (and `npm run dev`) read it, at start-up rather than by Node's --env-file: the value
      // is then in no environment that the compile step hands on (an environment string over 128 KB cannot be).
      const options = nodeOptionsOf('start').filter((option) => !option.startsWith('--env-file'));
      const child = spawn(process.execPath, [...options, entry], {
        cwd: folder.cwd,
        env: { PATH: process.env.PATH ?? '' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      t.after(() => child.kill());
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const [code] = await once(child, 'exit');
      assert.equal(code, 1);
      assert.equal(stderr.trim().split('\n').at(-1), STOPPED);
    },
  );
});
