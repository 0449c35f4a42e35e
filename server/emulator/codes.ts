// Authorization codes: single use, short-lived, kept in memory only (a restart invalidates them, as it should).
import { randomBytes } from 'node:crypto';
import { tokenKey } from './org.ts';

export interface CodeGrant {
  userId: string;
  redirectUri: string;
  scopes: string[];
  codeChallenge?: string;
  nonce?: string;
  /** The state of the login that gave the code: the faults bound to that login meet its exchange too. */
  state?: string;
  expiresAt: number;
}

/** A code that was exchanged: the hashes of the tokens it gave, until the code would have expired anyway. */
interface Redeemed {
  tokenKeys: string[];
  forgetAt: number;
}

/** Salesforce documents no lifetime; 15 minutes is the value most often quoted (unconfirmed). */
export const CODE_LIFETIME_MS = 15 * 60 * 1000;
const MAX_CODES = 1000;

export class CodeStore {
  private readonly codes = new Map<string, CodeGrant>();
  /** By hash of the code, so the memory holds no usable code after its exchange. */
  private readonly redeemed = new Map<string, Redeemed>();

  constructor(private readonly now: () => number) {}

  issue(grant: Omit<CodeGrant, 'expiresAt'>): string {
    // Real codes look like base64 text starting "aPrx" and ending in "=", so they arrive URL-encoded (%3D).
    const code = `aPrx${randomBytes(40).toString('base64')}`;
    this.codes.set(code, { ...grant, expiresAt: this.now() + CODE_LIFETIME_MS });
    if (this.codes.size > MAX_CODES) this.codes.delete(this.codes.keys().next().value as string);
    return code;
  }

  /** A reset org: no code given before it can be exchanged, or taken back, after it. */
  clear(): void {
    this.codes.clear();
    this.redeemed.clear();
  }

  /** The state of the login that gave a code still waiting for its exchange. */
  loginStateOf(code: string): string | undefined {
    return this.codes.get(code)?.state;
  }

  /** Returns the grant once; a second use, an unknown or an expired code all return undefined. */
  consume(code: string): CodeGrant | undefined {
    const grant = this.codes.get(code);
    this.codes.delete(code);
    if (!grant || grant.expiresAt <= this.now()) return undefined;
    this.forgetOld();
    this.redeemed.set(tokenKey(code), { tokenKeys: [], forgetAt: grant.expiresAt });
    return grant;
  }

  /** Remembers which tokens a consumed code gave, so that a replay can take them back. */
  recordIssued(code: string, tokens: string[]): void {
    const entry = this.redeemed.get(tokenKey(code));
    if (entry) entry.tokenKeys.push(...tokens.map(tokenKey));
  }

  /**
   * For a code presented again after its exchange: the hashes of the tokens it gave (handed out once), so they can
   * be revoked (RFC 6749 §4.1.2). After the code's own lifetime a replay is just an unknown code.
   */
  takeIssuedTokens(code: string): string[] {
    const entry = this.redeemed.get(tokenKey(code));
    if (!entry || entry.forgetAt <= this.now()) return [];
    return entry.tokenKeys.splice(0);
  }

  private forgetOld(): void {
    for (const [key, entry] of this.redeemed) {
      if (entry.forgetAt <= this.now() || this.redeemed.size >= MAX_CODES) this.redeemed.delete(key);
      else break;
    }
  }
}
