// Closing a server (a signal's shutdown, a test's teardown) lets a request under way finish, within a grace period,
// instead of cutting its connection (a login's answer would be lost); idle kept connections end at once. And a port
// is only taken when localhost's IPv6 address is free too.
import assert from '../support/assert.ts';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ensureCertificates } from '../../server/certs.ts';
import { listenHttps, listenOn } from '../../server/https.ts';
import net from 'node:net';
import { once } from 'node:events';
import { TestClient } from '../support/http.ts';
import { TEST_ROOT } from '../support/stack.ts';

test('a request under way when the server closes gets its answer; the close then completes', async () => {
  const certs = await ensureCertificates(path.join(TEST_ROOT, 'certs'));
  const tls = {
    key: readFileSync(certs.server.keyFile, 'utf8'),
    cert: readFileSync(certs.server.certFile, 'utf8'),
  };
  let started: () => void = () => undefined;
  const arrived = new Promise<void>((resolve) => (started = resolve));
  const server = await listenHttps({ ...tls, port: 0 }, (req, res) => {
    if (req.url === '/slow') {
      started();
      setTimeout(() => res.end('finished'), 400);
    } else res.end('quick');
  });
  const client = new TestClient();
  assert.equal(await (await client.get(`${server.url}/quick`)).text(), 'quick'); // leaves an idle kept connection
  const slow = new TestClient().get(`${server.url}/slow`);
  await arrived;
  const closing = server.close();
  const answer = await slow;
  assert.equal(answer.status, 200);
  assert.equal(await answer.text(), 'finished');
  await closing;
});

test('a port another program holds on [::1], where a browser tries localhost first, counts as in use', async () => {
  const certs = await ensureCertificates(path.join(TEST_ROOT, 'certs'));
  const tls = {
    key: readFileSync(certs.server.keyFile, 'utf8'),
    cert: readFileSync(certs.server.certFile, 'utf8'),
  };
  const other = net.createServer().listen(0, '::1');
  await once(other, 'listening');
  const { port } = other.address() as net.AddressInfo;
  try {
    const outcome = await listenOn('PORT', { ...tls, port }).catch((error: Error) => error);
    // Had it started, it is closed before the assertion fails, so the test never hangs on a server left open.
    if (!(outcome instanceof Error)) await outcome.close();
    assert.ok(outcome instanceof Error, 'the port counts as in use');
    assert.equal(outcome.name, 'PortError');
    assert.equal(outcome.message, `Port ${port} (PORT) cannot be opened: EADDRINUSE`);
  } finally {
    other.close();
  }
  // Free again: the server starts on it.
  const server = await listenOn('PORT', { ...tls, port });
  await server.close();
});
