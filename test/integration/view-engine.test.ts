// Outside development the app renders through its own engine (each template compiled once, each include resolved
// once): every page must come out exactly as EJS itself renders it, includes with their own data too.
import assert from '../support/assert.ts';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../../server/app.ts';
import { listenHttps, type ListeningServer } from '../../server/https.ts';
import { TieredMemoryStore } from '../../server/sessionStore.ts';
import { csrfTokenOf } from '../support/attacks.ts';
import { TestClient } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

describe('the compiled-once view engine', () => {
  let stack: TestStack;
  let compiledOnce: ListeningServer;
  let plainEjs: ListeningServer;
  before(async () => {
    stack = await startTestStack();
    const tls = {
      key: readFileSync(stack.certs.server.keyFile, 'utf8'),
      cert: readFileSync(stack.certs.server.certFile, 'utf8'),
    };
    // Two apps over one session store: a visitor's session reads the same in both.
    const sessionStore = new TieredMemoryStore();
    compiledOnce = await listenHttps({ ...tls, port: 0 }, createApp(stack.config, { sessionStore }));
    plainEjs = await listenHttps(
      { ...tls, port: 0 },
      createApp(stack.config, { sessionStore, viewCache: false }),
    );
  });
  after(async () => {
    await Promise.all([compiledOnce.close(), plainEjs.close()]);
    await stack.close();
  });

  /** The page from each app in turn: the first answer's CSRF cookie makes both forms carry the same token. */
  const both = async (client: TestClient, page: string) => {
    const mine = await (await client.get(`${compiledOnce.url}${page}`)).text();
    const ejs = await (await client.get(`${plainEjs.url}${page}`)).text();
    return { mine, ejs };
  };

  test('renders every page as EJS does, twice in a row', async () => {
    const client = new TestClient();
    for (const page of ['/', '/flows/jwt', '/flows/web-server', '/flows/device', '/setup', '/result']) {
      for (let view = 0; view < 2; view++) {
        const { mine, ejs } = await both(client, page);
        assert.equal(mine, ejs, page);
      }
    }
  });

  test('renders a failed attempt’s teaching panel (includes with their own data) as EJS does', async () => {
    const client = new TestClient();
    const csrf = await csrfTokenOf({ ...stack, appUrl: compiledOnce.url }, client, '/flows/jwt');
    const run = await client.post(`${compiledOnce.url}/flows/jwt`, { _csrf: csrf });
    assert.equal(
      run.headers.get('location'),
      '/flows/jwt#cure',
      'the run failed: the demo user never approved',
    );
    const { mine, ejs } = await both(client, '/flows/jwt');
    assert.match(mine, /user hasn&#39;t approved this consumer/);
    assert.equal(mine, ejs);
    // The home page, rendered once around a placeholder, carries this visitor's token as a fresh render does.
    const home = await both(client, '/');
    assert.equal(home.mine, home.ejs);
  });
});
