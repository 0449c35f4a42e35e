// The result page with a 60-row query: its early reloads after login against the same page after 40 more, in time
// and in bytes. A page that grows with every reload (and a session that grows with it) shows here. Reloads against
// reloads: the first view after a login also asks who the user is, work no reload does (it is shown beside them).
import type { BenchContext } from '../lib/context.ts';
import { JwtFlowDriver } from '../lib/jwtFlow.ts';
import { median, medianMs } from '../lib/stats.ts';
import { kb, ms, type Row } from '../lib/table.ts';

const QUERY = 'SELECT Id, Name, Email, Title, Phone FROM Contact ORDER BY Name LIMIT 60';
const RELOADS = 40;
const MEASURED_RELOADS = 7;

interface Views {
  firstMs: number;
  earlyMs: number;
  earlyBytes: number;
  lateMs: number;
  lateBytes: number;
}

/** The result page, which must still show the query's 60 rows: a refused query answers fast and small. */
async function pageWithRows(driver: JwtFlowDriver): Promise<string> {
  const html = await driver.resultPage();
  if (!html.includes('60 records')) throw new Error('the result page does not show the 60-row query');
  return html;
}

/** Median time and the last size of `times` reloads. */
async function reloads(driver: JwtFlowDriver, times: number): Promise<{ ms: number; bytes: number }> {
  let bytes = 0;
  const time = await medianMs(times, async () => {
    bytes = Buffer.byteLength(await pageWithRows(driver));
  });
  return { ms: time, bytes };
}

async function oneRound(driver: JwtFlowDriver): Promise<Views> {
  // A new login each round, its query typed before its first view.
  await driver.runOnly();
  await driver.post('/result/query', { soql: QUERY });
  const started = performance.now();
  await pageWithRows(driver);
  const firstMs = performance.now() - started;
  const early = await reloads(driver, MEASURED_RELOADS);
  for (let i = MEASURED_RELOADS; i < RELOADS; i++) await pageWithRows(driver);
  const late = await reloads(driver, MEASURED_RELOADS);
  return { firstMs, earlyMs: early.ms, earlyBytes: early.bytes, lateMs: late.ms, lateBytes: late.bytes };
}

export async function measureResultPage(ctx: BenchContext): Promise<Row[]> {
  const driver = new JwtFlowDriver(ctx);
  await driver.open();
  const rounds: Views[] = [];
  for (let round = 0; round < ctx.rounds; round++) rounds.push(await oneRound(driver));
  const pick = (field: keyof Views) => median(rounds.map((views) => views[field]));
  return [
    {
      measure: `result page, 60-row query, after ${RELOADS} reloads: time`,
      figure: ms(pick('lateMs')),
      baseline: `reloads 1–${MEASURED_RELOADS}: ${ms(pick('earlyMs'))} (the first view, which also asks identity: ${ms(pick('firstMs'))})`,
      ratio: median(rounds.map((views) => views.lateMs / views.earlyMs)),
      goal: { max: 1.2 },
      unit: '×',
    },
    {
      measure: `result page, 60-row query, after ${RELOADS} reloads: size`,
      figure: kb(pick('lateBytes')),
      baseline: `reloads 1–${MEASURED_RELOADS}: ${kb(pick('earlyBytes'))}`,
      ratio: median(rounds.map((views) => views.lateBytes / views.earlyBytes)),
      goal: { max: 1.2 },
      unit: '×',
    },
  ];
}
