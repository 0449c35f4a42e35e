// One HTTPS exchange as the app makes it towards Salesforce: decoded bodies, repeated headers, no redirects
// followed, one timer for the whole exchange, an answer cut short is a failure, and never plain HTTP.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { ensureCertificates } from '../../../server/certs.ts';
import { listenHttps, type ListeningServer } from '../../../server/https.ts';
import { exchange } from '../../../server/salesforce/exchange.ts';
import { TEST_ROOT } from '../../support/stack.ts';

describe('an HTTPS exchange with Salesforce', () => {
  const certs = path.join(TEST_ROOT, 'certs');
  let server: ListeningServer;
  let agent: https.Agent;
  before(async () => {
    await ensureCertificates(certs);
    server = await listenHttps(
      {
        port: 0,
        key: readFileSync(path.join(certs, 'server.key'), 'utf8'),
        cert: readFileSync(path.join(certs, 'server.crt'), 'utf8'),
      },
      (req, res) => {
        if (req.url === '/gzip') {
          res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
          res.end(gzipSync('{"totalSize":1}'));
        } else if (req.url === '/redirect') {
          res.writeHead(302, { location: '/elsewhere', 'set-cookie': ['a=1', 'b=2'] }).end();
        } else if (req.url === '/cut') {
          res.writeHead(200, { 'content-length': '100' });
          res.write('{"partial":');
          setTimeout(() => res.socket?.destroy(), 20);
        } else if (req.url === '/echo') {
          let body = '';
          req.on('data', (chunk) => (body += chunk));
          req.on('end', () => res.end(`${req.method} ${req.headers['content-type']} ${body}`));
        }
        // '/hang': never answered.
      },
    );
    agent = new https.Agent({ keepAlive: true, ca: readFileSync(path.join(certs, 'server.crt')) });
  });
  after(async () => {
    agent.destroy();
    await server.close();
  });

  const call = (pathname: string, extra: Partial<Parameters<typeof exchange>[0]> = {}) =>
    exchange({
      method: 'GET',
      url: `${server.url}${pathname}`,
      headers: {},
      agent,
      timeoutMs: 2000,
      ...extra,
    });

  test('decodes a gzip body', async () => {
    const answer = await call('/gzip');
    assert.equal(answer.status, 200);
    assert.equal(answer.body, '{"totalSize":1}');
  });

  test('returns a redirect as it came, repeated headers joined', async () => {
    const answer = await call('/redirect');
    assert.equal(answer.status, 302);
    assert.equal(answer.headers.location, '/elsewhere');
    assert.equal(answer.headers['set-cookie'], 'a=1, b=2');
  });

  test('sends a form body with its length', async () => {
    const answer = await call('/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=x&é=1',
    });
    assert.equal(answer.body, 'POST application/x-www-form-urlencoded grant_type=x&é=1');
  });

  test('an answer cut short is a failure, not a partial body', async () => {
    await assert.rejects(call('/cut'), /closed before the answer was complete|aborted|ECONNRESET/);
  });

  test('gives up after the timeout with a TimeoutError', async () => {
    await assert.rejects(call('/hang', { timeoutMs: 150 }), { name: 'TimeoutError' });
  });

  test('refuses plain HTTP', async () => {
    await assert.rejects(
      exchange({ method: 'GET', url: 'http://127.0.0.1:9/', headers: {}, agent, timeoutMs: 500 }),
      /only https:\/\/ addresses are called, not http:\/\//,
    );
  });
});
