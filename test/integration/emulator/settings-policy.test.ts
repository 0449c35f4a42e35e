// The emulator's permitted-users policy: "Admin approved users are pre-authorized" lets assigned profiles in
// without approval and keeps others out, by code exchange, JWT bearer, refresh and password alike.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { changeSettings, postToken } from '../../support/emulator-api.ts';
import { authorizeInBrowser, hiddenValue, loginAndGetToken } from '../../support/emulator-login.ts';
import { saveSettings, setupSession } from '../../support/emulator-setup.ts';
import { settingsStack } from '../../support/settings-stack.ts';

/** A demo user's security token, as the emulator's home page shows it. */
function securityTokenOf(html: string, username: string): string {
  const token = new RegExp(`data-security-token="${username}">([A-Za-z0-9]+)<`).exec(html)?.[1];
  assert.ok(token, `no security token shown for ${username}`);
  return token;
}

describe('emulator: settings, policy, persistence, robustness', () => {
  const emulator = settingsStack();
  const { client, jwt } = emulator;

  test('an uninstalled app: users who never authorized it are refused, unless administrators; earlier approvals stand', async () => {
    const { stack } = emulator;
    const admin = await setupSession(stack);
    await admin.client.post(`${stack.emulatorUrl}/setup/reset`, { csrf: hiddenValue(admin.page, 'csrf') });
    await changeSettings(stack, { appInstalled: undefined, allowUsernamePassword: 'on' });
    const standard = 'standard@playground.local';
    try {
      const refused = await authorizeInBrowser(stack, { response_type: 'code' }, { username: standard });
      assert.equal(refused.pathname, '/setup/secur/RemoteAccessErrorPage.apexp');
      assert.equal(refused.searchParams.get('error'), 'OAUTH_APP_ACCESS_DENIED');
      const security = securityTokenOf(await (await client.get(`${stack.emulatorUrl}/`)).text(), standard);
      const byPassword = await postToken(stack.emulatorUrl, {
        grant_type: 'password',
        client_id: stack.config.clientId,
        client_secret: stack.config.clientSecret ?? '',
        username: standard,
        password: stack.config.emulator.password + security,
      });
      assert.deepEqual(byPassword.body, {
        error: 'invalid_grant',
        error_description: 'authentication failure',
      });
      const asAdmin = await authorizeInBrowser(stack, { response_type: 'code' });
      assert.ok(asAdmin.searchParams.get('code'), 'an administrator may approve an uninstalled app');
      // Authorized while the app was installed: the approval stands after it is uninstalled.
      await changeSettings(stack, { appInstalled: 'on' });
      await loginAndGetToken(stack, { username: standard });
      await changeSettings(stack, { appInstalled: undefined });
      const again = await authorizeInBrowser(stack, { response_type: 'code' }, { username: standard });
      assert.ok(again.searchParams.get('code'), String(again));
      // An admin's pre-authorization counts as an approval: a fresh org, the Standard User profile pre-authorized.
      const reset = await setupSession(stack);
      await reset.client.post(`${stack.emulatorUrl}/setup/reset`, { csrf: hiddenValue(reset.page, 'csrf') });
      await changeSettings(stack, {
        appInstalled: undefined,
        policy: 'admin-approved',
        profiles: ['System Administrator', 'Standard User'],
      });
      const preAuthorized = await authorizeInBrowser(
        stack,
        { response_type: 'code' },
        { username: standard },
      );
      assert.ok(preAuthorized.searchParams.get('code'), String(preAuthorized));
    } finally {
      await changeSettings(stack, {
        appInstalled: 'on',
        allowUsernamePassword: undefined,
        policy: 'self-authorize',
      });
    }
  });

  test('"Admin approved users are pre-authorized" lets assigned profiles in without approval and keeps others out', async () => {
    const { stack } = emulator;
    assert.equal(
      (await saveSettings(stack, { policy: 'admin-approved', profiles: 'System Administrator' })).status,
      200,
    );
    assert.equal((await jwt(stack.config.username)).status, 200);
    assert.deepEqual(await (await jwt('standard@playground.local')).json(), {
      error: 'invalid_grant',
      error_description: "user hasn't approved this consumer",
    });
    const callback = await authorizeInBrowser(
      stack,
      { response_type: 'code' },
      { username: 'standard@playground.local' },
    );
    const exchange = await client.post(`${stack.emulatorUrl}/services/oauth2/token`, {
      grant_type: 'authorization_code',
      code: callback.searchParams.get('code') ?? '',
      client_id: stack.config.clientId,
      client_secret: stack.config.clientSecret ?? '',
      redirect_uri: stack.config.callbackUrl,
    });
    assert.deepEqual(await exchange.json(), {
      error: 'invalid_app_access',
      error_description: 'user is not admin approved to access this app',
    });
  });

  test('under "Admin approved users are pre-authorized", an unassigned user cannot refresh or log in by password either', async () => {
    const { stack } = emulator;
    await changeSettings(stack, { policy: 'self-authorize', allowUsernamePassword: 'on' });
    const standard = 'standard@playground.local';
    const { refresh_token: refreshToken } = await loginAndGetToken(stack, { username: standard });
    await changeSettings(stack, { policy: 'admin-approved', profiles: 'System Administrator' });
    const notApproved = {
      error: 'invalid_app_access',
      error_description: 'user is not admin approved to access this app',
    };
    const secret = stack.config.clientSecret ?? '';
    const refreshed = await postToken(stack.emulatorUrl, {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: stack.config.clientId,
      client_secret: secret,
    });
    assert.deepEqual(refreshed.body, notApproved);
    const security = securityTokenOf(await (await client.get(`${stack.emulatorUrl}/`)).text(), standard);
    const byPassword = await postToken(stack.emulatorUrl, {
      grant_type: 'password',
      client_id: stack.config.clientId,
      client_secret: secret,
      username: standard,
      password: stack.config.emulator.password + security,
    });
    // The password grant gives nearly every refusal the same answer; the reason is in Login History only.
    assert.deepEqual(byPassword.body, {
      error: 'invalid_grant',
      error_description: 'authentication failure',
    });
    // Assigned again, the same refresh token works: the policy refused it, nothing revoked it.
    await changeSettings(stack, { policy: 'self-authorize' });
    const again = await postToken(stack.emulatorUrl, {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: stack.config.clientId,
      client_secret: secret,
    });
    assert.equal(again.status, 200);
    await changeSettings(stack, { allowUsernamePassword: undefined });
  });
});
