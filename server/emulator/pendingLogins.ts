// Requests waiting for a login or an approval (authorize's, a device code's, Setup's login), each tied to its own
// page and browser: the form carries the request's id, and a cookie of the request's own shows it is that browser.
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { LRUCache } from 'lru-cache';
import type { PendingAuthorization } from './pendingAuthorization.ts';
import { safeEqual } from './secrets.ts';

/*
 * Salesforce's login page is reported to carry the authorization request in its form (a hidden startURL field
 * holding the authorize URL), so two login pages open at once in one browser each sign in to their own request;
 * the project's wire references do not cover it, so this is unconfirmed. The emulator does the same by reference:
 * each page has its request's id, and the request is found by that id, not through the one session cookie that
 * two tabs opened together overwrite in turn. How Salesforce ties its login form to the browser (its CSRF
 * defence there) and how long a login page stays usable are unknown: here a cookie of the request's own (random,
 * HttpOnly, SameSite=Lax, compared in constant time) must come back with each of its forms, so a page elsewhere
 * cannot post a request id it obtained for itself; and a request lasts two hours, the idle lifetime the
 * emulator's sessions had when they held these requests. Used once: answered, it is forgotten (a device code's
 * answer is kept, for Back to its page: connect.ts).
 */

/** Pending ids are 16 random bytes in hex: anything else (`__proto__`, `constructor`...) is refused unread. */
const PENDING_ID = /^[0-9a-f]{32}$/;
export const PENDING_LIFETIME_MS = 2 * 3600 * 1000;
/** A browser's requests held at once: one more sheds its oldest (and the oldest's cookie). */
const PER_BROWSER = 10;
const COOKIE_ATTRIBUTES = '; Path=/; HttpOnly; Secure; SameSite=Lax';

interface Held<T> {
  pending: T;
  /** Names the request's cookie; not secret (the cookie value is). */
  handle: string;
  binding: string;
  expiresAt: number;
}

/**
 * A store of one kind of request, its cookies named by `cookiePrefix` (each kind its own: a store clears the cookies
 * of its prefix that it does not hold). The device flow and Setup's login held their page's state in the session,
 * whose one cookie two tabs of a fresh browser overwrite in turn; they are held here for the same reason.
 */
export class PendingLogins<T extends { id: string } = PendingAuthorization> {
  /** Bounded in bytes as well as count: a request keeps what its URL carried, up to a header's worth. */
  private readonly held = new LRUCache<string, Held<T>>({
    max: 2000,
    maxSize: 8 * 1024 * 1024,
    sizeCalculation: (entry) => JSON.stringify(entry).length,
    dispose: (entry) => this.handles.delete(entry.handle),
  });
  /** Each held request's id by its cookie's handle. */
  private readonly handles = new Map<string, string>();

  constructor(
    private readonly now: () => number,
    private readonly cookiePrefix = '__Host-sfemu.req-',
  ) {}

  /**
   * Holds a request for this browser (once: the approval page that follows a login finds it held already), giving
   * it the request's cookie and shedding the browser's oldest past ten.
   */
  hold(req: Request, res: Response, pending: T): void {
    if (this.held.has(pending.id)) return;
    // Cookies of requests no longer held go at once; of the rest, the oldest past the browser's ten. Only a cookie
    // whose value is the request's counts as this browser's: a name alone (not secret) must not let one browser
    // push out another's request.
    const mine: Held<T>[] = [];
    let cleared = 0;
    for (const { handle, value } of requestCookies(req, this.cookiePrefix)) {
      const entry = this.live(this.handles.get(handle));
      if (entry && safeEqual(value, entry.binding)) {
        if (!mine.includes(entry)) mine.push(entry);
        // A score an answer: hundreds at once made headers too long for some clients (Node's own refuses 16 KB).
      } else if (cleared++ < 20) clearCookie(res, this.cookiePrefix, handle);
    }
    mine.sort((a, b) => a.expiresAt - b.expiresAt);
    for (const old of mine.slice(0, Math.max(0, mine.length - (PER_BROWSER - 1))))
      this.forget(res, old.pending);
    const entry: Held<T> = {
      pending,
      handle: randomBytes(8).toString('hex'),
      binding: randomBytes(16).toString('hex'),
      expiresAt: this.now() + PENDING_LIFETIME_MS,
    };
    this.held.set(pending.id, entry);
    this.handles.set(entry.handle, pending.id);
    const maxAge = Math.floor(PENDING_LIFETIME_MS / 1000);
    res.append(
      'Set-Cookie',
      `${this.cookiePrefix}${entry.handle}=${entry.binding}${COOKIE_ATTRIBUTES}; Max-Age=${maxAge}`,
    );
  }

  /**
   * The request named by `id` (a form's `request` field, or the approval page's query), if it is still held and
   * this browser sent back its cookie.
   */
  find(req: Request, id: unknown = req.body?.request): T | undefined {
    if (typeof id !== 'string' || !PENDING_ID.test(id)) return undefined;
    const entry = this.live(id);
    if (!entry) return undefined;
    const sent = requestCookies(req, this.cookiePrefix).find(({ handle }) => handle === entry.handle)?.value;
    return sent !== undefined && safeEqual(sent, entry.binding) ? entry.pending : undefined;
  }

  /** Used up (answered, or sent back to the app): forgotten, and its cookie cleared. */
  forget(res: Response, pending: T): void {
    const entry = this.held.get(pending.id);
    if (!entry) return;
    this.held.delete(pending.id);
    clearCookie(res, this.cookiePrefix, entry.handle);
  }

  private live(id: string | undefined): Held<T> | undefined {
    const entry = id === undefined ? undefined : this.held.get(id);
    return entry && entry.expiresAt > this.now() ? entry : undefined;
  }
}

/** This browser's request cookies, by handle: only well-formed names, and never an empty (cleared) value. */
function requestCookies(req: Request, prefix: string): { handle: string; value: string }[] {
  const found: { handle: string; value: string }[] = [];
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    const handle = name.slice(prefix.length);
    if (eq > 0 && name.startsWith(prefix) && /^[0-9a-f]{16}$/.test(handle) && value) {
      found.push({ handle, value });
    }
  }
  return found;
}

function clearCookie(res: Response, prefix: string, handle: string): void {
  res.append('Set-Cookie', `${prefix}${handle}=${COOKIE_ATTRIBUTES}; Max-Age=0`);
}
