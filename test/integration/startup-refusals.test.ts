// `npm start` refusing to start, with one clear line and a non-zero exit: a wrong value, a byte-order mark or a
// quote left open in .env, a pasted token endpoint as SF_LOGIN_URL, a port already in use or one only an
// administrator may open.
import assert from '../support/assert.ts';
import { once } from 'node:events';
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runToExit, startFolder } from '../support/start-script.ts';

/** The user nobody of Debian and most Linux systems. */
const NOBODY = 65534;

describe('npm start (server/start.js)', () => {
  const folder = startFolder();

  /** Starts with this .env in the folder (and removes it after, whatever happens). */
  const runWithDotEnv = async (content: string) => {
    const { cwd } = folder;
    writeFileSync(path.join(cwd, '.env'), content);
    try {
      return await runToExit(cwd, {});
    } finally {
      rmSync(path.join(cwd, '.env'));
    }
  };

  test('a wrong value in .env stops start-up with one line naming the variable', async () => {
    const run = await runWithDotEnv('SF_LOGIN_URL=login.salesforce.com\n');
    assert.equal(run.code, 1);
    assert.equal(
      run.stderr.trim(),
      'Configuration error: SF_LOGIN_URL "login.salesforce.com" is not a URL: set it to your org login host, e.g. https://login.salesforce.com.',
    );
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  });

  test('a .env saved with a byte-order mark stops start-up instead of losing its first variable', async () => {
    const run = await runWithDotEnv('\uFEFFPORT=0\n');
    assert.equal(run.code, 1);
    assert.equal(
      run.stderr.trim(),
      'Configuration error: .env starts with a byte-order mark, which hides its first variable: save it as UTF-8 without BOM',
    );
  });

  test('a quote left open in .env stops start-up naming the lines it swallowed, never printing their values', async () => {
    // Node reads a quoted value up to the next quote in the file: the lines between become part of SF_LOGIN_URL.
    const run = await runWithDotEnv(
      [
        'SF_LOGIN_URL="https://login.salesforce.com',
        'SF_CLIENT_ID=3MVG9abc',
        'SF_CLIENT_SECRET=TopSecretValue123',
        'SF_USERNAME="me@acme.com"',
        'PORT=0',
        '',
      ].join('\n'),
    );
    assert.equal(run.code, 1);
    assert.equal(
      run.stderr.trim(),
      'Configuration error: SF_LOGIN_URL runs over the lines after it in .env: SF_CLIENT_ID, SF_CLIENT_SECRET and SF_USERNAME were read as part of its value, as happens when a quote opens it and is not closed on its line. Close the quote there (or remove it), then start again.',
    );
    assert.doesNotMatch(run.stderr + run.stdout, /TopSecretValue123/);
  });

  test('a pasted token endpoint as SF_LOGIN_URL stops start-up with the host to use', async () => {
    const { cwd } = folder;
    const run = await runToExit(cwd, {
      SF_LOGIN_URL: 'https://login.salesforce.com/services/oauth2/token',
      SF_CLIENT_ID: 'x',
      SF_USERNAME: 'me@acme.com',
      PORT: '0',
    });
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /^Configuration error: SF_LOGIN_URL ".*" has a path: set it to the host only, https:\/\/login\.salesforce\.com/m,
    );
  });

  test('a port already in use gives a clear message and a non-zero exit', async () => {
    const { cwd } = folder;
    const blocker = net.createServer().listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const port = (blocker.address() as net.AddressInfo).port;
    const run = await runToExit(cwd, { PORT: String(port), EMULATOR_PORT: '0' });
    blocker.close();
    assert.equal(run.code, 1);
    assert.match(run.stderr, new RegExp(`Port ${port} is already in use: .* PORT=<port>`));
  });

  test('a port below 1024 says it needs administrator rights, not that a program uses it', async (t) => {
    // As root, the server runs as nobody; a user may open low ports where the system lowered that bound.
    const lowest = Number(readFileSync('/proc/sys/net/ipv4/ip_unprivileged_port_start', 'utf8'));
    if (process.platform !== 'linux' || lowest <= 80) return t.skip('this user may open port 80 here');
    const asNobody = process.getuid?.() === 0;
    const { cwd } = folder;
    const data = path.join(cwd, 'low-port-data');
    mkdirSync(data);
    if (asNobody) {
      // The compiled server must be current before a user who may not write it runs it.
      execFileSync(process.execPath, [
        fileURLToPath(new URL('../../server/start.js', import.meta.url)),
        '--compile-only',
      ]);
      chmodSync(cwd, 0o755);
      chownSync(data, NOBODY, NOBODY);
      for (const file of readdirSync(path.join(cwd, 'certs')))
        chmodSync(path.join(cwd, 'certs', file), 0o644);
    }
    const run = await runToExit(
      cwd,
      { PORT: '80', EMULATOR_PORT: '0', EMULATOR_DATA_DIR: data },
      asNobody ? { uid: NOBODY, gid: NOBODY } : {},
    );
    assert.equal(run.code, 1);
    assert.equal(
      run.stderr.trim().split('\n').at(-1),
      'Port 80 cannot be opened by this user: ports below 1024 need administrator rights. Choose another port with PORT=<port> in .env (the default is 8081), rather than starting the playground as root.',
    );
  });
});
