// ensureCertificates: generated once, SHA-256 with the localhost SANs, keys private, never overwritten.
import assert from '../support/assert.ts';
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CertificateError, checkKeyMatchesCertificate, ensureCertificates } from '../../server/certs.ts';

describe('ensureCertificates', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'certs-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('creates a TLS pair for localhost and a separate JWT signing pair', async () => {
    const files = await ensureCertificates(dir);
    assert.equal(files.created.length, 4);
    const tls = new X509Certificate(readFileSync(files.server.certFile));
    assert.equal(tls.subjectAltName, 'DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    assert.ok(tls.checkHost('localhost'));
    const jwt = new X509Certificate(readFileSync(files.jwt.certFile));
    assert.notEqual(
      tls.publicKey.export({ type: 'spki', format: 'pem' }),
      jwt.publicKey.export({ type: 'spki', format: 'pem' }),
    );
    assert.match(readFileSync(files.jwt.certFile, 'utf8'), /^-----BEGIN CERTIFICATE-----/);
    for (const key of [files.server.keyFile, files.jwt.keyFile]) {
      assert.equal(statSync(key).mode & 0o777, 0o600, `${key} is private`);
    }
  });

  test('signs with SHA-256', async () => {
    const files = await ensureCertificates(dir);
    // The signature algorithm OID sha256WithRSAEncryption appears in the DER of the certificate.
    const der = new X509Certificate(readFileSync(files.server.certFile)).raw.toString('hex');
    assert.ok(der.includes('2a864886f70d01010b'), 'sha256WithRSAEncryption');
  });

  test('never overwrites existing files', async () => {
    const before = readFileSync(path.join(dir, 'jwt.key'), 'utf8');
    const files = await ensureCertificates(dir);
    assert.deepEqual(files.created, []);
    assert.equal(readFileSync(path.join(dir, 'jwt.key'), 'utf8'), before);
  });

  test('refuses a key that does not match its certificate', () => {
    const mixed = { keyFile: path.join(dir, 'server.key'), certFile: path.join(dir, 'jwt.crt') };
    assert.throws(
      () => checkKeyMatchesCertificate(mixed),
      (error: Error) => {
        assert.ok(error instanceof CertificateError);
        assert.match(error.message, /server.key does not match .*jwt.crt/);
        // jwt.crt may be a key of one's own's certificate, made as the JWT page says: that key is named as the cure.
        assert.match(error.message, /is that key's: set SF_JWT_KEY_FILE to it again\), or delete both/);
        return true;
      },
    );
  });

  test('a file where the certificates folder belongs is named with the fix, not as a bare errno', async () => {
    const file = path.join(dir, 'not-a-folder');
    writeFileSync(file, 'x');
    await assert.rejects(ensureCertificates(file), (error: Error) => {
      assert.ok(error instanceof CertificateError);
      assert.equal(
        error.message,
        `${file} cannot hold the generated keys (EEXIST): make it a folder this user can write, or put server.key/crt and jwt.key/crt there yourself`,
      );
      return true;
    });
  });

  test('an HTTPS certificate that has expired or is not for localhost stops start-up, with the fix', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'certs-'));
    try {
      const files = await ensureCertificates(folder);
      // The JWT pair in the server's place: a good pair, but for no host.
      for (const kind of ['key', 'crt']) {
        writeFileSync(path.join(folder, `server.${kind}`), readFileSync(path.join(folder, `jwt.${kind}`)));
      }
      await assert.rejects(ensureCertificates(folder), {
        name: 'CertificateError',
        message: `${files.server.certFile} is not for localhost and 127.0.0.1: delete ${files.server.certFile} and its key to generate a new pair`,
      });
      const { default: selfsigned } = await import('selfsigned');
      const old = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
        keySize: 2048,
        notBeforeDate: new Date('2020-01-01T00:00:00Z'),
        notAfterDate: new Date('2021-01-01T00:00:00Z'),
      });
      writeFileSync(files.server.keyFile, old.private);
      writeFileSync(files.server.certFile, old.cert);
      await assert.rejects(ensureCertificates(folder), {
        name: 'CertificateError',
        message: new RegExp(`^${files.server.certFile} expired on .*2021 GMT: delete`),
      });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test('a server certificate not valid yet, and a JWT pair that is not RSA, stop start-up with the fix', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'certs-'));
    try {
      const files = await ensureCertificates(folder);
      const { default: selfsigned } = await import('selfsigned');
      const early = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
        keySize: 2048,
        notBeforeDate: new Date('2099-01-01T00:00:00Z'),
        notAfterDate: new Date('2100-01-01T00:00:00Z'),
        extensions: [
          {
            name: 'subjectAltName',
            altNames: [
              { type: 2, value: 'localhost' },
              { type: 7, ip: '127.0.0.1' },
            ],
          },
        ],
      });
      const server = { key: readFileSync(files.server.keyFile), cert: readFileSync(files.server.certFile) };
      writeFileSync(files.server.keyFile, early.private);
      writeFileSync(files.server.certFile, early.cert);
      await assert.rejects(ensureCertificates(folder), {
        name: 'CertificateError',
        message: new RegExp(`^${files.server.certFile} is not valid until .*2099 GMT: delete`),
      });
      writeFileSync(files.server.keyFile, server.key);
      writeFileSync(files.server.certFile, server.cert);
      const ec = await selfsigned.generate([{ name: 'commonName', value: 'jwt' }], {
        keyType: 'ec',
        algorithm: 'sha256',
      });
      writeFileSync(files.jwt.keyFile, ec.private);
      writeFileSync(files.jwt.certFile, ec.cert);
      await assert.rejects(ensureCertificates(folder), {
        name: 'CertificateError',
        message: `${files.jwt.keyFile} is an EC key, and Salesforce verifies RS256 assertions, which need RSA: delete it and ${files.jwt.certFile} to generate an RSA pair`,
      });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test('several makers at once on an empty folder (two test groups, two starts): one pair, made once', async () => {
    const fresh = mkdtempSync(path.join(os.tmpdir(), 'certs-'));
    try {
      const results = await Promise.all([1, 2, 3].map(() => ensureCertificates(fresh)));
      assert.deepEqual(
        results.map((files) => files.created.length).sort(),
        [0, 0, 4],
        'the first made both pairs; the others found them',
      );
      assert.deepEqual(readdirSync(fresh).sort(), ['jwt.crt', 'jwt.key', 'server.crt', 'server.key']);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  test(
    'a maker that ended mid-way (Ctrl-C) leaves a lock the next start takes over at once',
    { timeout: 20_000 },
    async () => {
      const fresh = mkdtempSync(path.join(os.tmpdir(), 'certs-'));
      try {
        const ended = spawnSync(process.execPath, ['-e', '']).pid;
        mkdirSync(path.join(fresh, 'server.key.making'));
        writeFileSync(path.join(fresh, 'server.key.making', 'pid'), String(ended));
        assert.equal((await ensureCertificates(fresh)).created.length, 4);
        assert.ok(!existsSync(path.join(fresh, 'server.key.making')));
      } finally {
        rmSync(fresh, { recursive: true, force: true });
      }
    },
  );

  test('explains a missing partner and an unreadable key', async () => {
    const other = mkdtempSync(path.join(os.tmpdir(), 'certs-'));
    writeFileSync(path.join(other, 'server.key'), 'not a key');
    await assert.rejects(ensureCertificates(other), /server.key exists without its partner/);
    unlinkSync(path.join(other, 'server.key'));
    await ensureCertificates(other);
    writeFileSync(path.join(other, 'jwt.key'), 'garbage');
    await assert.rejects(
      ensureCertificates(other),
      /jwt.key is not a readable, unencrypted PEM private key: restore it, or delete it and .*jwt\.crt to generate a new pair/,
    );
    rmSync(other, { recursive: true, force: true });
  });
});
