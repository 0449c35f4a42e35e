// The emulator's state (app settings, approvals, tokens, signing key): one JSON file written atomically.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ORG_ID_15, tokenKey, type AppSettings } from './org.ts';
import {
  loadState,
  saveState,
  type AccessTokenRecord,
  type Persisted,
  type RefreshTokenRecord,
} from './stateFile.ts';

export type { AccessTokenRecord, RefreshTokenRecord } from './stateFile.ts';

const MAX_TOKENS = 2000;
const FILE = 'emulator-state.json';

export class EmulatorState {
  private data: Persisted;
  private readonly file: string;
  private readonly resetListeners: (() => void)[] = [];

  constructor(
    dataDir: string,
    private readonly makeDefaults: () => AppSettings,
    private readonly now: () => number,
  ) {
    mkdirSync(dataDir, { recursive: true });
    this.file = path.join(dataDir, FILE);
    this.data = loadState(this.file, now()) ?? this.fresh();
    this.followNewDefaults();
    this.save();
  }

  get settings(): AppSettings {
    return this.data.settings;
  }

  get signingKey(): Persisted['signingKey'] {
    return this.data.signingKey;
  }

  updateSettings(settings: AppSettings): void {
    this.data.settings = settings;
    this.save();
  }

  /** Back to a new org: default settings, no approvals, no tokens (the signing key stays, like a real org's). */
  reset(): void {
    this.data = { ...this.fresh(), signingKey: this.data.signingKey };
    this.save();
    for (const listener of this.resetListeners) listener();
  }

  /** Lets other parts of the emulator (the REST API's written records) start over on a reset too. */
  onReset(listener: () => void): void {
    this.resetListeners.push(listener);
  }

  isApproved(userId: string): boolean {
    return this.data.approvals.includes(userId);
  }

  approve(userId: string): void {
    if (!this.isApproved(userId)) this.data.approvals.push(userId);
    this.save();
  }

  issueAccessToken(userId: string, scopes: string[], lifetimeMs: number, refreshKey?: string): string {
    const token = `${ORG_ID_15}!AR${randomBytes(48).toString('base64url').replace(/[-_]/g, 'x')}`;
    const issuedAt = this.now();
    this.data.accessTokens[tokenKey(token)] = {
      userId,
      scopes,
      issuedAt,
      expiresAt: issuedAt + lifetimeMs,
      refreshKey,
    };
    this.prune(this.data.accessTokens);
    this.save();
    return token;
  }

  issueRefreshToken(userId: string, scopes: string[]): string {
    const token = `5Aep861${randomBytes(60).toString('base64').replace(/[+/]/g, '.')}`;
    this.data.refreshTokens[tokenKey(token)] = { userId, scopes, issuedAt: this.now() };
    this.prune(this.data.refreshTokens);
    this.save();
    return token;
  }

  /** An access token that is known, not revoked and not expired. */
  findAccessToken(token: string): AccessTokenRecord | undefined {
    const key = tokenKey(token);
    const record = Object.hasOwn(this.data.accessTokens, key) ? this.data.accessTokens[key] : undefined;
    return record && record.expiresAt > this.now() ? record : undefined;
  }

  findRefreshToken(token: string): (RefreshTokenRecord & { key: string }) | undefined {
    const key = tokenKey(token);
    const record = Object.hasOwn(this.data.refreshTokens, key) ? this.data.refreshTokens[key] : undefined;
    return record ? { ...record, key } : undefined;
  }

  /** Revokes an access or refresh token; a refresh token takes its access tokens with it. */
  revoke(token: string): boolean {
    return this.revokeByKey(tokenKey(token));
  }

  /** The same, by the token's hash: for tokens remembered without keeping the token itself. */
  revokeByKey(key: string): boolean {
    if (Object.hasOwn(this.data.accessTokens, key)) {
      delete this.data.accessTokens[key];
    } else if (Object.hasOwn(this.data.refreshTokens, key)) {
      delete this.data.refreshTokens[key];
      for (const [accessKey, record] of Object.entries(this.data.accessTokens)) {
        if (record.refreshKey === key) delete this.data.accessTokens[accessKey];
      }
    } else {
      return false;
    }
    this.save();
    return true;
  }

  /**
   * A new port or a regenerated certs/jwt.crt changes the defaults; settings the user never edited follow them,
   * while settings changed on the setup page are kept.
   */
  private followNewDefaults(): void {
    const next = this.makeDefaults();
    const { settings, defaults: previous } = this.data;
    if (settings.certificatePem === previous.certificatePem) settings.certificatePem = next.certificatePem;
    const [oldCallback] = previous.callbackUrls;
    settings.callbackUrls = settings.callbackUrls.map((url) =>
      url === oldCallback ? next.callbackUrls[0] : url,
    );
    if (settings.callbackUrls.length === 0) settings.callbackUrls = [...next.callbackUrls];
    this.data.defaults = { callbackUrls: next.callbackUrls, certificatePem: next.certificatePem };
  }

  private fresh(): Persisted {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const settings = this.makeDefaults();
    return {
      defaults: { callbackUrls: settings.callbackUrls, certificatePem: settings.certificatePem },
      settings,
      approvals: [],
      accessTokens: {},
      refreshTokens: {},
      signingKey: {
        kid: '262',
        privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      },
    };
  }

  private save(): void {
    saveState(this.file, this.data);
  }

  /** Keeps the newest MAX_TOKENS entries; objects keep insertion order, so the first keys are the oldest. */
  private prune(records: Record<string, unknown>): void {
    const keys = Object.keys(records);
    for (const key of keys.slice(0, Math.max(0, keys.length - MAX_TOKENS))) delete records[key];
  }
}
