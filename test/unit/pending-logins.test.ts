// The process's pending logins: found only for the browser that started them, each browser holding at most five
// (its oldest give way, never another browser's), forgotten once taken and for a browser that logged out.
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import type { Transaction } from '../../server/flows/transactions.ts';
import { PendingLogins } from '../../server/routes/pendingLogins.ts';

const login = (state: string, browser: string): Transaction => ({
  flow: 'web-server',
  state,
  createdAt: 0,
  browser,
});

describe('pending logins', () => {
  test('only the browser that started a login finds it, once forgotten by none', () => {
    const pending = new PendingLogins();
    pending.keep(login('state-a', 'browser-1'));
    assert.equal(pending.find('state-a', 'browser-2'), undefined, 'another browser with the state');
    assert.equal(pending.find('state-a', undefined), undefined, 'a browser without a form cookie');
    assert.equal(pending.find('state-a', 'browser-1')?.state, 'state-a');
    pending.forget('state-a');
    assert.equal(pending.find('state-a', 'browser-1'), undefined);
  });

  test("one browser's flood pushes out its own oldest logins, never another browser's", () => {
    const pending = new PendingLogins();
    pending.keep(login('other', 'browser-2'));
    for (let i = 0; i < 50; i++) pending.keep(login(`flood-${i}`, 'browser-1'));
    const kept = Array.from({ length: 50 }, (_, i) => pending.find(`flood-${i}`, 'browser-1')).filter(
      Boolean,
    );
    assert.equal(kept.length, 5);
    assert.equal(pending.find('flood-49', 'browser-1')?.state, 'flood-49', 'the newest stay');
    assert.equal(pending.find('other', 'browser-2')?.state, 'other');
  });

  test('logins pushed out by the cap of 2,000 no longer count against their browser', () => {
    const pending = new PendingLogins();
    for (let i = 0; i < 3; i++) pending.keep(login(`early-${i}`, 'browser-1'));
    for (let i = 0; i < 2000; i++) pending.keep(login(`crowd-${i}`, `browser-${i + 2}`));
    assert.equal(pending.find('early-2', 'browser-1'), undefined, 'pushed out by the crowd');
    for (let i = 0; i < 5; i++) pending.keep(login(`late-${i}`, 'browser-1'));
    for (let i = 0; i < 5; i++) assert.equal(pending.find(`late-${i}`, 'browser-1')?.state, `late-${i}`);
    assert.equal(pending.find('crowd-1999', 'browser-2001')?.state, 'crowd-1999');
    // A browser whose logins were all pushed out is forgotten with them: the five late ones pushed out the crowd's
    // first five, so 1,995 of the crowd and browser-1 are left.
    assert.equal(pending.browsers, 1996);
  });

  test('a logout forgets every login of its browser', () => {
    const pending = new PendingLogins();
    pending.keep(login('a', 'browser-1'));
    pending.keep(login('b', 'browser-1'));
    pending.keep(login('c', 'browser-2'));
    pending.forgetBrowser('browser-1');
    assert.equal(pending.find('a', 'browser-1'), undefined);
    assert.equal(pending.find('b', 'browser-1'), undefined);
    assert.equal(pending.find('c', 'browser-2')?.state, 'c');
  });
});
