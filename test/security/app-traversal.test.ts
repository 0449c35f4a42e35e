// Path traversal on static files and on the certificate download, sent raw (no client normalises the ../
// away): every variant is a 404, and no answer ever holds a private key or a file from outside public/.
import assert from '../support/assert.ts';
import { existsSync } from 'node:fs';
import { after, afterEach, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assertStillServing } from '../support/attacks.ts';
import { TestClient } from '../support/http.ts';
import { rawRequest } from '../support/raw.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { containsPrivateKey } from '../../server/pem.ts';

const REPO_FILE = (file: string) => fileURLToPath(new URL(`../../${file}`, import.meta.url));

const ATTEMPTS = [
  '/..%2f..%2fcerts/jwt.key',
  '/css/../../package.json',
  '/css/..%2f..%2fpackage.json',
  '/css/%2e%2e/%2e%2e/package.json',
  '/css/%252e%252e/%252e%252e/package.json',
  '/css/..%5c..%5cpackage.json',
  '/%2e%2e/certs/README.md',
  '/js/..%2f..%2fcerts%2fREADME.md',
  '/..%2fcerts/server.key',
  '/certs/jwt.key',
  '/setup/jwt.crt/..%2f..%2fcerts%2fjwt.key',
  '/setup/..%2f..%2fcerts/jwt.key',
  '/setup/jwt.crt%00.key',
  '/setup/jwt.key',
];

describe('path traversal', () => {
  let stack: TestStack;
  afterEach(() => assertStillServing(stack, new TestClient()));
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  test('the files the attempts aim at outside public/ exist, so a leak would show', () => {
    for (const file of ['package.json', 'certs/README.md']) assert.ok(existsSync(REPO_FILE(file)), file);
  });

  for (const path of ATTEMPTS) {
    test(`GET ${path} is a 404 that holds no key or file from outside public/`, async () => {
      const answer = await rawRequest(stack.appUrl, path, { headers: { accept: 'text/html' } });
      assert.equal(answer.status, 404);
      assert.equal(containsPrivateKey(answer.body), false);
      assert.doesNotMatch(answer.body, /"name": "salesforce-oauth-playground"|# certs\//);
      assert.match(answer.body, /<h1>Page not found<\/h1>/);
    });
  }

  test('/setup/jwt.crt with a path in its query still sends the certificate only', async () => {
    const answer = await rawRequest(stack.appUrl, '/setup/jwt.crt?file=../certs/jwt.key&name=../../jwt.key');
    assert.equal(answer.status, 200);
    assert.match(answer.body, /^-----BEGIN CERTIFICATE-----/);
    assert.equal(containsPrivateKey(answer.body), false);
    assert.equal(answer.headers['content-disposition'], 'attachment; filename=jwt.crt');
  });
});
