// Redirect flows wait for their callback under a per-attempt key; the state that comes back finds its attempt.
import type { UserAgentTransaction } from './userAgent.ts';
import type { WebServerTransaction } from './webServer.ts';
import { constantTimeEqual } from './checks.ts';

export type Transaction = WebServerTransaction | UserAgentTransaction;

/** A login left unfinished for longer than this is forgotten. */
export const TRANSACTION_LIFETIME_MS = 15 * 60 * 1000;

/**
 * Finds the waiting transaction of `flow` whose state equals the returned one (compared in constant time) and
 * leaves it out of `remaining`, so the caller can delete it before anything else is checked: a replayed callback
 * then finds nothing. Expired transactions are dropped on the way.
 */
export function takeTransaction<T extends Transaction>(
  waiting: Readonly<Record<string, Transaction>>,
  flow: T['flow'],
  returnedState: string | undefined,
  nowMs: number,
): { found?: T; remaining: Record<string, Transaction> } {
  const remaining: Record<string, Transaction> = {};
  let found: T | undefined;
  for (const [id, transaction] of Object.entries(waiting)) {
    if (nowMs - transaction.createdAt >= TRANSACTION_LIFETIME_MS) continue;
    const matches =
      !found &&
      transaction.flow === flow &&
      returnedState !== undefined &&
      constantTimeEqual(transaction.state, returnedState);
    if (matches) found = transaction as T;
    else remaining[id] = transaction;
  }
  return { found, remaining };
}
