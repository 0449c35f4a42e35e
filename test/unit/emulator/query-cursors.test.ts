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
