// A pasted REST error whose request went to a generic login host: the card says so, as teaching.md asks for an
// INVALID_SESSION_ID met right after login (the API called on the login host instead of instance_url).
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import { pasteStack } from '../support/paste.ts';

const SESSION_INVALID = '[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]';

describe('a pasted INVALID_SESSION_ID', () => {
  const { explain } = pasteStack();

  test('names the login host the pasted API call went to', async () => {
    for (const host of ['login.salesforce.com', 'test.salesforce.com']) {
      const html = await explain(
        `curl https://${host}/services/data/v62.0/query?q=SELECT+Id+FROM+Account -H "Authorization: Bearer 00Dxx!AQ"\n${SESSION_INVALID}`,
      );
      assert.match(html, /The session is expired or invalid/);
      assert.match(html, new RegExp(`The call went to https://${host.replace(/\./g, '\\.')}, a login host`));
    }
  });

  test('says nothing of the host when the call went to a My Domain', async () => {
    const html = await explain(
      `GET https://acme.my.salesforce.com/services/data/v62.0/limits\n${SESSION_INVALID}`,
    );
    assert.match(html, /The session is expired or invalid/);
    assert.doesNotMatch(html, /a login host/);
  });
});
