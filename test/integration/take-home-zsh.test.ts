// Shell copies pasted as zsh runs them by default: interactive, without interactivecomments, so each comment line
// is a command (`#`, not found). Played by an interactive bash with interactive_comments off, history expansion
// on as in zsh: a comment line must stay one harmless command, and the copy must still get its answer.
import assert from '../support/assert.ts';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import type { SnippetSet } from '../../server/teaching/snippets/index.ts';
import { CURL_STATUS_AFTER_BODY } from '../support/curl-status.ts';
import { runWebServerFlow } from '../support/flows.ts';
import { TestClient } from '../support/http.ts';
import { transcriptReader } from '../support/transcript-reader.ts';
import { startTestStack, TEST_ROOT, type TestStack } from '../support/stack.ts';

const run = promisify(execFile);

/** Runs a pasted copy in an interactive shell that reads `#` as a command: its output, and its complaints. */
async function pasteAsZshWould(script: string): Promise<{ stdout: string; complaints: string[] }> {
  const stubs = [
    'shopt -u interactive_comments',
    CURL_STATUS_AFTER_BODY,
    // The sf CLI is not installed here: a stand-in that says what it was asked, so its lines run too.
    'sf() { echo "sf $1 $2"; }',
  ];
  const { stdout, stderr } = await run(
    'bash',
    ['--norc', '--noprofile', '-i', '-c', [...stubs, script].join('\n')],
    { cwd: TEST_ROOT },
  );
  // An interactive shell with no terminal says so first: not the copy's doing.
  const complaints = stderr
    .split('\n')
    .filter((line) => line && !/cannot set terminal process group|no job control in this shell/.test(line));
  return { stdout, complaints };
}

describe('shell copies pasted into zsh as it starts', () => {
  let stack: TestStack;
  const client = new TestClient();
  before(async () => {
    stack = await startTestStack();
    await runWebServerFlow(stack, client);
  });
  after(() => stack.close());
  const { pageOf } = transcriptReader(() => stack, client);

  test('after Reveal, each comment line of the query copies is one unknown command, and the curl copy gets the rows', async () => {
    const { legs, csrf } = await pageOf('/result');
    const query = legs.find((leg) => leg.leg === 'query');
    assert.ok(query, 'the query leg');
    const answer = await client.request(`${stack.appUrl}/teaching/reveal`, {
      method: 'POST',
      body: JSON.stringify({ entryId: query.id }),
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf },
    });
    const { snippets } = (await answer.json()) as { snippets: SnippetSet };
    const copy = (target: string) =>
      snippets.snippets.find((snippet) => snippet.target === target)?.text ?? '';

    const curl = await pasteAsZshWould(copy('curl'));
    const comments = copy('curl').match(/^#/gm)?.length ?? 0;
    assert.ok(comments >= 3, 'the copy says where to run it and what its values are');
    assert.deepEqual(curl.complaints, Array<string>(comments).fill('bash: #: command not found'));
    assert.match(curl.stdout, /"Name":"Acme Inc\."[^]*\n200$/);

    const sf = await pasteAsZshWould(copy('sf'));
    const sfComments = copy('sf').match(/^#/gm)?.length ?? 0;
    assert.deepEqual(sf.complaints, Array<string>(sfComments).fill('bash: #: command not found'));
    assert.equal(sf.stdout, 'sf org login\nsf data query\n');
  });
});
