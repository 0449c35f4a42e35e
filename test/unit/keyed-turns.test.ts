// KeyedTurns: shared work of a key runs side by side; work that must be alone waits for what started before it and
// holds back what starts after; other keys never wait; a failure frees the turn; idle keys are let go.
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import { KeyedTurns } from '../../server/keyedTurns.ts';

/** A piece of work that records when it starts and ends only when the test says so. */
function gated(log: string[], name: string) {
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const gate = new Promise<void>((resolve, reject) => ((finish = resolve), (fail = reject)));
  const work = async () => {
    log.push(`${name} started`);
    await gate;
    log.push(`${name} ended`);
    return name;
  };
  return { work, finish, fail };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('keyed turns', () => {
  test('shared work runs side by side; work alone waits for it, and later shared work waits for that', async () => {
    const turns = new KeyedTurns();
    const log: string[] = [];
    const [a, b, alone, c] = ['a', 'b', 'alone', 'c'].map((name) => gated(log, name));
    const runs = [
      turns.run('jwt', false, a.work),
      turns.run('jwt', false, b.work),
      turns.run('jwt', true, alone.work),
      turns.run('jwt', false, c.work),
    ];
    await settle();
    assert.deepEqual(log, ['a started', 'b started']);
    a.finish();
    await settle();
    assert.deepEqual(log, ['a started', 'b started', 'a ended'], 'alone waits for every earlier one');
    b.finish();
    await settle();
    assert.deepEqual(log.slice(3), ['b ended', 'alone started']);
    alone.finish();
    await settle();
    assert.deepEqual(log.slice(5), ['alone ended', 'c started']);
    c.finish();
    assert.deepEqual(await Promise.all(runs), ['a', 'b', 'alone', 'c']);
    await settle();
    assert.equal(turns.busyKeys, 0, 'an idle key is let go');
  });

  test('another key never waits; a failed turn passes the turn on and rejects its own caller', async () => {
    const turns = new KeyedTurns();
    const log: string[] = [];
    const [alone, other, next] = ['alone', 'other', 'next'].map((name) => gated(log, name));
    const failed = turns.run('jwt', true, alone.work);
    const elsewhere = turns.run('client_credentials', false, other.work);
    const after = turns.run('jwt', false, next.work);
    await settle();
    assert.deepEqual(log, ['alone started', 'other started']);
    alone.fail(new Error('token endpoint unreachable'));
    await assert.rejects(failed, /token endpoint unreachable/);
    await settle();
    assert.deepEqual(log.slice(2), ['next started']);
    other.finish();
    next.finish();
    assert.deepEqual(await Promise.all([elsewhere, after]), ['other', 'next']);
  });
});
