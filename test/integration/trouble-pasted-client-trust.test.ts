// A certificate refused by someone's own curl or Python client, pasted as the client printed it: the card's fix is
// that client's own way to trust the root, and followed as it says, the same call then works. (Java's card is the
// same shape; Java is not installed everywhere the tests run, so its words alone are checked here.)
import assert from '../support/assert.ts';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { explainPasted } from '../support/flows.ts';
import { unescapeHtml } from '../support/html.ts';
import { startTestStack, TEST_ROOT, type TestStack } from '../support/stack.ts';

const run = promisify(execFile);
/** Debian's interpreter, the one python3-requests installs into (a pyenv python3 on PATH may lack it). */
const PYTHON = '/usr/bin/python3';
/** No trust from the environment: the client trusts its own default roots only, as on a learner's machine. */
const env = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !['CURL_CA_BUNDLE', 'REQUESTS_CA_BUNDLE'].includes(name)),
);

/** The first card's title and fix, as the page shows them. */
function card(html: string) {
  const text = unescapeHtml(html);
  return {
    title: /<div class="error-box">\s*<h2>([^<]+)<\/h2>/.exec(text)?.[1] ?? '',
    fix: /<strong>How to fix it:<\/strong> ([^<]*)<\/p>/.exec(text)?.[1] ?? '',
  };
}

/** Runs a program; its stdout when it worked, else what it printed when it failed. */
async function outcome(program: string, args: string[]) {
  try {
    return { ok: true, out: (await run(program, args, { cwd: TEST_ROOT, env })).stdout };
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return { ok: false, out: `${stdout}${stderr}` };
  }
}

describe("the trouble path: a client's refused certificate, pasted", () => {
  let stack: TestStack;
  let url = '';
  before(async () => {
    stack = await startTestStack();
    url = `${stack.emulatorUrl}/.well-known/openid-configuration`;
  });
  after(() => stack.close());

  test('curl: the card says --cacert with the root, and curl given it gets the answer', async () => {
    const refused = await outcome('curl', ['--silent', '--show-error', url]);
    assert.equal(refused.ok, false, 'curl refuses the emulator without its certificate');
    const { title, fix } = card(await explainPasted(stack, refused.out.trim()));
    assert.equal(title, 'curl does not trust the server’s certificate');
    const option = /curl (--cacert \S+) …/.exec(fix)?.[1];
    assert.ok(option, fix);
    const followed = await outcome('curl', ['--silent', '--show-error', ...option.split(' '), url]);
    assert.ok(followed.ok, followed.out);
    assert.match(followed.out, /"issuer"/);
  });

  test('Python requests: the card says verify= with the root, and the call given it gets the answer', async () => {
    const call = (verify: string) =>
      `import requests\nprint(requests.get(${JSON.stringify(url)}, timeout=30${verify}).status_code)`;
    const refused = await outcome(PYTHON, ['-c', call('')]);
    assert.equal(refused.ok, false, 'requests refuses the emulator without its certificate');
    const line = refused.out.trim().split('\n').at(-1) ?? '';
    assert.match(line, /SSLError/, `${PYTHON} with requests ran: apt-get install -y python3-requests`);
    const { title, fix } = card(await explainPasted(stack, line));
    assert.equal(title, 'Your Python client does not trust the server’s certificate');
    const verify = /(verify="[^"]+")/.exec(fix)?.[1];
    assert.ok(verify, fix);
    const followed = await outcome(PYTHON, ['-c', call(`, ${verify}`)]);
    assert.ok(followed.ok, followed.out);
    assert.equal(followed.out.trim(), '200');
  });

  test("Java's words: its own trust store, not Node's variable", async () => {
    const pasted =
      'javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target';
    const { title, fix } = card(await explainPasted(stack, pasted));
    assert.equal(title, 'Your Java client does not trust the server’s certificate');
    assert.match(fix, /keytool -importcert .*-file certs\/server\.crt .*-Djavax\.net\.ssl\.trustStore=/);
    assert.doesNotMatch(fix, /NODE_EXTRA_CA_CERTS/);
  });
});
