// The app's newer flows end to end over HTTPS against the emulator (client credentials, username-password,
// refresh token), each break-it switch ending on its explained error. The device flow has its own file.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { ADMIN_ID, changeSettings } from '../../support/emulator-api.ts';
import { assertExplained, runWebServerFlow } from '../../support/flows.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';
import { lastTokenCall as lastCallOf, Visitor } from '../../support/visitor.ts';

describe('the newer flows through the app', () => {
  let stack: TestStack;
  const visitor = new Visitor(() => stack);
  const { client } = visitor;
  const page = (path: string) => visitor.page(path);
  const run = (flowPath: string, form: Record<string, string> = {}) => visitor.run(flowPath, form);
  const arm = (flowPath: string, flow: string, fault: string) => visitor.arm(flowPath, flow, fault);
  const lastTokenCall = () => lastCallOf(stack);

  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  describe('client credentials', () => {
    test('without a Run As user the org answers no client credentials user enabled, explained', async () => {
      assert.equal(await run('/flows/client-credentials'), '/flows/client-credentials#teaching-heading');
      const html = await page('/flows/client-credentials');
      assertExplained(html, {
        error: 'invalid_grant',
        description: 'no client credentials user enabled',
        title: 'The app has no Run As user for client credentials',
      });
      // Its advice against an administrator, with the emulator's users only: which one to pick there.
      assert.match(html, /It has no API Only user: for Run As there, pick its standard user \(standard@\)/);
      // "A few minutes" is a real org's: the emulator's change counts from the next request.
      assert.match(html, /a few minutes later: at Salesforce a change takes that long to apply\./);
      assert.match(html, /A change there counts from the next request\./);
    });

    test('with a Run As user, one POST to My Domain signs in and the result page queries the instance', async () => {
      await changeSettings(stack, { runAsUserId: ADMIN_ID });
      assert.equal(await run('/flows/client-credentials'), '/result');
      const call = lastTokenCall();
      assert.equal(call?.headers.host, new URL(stack.instanceUrl).host);
      assert.equal(call?.params.grant_type, 'client_credentials');
      const result = await page('/result');
      assert.match(result, /<td>Acme Inc\.<\/td>/);
      assert.equal(await run('/flows/client-credentials', { authentication: 'basic' }), '/result');
      assert.match(lastTokenCall()?.headers.authorization ?? '', /^Basic /);
      // The flow page keeps the way the last run sent the secret chosen.
      assert.match(await page('/flows/client-credentials'), /value="basic" checked>/);
    });

    for (const [fault, error, description, title] of [
      [
        'login-host',
        'invalid_grant',
        'request not supported on this domain',
        'The client credentials flow must call your My Domain',
      ],
      ['wrong-secret', 'invalid_client', 'invalid client credentials', 'The client secret is wrong'],
      [
        'no-run-as',
        'invalid_grant',
        'no client credentials user enabled',
        'The app has no Run As user for client credentials',
      ],
    ]) {
      test(`break it: ${fault} ends on ${description}, explained`, async () => {
        await arm('/flows/client-credentials', 'client-credentials', fault);
        assert.equal(await run('/flows/client-credentials'), '/flows/client-credentials#teaching-heading');
        const html = await page('/flows/client-credentials');
        assertExplained(html, { error, description, title, fault });
        // A fault the local org played for this attempt alone: its copy would not meet it, and the leg says so.
        const tokenLeg = /data-entry="([^"]+)" data-leg="token"/.exec(html)?.[1];
        const leg = await page(`/teaching/legs/${tokenLeg}?part=body`);
        const played = /<strong>Not an error a copy meets\.<\/strong> This attempt was armed to ([^:]+):/;
        if (fault === 'no-run-as') assert.match(leg, played);
        else assert.doesNotMatch(leg, played, 'the app sent what fails: its copy fails too');
      });
    }
  });

  describe('username-password', () => {
    const credentials = async () => {
      const home = await (await client.get(`${stack.emulatorUrl}/`)).text();
      const token = new RegExp(`data-security-token="${stack.config.username}">([A-Za-z0-9]+)<`).exec(
        home,
      )?.[1];
      assert.ok(token, 'the emulator home page lists the security token');
      return {
        username: stack.config.username,
        password: stack.config.emulator.password,
        securityToken: token,
      };
    };

    test('blocked by default: authentication failure, explained as the org’s setting first', async () => {
      // Said before the first run, with the way to the setting.
      assert.match(
        await page('/flows/username-password'),
        /The local emulator's org starts with it off too: turn on <em>Allow OAuth Username-Password Flows<\/em> on\s+<a href="https:\/\/localhost:\d+\/setup">its Setup page<\/a>/,
      );
      assert.equal(
        await run('/flows/username-password', await credentials()),
        '/flows/username-password#teaching-heading',
      );
      const html = await page('/flows/username-password');
      assertExplained(html, {
        error: 'invalid_grant',
        description: 'authentication failure',
        title: 'Salesforce refused the username-password login',
      });
      // The fix names the org setting that blocks the flow, as Setup spells it, not just the page it is on.
      assert.match(
        html,
        /Turn on Allow OAuth Username-Password Flows \(Setup → OAuth and OpenID Connect Settings\) if it is off; use a Connected App/,
      );
      // Here the org is the emulator: where its settings are, and how a lockout (the same answer) ends.
      assert.match(
        html,
        /ten wrong passwords in a row lock a user for 15 minutes, and the right password then gets/,
      );
      assert.match(
        html,
        /with the only administrator locked \(who alone signs in there\), restart the emulator/,
      );
      const tokenLeg = /data-entry="([^"]+)" data-leg="token"/.exec(html)?.[1];
      assert.ok(tokenLeg, 'the token request is a leg of the page');
      const leg = await page(`/teaching/legs/${tokenLeg}?part=body`);
      assert.match(leg, /data-field="param-password">••••••</, 'the password is never shown');
      for (const shown of [html, leg])
        assert.ok(!shown.includes(stack.config.emulator.password + (await credentials()).securityToken));
    });

    test('a refused run keeps the user it tried in the form: a retry does not switch users', async () => {
      const typed = { ...(await credentials()), username: 'standard@playground.local' };
      assert.equal(await run('/flows/username-password', typed), '/flows/username-password#teaching-heading');
      assert.match(
        await page('/flows/username-password'),
        /<input id="up-username" name="username" type="text" autocomplete="username" value="standard@playground\.local">/,
      );
      // Refused here before anything is sent (no password typed): the user typed stays too.
      const other = { ...typed, username: 'inactive@playground.local', password: '' };
      assert.equal(await run('/flows/username-password', other), '/flows/username-password#teaching-heading');
      assert.match(await page('/flows/username-password'), /value="inactive@playground\.local">/);
    });

    test('an empty password is refused here, with nothing sent to Salesforce (nor counted toward the lockout)', async () => {
      const tokenCalls = () => stack.emulator?.received.filter((r) => r.path === '/token').length;
      const before = tokenCalls();
      const typed = { ...(await credentials()), password: '' };
      assert.equal(await run('/flows/username-password', typed), '/flows/username-password#teaching-heading');
      assertExplained(await page('/flows/username-password'), {
        error: 'password_missing',
        description: 'no password was entered, so nothing was sent to Salesforce',
        title: "Enter the user's password first",
      });
      assert.equal(tokenCalls(), before);
    });

    test('a password typed with the token on its end, and the token again in its field: refused here, unsent', async () => {
      const tokenCalls = () => stack.emulator?.received.filter((r) => r.path === '/token').length;
      const before = tokenCalls();
      const typed = await credentials();
      const twice = { ...typed, password: `${typed.password}${typed.securityToken}` };
      assert.equal(await run('/flows/username-password', twice), '/flows/username-password#teaching-heading');
      assertExplained(await page('/flows/username-password'), {
        error: 'security_token_twice',
        description:
          'the password already ends with the security token, which was typed in its own field too, so nothing was sent to Salesforce',
        title: 'The security token was typed twice',
      });
      assert.equal(tokenCalls(), before);
    });

    test('allowed in Setup, the password plus security token signs in; without the token, the page says so', async () => {
      await changeSettings(stack, { allowUsernamePassword: 'on' });
      const alone = { ...(await credentials()), securityToken: '' };
      assert.equal(await run('/flows/username-password', alone), '/flows/username-password#teaching-heading');
      const refused = await page('/flows/username-password');
      assert.match(refused, /with no security token after the password \(its field was empty\)/);
      assert.match(refused, /grant_type=password, the password alone \(the Security token field was empty\)/);
      assert.doesNotMatch(refused, /the password \+ security token/);
      // The fix names the token, and where the local emulator lists each demo user's.
      assert.match(
        refused,
        /How to fix it:<\/strong><\/p>\s*<ol class="fix-steps">(?:<li>[^<]*<\/li>)?<li>Send the password followed by the user&#39;s current security token/,
      );
      assert.match(
        refused,
        /Here the org is the local emulator\. Each demo user&#39;s security token is listed on its Setup page, under\s+Users/,
      );
      assert.equal(await run('/flows/username-password', await credentials()), '/result');
      assert.match(await page('/result'), /<td>Acme Inc\.<\/td>/);
    });

    test('armed to leave out the token, with the token typed on the password and its field empty: signs in, and says the switch had no token to leave out', async () => {
      await changeSettings(stack, { allowUsernamePassword: 'on' });
      await arm('/flows/username-password', 'username-password', 'no-security-token');
      const typed = await credentials();
      const onThePassword = {
        ...typed,
        password: `${typed.password}${typed.securityToken}`,
        securityToken: '',
      };
      assert.equal(await run('/flows/username-password', onThePassword), '/result');
      const result = await page('/result');
      assert.match(
        result,
        /<p class="notice armed-accepted">Armed to leave out the security token, yet it succeeded: the Security token field was empty, so there was no token to leave out/,
      );
      assert.doesNotMatch(result, /did not ask for the security token from this machine/);
    });

    for (const fault of ['no-security-token', 'wrong-password']) {
      test(`break it: ${fault} ends on authentication failure, explained`, async () => {
        await arm('/flows/username-password', 'username-password', fault);
        assert.equal(
          await run('/flows/username-password', await credentials()),
          '/flows/username-password#teaching-heading',
        );
        const html = await page('/flows/username-password');
        assertExplained(html, {
          error: 'invalid_grant',
          description: 'authentication failure',
          title: 'Salesforce refused the username-password login',
          fault,
        });
        // Salesforce's words name no cause; the armed one is named.
        const cause =
          fault === 'no-security-token'
            ? 'left the security token off the password on purpose'
            : 'sent a wrong password on purpose';
        assert.ok(html.includes(`In this request:</strong> This attempt ${cause}, for `), cause);
      });
    }
  });

  describe('refresh token', () => {
    test('after a JWT bearer sign-in, the page names that flow, by its name, as the one that gave none', async () => {
      await runWebServerFlow(stack, client); // the user approves the app, as the JWT flow needs
      assert.equal(await run('/flows/jwt'), '/result');
      const html = await page('/flows/refresh-token');
      assert.match(html, /This session has no refresh token \(the JWT bearer flow gave none\)/);
      // With no Run button on the page, the empty panel does not tell the learner to run the flow.
      assert.doesNotMatch(html, /Run the flow: each step/);
      assert.match(
        html,
        /Once this session has a refresh token, run the flow: each step, check and request will appear here\./,
      );
    });

    test('with rotation off, the result page says the refresh token kept is the login’s, not one the refresh returned', async () => {
      await runWebServerFlow(stack, client);
      assert.equal(await run('/flows/refresh-token'), '/result');
      const refreshed = await page('/result');
      const said = /<dt>refresh_token<\/dt><dd>([^<]*)/.exec(refreshed)?.[1] ?? '';
      assert.match(said, /^kept from the web server sign-in this refresh continues, in your session only:/);
      assert.doesNotMatch(said, /received/);
      assert.match(refreshed, /Rotation is off: the refresh token from the original login stays valid/);
    });

    test('with rotation on, each refresh brings a new refresh token; reusing the replaced one revokes the grant, explained', async () => {
      await changeSettings(stack, { refreshTokenRotation: 'on' });
      await runWebServerFlow(stack, client);
      assert.equal(await run('/flows/refresh-token'), '/result');
      assert.match(await page('/result'), /<td>Acme Inc\.<\/td>/);
      await arm('/flows/refresh-token', 'refresh-token', 'reuse-refresh-token');
      assert.equal(await run('/flows/refresh-token'), '/flows/refresh-token#teaching-heading');
      assertExplained(await page('/flows/refresh-token'), {
        error: 'invalid_grant',
        description: 'expired access/refresh token',
        title: 'That refresh token no longer works',
        fault: 'reuse-refresh-token',
      });
      // Here the org is the emulator, shared by every visitor: their sign-ins count toward the user's five grants.
      assert.match(
        await page('/flows/refresh-token'),
        /another visitor&#39;s sign-ins count toward the user&#39;s five grants/,
      );
      // The result page no longer offers a refresh that cannot work, and says why.
      const result = await page('/result');
      assert.match(result, /Salesforce refused a refresh of this login at/);
      assert.ok(result.includes('expired access/refresh token'));
      assert.doesNotMatch(result, /Refresh the access token/);
      assert.equal(
        await run('/flows/refresh-token'),
        '/flows/refresh-token#teaching-heading',
        'the current one went with the family',
      );
      await changeSettings(stack, { refreshTokenRotation: undefined });
    });

    for (const [fault, error, description, title] of [
      [
        'revoked-refresh-token',
        'invalid_grant',
        'expired access/refresh token',
        'That refresh token no longer works',
      ],
      ['wrong-secret', 'invalid_client', 'invalid client credentials', 'The client secret is wrong'],
      [
        'no-secret',
        'invalid_client',
        'invalid client credentials',
        'The app requires the client secret to refresh, and none was sent',
      ],
    ]) {
      test(`break it: ${fault} ends on ${description}, explained`, async () => {
        await runWebServerFlow(stack, client);
        await arm('/flows/refresh-token', 'refresh-token', fault);
        assert.equal(await run('/flows/refresh-token'), '/flows/refresh-token#teaching-heading');
        const explained = await page('/flows/refresh-token');
        assertExplained(explained, { error, description, title, fault });
        // The playground's own call: no other client's settings (Auth.js's) in its card.
        assert.doesNotMatch(explained, /Auth\.js/);
        // Only invalid_grant kills the refresh token; a secret left out or wrong leaves it working.
        const result = await page('/result');
        assert.equal(/Salesforce refused a refresh of this login/.test(result), error === 'invalid_grant');
        assert.equal(/Refresh the access token/.test(result), error !== 'invalid_grant');
      });
    }

    test('break it: a secret left out of a refresh the app lets through succeeds, and says why', async () => {
      await changeSettings(stack, { requireSecretForRefresh: undefined });
      try {
        await runWebServerFlow(stack, client);
        await arm('/flows/refresh-token', 'refresh-token', 'no-secret');
        assert.equal(await run('/flows/refresh-token'), '/result');
        const result = await page('/result');
        assert.match(result, /The sign-in that gave this token succeeded\./);
        assert.match(
          result,
          /<p class="notice armed-accepted">Armed to leave out the client secret, yet it succeeded: the app does not require the secret to refresh/,
        );
        assert.doesNotMatch(result, /This attempt was armed to/, 'said once, where the success is');
      } finally {
        await changeSettings(stack, { requireSecretForRefresh: 'on' });
      }
    });
  });
});
