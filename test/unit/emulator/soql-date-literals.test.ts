// Unit tests for SOQL date literals: the ranges of days they name, weeks starting on Sunday, from 00:00 UTC.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { dateLiteralRange, dayString } from '../../../server/emulator/rest/soql/dateLiterals.ts';

/** Thursday 20 March 2025, 15:30 UTC. */
const NOW = Date.UTC(2025, 2, 20, 15, 30);

function range(literal: string): [string, string] {
  const days = dateLiteralRange(literal, NOW);
  assert.ok(days, literal);
  return [dayString(days.start), dayString(days.end)];
}

describe('SOQL date literals', () => {
  test('name days, weeks, months, quarters and years around today (end exclusive)', () => {
    assert.deepEqual(range('TODAY'), ['2025-03-20', '2025-03-21']);
    assert.deepEqual(range('yesterday'), ['2025-03-19', '2025-03-20']);
    assert.deepEqual(range('THIS_WEEK'), ['2025-03-16', '2025-03-23']);
    assert.deepEqual(range('LAST_WEEK'), ['2025-03-09', '2025-03-16']);
    assert.deepEqual(range('NEXT_MONTH'), ['2025-04-01', '2025-05-01']);
    assert.deepEqual(range('THIS_QUARTER'), ['2025-01-01', '2025-04-01']);
    assert.deepEqual(range('LAST_QUARTER'), ['2024-10-01', '2025-01-01']);
    assert.deepEqual(range('THIS_YEAR'), ['2025-01-01', '2026-01-01']);
    assert.deepEqual(range('THIS_FISCAL_YEAR'), ['2025-01-01', '2026-01-01']);
  });

  test('count n periods: LAST_N_DAYS includes today, NEXT_N_DAYS starts tomorrow, *_AGO is one period', () => {
    assert.deepEqual(range('LAST_N_DAYS:1'), ['2025-03-19', '2025-03-21']);
    assert.deepEqual(range('LAST_90_DAYS'), ['2024-12-20', '2025-03-21']);
    assert.deepEqual(range('NEXT_N_DAYS:2'), ['2025-03-21', '2025-03-23']);
    assert.deepEqual(range('N_DAYS_AGO:3'), ['2025-03-17', '2025-03-18']);
    assert.deepEqual(range('LAST_N_WEEKS:2'), ['2025-03-02', '2025-03-16']);
    assert.deepEqual(range('NEXT_N_MONTHS:2'), ['2025-04-01', '2025-06-01']);
    assert.deepEqual(range('LAST_N_QUARTERS:1'), ['2024-10-01', '2025-01-01']);
    assert.deepEqual(range('N_YEARS_AGO:1'), ['2024-01-01', '2025-01-01']);
  });

  test('has no range for names SOQL does not have', () => {
    assert.equal(dateLiteralRange('LAST_N_FORTNIGHTS:2', NOW), undefined);
    assert.equal(dateLiteralRange('LAST_N_DAYS:-1', NOW), undefined);
  });
});
