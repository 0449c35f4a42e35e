// The emulator's state (org and app settings, approvals, tokens, signing key): one JSON file, written atomically
// and off the request path (changes coalesce into one write; close() writes what is pending).
import { X509Certificate, type KeyObject } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { defaultOrgSettings, type AppSettings, type OrgSettings } from './org.ts';
import { CoalescedWrites } from './coalescedWrites.ts';
import { EMULATOR_DATA_FILES } from './dataFiles.ts';
import { freshState, followNewDefaults, type SavedState } from './stateDefaults.ts';
import { loadState, type Persisted } from './stateFile.ts';
import { TokenStore } from './tokenStore.ts';

export type { AccessTokenRecord, RefreshTokenRecord } from './tokenRecords.ts';

const FILE = EMULATOR_DATA_FILES.state;

export class EmulatorState {
  private data: SavedState;
  private readonly writes: CoalescedWrites;
  private readonly resetListeners: (() => void)[] = [];
  readonly tokens: TokenStore;
  /** Open batches: changes inside one are saved once, when the outermost ends. */
  private batchDepth = 0;
  private unsaved = false;
  /** The app certificate's public key, parsed once per certificate rather than once per assertion. */
  private certificate: { pem: string; key: KeyObject | undefined } | undefined;

  constructor(
    dataDir: string,
    private readonly makeDefaults: () => AppSettings,
    now: () => number,
    writeDelayMs?: number,
    /** The id_token signing key of a fresh state; made here when not given. */
    private readonly signingKeyPem?: string,
  ) {
    // Private, as start-up makes it (configDataDir.ts): the emulator alone (a test) may be the first to need it.
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const file = path.join(dataDir, FILE);
    this.writes = new CoalescedWrites(file, () => JSON.stringify(this.snapshot()), writeDelayMs);
    this.writes.removeLeftovers();
    this.tokens = new TokenStore(now, () => this.changed());
    const loaded = loadState(file, now());
    if (loaded) {
      const { accessTokens, refreshTokens, ...rest } = loaded;
      this.data = rest;
      for (const [key, record] of Object.entries(accessTokens)) this.tokens.access.set(key, record);
      for (const [key, record] of Object.entries(refreshTokens)) this.tokens.refresh.set(key, record);
    } else {
      this.data = freshState(this.makeDefaults(), this.signingKeyPem);
    }
    // Settings saved by an older version lack the newer fields: they take their defaults.
    this.data.settings = { ...this.makeDefaults(), ...this.data.settings };
    this.data.org = { ...defaultOrgSettings(), ...this.data.org };
    followNewDefaults(this.data, this.makeDefaults());
    this.writes.writeNow();
  }

  get settings(): AppSettings {
    return this.data.settings;
  }

  get org(): OrgSettings {
    return this.data.org as OrgSettings;
  }

  get signingKey(): Persisted['signingKey'] {
    return this.data.signingKey;
  }

  /** The public key of the certificate on the app, or undefined when the saved text is not a certificate. */
  get certificateKey(): KeyObject | undefined {
    const pem = this.data.settings.certificatePem;
    if (this.certificate?.pem !== pem) this.certificate = { pem, key: publicKeyOf(pem) };
    return this.certificate.key;
  }

  /** Writes what is pending: the emulator's close, on SIGINT/SIGTERM and in tests, awaits it. */
  close(): Promise<void> {
    return this.writes.close();
  }

  updateSettings(settings: AppSettings, org: OrgSettings = this.org): void {
    this.data.settings = settings;
    this.data.org = org;
    this.changed();
  }

  /** Back to a new org: default settings, no approvals, no tokens (the signing key stays, like a real org's). */
  reset(): void {
    this.batch(() => {
      this.data = {
        ...freshState(this.makeDefaults(), this.data.signingKey.privateKeyPem),
        signingKey: this.data.signingKey,
      };
      this.tokens.clear();
    });
    for (const listener of this.resetListeners) listener();
  }

  /** Lets other parts of the emulator (the REST API's written records) start over on a reset too. */
  onReset(listener: () => void): void {
    this.resetListeners.push(listener);
  }

  isApproved(userId: string): boolean {
    return this.data.approvals.includes(userId);
  }

  /** Remembers the user's approval of the app; one already remembered costs no write. */
  approve(userId: string): void {
    if (this.isApproved(userId)) return;
    this.data.approvals.push(userId);
    this.changed();
  }

  /** Runs `work`, marking the state changed once at the end however many changes it made. */
  batch<T>(work: () => T): T {
    this.batchDepth += 1;
    try {
      return work();
    } finally {
      this.batchDepth -= 1;
      if (this.batchDepth === 0 && this.unsaved) this.changed();
    }
  }

  /** Every change comes through here; the write itself follows a moment later, with any others made meanwhile. */
  private changed(): void {
    this.unsaved = this.batchDepth > 0;
    if (!this.unsaved) this.writes.changed();
  }

  private snapshot(): Persisted {
    return {
      ...this.data,
      accessTokens: Object.fromEntries(this.tokens.access),
      refreshTokens: Object.fromEntries(this.tokens.refresh),
    };
  }
}

function publicKeyOf(pem: string): KeyObject | undefined {
  try {
    return new X509Certificate(pem).publicKey;
  } catch {
    return undefined;
  }
}
