// Contract tests for the token endpoint's answer formats: form-encoded with format=urlencoded, XML or form encoding
// when the Accept header asks unless format= says otherwise, refusals included.
import assert from '../../support/assert.ts';
import { createHash, randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { authorizeInBrowser } from '../../support/emulator-login.ts';
import { signedInStack } from '../../support/signed-in-stack.ts';

describe('emulator: identity documents, discovery and token formats', () => {
  const signedIn = signedInStack();
  const { client } = signedIn;

  test('answers the token endpoint form-encoded with format=urlencoded, refusals included', async () => {
    const { stack } = signedIn;
    const verifier = randomBytes(32).toString('base64url');
    const callback = await authorizeInBrowser(stack, {
      response_type: 'code',
      scope: 'api refresh_token',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    });
    const form = {
      grant_type: 'authorization_code',
      code: callback.searchParams.get('code') ?? '',
      client_id: stack.config.clientId,
      client_secret: stack.config.clientSecret ?? '',
      redirect_uri: stack.config.callbackUrl,
      code_verifier: verifier,
      format: 'urlencoded',
    };
    const response = await client.post(`${stack.emulatorUrl}/services/oauth2/token`, form);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/x-www-form-urlencoded/);
    const fields = new URLSearchParams(await response.text());
    assert.match(fields.get('access_token') ?? '', /^00D5j00000PlAyG!/);
    assert.equal(fields.get('instance_url'), stack.instanceUrl);
    assert.equal(fields.get('token_type'), 'Bearer');
    const again = await client.post(`${stack.emulatorUrl}/services/oauth2/token`, form);
    assert.equal(again.status, 400);
    assert.equal(await again.text(), 'error=invalid_grant&error_description=expired+authorization+code');
  });

  test('answers the token endpoint in XML or form encoding when the Accept header asks, unless format= says', async () => {
    const { stack, tokens } = signedIn;
    const token = (form: Record<string, string>, accept: string) =>
      client.post(`${stack.emulatorUrl}/services/oauth2/token`, form, { accept });
    const refresh = {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
      client_id: stack.config.clientId,
      client_secret: stack.config.clientSecret ?? '',
    };
    const xml = await token(refresh, 'application/xml');
    assert.equal(xml.status, 200);
    assert.match(xml.headers.get('content-type') ?? '', /^application\/xml/);
    assert.match(
      await xml.text(),
      /^<\?xml [^>]+\?><OAuth [^>]*><access_token>00D5j00000PlAyG!.+<\/access_token>.*<token_type>Bearer<\/token_type>/,
    );
    const spent = { ...refresh, refresh_token: 'not-a-refresh-token' };
    const form = await token(spent, 'application/x-www-form-urlencoded');
    assert.equal(form.status, 400);
    assert.equal(await form.text(), 'error=invalid_grant&error_description=expired+access%2Frefresh+token');
    const xmlRefusal = await token({ ...spent, format: 'xml' }, 'application/json');
    assert.equal(xmlRefusal.status, 400);
    assert.match(
      await xmlRefusal.text(),
      /<error>invalid_grant<\/error><error_description>expired access\/refresh token<\/error_description>/,
    );
    const json = await token({ ...spent, format: 'json' }, 'application/xml');
    assert.match(json.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(await json.json(), {
      error: 'invalid_grant',
      error_description: 'expired access/refresh token',
    });
    const anything = await token(spent, '*/*');
    assert.match(anything.headers.get('content-type') ?? '', /^application\/json/);
  });
});
