// The emulator keeps its newest access tokens only (Salesforce has no such cap): when that drops a token still live,
// its log says so once, so that a session refused afterwards can be told apart from a revoked one.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { MAX_TOKENS } from '../../../server/emulator/tokenCap.ts';
import { TokenStore } from '../../../server/emulator/tokenStore.ts';

/** What console.warn printed while `run` ran. */
function warnings(run: () => void): string[] {
  const printed: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => void printed.push(args.map(String).join(' '));
  try {
    run();
  } finally {
    console.warn = original;
  }
  return printed;
}

describe('emulator: the access token cap', () => {
  const now = Date.now();
  const issue = (store: TokenStore, count: number, lifetimeMs: number) => {
    for (let i = 0; i < count; i++) store.issueAccessToken('005user', ['api'], lifetimeMs);
  };

  test('dropping a live token is told once, as the emulator’s limit', () => {
    const store = new TokenStore(
      () => now,
      () => undefined,
    );
    const told = warnings(() => issue(store, MAX_TOKENS + 5, 3_600_000));
    assert.equal(store.access.size, MAX_TOKENS);
    assert.equal(told.length, 1);
    assert.match(
      told[0],
      /the oldest are dropped, live ones too \(a limit of this emulator, not of Salesforce\)/,
    );
  });

  test('dropping expired tokens only is not worth a word', () => {
    const store = new TokenStore(
      () => now,
      () => undefined,
    );
    assert.deepEqual(
      warnings(() => issue(store, MAX_TOKENS + 5, 0)),
      [],
    );
    assert.equal(store.access.size, MAX_TOKENS);
  });
});
