// Keep-alive towards Salesforce: connections are reused, but never one the server is about to close.
import assert from '../support/assert.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import type { Config } from '../../server/config.ts';
import { createSalesforceHttp } from '../../server/salesforce/http.ts';
import { startEvilHost, type EvilHost } from '../support/evil-host.ts';
import { TEST_ROOT } from '../support/stack.ts';
import path from 'node:path';

describe('the connection pool towards Salesforce', () => {
  let host: EvilHost;
  before(async () => {
    host = await startEvilHost();
    // The server announces "Keep-Alive: timeout=2" and closes idle connections after 2 s.
    host.server.keepAliveTimeout = 2_000;
  });
  after(() => host.close());

  const config = { mode: 'emulator', certsDir: path.join(TEST_ROOT, 'certs') } as Config;
  const call = (http: ReturnType<typeof createSalesforceHttp>) =>
    http.send({ leg: 'identity', method: 'GET', url: `${host.url}/id` });

  test('reuses a connection while it is fresh, and drops it a second before the server would', async () => {
    const http = createSalesforceHttp(config);
    const opened = host.connections;
    await call(http);
    await call(http);
    assert.equal(host.connections - opened, 1, 'back-to-back calls share one connection');
    // 1.5 s idle: the server still holds the connection, but a request sent on it now could cross the close.
    await sleep(1_500);
    await call(http);
    assert.equal(host.connections - opened, 2, 'the call after 1.5 s idle opened a new connection');
  });
});
