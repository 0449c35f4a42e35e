// The emulator's state (app settings, approvals, tokens, signing key): one JSON file written atomically.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ORG_ID_15, tokenKey, type AppSettings } from './org.ts';

export interface AccessTokenRecord {
  userId: string;
  scopes: string[];
  issuedAt: number;
  expiresAt: number;
  /** Hash of the refresh token it came from: revoking that one revokes this one too. */
  refreshKey?: string;
}

export interface RefreshTokenRecord {
  userId: string;
  scopes: string[];
  issuedAt: number;
}

interface Persisted {
  settings: AppSettings;
  approvals: string[];
  accessTokens: Record<string, AccessTokenRecord>;
  refreshTokens: Record<string, RefreshTokenRecord>;
  signingKey: { kid: string; privateKeyPem: string };
  /** The defaults this state was last started with, to tell them from the user's own changes. */
  defaults: Pick<AppSettings, 'callbackUrls' | 'certificatePem'>;
}

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
    this.data = this.load() ?? this.fresh();
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
    const record = this.data.accessTokens[tokenKey(token)];
    return record && record.expiresAt > this.now() ? record : undefined;
  }

  findRefreshToken(token: string): (RefreshTokenRecord & { key: string }) | undefined {
    const key = tokenKey(token);
    const record = this.data.refreshTokens[key];
    return record ? { ...record, key } : undefined;
  }

  /** Revokes an access or refresh token; a refresh token takes its access tokens with it. */
  revoke(token: string): boolean {
    const key = tokenKey(token);
    if (this.data.accessTokens[key]) {
      delete this.data.accessTokens[key];
    } else if (this.data.refreshTokens[key]) {
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

  private load(): Persisted | undefined {
    try {
      return JSON.parse(readFileSync(this.file, 'utf8')) as Persisted;
    } catch {
      return undefined;
    }
  }

  /** Write to a temporary file and rename it over the old one, so a crash never leaves half a file. */
  private save(): void {
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(this.data), { mode: 0o600 });
    renameSync(temp, this.file);
  }

  /** Keeps the newest MAX_TOKENS entries; objects keep insertion order, so the first keys are the oldest. */
  private prune(records: Record<string, unknown>): void {
    const keys = Object.keys(records);
    for (const key of keys.slice(0, Math.max(0, keys.length - MAX_TOKENS))) delete records[key];
  }
}
