// The REST API's shapes: what the emulator gives it (deps), one call as the resources see it, and the reply.
import type { RecordStore } from './store.ts';

export interface RestPrincipal {
  userId: string;
  orgId: string;
  scopes: readonly string[];
}

export interface RestUser {
  Id: string;
  Username: string;
  FirstName: string;
  LastName: string;
  Name: string;
  Email: string;
  IsActive: boolean;
  ProfileId: string;
}

/** A profile as the Profile object lists it. */
export interface RestProfile {
  Id: string;
  Name: string;
}

export interface RestDeps {
  authenticate(accessToken: string | undefined): RestPrincipal | undefined;
  users(): readonly RestUser[];
  profiles(): readonly RestProfile[];
  now(): number;
  /** The origin clients reach the REST API on (a token's instance_url), for the absolute URLs it returns. */
  instanceUrl: string;
  /** A user's identity URL, as the resources list names it. */
  identityUrl(userId: string): string;
  /** Where written records are kept, next to the emulator's other state. */
  dataDir: string;
  /** Called when the emulator is reset: written records, cursors and usage are forgotten. */
  onReset(listener: () => void): void;
}

/** One request to a resource under /services/data/vXX.X/, from HTTP or from a composite subrequest. */
export interface RestCall {
  method: string;
  /** Path segments after the version, e.g. ['sobjects', 'Account', 'describe']. */
  segments: string[];
  query: URLSearchParams;
  body: unknown;
  headers: Readonly<Record<string, string | undefined>>;
  version: string;
  principal: RestPrincipal;
}

export interface RestReply {
  status: number;
  /** Undefined for 204 No Content. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RestContext {
  readonly store: RecordStore;
  readonly deps: RestDeps;
  /**
   * When this emulator started or was last reset, for If-Modified-Since: its metadata is fixed in code (a describe
   * cached from an older version is never kept across a restart), and no record is unchanged since an earlier time
   * (a reset brings the sample records back with their old dates).
   */
  orgChangedAt: number;
  dispatch(call: RestCall): RestReply;
}

export type Resource = (call: RestCall, ctx: RestContext) => RestReply;
