// A copied query runs to its last row: the Python and jsforce copies, run as saved, follow nextRecordsUrl past the
// first batch of 2,000 records, and a jsforce copy left without its token says so instead of calling Salesforce.
import assert from '../support/assert.ts';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { snippetSet } from '../../server/teaching/snippets/index.ts';
import { legRequest } from '../../server/teaching/snippets/request.ts';
import { loginAndGetToken } from '../support/emulator-login.ts';
import { TestClient } from '../support/http.ts';
import { startTestStack, TEST_ROOT, type TestStack } from '../support/stack.ts';

const run = promisify(execFile);
/** Debian's interpreter, the one python3-requests installs into. */
const PYTHON = '/usr/bin/python3';
const SOQL = 'SELECT Id FROM Contact';

describe('a copied query runs to its last row', () => {
  let stack: TestStack;
  let workDir: string;
  let token: Record<string, string>;
  /** The result page's query leg, as the app records it, copied with real values or with placeholders. */
  const copies = (reveal: boolean) => {
    const url = `${token.instance_url}/services/data/v66.0/query?q=${encodeURIComponent(SOQL)}`;
    const entry = {
      id: 'q',
      at: 0,
      kind: 'server-call' as const,
      leg: 'query',
      method: 'GET' as const,
      url,
      requestHeaders: { accept: 'application/json', authorization: `Bearer ${token.access_token}` },
    };
    const set = snippetSet(legRequest(entry), {
      caFile: 'certs/server.crt',
      jwtKeyFile: 'certs/jwt.key',
      reveal,
    });
    return Object.fromEntries(set.snippets.map((snippet) => [snippet.target, snippet.text ?? '']));
  };
  const runSaved = async (program: string, name: string, text: string) => {
    writeFileSync(path.join(workDir, name), text);
    return run(program, [name], { cwd: workDir, env: { PATH: '' }, maxBuffer: 16 * 1024 * 1024 });
  };

  before(async () => {
    stack = await startTestStack();
    token = await loginAndGetToken(stack);
    workDir = mkdtempSync(path.join(os.tmpdir(), 'snippet-paging-'));
    symlinkSync(path.join(TEST_ROOT, 'certs'), path.join(workDir, 'certs'));
    symlinkSync(path.resolve('node_modules'), path.join(workDir, 'node_modules'));
  });
  after(async () => {
    await stack.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  test('more rows than one batch: Python and jsforce print every one, each once', async () => {
    const first = (await (
      await new TestClient().get(
        `${token.instance_url}/services/data/v66.0/query?q=${encodeURIComponent(SOQL)}`,
        {
          authorization: `Bearer ${token.access_token}`,
        },
      )
    ).json()) as { totalSize: number; done: boolean };
    assert.equal(first.done, false, 'the query needs more than one batch');
    const { python, jsforce } = copies(true);
    for (const [program, name, text] of [
      [PYTHON, 'query.py', python],
      [process.execPath, 'query.mjs', jsforce],
    ]) {
      const ids = (await runSaved(program, name, text)).stdout
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { Id: string }).Id);
      assert.equal(ids.length, first.totalSize, name);
      assert.equal(new Set(ids).size, ids.length, `${name}: no row twice`);
    }
  });

  test("a Python copy whose token Salesforce refuses stops with Salesforce's answer, not the status alone", async () => {
    const refused = copies(true).python.replace(token.access_token, '00D000000000000!AQ0AbogusTokenValue');
    const failed = await runSaved(PYTHON, 'refused.py', refused).catch(
      (error: { stderr: string; code: number }) => error,
    );
    assert.ok('code' in failed && failed.code === 1, 'it exits with 1');
    assert.match(failed.stderr, /^401 Unauthorized: .*"errorCode":"INVALID_SESSION_ID"/m);
  });

  test('a jsforce copy run without its token set names the variable, and sends nothing', async () => {
    const before = stack.emulator?.received.length ?? 0;
    const failed = await runSaved(process.execPath, 'unset.mjs', copies(false).jsforce).catch(
      (error: { stderr: string }) => error,
    );
    assert.match(
      'stderr' in failed ? failed.stderr : '',
      /SF_ACCESS_TOKEN is not set: export it in your shell first/,
    );
    assert.equal(stack.emulator?.received.length, before);
  });
});
