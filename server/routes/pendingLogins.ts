// Logins waiting at Salesforce, kept by this process beside the visitor's session. express-session saves a session
// whole, so two requests of one browser that save it at the same moment (two tabs' Run) keep only the later one's
// copy; two starts with no session yet make two sessions, of which the browser keeps one. A callback whose login is
// in neither finds it here: by its state, for the browser that started it. (Several app processes behind Redis
// share only the session's copy: there, such overlaps want sticky sessions, as the README says.)
import { LRUCache } from 'lru-cache';
import { constantTimeEqual } from '../flows/checks.ts';
import { stateDigest, TRANSACTION_LIFETIME_MS, type Transaction } from '../flows/transactions.ts';

/** Far beyond the logins a local playground has under way at once; each is a transaction and its attempt. */
const MAX_PENDING = 2000;
/** As many as a session keeps (loginTransactions.ts): one browser's flood pushes out its own, not others'. */
const MAX_PER_BROWSER = 5;

export class PendingLogins {
  /** Each browser's logins, oldest first: a start counts its own without looking through every browser's. */
  private readonly byBrowser = new Map<string | undefined, Set<string>>();
  private readonly waiting = new LRUCache<string, Transaction>({
    max: MAX_PENDING,
    ttl: TRANSACTION_LIFETIME_MS,
    // However a login leaves (taken, pushed out, expired, replaced), its browser's list forgets it.
    dispose: (transaction, digest) => this.unlist(transaction.browser, digest),
  });

  /** A login leaving for Salesforce, with the browser it belongs to; that browser's oldest give way past five. */
  keep(transaction: Transaction): void {
    const mine = this.byBrowser.get(transaction.browser) ?? new Set<string>();
    for (const oldest of mine) {
      if (mine.size < MAX_PER_BROWSER) break;
      mine.delete(oldest);
      this.waiting.delete(oldest);
    }
    const digest = stateDigest(transaction.state);
    this.waiting.set(digest, transaction);
    this.byBrowser.set(transaction.browser, mine.add(digest));
  }

  /** How many browsers have logins waiting: never more than the logins themselves (the cache's cap bounds both). */
  get browsers(): number {
    return this.byBrowser.size;
  }

  /** The login `state` belongs to, only for the browser that started it (its state alone is not enough). */
  find(state: string | undefined, browser: string | undefined): Transaction | undefined {
    if (state === undefined || browser === undefined) return undefined;
    const transaction = this.waiting.get(stateDigest(state));
    return transaction?.browser !== undefined && constantTimeEqual(transaction.browser, browser)
      ? transaction
      : undefined;
  }

  /** The callback has come (or came too late): the login is no longer waiting. */
  forget(state: string): void {
    this.waiting.delete(stateDigest(state));
  }

  /** A logout ends what the browser had under way, as it ends the session that held it: their state digests. */
  forgetBrowser(browser: string | undefined): string[] {
    if (browser === undefined) return [];
    const digests = [...(this.byBrowser.get(browser) ?? [])];
    for (const digest of digests) this.waiting.delete(digest);
    this.byBrowser.delete(browser);
    return digests;
  }

  /**
   * A logout ends one login of a replaced mark (startMarks.ts): the one its digest names, if `browser` started it. Its
   * digest, or none.
   */
  forgetStarted(digest: string, browser: string): string[] {
    const transaction = this.waiting.get(digest);
    if (transaction?.browser === undefined || !constantTimeEqual(transaction.browser, browser)) return [];
    this.waiting.delete(digest);
    return [digest];
  }

  private unlist(browser: string | undefined, digest: string): void {
    const mine = this.byBrowser.get(browser);
    mine?.delete(digest);
    if (mine?.size === 0) this.byBrowser.delete(browser);
  }
}
