// The paste-an-error page on Salesforce's 2023–2027 platform changes: the cards for the errors a learner meets
// because of one say what changed, when, and the fix, as the wire references date it.
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import { pageText, pasteStack } from '../support/paste.ts';

describe('the trouble path: errors that come from a platform change', () => {
  const { explain } = pasteStack();

  test('a refused SOAP login() says that login() is gone from API 65.0 on and retires in Summer 27', async () => {
    const text = pageText(
      await explain('INVALID_LOGIN: Invalid username, password, security token; or user locked out.'),
    );
    assert.match(text, /The SOAP login\(\) was refused/);
    assert.match(text, /SOAP login\(\) is gone from API 65\.0 \(Winter '26\) on/);
    assert.match(text, /retires it in the versions that still have it in Summer '27/);
  });
});
