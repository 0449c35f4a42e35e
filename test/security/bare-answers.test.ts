// The answers written before Express sees a request (Node's parse errors, an address past 16 KB, plain http:// on
// the app's port) carry the same guard headers as every other answer: no sniffing, no framing, no Referer.
import assert from '../support/assert.ts';
import { once } from 'node:events';
import http from 'node:http';
import tls from 'node:tls';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

/** One request written byte for byte over TLS (a client would refuse to send a broken one): the raw answer. */
async function rawAnswer(port: number, request: string): Promise<string> {
  const socket = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', rejectUnauthorized: false });
  await once(socket, 'secureConnect');
  socket.end(request);
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
  await once(socket, 'close');
  return text;
}

/** The header lines of a raw answer, by lower-case name. */
function headersOf(raw: string): Map<string, string> {
  const lines = raw.slice(0, raw.indexOf('\r\n\r\n')).split('\r\n').slice(1);
  return new Map(
    lines.map((line) => [
      line.slice(0, line.indexOf(':')).toLowerCase(),
      line.slice(line.indexOf(':') + 1).trim(),
    ]),
  );
}

function assertGuarded(headers: { get(name: string): string | null | undefined }, what: string): void {
  assert.equal(headers.get('x-content-type-options'), 'nosniff', what);
  assert.match(
    headers.get('content-security-policy') ?? '',
    /default-src 'none'.*frame-ancestors 'none'/,
    what,
  );
  assert.equal(headers.get('x-frame-options'), 'DENY', what);
  assert.equal(headers.get('referrer-policy'), 'no-referrer', what);
}

describe('answers written before Express', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  const servers = () => [
    { name: 'app', url: stack.appUrl, port: Number(new URL(stack.appUrl).port) },
    { name: 'emulator', url: stack.emulatorUrl, port: Number(new URL(stack.emulatorUrl).port) },
  ];

  test('a 431 for an address past what Node reads carries the guard headers, on both servers', async () => {
    // The emulator reads far more than Salesforce's 16,384 bytes, to give a long address Salesforce's 414.
    for (const { name, url, length } of [
      { ...servers()[0], length: 20_000 },
      { ...servers()[1], length: 300_000 },
    ]) {
      const answer = await new TestClient().get(`${url}/?q=${'x'.repeat(length)}`);
      assert.equal(answer.status, 431, name);
      assertGuarded(answer.headers, `${name} 431`);
      assert.equal(answer.headers.get('cache-control'), 'no-store', name);
    }
  });

  test('a 400 for a request Node cannot parse carries the guard headers, on both servers', async () => {
    for (const { name, port } of servers()) {
      const raw = await rawAnswer(port, 'GET / HTTP/1.1\r\nHost: localhost\r\nBroken header line\r\n\r\n');
      assert.match(raw, /^HTTP\/1\.1 400 /, name);
      assertGuarded(headersOf(raw), `${name} 400`);
    }
  });

  test('the redirect of plain http:// on the app port carries the guard headers', async () => {
    const answer: http.IncomingMessage = await new Promise((resolve) =>
      http.get(`http://localhost:${stack.app?.port}/`, resolve),
    );
    answer.resume();
    assert.equal(answer.statusCode, 308);
    const headers = new Map(Object.entries(answer.headers).map(([key, value]) => [key, String(value)]));
    assertGuarded(headers, 'plain http 308');
  });
});
