// The SOQL contract tests' set-up: a stack on a fixed clock (Thursday 20 March 2025, 12:00 UTC, for date literals),
// a REST client for it, and the ways they read an answer: the row count, the records, or the refusal's first error.
import assert from './assert.ts';
import { after, before } from 'node:test';
import { restClientFor, type RestTestClient } from './rest.ts';
import { startTestStack, type TestStack } from './stack.ts';

/** Thursday 20 March 2025, 12:00 UTC: THIS_WEEK starts on Sunday the 16th. */
export const NOW = Date.UTC(2025, 2, 20, 12);

export interface SoqlStack {
  stack: TestStack;
  rest: RestTestClient;
  /** The totalSize of a query that must succeed. */
  count(soql: string): Promise<number>;
  /** The records of a query that must succeed. */
  rows(soql: string): Promise<Record<string, unknown>[]>;
  /** The first error of a query that must be refused with a 400. */
  refusal(soql: string): Promise<{ errorCode: string; message: string }>;
}

/** Inside a describe: the stack and client, started before its tests and closed after. */
export function soqlStack(): SoqlStack {
  const soql: SoqlStack = {
    stack: undefined as unknown as TestStack,
    rest: undefined as unknown as RestTestClient,
    count: async (statement) => {
      const { status, body } = await soql.rest.query(statement);
      assert.equal(status, 200, JSON.stringify(body));
      return body.totalSize as number;
    },
    rows: async (statement) => {
      const { status, body } = await soql.rest.query(statement);
      assert.equal(status, 200, JSON.stringify(body));
      return body.records as Record<string, unknown>[];
    },
    refusal: async (statement) => {
      const { status, body } = await soql.rest.query(statement);
      assert.equal(status, 400, JSON.stringify(body));
      return body[0] as { errorCode: string; message: string };
    },
  };
  before(async () => {
    soql.stack = await startTestStack({}, { now: () => NOW });
    soql.rest = await restClientFor(soql.stack);
  });
  after(() => soql.stack.close());
  return soql;
}
