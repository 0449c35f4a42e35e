// A server process's emulator as a persistence test reaches it, tokens issued in a burst, and whether a token still
// works at the org's My Domain after a restart.
import assert from './assert.ts';
import { loadConfig, withListeningPorts } from '../../server/config.ts';
import { signAssertion } from './assertion.ts';
import { postToken } from './emulator-api.ts';
import type { LoginTarget } from './emulator-login.ts';
import { TestClient } from './http.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** A burst of JWT bearer grants for the demo user: the access tokens issued. */
export async function issueJwtTokens(target: LoginTarget, count: number): Promise<string[]> {
  const { clientId, username, audience } = target.config;
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    const assertion = signAssertion({ iss: clientId, sub: username, aud: audience });
    const answer = await postToken(target.emulatorUrl, { grant_type: JWT_GRANT, assertion });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    tokens.push(answer.body.access_token as string);
  }
  return tokens;
}

/** How a test reaches the emulator of a server process: its URL, and the configuration it started with. */
export function emulatorOf(server: ServerProcess, cwd: string): LoginTarget {
  const port = (url: string) => Number(new URL(url).port);
  const config = withListeningPorts(loadConfig({ PORT: '0', EMULATOR_PORT: '0' }, cwd), {
    port: port(server.appUrl),
    emulatorPort: port(server.emulatorUrl),
  });
  return { emulatorUrl: server.emulatorUrl, config };
}

/** The status of a REST query made with the token at the org's My Domain. */
export async function queryStatus(instanceUrl: string, accessToken: string): Promise<number> {
  const url = `${instanceUrl}/services/data/v66.0/query?q=SELECT+Id+FROM+Account+LIMIT+1`;
  return (await new TestClient().get(url, { authorization: `Bearer ${accessToken}` })).status;
}

/** A server started again on the same folder knows every token: each still answers a query at My Domain. */
export async function knownAfterRestart(
  cwd: string,
  env: Record<string, string>,
  tokens: string[],
  what: string,
): Promise<void> {
  const second = await startServerProcess(cwd, env);
  try {
    const instanceUrl = second.emulatorUrl.replace('localhost', '127.0.0.1');
    for (const token of tokens) assert.equal(await queryStatus(instanceUrl, token), 200, what);
  } finally {
    await second.stop();
  }
}
