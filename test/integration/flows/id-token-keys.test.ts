// The issuer's signing keys unavailable after a redirect flow got its token: the attempt ends on Salesforce's failure,
// and the checks already made stay on the page, the id_token check shown as not made, never as passed or missing.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { faultyStack } from '../../support/faulty-stack.ts';
import { TestClient } from '../../support/http.ts';
import { runUserAgentFlow, runWebServerFlow } from '../../support/flows.ts';

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
});
