// Device flow authorizations waiting for a user: kept in memory only, like authorization codes (a restart ends them).
import { randomBytes, randomInt } from 'node:crypto';

export interface DeviceAuthorization {
  userCode: string;
  scopes: string[];
  expiresAt: number;
  /** Seconds between polls; grows by 5 after each slow_down (RFC 8628 §3.5). */
  intervalS: number;
  lastPollAt?: number;
  status: 'pending' | 'approved' | 'denied';
  userId?: string;
}

/** A device request's answer: allowed, denied, or allowed by a user the app's admin-approved policy keeps out. */
export type DeviceAnswer = 'allow' | 'deny' | 'not-let-in';

/** A code typed at the verification page (/setup/connect), held for its browser until answered, then with its answer. */
export interface PendingDeviceCode {
  id: string;
  userCode: string;
  answer?: DeviceAnswer;
}

/** "You must approve access to the device within 10 minutes" (the Salesforce CLI's message). */
export const DEVICE_LIFETIME_MS = 10 * 60 * 1000;
export const DEVICE_INTERVAL_S = 5;
/** Letters and digits a person reads off one screen and types on another: no 0/O or 1/I to confuse. */
const USER_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const MAX_WAITING = 1000;

export class DeviceStore {
  private readonly byDeviceCode = new Map<string, DeviceAuthorization>();
  private readonly byUserCode = new Map<string, string>();

  constructor(private readonly now: () => number) {}

  /** A reset org: no device code started before it can be entered, approved or polled after it. */
  clear(): void {
    this.byDeviceCode.clear();
    this.byUserCode.clear();
  }

  start(scopes: string[]): { deviceCode: string; userCode: string } {
    this.forgetExpired();
    let userCode: string;
    do {
      userCode = Array.from(
        { length: 8 },
        () => USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)],
      ).join('');
    } while (this.byUserCode.has(userCode));
    // Opaque base64, like Salesforce's (48 bytes: no padding).
    const deviceCode = randomBytes(48).toString('base64');
    this.byDeviceCode.set(deviceCode, {
      userCode,
      scopes,
      expiresAt: this.now() + DEVICE_LIFETIME_MS,
      intervalS: DEVICE_INTERVAL_S,
      status: 'pending',
    });
    this.byUserCode.set(userCode, deviceCode);
    if (this.byDeviceCode.size > MAX_WAITING) this.consume(this.byDeviceCode.keys().next().value as string);
    return { deviceCode, userCode };
  }

  /** The authorization a device polls for, expired ones included (the poll says so). */
  byCode(deviceCode: string): DeviceAuthorization | undefined {
    return this.byDeviceCode.get(deviceCode);
  }

  /** The live, still undecided authorization a user code names, typed in any case, with spaces or dashes. */
  waitingFor(typed: string): DeviceAuthorization | undefined {
    const deviceCode = this.byUserCode.get(typed.toUpperCase().replace(/[\s-]/g, ''));
    const authorization = deviceCode ? this.byDeviceCode.get(deviceCode) : undefined;
    return authorization?.status === 'pending' && authorization.expiresAt > this.now()
      ? authorization
      : undefined;
  }

  decide(userCode: string, decision: { userId: string; allow: boolean }): boolean {
    const authorization = this.waitingFor(userCode);
    if (!authorization) return false;
    authorization.status = decision.allow ? 'approved' : 'denied';
    authorization.userId = decision.userId;
    return true;
  }

  /** A device code gives its tokens (or its refusal) once. */
  consume(deviceCode: string): void {
    const authorization = this.byDeviceCode.get(deviceCode);
    this.byDeviceCode.delete(deviceCode);
    if (authorization) this.byUserCode.delete(authorization.userCode);
  }

  private forgetExpired(): void {
    for (const [deviceCode, authorization] of this.byDeviceCode) {
      if (authorization.expiresAt + DEVICE_LIFETIME_MS <= this.now()) this.consume(deviceCode);
    }
  }
}
