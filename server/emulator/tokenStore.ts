// Access and refresh tokens in memory, by hash: refresh-token families (one per grant), rotation, the per-user limit
// of grants, idle expiry, and revocation. Every change is reported through `changed`, the one place where saving
// happens.
import { tokenKey } from './org.ts';
import { newOpaqueAccessToken, newRefreshToken } from './tokenValues.ts';
import { LIVE_TOKEN_DROPPED, prune } from './tokenCap.ts';
import type { AccessTokenRecord, RefreshTokenRecord } from './tokenRecords.ts';

/** "Each user can hold at most 5 grants per app; the oldest is revoked when a sixth is issued." */
export const MAX_GRANTS_PER_USER = 5;

export class TokenStore {
  readonly access = new Map<string, AccessTokenRecord>();
  readonly refresh = new Map<string, RefreshTokenRecord>();
  /** Whether the log has said that a live access token was dropped: once per process is enough to explain it. */
  private toldOfDrops = false;

  constructor(
    private readonly now: () => number,
    private readonly changed: () => void,
  ) {}

  /**
   * A new access token: opaque, or the JWT that `jwt` signs for the given issue and end times (whole seconds, as its
   * iat and exp say them, so that its record ends when its exp does).
   */
  issueAccessToken(
    userId: string,
    scopes: string[],
    lifetimeMs: number,
    familyKey?: string,
    jwt?: (issuedAt: number, expiresAt: number) => string,
  ): string {
    const issuedAt = jwt ? Math.floor(this.now() / 1000) * 1000 : this.now();
    const expiresAt = issuedAt + lifetimeMs;
    const token = jwt ? jwt(issuedAt, expiresAt) : newOpaqueAccessToken();
    const record: AccessTokenRecord = { userId, scopes, issuedAt, expiresAt, familyKey };
    if (jwt) record.format = 'jwt';
    this.access.set(tokenKey(token), record);
    const droppedLive = prune(this.access, (record) => record.expiresAt > issuedAt);
    if (droppedLive && !this.toldOfDrops) {
      this.toldOfDrops = true;
      // Salesforce has no such cap: a session whose token went here would otherwise fail for no reason it knows.
      console.warn(LIVE_TOKEN_DROPPED);
    }
    this.changed();
    return token;
  }

  /** A new grant (a login): its first refresh token. A user's sixth grant pushes out the oldest. */
  startFamily(userId: string, scopes: string[]): { token: string; familyKey: string } {
    const live = [...this.refresh.values()].filter((r) => r.userId === userId && r.replacedAt === undefined);
    for (const oldest of live.slice(0, Math.max(0, live.length - MAX_GRANTS_PER_USER + 1))) {
      this.revokeFamily(oldest.familyKey);
    }
    const token = newRefreshToken();
    const key = tokenKey(token);
    const now = this.now();
    this.refresh.set(key, {
      userId,
      scopes,
      issuedAt: now,
      familyKey: key,
      familyIssuedAt: now,
      lastUsedAt: now,
    });
    prune(this.refresh);
    this.changed();
    return { token, familyKey: key };
  }

  /** Rotation: a new refresh token in the same family; the presented one is replaced (and remembered as such). */
  rotate(key: string): string {
    const current = this.refresh.get(key);
    if (!current) throw new Error('rotate: unknown refresh token');
    const token = newRefreshToken();
    const now = this.now();
    current.replacedAt = now;
    this.refresh.set(tokenKey(token), { ...current, issuedAt: now, lastUsedAt: now, replacedAt: undefined });
    prune(this.refresh);
    this.changed();
    return token;
  }

  markUsed(key: string): void {
    const record = this.refresh.get(key);
    if (record) record.lastUsedAt = this.now();
    this.changed();
  }

  /**
   * A call made with an access token: an org's session timeout counts idle time, so its expiry moves on. Salesforce
   * notes a session's activity only once half the timeout has passed since it last did (its help on session
   * settings; that API calls count as activity is reported, not documented): the expiry moves in those steps.
   * Introspection is not a use (RFC 7662 says nothing of it; asking about a token leaves its session as it was).
   */
  noteUse(record: AccessTokenRecord, timeoutMs: number): void {
    // A JWT-based token's end is its exp claim, signed into it: nothing done with it can move that.
    if (record.format === 'jwt') return;
    const now = this.now();
    if (record.expiresAt - now > timeoutMs / 2) return;
    record.expiresAt = now + timeoutMs;
    this.changed();
  }

  /** An access token that is known, not revoked and not expired. */
  findAccessToken(token: string): AccessTokenRecord | undefined {
    const record = this.access.get(tokenKey(token));
    return record && record.expiresAt > this.now() ? record : undefined;
  }

  findRefreshToken(token: string): (RefreshTokenRecord & { key: string }) | undefined {
    const key = tokenKey(token);
    const record = this.refresh.get(key);
    return record ? { ...record, key } : undefined;
  }

  revoke(token: string): boolean {
    return this.revokeByKey(tokenKey(token));
  }

  /**
   * Revokes by the token's hash. An access token goes alone; a refresh token (even one rotation replaced) takes
   * its whole grant: every token of its family, access tokens included (RFC 7009 §2.1 allows it; it is the safe
   * choice where Salesforce documents only that its access tokens go too).
   */
  revokeByKey(key: string): boolean {
    if (this.access.delete(key)) {
      this.changed();
      return true;
    }
    const record = this.refresh.get(key);
    if (!record) return false;
    this.revokeFamily(record.familyKey);
    return true;
  }

  revokeFamily(familyKey: string): void {
    for (const [key, record] of this.refresh) if (record.familyKey === familyKey) this.refresh.delete(key);
    for (const [key, record] of this.access) if (record.familyKey === familyKey) this.access.delete(key);
    this.changed();
  }

  clear(): void {
    this.access.clear();
    this.refresh.clear();
    this.changed();
  }
}
