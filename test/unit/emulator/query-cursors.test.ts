// Query locators as Salesforce keeps them since API 56.0 ("API Query Cursor Limits", Salesforce App Limits; KB
// 000384958): no limit on the cursors a user holds, each usable for two days after its query, idle or not.
import assert from '../../support/assert.ts';
import { test } from 'node:test';
import { CursorStore } from '../../../server/emulator/rest/cursors.ts';

const DAY = 24 * 3600 * 1000;
const cursor = (userId: string) => ({ userId, rows: [1, 2, 3], batch: 2, project: (row: unknown) => row });

test('a user may hold more than ten cursors, and an idle one still answers within two days of its query', () => {
  let now = 0;
  const store = new CursorStore(() => now);
  const locators = Array.from({ length: 12 }, () => store.open(cursor('005A')));
  assert.ok(store.find(locators[0], '005A'), 'the first of twelve is still open');
  now += 20 * 60 * 1000; // idle past the 15 minutes of the older limits
  assert.ok(store.find(locators[1], '005A'));
  now = 2 * DAY;
  assert.ok(store.find(locators[2], '005A'), 'two days after its query: still there');
  now = 2 * DAY + 1;
  assert.equal(store.find(locators[3], '005A'), undefined, 'past two days: gone');
  assert.equal(store.find(locators[4], '005B'), undefined, "another user's locator");
});

test("the emulator's own bound: past its cap of open cursors, the oldest goes first", () => {
  const store = new CursorStore(() => 0);
  const first = store.open(cursor('005A'));
  const second = store.open(cursor('005B'));
  for (let i = 0; i < CursorStore.CAP - 1; i++) store.open(cursor(`005${i}`));
  assert.equal(store.find(first, '005A'), undefined);
  assert.ok(store.find(second, '005B'));
});

test("one user opening cursors past the cap releases their own oldest, never another user's", () => {
  const store = new CursorStore(() => 0);
  const other = store.open(cursor('005B'));
  const flooding = Array.from({ length: CursorStore.CAP + 5 }, () => store.open(cursor('005A')));
  assert.ok(store.find(other, '005B'), "the other user's cursor is kept");
  assert.equal(store.find(flooding[0], '005A'), undefined, "the flooding user's oldest went");
  assert.ok(store.find(flooding.at(-1) as string, '005A'));
});

test('at the cap, cursors past their two days go before any live one', () => {
  let now = 0;
  const store = new CursorStore(() => now);
  // A lighter user's expired cursor, not the heaviest user's live oldest.
  const stale = store.open(cursor('005B'));
  now = DAY;
  const kept = Array.from({ length: CursorStore.CAP - 1 }, () => store.open(cursor('005A')));
  now = 2 * DAY + 1;
  store.open(cursor('005A'));
  assert.equal(store.find(stale, '005B'), undefined);
  assert.ok(store.find(kept[0], '005A'), 'a live cursor stays while an expired one can go');
});

test('the rows all cursors hold are bounded too: a big query past the bound releases the oldest', () => {
  const store = new CursorStore(() => 0);
  const big = (userId: string) => ({ ...cursor(userId), rows: new Array(2500).fill(0) });
  const fits = CursorStore.MAX_ROWS / 2500;
  const first = store.open(big('005A'));
  const others = Array.from({ length: fits - 1 }, () => store.open(big('005A')));
  assert.ok(store.find(first, '005A'), 'as many as fit are all kept');
  store.open(big('005A'));
  assert.equal(store.find(first, '005A'), undefined, 'one more releases the oldest');
  assert.ok(others.every((locator) => store.find(locator, '005A')));
});
