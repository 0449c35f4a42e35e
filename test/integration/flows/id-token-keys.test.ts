// The issuer's signing keys unavailable after a redirect flow got its token: the attempt ends on Salesforce's failure,
// and the checks already made stay on the page, the id_token check shown as not made, never as passed or missing.
// A refused answer's grant is revoked, unless it is the login's own (a refresh) or shares the held login's token.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { changeSettings } from '../../support/emulator-api.ts';
import { faultyStack } from '../../support/faulty-stack.ts';
import { TestClient } from '../../support/http.ts';
import { resultWithToken, runUserAgentFlow, runWebServerFlow } from '../../support/flows.ts';
import type { TestStack } from '../../support/stack.ts';
import { Visitor } from '../../support/visitor.ts';

/** The grants the org holds live: one per refresh token not yet revoked or replaced. */
function liveRefreshTokens(stack: TestStack): number {
  const tokens = stack.emulator?.context.state.tokens;
  return [...(tokens?.refresh.values() ?? [])].filter((record) => record.replacedAt === undefined).length;
}

describe('redirect flows: no signing keys for the id_token', () => {
  const faulty = faultyStack();

  for (const flow of ['web-server', 'user-agent'] as const) {
    test(`${flow}: discovery answering 503 leaves the checks made and the id_token check not made`, async () => {
      const client = new TestClient();
      faulty.faults.answer(503, 'text/plain', 'Service Unavailable', '/.well-known/openid-configuration');
      try {
        const location =
          flow === 'web-server'
            ? (await runWebServerFlow(faulty.stack, client)).location
            : await runUserAgentFlow(faulty.stack, client);
        assert.equal(location, `/flows/${flow}#teaching-heading`);
      } finally {
        await faulty.faults.restore();
      }
      const html = await (await client.get(`${faulty.stack.appUrl}/flows/${flow}`)).text();
      assert.match(html, /<h3>Salesforce had a problem answering<\/h3>/);
      assert.match(html, /data-check="signature" data-state="pass"/, 'the signature check that was made');
      assert.match(html, /data-check="id-token" data-state="skipped"/);
      assert.match(
        html,
        /signing keys could not be fetched \(server_error: HTTP 503\), so the id_token was not verified/,
      );
    });
  }

  test('a refused answer does not leave its grant behind: its refresh token is revoked, as a leg of the attempt', async () => {
    const client = new TestClient();
    const before = liveRefreshTokens(faulty.stack);
    faulty.faults.answer(503, 'text/plain', 'Service Unavailable', '/.well-known/openid-configuration');
    try {
      await runWebServerFlow(faulty.stack, client);
    } finally {
      await faulty.faults.restore();
    }
    assert.equal(liveRefreshTokens(faulty.stack), before, 'the grant the refused answer started is gone');
    const html = await (await client.get(`${faulty.stack.appUrl}/flows/web-server`)).text();
    assert.match(html, /revoke \(answer refused\)/);
    const id = /data-entry="([^"]+)" data-leg="revoke \(answer refused\)"/.exec(html)?.[1];
    assert.ok(id, 'the revoke is a step of the attempt');
    const leg = await (await client.get(`${faulty.stack.appUrl}/teaching/legs/${id}?part=body`)).text();
    assert.match(leg, /Response: HTTP 200/);
    assert.match(leg, /Sent by this app after it refused the answer above/);
    assert.doesNotMatch(html, /Signed in/);
  });

  for (const rotation of ['on', undefined] as const) {
    test(`a refused refresh (rotation ${rotation ?? 'off'}) revokes nothing: the login it continues keeps working`, async () => {
      const visitor = new Visitor(() => faulty.stack);
      await changeSettings(faulty.stack, { refreshTokenRotation: rotation });
      try {
        await runWebServerFlow(faulty.stack, visitor.client);
        faulty.faults.answer(503, 'text/plain', 'Service Unavailable', '/.well-known/openid-configuration');
        try {
          assert.equal(await visitor.run('/flows/refresh-token'), '/flows/refresh-token#teaching-heading');
        } finally {
          await faulty.faults.restore();
        }
        // A rotated refresh token is of the login's own grant: revoked, it would take the login's access token too.
        assert.doesNotMatch(await visitor.page('/flows/refresh-token'), /revoke \(answer refused\)/);
        const result = await visitor.page('/result');
        assert.match(result, /<td>Acme Inc\.<\/td>/);
        assert.doesNotMatch(result, /a token that no longer works/);
      } finally {
        await changeSettings(faulty.stack, { refreshTokenRotation: undefined });
      }
    });
  }

  test('a refused answer that carries the access token of the login this browser holds revokes nothing', async () => {
    const client = new TestClient();
    assert.equal((await runWebServerFlow(faulty.stack, client)).location, '/result');
    const { token } = await resultWithToken(faulty.stack, client);
    // As Salesforce may answer a new grant: the access token a login already has, with a refresh token; its
    // signature is wrong, so this app refuses the answer.
    const { instanceUrl, emulatorUrl } = faulty.stack;
    const forged = {
      access_token: token,
      refresh_token: '5Aep861-a-new-grant',
      instance_url: instanceUrl,
      id: `${emulatorUrl}/id/00D000000000001AAA/005000000000001AAA`,
      issued_at: String(Date.now()),
      signature: 'bm90IHRoZSBzaWduYXR1cmU=',
      token_type: 'Bearer',
      scope: 'api refresh_token',
    };
    faulty.faults.answer(200, 'application/json', JSON.stringify(forged), '/services/oauth2/token');
    try {
      await runWebServerFlow(faulty.stack, client);
    } finally {
      await faulty.faults.restore();
    }
    const html = await (await client.get(`${faulty.stack.appUrl}/flows/web-server`)).text();
    assert.match(html, /data-check="signature" data-state="fail"/, 'the answer was refused');
    assert.doesNotMatch(html, /revoke \(answer refused\)/);
    assert.equal(
      (await resultWithToken(faulty.stack, client)).token,
      token,
      'the login holds its token still',
    );
  });
});
