// New token values in Salesforce's shapes (salesforce-wire.md): an opaque access token is the org's 15-character id,
// "!" and a random string; a refresh token starts 5Aep861. Only their hashes are kept (tokenStore.ts).
import { poolRandomBytes } from '../randomPool.ts';
import { ORG_ID_15 } from './org.ts';

/** Its random part in letters and digits (base64url's - and _ replaced), like the examples in salesforce-wire.md. */
export const newOpaqueAccessToken = (): string =>
  `${ORG_ID_15}!AR${poolRandomBytes(48).toString('base64url').replace(/[-_]/g, 'x')}`;

export const newRefreshToken = (): string =>
  `5Aep861${poolRandomBytes(60).toString('base64').replace(/[+/]/g, '.')}`;
