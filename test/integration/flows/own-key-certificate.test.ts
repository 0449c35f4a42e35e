// A signing key of one's own with no certificate yet: the JWT page and the Setup guide print OpenSSL's line that
// makes one, and that line, run as printed (a folder name with a space and a quote in it), makes the key check pass,
// and the next start too.
import assert from '../../support/assert.ts';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../../support/http.ts';
import { unescapeHtml } from '../../support/html.ts';
import { startTestStack, testCertsFolder, testKeyPem, type TestStack } from '../../support/stack.ts';

describe('a key of its own without its certificate', () => {
  let root: string;
  let keyFile: string;
  let stack: TestStack;
  before(async () => {
    // A project copy of its own: the printed line writes its certs/jwt.crt.
    root = mkdtempSync(path.join(os.tmpdir(), "own key's "));
    const certs = await testCertsFolder();
    mkdirSync(path.join(root, 'certs'));
    for (const file of ['server.key', 'server.crt', 'jwt.key', 'jwt.crt'])
      copyFileSync(path.join(certs, file), path.join(root, 'certs', file));
    keyFile = path.join(root, 'my keys', 'integration.pem');
    mkdirSync(path.dirname(keyFile));
    writeFileSync(keyFile, testKeyPem('own-key-certificate'), { mode: 0o600 });
    stack = await startTestStack({ SF_JWT_KEY_FILE: keyFile }, { rootDir: root });
  });
  after(async () => {
    await stack?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const jwtPage = async () => (await new TestClient().get(`${stack.appUrl}/flows/jwt`)).text();
  /** The line as a reader copies it: the page's text up to the words that follow it. */
  const printedLine = (html: string) =>
    /(openssl req .+?)(?:<\/code>)? makes one there/.exec(unescapeHtml(html))?.[1] ?? '';

  test('the printed line makes the certificate the key check was missing', async () => {
    const before = await jwtPage();
    assert.match(before, /Failed: key and certificate check/);
    const line = printedLine(before);
    assert.match(
      line,
      /^openssl req -new -x509 -sha256 -days 365 -key '.+integration\.pem' -subj \/CN=jwt-bearer -out '.+jwt\.crt'$/,
    );
    const guide = await (await new TestClient().get(`${stack.appUrl}/setup`)).text();
    assert.equal(printedLine(guide), line, 'the Setup guide prints the same line');
    const openssl = execFileSync('bash', ['-c', 'command -v openssl || true']).toString().trim();
    assert.ok(openssl, 'openssl is not installed: apt-get install -y openssl');
    execFileSync('bash', ['-c', line], { stdio: 'pipe' });
    const after = await jwtPage();
    assert.match(after, /Passed: key and certificate check/);
    // The emulator read jwt.crt when it started: the check says so instead of "it must be this jwt.crt".
    assert.match(
      after,
      /The local emulator&#39;s app holds the jwt\.crt it found when it started, unless another was pasted on its Setup page: after a new one, paste it there or restart\./,
    );
  });

  test('the next start takes that certificate beside the generated jwt.key, which it no longer pairs with', async () => {
    // Runs after the line above: certs/jwt.crt is now the own key's, certs/jwt.key still the generated one.
    assert.match(await jwtPage(), /Passed: key and certificate check/);
    await stack.close();
    stack = await startTestStack({ SF_JWT_KEY_FILE: keyFile }, { rootDir: root });
    assert.match(await jwtPage(), /Passed: key and certificate check/);
  });
});
