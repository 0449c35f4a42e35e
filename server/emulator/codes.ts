// Authorization codes: single use, short-lived, kept in memory only (a restart invalidates them, as it should).
import { randomBytes } from 'node:crypto';

export interface CodeGrant {
  userId: string;
  redirectUri: string;
  scopes: string[];
  codeChallenge?: string;
  codeChallengeMethod?: string;
  nonce?: string;
  expiresAt: number;
}

/** Salesforce documents no lifetime; 15 minutes is the value most often quoted (unconfirmed). */
export const CODE_LIFETIME_MS = 15 * 60 * 1000;
const MAX_CODES = 1000;

export class CodeStore {
  private readonly codes = new Map<string, CodeGrant>();

  constructor(private readonly now: () => number) {}

  issue(grant: Omit<CodeGrant, 'expiresAt'>): string {
    // Real codes look like base64 text starting "aPrx" and ending in "=", so they arrive URL-encoded (%3D).
    const code = `aPrx${randomBytes(40).toString('base64')}`;
    this.codes.set(code, { ...grant, expiresAt: this.now() + CODE_LIFETIME_MS });
    if (this.codes.size > MAX_CODES) this.codes.delete(this.codes.keys().next().value as string);
    return code;
  }

  /** Returns the grant once; a second use, an unknown or an expired code all return undefined. */
  consume(code: string): CodeGrant | undefined {
    const grant = this.codes.get(code);
    this.codes.delete(code);
    return grant && grant.expiresAt > this.now() ? grant : undefined;
  }
}
