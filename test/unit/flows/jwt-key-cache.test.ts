// The JWT flow keeps its parsed key and its key/certificate answer only while the files stay the same: a replaced
// key or certificate is seen on the very next Run or page view.
import assert from '../../support/assert.ts';
import { createVerify, X509Certificate } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ensureCertificates } from '../../../server/certs.ts';
import { signedRequest } from '../../../server/flows/jwtBearer.ts';
import { keyMatchesCertificate } from '../../../server/flows/jwtKeyCheck.ts';
import { TEST_ROOT } from '../../support/stack.ts';

const certs = path.join(TEST_ROOT, 'certs');

/** Whether the assertion's RS256 signature verifies with the certificate file's key. */
function verifiesWith(assertion: string, certFile: string): boolean {
  const [header, claims, signature] = assertion.split('.');
  const key = new X509Certificate(readFileSync(certFile, 'utf8')).publicKey;
  return createVerify('RSA-SHA256')
    .update(`${header}.${claims}`)
    .verify(key, Buffer.from(signature, 'base64url'));
}

describe('JWT flow: key and certificate read once per version of the files', () => {
  let dir: string;
  let keyFile: string;
  let certFile: string;
  before(async () => {
    await ensureCertificates(certs);
    dir = mkdtempSync(path.join(os.tmpdir(), 'sf-jwt-key-'));
    keyFile = path.join(dir, 'jwt.key');
    certFile = path.join(dir, 'jwt.crt');
    copyFileSync(path.join(certs, 'jwt.key'), keyFile);
    copyFileSync(path.join(certs, 'jwt.crt'), certFile);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the key check follows a certificate replaced on disk, and back', () => {
    assert.equal(keyMatchesCertificate(keyFile, certFile).passed, true);
    assert.equal(keyMatchesCertificate(keyFile, certFile).passed, true);
    copyFileSync(path.join(certs, 'server.crt'), certFile);
    assert.equal(keyMatchesCertificate(keyFile, certFile).passed, false, 'another pair’s certificate');
    copyFileSync(path.join(certs, 'jwt.crt'), certFile);
    assert.equal(keyMatchesCertificate(keyFile, certFile).passed, true);
  });

  test('a key of one’s own that does not match certs/jwt.crt is told to upload its own certificate, not to delete both', () => {
    const ownKey = path.join(dir, 'my-signing.key');
    copyFileSync(path.join(certs, 'server.key'), ownKey);
    const check = keyMatchesCertificate(ownKey, certFile);
    assert.equal(check.passed, false);
    assert.match(
      check.detail,
      /\(SF_JWT_KEY_FILE\) is not the partner of jwt.crt\. Upload the certificate made with that key/,
    );
    assert.doesNotMatch(check.detail, /delete both/);
    // The generated pair, mismatched, may be deleted and made again.
    copyFileSync(path.join(certs, 'server.crt'), certFile);
    assert.match(keyMatchesCertificate(keyFile, certFile).detail, /delete both/);
    copyFileSync(path.join(certs, 'jwt.crt'), certFile);
  });

  test('a Run signs with the key on disk now, even after another key was used', () => {
    const config = {
      clientId: 'id',
      username: 'user@example.com',
      audience: 'https://login.example',
      jwtKeyFile: keyFile,
    };
    const first = signedRequest(config, Date.now()).assertion;
    assert.equal(verifiesWith(first, path.join(certs, 'jwt.crt')), true);
    copyFileSync(path.join(certs, 'server.key'), keyFile);
    const second = signedRequest(config, Date.now()).assertion;
    assert.equal(verifiesWith(second, path.join(certs, 'server.crt')), true, 'signed with the replacing key');
    assert.equal(verifiesWith(second, path.join(certs, 'jwt.crt')), false);
  });
});
