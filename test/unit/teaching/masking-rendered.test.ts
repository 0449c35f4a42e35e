// No secret survives in anything the teaching layer renders before Reveal: transcript views and their snippets, the
// panel's HTML, every leg opened; Reveal gives the owner the raw values back.
import assert from '../../support/assert.ts';
import path from 'node:path';
import { describe, test } from 'node:test';
import ejs from 'ejs';
import { loadConfig } from '../../../server/config.ts';
import { teachingHelpers } from '../../../server/teaching/index.ts';
import { openedLeg } from '../../../server/teaching/panel.ts';
import { secretsOf } from '../../../server/teaching/secrets.ts';
import { entryView } from '../../../server/teaching/transcript.ts';
import { assertNoSecret, attemptWithSecrets, SECRETS } from '../../support/secret-attempt.ts';

const config = loadConfig({ SF_CLIENT_SECRET: 'Sup3rS3cretConsumerValue' }, '/tmp');

describe('masking', () => {
  test('transcript views and their snippets keep no secret before Reveal', () => {
    const attempt = attemptWithSecrets();
    const secrets = secretsOf(attempt, [config.clientSecret]);
    const snippets = { caFile: 'certs/server.crt', jwtKeyFile: 'certs/jwt.key' };
    let written = 0;
    for (const entry of attempt.transcript) {
      const view = entryView(entry, secrets, { snippets, attempt });
      assertNoSecret(JSON.stringify(view), `entry ${entry.id}`);
      written += view.snippets?.snippets.filter((snippet) => snippet.text).length ?? 0;
    }
    assert.equal(
      written,
      14,
      'curl, jsforce and Python for the four calls; sf for the query and the JWT bearer exchange',
    );
  });

  test('the rendered teaching panel keeps no secret, but shows the assertion claims', async () => {
    const html = await ejs.renderFile(path.resolve('views/partials/teaching/panel.ejs'), {
      attempt: attemptWithSecrets(),
      flow: 'jwt',
      teach: teachingHelpers(config),
      csrfToken: () => 'csrf',
      armedFaults: () => [],
    });
    assertNoSecret(html, 'the panel HTML');
    assert.match(html, /me@x\.com/);
    assert.match(html, /Salesforce could not verify the assertion/);
    assert.doesNotMatch(html, /data-field=/, 'legs are listed closed: what they hold comes when opened');
  });

  test('every leg, opened, keeps no secret, and copies with placeholders', async () => {
    const attempt = attemptWithSecrets();
    const bodies = await Promise.all(
      attempt.transcript.map((entry) =>
        ejs.renderFile(path.resolve('views/partials/teaching/leg-body.ejs'), {
          entry: openedLeg(attempt, entry, config),
        }),
      ),
    );
    bodies.forEach((html, i) => assertNoSecret(html, `leg ${i + 1} opened`));
    assert.match(
      bodies.join('\n'),
      /Copy<\/span> token request 1 as curl<span class="copy-mode">, with variables from your shell<\/span>/,
    );
  });

  test('revealing gives the owner the raw values back', () => {
    const attempt = attemptWithSecrets();
    const view = entryView(attempt.transcript[1], [], { reveal: true });
    assert.ok(view.requestBody?.includes(encodeURIComponent(SECRETS.verifier)));
    assert.equal(
      view.responseBody,
      JSON.stringify(JSON.parse(attempt.transcript[1].responseBody ?? ''), null, 2),
    );
  });
});
