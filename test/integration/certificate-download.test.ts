// The Setup guide's certificate download when certs/jwt.crt changes after the start: moved away, overwritten or
// replaced by another certificate, it is the learner's file to fix, named with the fix in a 409, never a server error
// nor a certificate that is not the key's; put back, it downloads again.
import assert from '../support/assert.ts';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../support/http.ts';
import { startTestStack, testCertsFolder, type TestStack } from '../support/stack.ts';

describe('downloading certs/jwt.crt from the Setup guide', () => {
  // A root of its own: the shared test root's certificates are every other test file's too.
  const root = mkdtempSync(path.join(os.tmpdir(), 'certificate-download-'));
  const certFile = path.join(root, 'certs', 'jwt.crt');
  const keyFile = path.join(root, 'certs', 'jwt.key');
  let stack: TestStack;
  before(async () => {
    cpSync(await testCertsFolder(), path.join(root, 'certs'), { recursive: true });
    stack = await startTestStack({}, { rootDir: root });
  });
  after(async () => {
    await stack?.close();
    rmSync(root, { recursive: true, force: true });
  });
  const download = () => new TestClient().get(`${stack.appUrl}/setup/jwt.crt`);

  test('sends the certificate as a file while it is there', async () => {
    const answer = await download();
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get('content-disposition') ?? '', /^attachment; filename="?jwt\.crt"?$/);
    assert.equal(await answer.text(), readFileSync(certFile, 'utf8'));
  });

  test('moved away: a 409 naming the file, how to restore or renew it, and when a new pair is made', async () => {
    renameSync(certFile, `${certFile}.moved`);
    try {
      const answer = await download();
      assert.equal(answer.status, 409);
      const page = await answer.text();
      assert.match(page, /No certificate to download/);
      assert.ok(page.includes(`${certFile} cannot be read (ENOENT)`), 'the file named, with why');
      assert.ok(page.includes(`delete it and ${keyFile}`), 'the pair to delete');
      assert.match(page, /the app makes a new pair when it next starts/);
      assert.doesNotMatch(page, /\bat \S+ \(|node:internal|\.ts:\d+/, 'no stack trace');
    } finally {
      renameSync(`${certFile}.moved`, certFile);
    }
    assert.equal((await download()).status, 200, 'put back, it downloads again');
  });

  test('overwritten with something else: a 409 naming the file and the fix, not a server error', async () => {
    const original = readFileSync(certFile, 'utf8');
    writeFileSync(certFile, 'not a certificate\n');
    try {
      const answer = await download();
      assert.equal(answer.status, 409);
      const page = await answer.text();
      assert.match(page, /Not a certificate/);
      assert.ok(page.includes(`${certFile} no longer holds a PEM certificate`), 'the file named');
      assert.match(
        page,
        /restore it, or delete it and .*jwt\.key \(the app makes a new pair when it next starts\)/,
      );
    } finally {
      writeFileSync(certFile, original);
    }
  });

  test('replaced by another certificate: a 409, not the wrong certificate to upload', async () => {
    const original = readFileSync(certFile, 'utf8');
    writeFileSync(certFile, readFileSync(path.join(root, 'certs', 'server.crt')));
    try {
      const answer = await download();
      assert.equal(answer.status, 409);
      const page = await answer.text();
      assert.match(page, /Not the certificate of your key/);
      assert.ok(page.includes(`${certFile} is no longer the certificate of ${keyFile}`), 'both files named');
      assert.doesNotMatch(page, /BEGIN CERTIFICATE/);
    } finally {
      writeFileSync(certFile, original);
    }
    assert.equal((await download()).status, 200, 'put back, it downloads again');
  });
});
