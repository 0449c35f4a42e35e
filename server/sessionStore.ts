// Where sessions live. In memory by default, in two tiers: signed-in visitors apart from anonymous ones, so a flood
// of new visitors can only evict other anonymous, idle sessions; each tier is bounded in count and in bytes.
// With REDIS_URL, in Redis (connect-redis), so restarts and several app processes keep everyone signed in.
import session, { type SessionData } from 'express-session';
import { LRUCache } from 'lru-cache';
import { connectRedisStore } from './redisSessionStore.ts';

export interface TierLimits {
  sessions: number;
  bytes: number;
}

export interface SessionLimits {
  anonymous: TierLimits;
  signedIn: TierLimits;
  ttlMs: number;
}

const MB = 1024 * 1024;
export const SESSION_TTL_MS = 2 * 3600 * 1000;
// 2,000 logins in progress at once is far beyond a local playground's use; each held one costs about 5 KB of
// memory (its JSON and the heap around it), so the bound also caps what a flood of new visitors can take.
export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  anonymous: { sessions: 2000, bytes: 32 * MB },
  signedIn: { sessions: 2000, bytes: 128 * MB },
  ttlMs: SESSION_TTL_MS,
};

type Callback = (error?: unknown, data?: SessionData | null) => void;

/** How often sessions nobody came back to are looked for, to tell of them (see onForgotten). */
const SWEEP_INTERVAL_MS = 60_000;

export class TieredMemoryStore extends session.Store {
  private readonly anonymous: LRUCache<string, string>;
  private readonly signedIn: LRUCache<string, string>;
  private forgotten?: (data: SessionData) => void;
  private sweep?: NodeJS.Timeout;

  constructor(
    limits: SessionLimits = DEFAULT_SESSION_LIMITS,
    /** Which sessions belong to a signed-in visitor: the playground's hold a login. */
    private readonly isSignedIn: (data: SessionData) => boolean = (data) => Boolean(data.login),
  ) {
    super();
    const tier = (
      { sessions, bytes }: TierLimits,
      more: Pick<LRUCache.Options<string, string, unknown>, 'dispose' | 'updateAgeOnGet'> = {},
    ) =>
      new LRUCache<string, string>({
        max: sessions,
        maxSize: bytes,
        sizeCalculation: (json) => json.length,
        ttl: limits.ttlMs,
        ...more,
      });
    this.anonymous = tier(limits.anonymous);
    this.signedIn = tier(limits.signedIn, {
      // A request loading the session is a use of it: one still running never sees it expire under it.
      updateAgeOnGet: true,
      // A signed-in session that ran out of time or made room is forgotten with its tokens: told, so that they can
      // be revoked (a logout or a sign-in that destroys one sees to its own).
      dispose: (json, _sid, reason) => {
        if (this.forgotten && (reason === 'expire' || reason === 'evict'))
          this.forgotten(JSON.parse(json) as SessionData);
      },
    });
  }

  /**
   * Tells `listener` of each signed-in session dropped for its age or to make room for others: an expired one when
   * it is next looked up, or at the next sweep (see sweepEvery).
   */
  onForgotten(listener: (data: SessionData) => void): void {
    this.forgotten = listener;
  }

  /** Looks for expired sessions nobody comes back to, every `ms` (until close), so that they are told of too. */
  sweepEvery(ms = SWEEP_INTERVAL_MS): void {
    this.sweep ??= setInterval(() => this.signedIn.purgeStale(), ms).unref();
  }

  /** Stops sweeping. */
  close(): void {
    clearInterval(this.sweep);
  }

  override get(sid: string, callback: Callback): void {
    const json = this.signedIn.get(sid) ?? this.anonymous.get(sid);
    callback(null, json === undefined ? null : (JSON.parse(json) as SessionData));
  }

  override set(sid: string, data: SessionData, callback?: (error?: unknown) => void): void {
    const [tier, other] = this.isSignedIn(data)
      ? [this.signedIn, this.anonymous]
      : [this.anonymous, this.signedIn];
    other.delete(sid);
    tier.set(sid, JSON.stringify(data));
    callback?.();
  }

  /**
   * A visit that changed nothing (rolling sessions touch on every request): the entry's idle timer restarts and it
   * becomes the most recently used, without serializing the session again. The cookie expiry inside the stored
   * copy goes stale, harmlessly: express-session resets it from maxAge on every request.
   */
  override touch(sid: string, _data: SessionData, callback?: () => void): void {
    for (const tier of [this.signedIn, this.anonymous]) {
      if (tier.get(sid, { updateAgeOnGet: true }) !== undefined) break;
    }
    callback?.();
  }

  override destroy(sid: string, callback?: (error?: unknown) => void): void {
    this.anonymous.delete(sid);
    this.signedIn.delete(sid);
    callback?.();
  }

  /** How many sessions each tier holds (for tests and the benchmark). */
  get counts(): { anonymous: number; signedIn: number } {
    return { anonymous: this.anonymous.size, signedIn: this.signedIn.size };
  }
}

export interface SessionStore {
  store: session.Store;
  close(): Promise<void>;
}

/** A server that accepts the connection but never answers would otherwise hold start-up forever. */
export const REDIS_ANSWER_DEADLINE_MS = 5_000;

/** The Redis store when a URL is given (connected before the app serves), else the in-memory tiers. */
export async function createSessionStore(
  redisUrl: string | undefined,
  limits: SessionLimits = DEFAULT_SESSION_LIMITS,
  deadlineMs = REDIS_ANSWER_DEADLINE_MS,
): Promise<SessionStore> {
  if (!redisUrl) {
    const store = new TieredMemoryStore(limits);
    store.sweepEvery();
    return { store, close: async () => store.close() };
  }
  return connectRedisStore(redisUrl, limits.ttlMs, deadlineMs);
}
