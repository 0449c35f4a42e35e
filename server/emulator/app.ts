// The local Salesforce emulator's Express app (login host + instance in one origin).
import express from 'express';

export interface EmulatorOptions {
  /** Its own origin, e.g. https://localhost:8443: both the login host and the instance. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  callbackUrl: string;
  /** The app's digital-signature certificate (certs/jwt.crt), PEM. */
  certificatePem: string;
  username: string;
  password: string;
  dataDir: string;
  sessionMinutes: number;
  now?: () => number;
}

/** One request the emulator received at an OAuth or REST endpoint, for tests and the emulator's log page. */
export interface ReceivedRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  headers: Record<string, string>;
  at: number;
}

export interface Emulator {
  app: express.Express;
  received: ReceivedRequest[];
}

export function createEmulator(options: EmulatorOptions): Emulator {
  const app = express();
  app.get('/', (_req, res) => {
    res.type('text').send(`Local Salesforce emulator (not Salesforce) at ${options.baseUrl}`);
  });
  return { app, received: [] };
}
