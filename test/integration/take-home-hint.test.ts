// A shell copy's own words, followed as printed: before Reveal it stops and says how to set its variable. Done so at
// a prompt, where bash and zsh expand `!` from history, with the session's real token (Salesforce's hold a `!`).
import assert from '../support/assert.ts';
import { spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { resultWithToken, runWebServerFlow } from '../support/flows.ts';
import { CURL_STATUS_AFTER_BODY } from '../support/curl-status.ts';
import { unescapeHtml } from '../support/html.ts';
import { TestClient } from '../support/http.ts';
import { startTestStack, TEST_ROOT, type TestStack } from '../support/stack.ts';

/** Lines typed at an interactive bash prompt, one after another (history expansion on, as at any prompt). */
function atPrompt(lines: string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const shell = spawn('bash', ['--norc', '--noprofile', '-i'], { cwd: TEST_ROOT });
    let stdout = '';
    let stderr = '';
    shell.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    shell.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    shell.on('error', reject);
    shell.on('close', () => resolve({ stdout, stderr }));
    shell.stdin.end(`${lines.join('\n')}\n`);
  });
}

describe("a shell copy's hint, followed at a prompt", () => {
  let stack: TestStack;
  const client = new TestClient();
  before(async () => {
    stack = await startTestStack();
    await runWebServerFlow(stack, client);
  });
  after(() => stack.close());

  test('the query copy before Reveal: setting the token as its message says, then pasting it again, gets the rows', async () => {
    const { page, token } = await resultWithToken(stack, client);
    assert.ok(token.includes('!'), "an opaque token, shaped as Salesforce's: <org id>!<rest>");
    const copy = unescapeHtml(/<pre[^>]*data-snippet="curl"[^>]*>([^]*?)<\/pre>/.exec(page)?.[1] ?? '');
    assert.match(copy, /\$SF_ACCESS_TOKEN/, 'the copy before Reveal reads the token from the shell');

    const first = await atPrompt([CURL_STATUS_AFTER_BODY, copy]);
    const hint = /SF_ACCESS_TOKEN: is not set: (.+?) first, /.exec(first.stderr)?.[1];
    assert.ok(hint, `the copy stops, saying how to set the token: ${first.stderr}`);
    // As a person reads it: a placeholder is replaced by the value; a command that reads one gets it next.
    const typed = [hint.replace('<the access token>', token)];
    if (/^read /.test(hint)) typed.push(token);

    const { stdout, stderr } = await atPrompt([...typed, CURL_STATUS_AFTER_BODY, copy]);
    assert.doesNotMatch(stderr, /event not found|SF_ACCESS_TOKEN: is not set/);
    assert.match(stdout, /"Name":"Acme Inc\."[^]*\n200$/);
  });
});
