// The log of a session-store outage: the first refused request of a run is a line, the others a sum a minute later.
import assert from '../support/assert.ts';
import { mock, test } from 'node:test';
import express from 'express';
import { logStoreRefusal, REFUSALS_SUMMED_MS } from '../../server/refusalLog.ts';

test('refusals after the first are summed up in one line a minute later; the next run logs its first again', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);
    const [app, other] = [express(), express()];
    for (let i = 0; i < 4; i++) logStoreRefusal(app, `[app] GET /result failed: ${i}`, log);
    logStoreRefusal(other, '[app] GET / failed: other app', log);
    assert.deepEqual(lines, [
      '[app] GET /result failed: 0 (more such refusals in the next minute are counted, then summed up in one line)',
      '[app] GET / failed: other app (more such refusals in the next minute are counted, then summed up in one line)',
    ]);
    mock.timers.tick(REFUSALS_SUMMED_MS);
    assert.equal(
      lines[2],
      '[app] 3 more requests were refused in the last minute: session store unavailable.',
    );
    assert.equal(lines.length, 3, 'nothing to sum up for the app refused once');
    logStoreRefusal(app, '[app] GET /result failed: later', log);
    assert.match(lines[3], /^\[app\] GET \/result failed: later \(more such/);
  } finally {
    mock.timers.reset();
  }
});
