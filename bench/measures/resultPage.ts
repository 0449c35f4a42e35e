// The result page with a 60-row query: its first view after login against the same page after 40 reloads, in
// time and in bytes. A page that grows with every reload (and a session that grows with it) shows here.
import type { BenchContext } from '../lib/context.ts';
import { JwtFlowDriver } from '../lib/jwtFlow.ts';
import { median, medianMs } from '../lib/stats.ts';
import { kb, ms, type Row } from '../lib/table.ts';

const QUERY = 'SELECT Id, Name, Email, Title, Phone FROM Contact ORDER BY Name LIMIT 60';
const RELOADS = 40;
const FIRST_VIEWS = 5;
const MEASURED_RELOADS = 7;

interface Views {
  firstMs: number;
  firstBytes: number;
  afterMs: number;
  afterBytes: number;
}

async function oneRound(driver: JwtFlowDriver): Promise<Views> {
  const firstTimes: number[] = [];
  let firstBytes = 0;
  for (let i = 0; i < FIRST_VIEWS; i++) {
    // A new login each time: its first view also asks who the user is and which API version to use.
    await driver.runOnly();
    await driver.post('/result/query', { soql: QUERY });
    const started = performance.now();
    const html = await driver.resultPage();
    firstTimes.push(performance.now() - started);
    if (!html.includes('60 records')) throw new Error('the result page does not show the 60-row query');
    firstBytes = Buffer.byteLength(html);
  }
  for (let i = 0; i < RELOADS; i++) await driver.resultPage();
  let afterBytes = 0;
  const afterMs = await medianMs(MEASURED_RELOADS, async () => {
    afterBytes = Buffer.byteLength(await driver.resultPage());
  });
  return { firstMs: median(firstTimes), firstBytes, afterMs, afterBytes };
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
      figure: ms(pick('afterMs')),
      baseline: `first view: ${ms(pick('firstMs'))}`,
      ratio: median(rounds.map((views) => views.afterMs / views.firstMs)),
      goal: { max: 1.2 },
      unit: '×',
    },
    {
      measure: `result page, 60-row query, after ${RELOADS} reloads: size`,
      figure: kb(pick('afterBytes')),
      baseline: `first view: ${kb(pick('firstBytes'))}`,
      ratio: median(rounds.map((views) => views.afterBytes / views.firstBytes)),
      goal: { max: 1.2 },
      unit: '×',
    },
  ];
}
