// What the emulator keeps of each access and refresh token, filed under the token's hash: the same records in
// memory (tokenStore.ts) and in the saved state (stateShape.ts).

export interface AccessTokenRecord {
  userId: string;
  scopes: string[];
  issuedAt: number;
  expiresAt: number;
  /** The grant (refresh-token family) it came from: revoking that grant revokes this token too. */
  familyKey?: string;
  /** A JWT-based access token: it ends at the exp it carries, which no use moves. */
  format?: 'jwt';
}

export interface RefreshTokenRecord {
  userId: string;
  scopes: string[];
  issuedAt: number;
  /** Hash of the family's first refresh token: every token rotated from it shares the family. */
  familyKey: string;
  /** When the grant began (the login), for "Expire refresh token after N". */
  familyIssuedAt: number;
  /** For "Expire refresh token if not used for N". */
  lastUsedAt: number;
  /** Set when rotation replaced this token: kept only to recognise its reuse. */
  replacedAt?: number;
}
