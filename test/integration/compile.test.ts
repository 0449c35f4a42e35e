// `npm start` runs a compiled copy of server/ (server/start.js, server/compile.js): compiled once per version of the
// sources, again after any edit, and a source that does not compile stops start-up with its file and line.
import assert from '../support/assert.ts';
import { execFile } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

describe('the compiled server behind npm start', () => {
  let project: string;
  before(() => {
    project = mkdtempSync(path.join(os.tmpdir(), 'sf-compile-'));
    cpSync(path.join(repo, 'server'), path.join(project, 'server'), { recursive: true });
    cpSync(path.join(repo, 'package.json'), path.join(project, 'package.json'));
    symlinkSync(path.join(repo, 'node_modules'), path.join(project, 'node_modules'), 'dir');
  });
  after(() => rmSync(project, { recursive: true, force: true }));

  const compile = async (): Promise<string> => {
    const { stdout } = await run(process.execPath, ['server/start.js', '--compile-only'], { cwd: project });
    const file = /Compiled the server for a quick start: (.+\.mjs)/.exec(stdout)?.[1];
    assert.ok(file, stdout);
    return file;
  };

  test('compiles into the project once, and again (replacing the old copy) after a source changes', async () => {
    const first = await compile();
    assert.equal(path.dirname(first), path.join(project, '.compiled'));
    const madeAt = statSync(first).mtimeMs;
    assert.equal(await compile(), first, 'unchanged sources: the same copy');
    assert.equal(statSync(first).mtimeMs, madeAt, 'and not written again');

    appendFileSync(path.join(project, 'server', 'config.ts'), '\n// an edit\n');
    const second = await compile();
    assert.notEqual(second, first);
    assert.ok(existsSync(second));
    assert.equal(existsSync(first), false, 'the outdated copy is removed');
  });

  test('a source that does not compile stops npm start with the file, the line and esbuild’s reason', async () => {
    appendFileSync(path.join(project, 'server', 'jwt.ts'), '\nconst = ;\n');
    const failed = await run(process.execPath, ['server/start.js'], { cwd: project }).then(
      () => assert.fail('start-up should have failed'),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /^Start-up failed: the server's TypeScript did not compile\./);
    assert.match(failed.stderr, /server\/jwt\.ts:\d+: Expected identifier/);
    assert.doesNotMatch(failed.stderr, /\n\s+at /, 'no stack trace');
  });

  test('a project folder it cannot compile into is named as the problem, not the TypeScript', async () => {
    rmSync(path.join(project, '.compiled'), { recursive: true, force: true });
    writeFileSync(path.join(project, '.compiled'), 'a file where the folder should be');
    const failed = await run(process.execPath, ['server/start.js'], { cwd: project }).then(
      () => assert.fail('start-up should have failed'),
      (error: { code: number; stderr: string }) => error,
    );
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /^Start-up failed: could not compile the server into \.compiled\/: .*EEXIST/);
    assert.doesNotMatch(failed.stderr, /TypeScript/);
  });

  test('a variable too long to hand to the compiler is named, with its length and not its value', async () => {
    rmSync(path.join(project, '.compiled'), { recursive: true, force: true });
    // Given through .env: the test could not start Node itself with it (the same E2BIG).
    const value = `SELECT Id FROM Account WHERE Name = '${'x'.repeat(140_000)}'`;
    writeFileSync(path.join(project, '.env'), `SF_SAMPLE_QUERY="${value}"\n`);
    try {
      const failed = await run(process.execPath, ['--env-file=.env', 'server/start.js'], {
        cwd: project,
      }).then(
        () => assert.fail('start-up should have failed'),
        (error: { code: number; stderr: string }) => error,
      );
      assert.equal(failed.code, 1);
      assert.match(
        failed.stderr,
        /spawn E2BIG \(a variable too long to hand to a program: SF_SAMPLE_QUERY \(140,038 characters\); Linux hands a program at most 128 KB per variable/,
      );
      assert.doesNotMatch(failed.stderr, /xxxx/);
    } finally {
      rmSync(path.join(project, '.env'));
    }
  });
});
