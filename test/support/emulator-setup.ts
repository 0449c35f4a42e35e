// Logs in at the emulator's /setup as its System Administrator, like an admin in a browser, and saves settings there.
import assert from './assert.ts';
import { hiddenValue } from './emulator-login.ts';
import { TestClient } from './http.ts';
import type { TestStack } from './stack.ts';

/** A browser logged in at /setup (as the demo admin unless told otherwise), with the setup page it landed on. */
export async function setupSession(
  stack: TestStack,
  login: { username?: string; password?: string } = {},
): Promise<{ client: TestClient; page: string }> {
  const client = new TestClient();
  const loginPage = await (await client.get(`${stack.emulatorUrl}/setup`)).text();
  const answer = await client.post(`${stack.emulatorUrl}/setup/login`, {
    csrf: hiddenValue(loginPage, 'csrf'),
    username: login.username ?? stack.config.username,
    password: login.password ?? stack.config.emulator.password,
  });
  assert.equal(answer.status, 303, `setup login refused: ${await answer.text()}`);
  assert.equal(answer.headers.get('location'), '/setup');
  const page = await client.get(`${stack.emulatorUrl}/setup`);
  return { client, page: await page.text() };
}

/**
 * Submits the setup form as the admin, with the current settings changed by `changes` (undefined removes a field,
 * e.g. `requireSecret: undefined` unticks "Require secret"; `'on'` ticks a box). Field names are the form's.
 */
export async function saveSettings(
  stack: TestStack,
  changes: Record<string, string | string[] | undefined>,
  session?: { client: TestClient; page: string },
): Promise<{ status: number; html: string }> {
  const { client } = session ?? (await setupSession(stack));
  // The page as it is now, as a person saving again would have it: a form from before a change is refused.
  const page = await (await client.get(`${stack.emulatorUrl}/setup`)).text();
  const current = stack.emulator?.context.state.settings;
  const org = stack.emulator?.context.state.org;
  const box = (on: boolean | undefined) => (on ? 'on' : undefined);
  const fields: Record<string, string | string[] | undefined> = {
    csrf: hiddenValue(page, 'csrf'),
    stamp: hiddenValue(page, 'stamp'),
    policy: current?.policy ?? 'self-authorize',
    profiles: current?.profiles ?? [],
    callbackUrls: current?.callbackUrls.join('\n') ?? '',
    certificatePem: current?.certificatePem ?? '',
    scopes: current?.scopes ?? [],
    requireSecret: box(current?.requireSecret),
    requirePkce: box(current?.requirePkce),
    clientCredentialsEnabled: box(current?.clientCredentialsEnabled),
    runAsUserId: current?.runAsUserId ?? '',
    deviceFlowEnabled: box(current?.deviceFlowEnabled),
    requireSecretForRefresh: box(current?.requireSecretForRefresh),
    refreshTokenRotation: box(current?.refreshTokenRotation),
    refreshTokenPolicy: current?.refreshTokenPolicy.kind ?? 'infinite',
    refreshTokenAmount: String(current?.refreshTokenPolicy.amount ?? 1),
    refreshTokenUnit: current?.refreshTokenPolicy.unit ?? 'DAYS',
    allowUsernamePassword: box(org?.allowUsernamePassword),
    allowUserAgentShown: '1',
    allowUserAgent: box(org?.allowUserAgent),
    appInstalled: box(org?.appInstalled),
    corsShown: '1',
    corsAllowedOrigins: org?.corsAllowedOrigins.join('\n') ?? '',
    corsOAuthEndpoints: box(org?.corsOAuthEndpoints),
    namedUserJwtShown: '1',
    namedUserJwtEnabled: box(current?.namedUserJwtEnabled),
    namedUserJwtTimeout:
      current?.namedUserJwtTimeoutType === 'Custom' ? String(current.namedUserJwtTimeout) : 'UserSession',
    ...changes,
  };
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of value === undefined ? [] : [value].flat()) body.append(name, item);
  }
  const response = await client.request(`${stack.emulatorUrl}/setup`, {
    method: 'POST',
    body: body.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  // A change answers with a redirect to the page (Post/Redirect/Get): the page it leads to says what was done.
  if (response.status === 303) {
    const shown = await client.get(`${stack.emulatorUrl}${response.headers.get('location') ?? ''}`);
    return { status: shown.status, html: await shown.text() };
  }
  return { status: response.status, html: await response.text() };
}
