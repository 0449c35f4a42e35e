// The setup doctor against a host that gives no answer: the network, the certificate's trust or the name comes first
// in the fix, then the URL (which is often right already), and a host of its own is judged only when it answered.
import assert from '../support/assert.ts';
import path from 'node:path';
import { describe, test } from 'node:test';
import { doctorReport } from '../support/doctor.ts';
import { TestClient } from '../support/http.ts';
import { startTestStack, TEST_ROOT } from '../support/stack.ts';
import { EMULATOR_DEFAULTS } from '../../server/config.ts';

describe('the setup doctor, when the org does not answer', () => {
  test('with the org unreachable, the doctor does not also fail the versions it could not read', async () => {
    const unreachable = await startTestStack({
      SF_LOGIN_URL: 'https://localhost:1',
      SF_CLIENT_ID: '3MVG9x',
      SF_USERNAME: 'me@example.com',
    });
    try {
      const html = await doctorReport(unreachable);
      assert.doesNotMatch(html, /data-check="api-version" data-state="fail"/);
      assert.match(html, /data-check="api-version" data-state="skipped"/);
      assert.match(html, /\/services\/data\/ got no answer, so the versions could not be read/);
      // No answer at all: the network comes first, the URL (perhaps right already) second.
      assert.match(html, /Fix: check that this machine reaches the host at all/);
      // The consumer key check, which could not ask either, gives the same first step, not a bare failure.
      assert.match(
        html,
        /data-check="client"[^]*?could not be asked \([^)]*\), so the consumer key, callback and scopes are not judged yet\. Fix: check that this machine reaches the host/,
      );
      // An org on this machine is not called a real one.
      assert.match(html, /<p class="mode-badge mode-org">Org mode, on this machine<\/p>/);
      // Before a first flow, the home page leads to this check.
      const home = await (await new TestClient().get(`${unreachable.appUrl}/`)).text();
      assert.match(home, /<a href="\/setup#doctor">Check\s+my setup<\/a> asks it whether it knows/);
    } finally {
      await unreachable.close();
    }
    // A host of its own (a custom domain would be one) fails only when it does not answer as a login host either.
    const ownHost = await startTestStack({
      SF_LOGIN_URL: 'https://[::1]:1',
      SF_CLIENT_ID: '3MVG9x',
      SF_USERNAME: 'me@example.com',
    });
    try {
      const html = await doctorReport(ownHost);
      assert.match(html, /data-check="host-kind" data-state="fail"/);
      assert.match(html, /is not a Salesforce host, and it did not answer as a login host \(a custom domain/);
      assert.doesNotMatch(html, /is a other host/);
    } finally {
      await ownHost.close();
    }
  });

  test('a login host whose certificate this machine does not trust gets the trust fix, not "set SF_LOGIN_URL"', async () => {
    const org = await startTestStack({}, { emulatorOnly: true });
    // No extra CA: as behind a company proxy that inspects TLS, the (right) host's certificate is not trusted.
    const untrusted = await startTestStack({
      SF_LOGIN_URL: org.emulatorUrl,
      SF_CLIENT_ID: EMULATOR_DEFAULTS.clientId,
      SF_USERNAME: EMULATOR_DEFAULTS.username,
    });
    try {
      const html = await doctorReport(untrusted);
      assert.match(html, /data-check="discovery" data-state="fail"/);
      assert.match(html, /untrusted_certificate/);
      assert.match(
        html,
        /Fix: this machine does not trust the host&#39;s certificate\..*NODE_EXTRA_CA_CERTS/,
      );
    } finally {
      await untrusted.close();
    }
    // That fix, set in the app's configuration (a .env file) rather than exported in the shell, is enough.
    const trusted = await startTestStack({
      SF_LOGIN_URL: org.emulatorUrl,
      SF_CLIENT_ID: EMULATOR_DEFAULTS.clientId,
      SF_USERNAME: EMULATOR_DEFAULTS.username,
      NODE_EXTRA_CA_CERTS: path.join(TEST_ROOT, 'certs', 'server.crt'),
    });
    try {
      assert.match(await doctorReport(trusted), /data-check="discovery" data-state="pass"/);
    } finally {
      await trusted.close();
      await org.close();
    }
  });
});
