// Password lockout, as a Salesforce org's default password policy has it: ten wrong passwords lock a user 15 minutes.
// Kept in memory: a restart of the emulator unlocks everyone, like the admin's Unlock button.

/** Setup → Password Policies defaults: "Maximum invalid login attempts" 10, "Lockout effective period" 15 minutes. */
export const MAX_FAILED_LOGINS = 10;
export const LOCKOUT_MS = 15 * 60 * 1000;

/**
 * Salesforce's login page wording for a locked user was not found in any stored source; this follows Salesforce
 * Help ("Troubleshoot Login Issues": contact your admin, or wait until the lockout period expires). Login History
 * records such an attempt with the status "Password Lockout".
 */
export const LOCKED_OUT_MESSAGE =
  'Your account has been locked because of too many failed login attempts. Contact your Salesforce administrator to unlock it, or wait until the lockout period expires and try again.';
export const LOCKOUT_STATUS = 'Password Lockout';

export interface LoginRecord {
  /** Wrong passwords in a row since the last success or lock. */
  failedLogins: number;
  /** Epoch ms until which the user is locked. */
  lockedUntil?: number;
}

export class LoginGuard {
  private readonly records = new Map<string, LoginRecord>();

  constructor(private readonly now: () => number) {}

  isLocked(userId: string): boolean {
    return this.current(userId).lockedUntil !== undefined;
  }

  /** A wrong password; returns true when this one locked the user (the counter starts again, as Salesforce's does). */
  recordFailure(userId: string): boolean {
    const failedLogins = this.current(userId).failedLogins + 1;
    if (failedLogins < MAX_FAILED_LOGINS) {
      this.records.set(userId, { failedLogins });
      return false;
    }
    this.records.set(userId, { failedLogins: 0, lockedUntil: this.now() + LOCKOUT_MS });
    return true;
  }

  /** A successful login resets the count of failures. */
  recordSuccess(userId: string): void {
    this.records.delete(userId);
  }

  /** The admin's Unlock button. */
  unlock(userId: string): void {
    this.records.delete(userId);
  }

  unlockAll(): void {
    this.records.clear();
  }

  /** What Setup shows for a user: failures so far and, while locked, until when. */
  status(userId: string): LoginRecord {
    return { ...this.current(userId) };
  }

  /** The user's record, with an expired lock forgotten. */
  private current(userId: string): LoginRecord {
    const record = this.records.get(userId) ?? { failedLogins: 0 };
    if (record.lockedUntil !== undefined && record.lockedUntil <= this.now()) {
      this.records.delete(userId);
      return { failedLogins: 0 };
    }
    return record;
  }
}
