// Transcript legs as the app records them, with recognisable fake secrets, for the snippet writers' tests.
import type { TranscriptEntry } from '../../../server/attempts/attempt.ts';
import type { SnippetContext } from '../../../server/teaching/snippets/context.ts';

export const LOGIN = 'https://localhost:8443';
export const INSTANCE = 'https://127.0.0.1:8443';
export const CLIENT_ID = '3MVG9LocalPlaygroundEmulatorConsumerKey';
export const SECRET = 'local-emulator-consumer-secret';
export const TOKEN = '00D5j00000PlAyG!ARaccesstokenvalue';

export const jwtPart = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
export const ASSERTION = `${jwtPart({ alg: 'RS256' })}.${jwtPart({ iss: CLIENT_ID, sub: 'admin@playground.local', aud: LOGIN, exp: 1795620868 })}.c2lnbmF0dXJl`;

export const EMULATOR: Omit<SnippetContext, 'reveal'> = {
  caFile: 'certs/server.crt',
  jwtKeyFile: 'certs/jwt.key',
};
export const ORG: Omit<SnippetContext, 'reveal'> = { jwtKeyFile: 'certs/jwt.key' };

const call = (
  leg: string,
  url: string,
  form?: Record<string, string>,
  headers: Record<string, string> = {},
): TranscriptEntry => ({
  id: leg,
  at: 0,
  kind: 'server-call',
  leg,
  method: form ? 'POST' : 'GET',
  url,
  requestHeaders: {
    accept: 'application/json',
    ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    ...headers,
  },
  requestBody: form && new URLSearchParams(form).toString(),
  status: 200,
});

export const codeExchange = call('token', `${LOGIN}/services/oauth2/token`, {
  grant_type: 'authorization_code',
  code: 'aPrxCode==',
  client_id: CLIENT_ID,
  redirect_uri: 'https://localhost:8081/oauthcallback.html',
  client_secret: SECRET,
  code_verifier: 'verifier-value',
});

export const jwtExchange = call('token', `${LOGIN}/services/oauth2/token`, {
  grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
  assertion: ASSERTION,
});

export const query = call(
  'query',
  `${INSTANCE}/services/data/v66.0/query?q=${encodeURIComponent("SELECT Id, Name FROM Account WHERE Name = 'O''Brien'")}`,
  undefined,
  {
    authorization: `Bearer ${TOKEN}`,
  },
);

export const clientCredentialsBasic = call(
  'token',
  `${INSTANCE}/services/oauth2/token`,
  { grant_type: 'client_credentials' },
  {
    authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${SECRET}`).toString('base64')}`,
  },
);

export const passwordGrant: TranscriptEntry = {
  ...call('token', `${LOGIN}/services/oauth2/token`, {
    grant_type: 'password',
    client_id: CLIENT_ID,
    client_secret: SECRET,
    username: 'admin@playground.local',
    password: '(not kept)',
  }),
};

export const refresh = call('token (refresh)', `${LOGIN}/services/oauth2/token`, {
  grant_type: 'refresh_token',
  refresh_token: '5Aep861refresh',
  client_id: CLIENT_ID,
  client_secret: SECRET,
});

export const revoke = call('revoke', `${LOGIN}/services/oauth2/revoke`, { token: '5Aep861refresh' });

export const identity = call('identity', `${LOGIN}/id/00D5j00000PlAyGEAV/0055j00000AdMiNAAV`, undefined, {
  authorization: `Bearer ${TOKEN}`,
});

export const preflight = call(
  'pre-flight',
  `${LOGIN}/services/oauth2/authorize?response_type=code&client_id=${CLIENT_ID}`,
  undefined,
  {
    accept: 'text/html,application/json',
  },
);

export const devicePoll = (status: number, body: object, id = 'poll'): TranscriptEntry => ({
  ...call('token (poll)', `${LOGIN}/services/oauth2/token`, {
    grant_type: 'device',
    client_id: CLIENT_ID,
    code: 'DEVICECODE1',
  }),
  id,
  status,
  responseBody: JSON.stringify(body),
});
