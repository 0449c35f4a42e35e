// The shape of the configuration that config.ts reads from the environment once at start-up.
export type Mode = 'emulator' | 'org';

export interface EmulatorSettings {
  /** Password of the emulator's System Administrator demo user. */
  readonly password: string;
  /** Folder where the emulator keeps its state (approvals, tokens, app settings). */
  readonly dataDir: string;
  /** How long an access token lasts unused, like an org's session timeout (see TokenStore.noteUse). */
  readonly sessionMinutes: number;
}

export interface Config {
  readonly mode: Mode;
  readonly port: number;
  readonly emulatorPort: number;
  /** Login host, no trailing slash: the emulator's own URL in emulator mode. */
  readonly loginUrl: string;
  /**
   * The org's own host (My Domain), which the client credentials flow must call: the emulator's second origin in
   * emulator mode; SF_MY_DOMAIN, or SF_LOGIN_URL when it is a My Domain host, for a real org.
   */
  readonly myDomainUrl: string | undefined;
  /**
   * Emulator mode: where a browser reaches the login host when not at loginUrl (EMULATOR_PUBLIC_URL: Codespaces, a
   * tunnel). Only the pages a browser opens use it; every call of the app's own goes to loginUrl.
   */
  readonly emulatorPublicUrl: string | undefined;
  readonly clientId: string;
  readonly clientSecret: string | undefined;
  readonly username: string;
  readonly callbackUrl: string;
  /** SF_CALLBACK_URL is not set: callbackUrl is the playground's own, on PORT, and moves with it. */
  readonly callbackFromPort: boolean;
  readonly jwtKeyFile: string;
  readonly audience: string;
  readonly apiVersion: string | undefined;
  readonly scopes: string;
  readonly sampleQuery: string;
  readonly sessionSecret: string | undefined;
  /** Sessions in Redis (shared by several processes, kept across restarts); unset keeps them in memory. */
  readonly redisUrl: string | undefined;
  readonly certsDir: string;
  /** Org mode: the certificate(s) NODE_EXTRA_CA_CERTS names, trusted beside the system's for calls to the org. */
  readonly extraCaPem?: string;
  readonly emulator: EmulatorSettings;
  /** Things that work but probably not as meant (a Lightning host as login URL...), printed at start. */
  readonly warnings: readonly string[];
}
