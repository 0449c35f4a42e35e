// JWT-based access tokens as a client sees them: decoded, checked against the emulator's published keys, and the
// emulator's calls that take a bearer token, each answered as status and body.
import { createPublicKey, createVerify, type JsonWebKey } from 'node:crypto';
import { TestClient } from './http.ts';
import type { TestStack } from './stack.ts';

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

const json = (part: string) =>
  JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

export function decodeJwt(token: string): DecodedJwt {
  const [header, claims] = token.split('.');
  return { header: json(header), claims: json(claims) };
}

/** Whether the token's RS256 signature verifies with the key /id/keys publishes under the token's kid. */
export async function verifiesWithJwks(stack: TestStack, token: string): Promise<boolean> {
  const keys = (await (await new TestClient().get(`${stack.emulatorUrl}/id/keys`)).json()) as {
    keys: JsonWebKey[];
  };
  const key = keys.keys.find((candidate) => candidate.kid === decodeJwt(token).header.kid);
  if (!key) return false;
  const [header, claims, signature] = token.split('.');
  return createVerify('RSA-SHA256')
    .update(`${header}.${claims}`)
    .verify(createPublicKey({ key, format: 'jwk' }), Buffer.from(signature, 'base64url'));
}

/** The same token with `claims` changed and its old signature kept: what a forger can make. */
export function withClaims(token: string, claims: Record<string, unknown>): string {
  const [header, , signature] = token.split('.');
  const body = Buffer.from(JSON.stringify({ ...decodeJwt(token).claims, ...claims })).toString('base64url');
  return `${header}.${body}.${signature}`;
}

export interface Answer {
  status: number;
  body: string;
}

/** Every call that takes the token: a REST query, the identity URL, userinfo, and introspection (as the client). */
export async function useToken(stack: TestStack, token: string, identityUrl: string) {
  const client = new TestClient();
  const bearer = { authorization: `Bearer ${token}` };
  const answer = async (response: Awaited<ReturnType<TestClient['get']>>): Promise<Answer> => ({
    status: response.status,
    body: await response.text(),
  });
  const query = `${stack.instanceUrl}/services/data/v66.0/query?q=SELECT+Id+FROM+Account+LIMIT+1`;
  return {
    rest: await answer(await client.get(query, bearer)),
    identity: await answer(await client.get(identityUrl, bearer)),
    userinfo: await answer(await client.get(`${stack.emulatorUrl}/services/oauth2/userinfo`, bearer)),
    introspect: JSON.parse(
      (
        await answer(
          await client.post(`${stack.emulatorUrl}/services/oauth2/introspect`, {
            token,
            client_id: stack.config.clientId,
            client_secret: stack.config.clientSecret ?? '',
          }),
        )
      ).body,
    ) as Record<string, unknown>,
  };
}
