// The in-memory session store: a touch (a visit that changed nothing) keeps the stored session as it is and never
// brings back one that is gone; writes move a session between the anonymous and signed-in tiers.
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import type { SessionData } from 'express-session';
import { TieredMemoryStore } from '../../server/sessionStore.ts';

const cookie = { originalMaxAge: 1000, path: '/', httpOnly: true } as SessionData['cookie'];
const read = (store: TieredMemoryStore, sid: string) =>
  new Promise<SessionData | null | undefined>((resolve) => store.get(sid, (_error, data) => resolve(data)));

describe('tiered in-memory session store', () => {
  test('a touch keeps what was saved, unserialized again, and creates nothing', async () => {
    const store = new TieredMemoryStore();
    store.set('a', { cookie, soql: 'SELECT Id FROM Account' } as SessionData);
    store.touch('a', { cookie, soql: 'changed but not saved' } as SessionData);
    assert.equal((await read(store, 'a'))?.soql, 'SELECT Id FROM Account');
    store.touch('gone', { cookie } as SessionData);
    assert.equal(await read(store, 'gone'), null);
    assert.deepEqual(store.counts, { anonymous: 1, signedIn: 0 });
  });

  test('signing in moves the session to the signed-in tier', () => {
    const store = new TieredMemoryStore();
    store.set('a', { cookie } as SessionData);
    store.set('a', { cookie, login: { flow: 'jwt' } } as unknown as SessionData);
    assert.deepEqual(store.counts, { anonymous: 0, signedIn: 1 });
  });
});
