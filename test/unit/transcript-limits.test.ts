// An attempt's transcript stays small (40 legs at most), and what it lets go first is a leg that comes again later:
// a device flow that waits minutes for its user keeps its first step and its latest polls, not the other way round.
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import type { Attempt, TranscriptEntry } from '../../server/attempts/attempt.ts';
import { attemptLog } from '../../server/routes/attemptTranscript.ts';

const leg = (name: string, n: number): TranscriptEntry => ({
  id: `${name}-${n}`,
  at: n,
  kind: 'server-call',
  leg: name,
  method: 'POST',
  url: 'https://127.0.0.1/services/oauth2/token',
  requestHeaders: {},
  status: 400,
  responseBody: '{"error":"authorization_pending"}',
});

describe('transcript limits', () => {
  test('minutes of device polls push out the oldest polls, never the device authorization before them', () => {
    const attempt: Attempt = {
      id: 'a',
      flow: 'device',
      startedAt: 0,
      transcript: [],
      checks: [],
      faults: [],
    };
    const log = attemptLog(attempt);
    log.entry(leg('device authorization', 0));
    for (let n = 1; n <= 60; n++) log.entry(leg('token (poll)', n));
    assert.equal(attempt.transcript.length, 40);
    assert.equal(attempt.transcript[0].leg, 'device authorization');
    // The latest 39 polls, in order: the one that answers last is always there.
    assert.deepEqual(
      attempt.transcript.slice(1).map((entry) => entry.at),
      Array.from({ length: 39 }, (_, i) => 22 + i),
    );
  });

  test('legs that never repeat go oldest first', () => {
    const attempt: Attempt = { id: 'b', flow: 'jwt', startedAt: 0, transcript: [], checks: [], faults: [] };
    const log = attemptLog(attempt);
    for (let n = 0; n < 45; n++) log.entry(leg(`leg ${n}`, n));
    assert.equal(attempt.transcript.length, 40);
    assert.equal(attempt.transcript[0].at, 5);
  });
});
