// The setup doctor: every probe passes against the default emulator, and each wrong setting of a real org gets a
// failed check naming the variable and the fix.
import assert from '../support/assert.ts';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { changeSettings } from '../support/emulator-api.ts';
import { runWebServerFlow } from '../support/flows.ts';
import { TestClient } from '../support/http.ts';
import { startTestStack, TEST_ROOT, testKeyPem, type TestStack } from '../support/stack.ts';
import { EMULATOR_DEFAULTS } from '../../server/config.ts';
import { NEWEST_VERSION } from '../../server/emulator/rest/versions.ts';
import { doctorReport } from '../support/doctor.ts';
import { unescapeHtml } from '../support/html.ts';

describe('the setup doctor', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  test('passes every check against the default emulator, each with its leg', async () => {
    const html = await doctorReport(stack);
    for (const id of ['discovery', 'host-kind', 'client', 'key-certificate', 'api-version', 'clock-skew']) {
      assert.match(html, new RegExp(`data-check="${id}" data-state="pass"`), id);
    }
    assert.match(html, /<strong>pre-flight<\/strong>/);
    assert.match(html, /<title>Setup guide · /, 'no failure to tell');
    assert.match(
      html,
      /with redirect_uri https:\/\/localhost:\d+\/oauthcallback\.html, and did not refuse scope api refresh_token openid before its login page/,
    );
    assert.match(
      html,
      /data-check="secret" data-state="skipped"/,
      'the secret is judged only by a token request',
    );
    assert.match(html, /the web server flow&#39;s code exchange shows whether it is right/);
  });

  test('an API version the org does not offer is named, with the fix, by the doctor and the result page', async () => {
    const other = await startTestStack({ SF_API_VERSION: '99.0' });
    try {
      const client = new TestClient();
      await runWebServerFlow(other, client);
      const result = await (await client.get(`${other.appUrl}/result`)).text();
      assert.match(result, /<code>NOT_FOUND<\/code>/);
      assert.match(
        result,
        /calls use SF_API_VERSION when it is set: remove it to use the newest the org offers/,
      );
      const html = await doctorReport(other);
      assert.match(html, /data-check="api-version" data-state="fail"/);
      assert.match(
        html,
        new RegExp(
          `SF_API_VERSION=99\\.0 is not one the org offers \\(newest: ${NEWEST_VERSION}\\.0\\)\\. Fix: remove SF_API_VERSION`,
        ),
      );
    } finally {
      await other.close();
    }
  });

  test('a pinned API version of 31.0 to 40.0 works, and the doctor and the result page say it retires', async () => {
    const old = await startTestStack({ SF_API_VERSION: '35.0' });
    try {
      const retiring =
        /v31\.0 to v40\.0 are deprecated in Summer '27 and retired in Summer '28, when the REST API answers them 410 GONE: pin a newer version/;
      const html = unescapeHtml(await doctorReport(old));
      assert.match(html, /data-check="api-version" data-state="pass"/);
      assert.match(html, /SF_API_VERSION=35\.0 is one of them\. Note: /);
      assert.match(html, retiring);
      const client = new TestClient();
      await runWebServerFlow(old, client);
      const result = unescapeHtml(await (await client.get(`${old.appUrl}/result`)).text());
      assert.match(result, /pinned by SF_API_VERSION; v31\.0 to v40\.0/);
      assert.match(result, retiring);
    } finally {
      await old.close();
    }
  });

  test('a signing key of its own that certs/jwt.crt does not match gets that key’s fix alone from the doctor', async () => {
    testKeyPem('unknown-to-emulator'); // written to the keys folder on first use
    const ownKey = await startTestStack({
      SF_JWT_KEY_FILE: path.join(TEST_ROOT, 'keys', 'unknown-to-emulator.pem'),
    });
    try {
      const report = await doctorReport(ownKey);
      assert.match(report, /data-check="key-certificate" data-state="fail"/);
      assert.match(report, /Upload the certificate made with that key to the app/);
      assert.doesNotMatch(report, /delete certs\/jwt\.\*/, 'a new pair would not be the key that signs');
      assert.doesNotMatch(
        report,
        /href="\/setup\/jwt\.crt"/,
        'the certificate here is not the partner of that key',
      );
      assert.match(report, /<code>certs\/jwt\.crt<\/code> here is not its partner, so it is not offered/);
      assert.match(report, /upload the certificate of your <code>SF_JWT_KEY_FILE<\/code> key\./);
      const download = await new TestClient().get(`${ownKey.appUrl}/setup/jwt.crt`);
      assert.equal(download.status, 409);
      assert.match(await download.text(), /upload the certificate made with that key instead/);
    } finally {
      await ownKey.close();
    }
  });

  test('a scope the app does not allow: the login check says to allow it or ask for less, not to copy the key', async () => {
    const scopes = stack.emulator?.context.state.settings.scopes ?? [];
    await changeSettings(stack, { scopes: scopes.filter((scope) => scope !== 'refresh_token') });
    try {
      const html = await doctorReport(stack);
      assert.match(html, /data-check="client" data-state="fail"/);
      assert.match(html, /<title>Setup guide: 1 check failed · /, 'the tab says so');
      // Read as a date, not as an ISO string; the machine-readable one stays in datetime.
      assert.match(
        html,
        /<p id="doctor-result">Checked at <time datetime="\d{4}-\d\d-\d\dT[\d:.]+Z">\w{3}, \d\d \w{3} \d{4} [\d:]{8} GMT<\/time>:/,
      );
      assert.match(
        html,
        /invalid_scope \(the requested scope is not allowed\)\. Fix: allow every scope the playground asks for \(SF_SCOPES, now api refresh_token openid\) among the OAuth scopes on the emulator&#39;s Setup page \(https:\/\/localhost:\d+\/setup\), or leave the ones it lacks out of SF_SCOPES and restart the playground\./,
      );
      assert.doesNotMatch(html, /copy the Consumer Key again/);
    } finally {
      await changeSettings(stack, { scopes });
    }
  });

  test('an SF_MY_DOMAIN that is not an org fails its own check, naming the variable; none at all passes', async () => {
    const org = await startTestStack({}, { emulatorOnly: true });
    const appOf = (myDomain: string) =>
      startTestStack(
        {
          SF_LOGIN_URL: org.emulatorUrl,
          SF_MY_DOMAIN: myDomain,
          SF_CLIENT_ID: EMULATOR_DEFAULTS.clientId,
          SF_USERNAME: EMULATOR_DEFAULTS.username,
        },
        { extraCa: readFileSync(path.join(TEST_ROOT, 'certs', 'server.crt'), 'utf8') },
      );
    // Nothing listens on port 1; the default stack's playground answers 404 for /services/data/.
    const [silent, notAnOrg, without] = await Promise.all([
      appOf('https://127.0.0.1:1'),
      appOf(stack.appUrl),
      appOf(''),
    ]);
    try {
      const html = await doctorReport(silent);
      assert.match(html, /data-check="discovery" data-state="pass"/, 'the login host answers');
      assert.match(html, /data-check="my-domain" data-state="fail"/);
      // Why it matters: identity is read at the token's id (the login host); the My Domain is a host the flows trust.
      assert.match(
        html,
        /every flow accepts the hosts Salesforce names \(instance_url, id\) only if they are/,
      );
      assert.doesNotMatch(html, /the identity checks of every flow use the My Domain/);
      assert.match(
        html,
        /https:\/\/127\.0\.0\.1:1 did not answer \(.+\)\. Fix: check that this machine reaches the host at all .+ If the host is wrong instead: SF_MY_DOMAIN must be your org&#39;s My Domain/,
      );
      assert.match(html, /data-check="api-version" data-state="skipped"/);
      const answered = await doctorReport(notAnOrg);
      assert.match(answered, /data-check="my-domain" data-state="fail"/);
      assert.match(
        answered,
        /answered GET \/services\/data\/ with HTTP 404 and no API versions, which no Salesforce org would/,
      );
      assert.match(answered, /data-check="api-version" data-state="skipped"/, 'not blamed on the version');
      const optional = await doctorReport(without);
      assert.match(
        optional,
        /data-check="host-kind" data-state="pass"/,
        'SF_MY_DOMAIN is for client credentials alone',
      );
      assert.match(optional, /client credentials need your My Domain: set SF_MY_DOMAIN/);
      assert.doesNotMatch(optional, /data-check="my-domain"/);
    } finally {
      await Promise.all([silent.close(), notAnOrg.close(), without.close()]);
      await org.close();
    }
  });
});
