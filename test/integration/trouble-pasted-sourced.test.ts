// The paste-an-error page says about Salesforce only what its references or Salesforce's own pages say: each test
// pastes an error whose card once stated more (or less) than those sources, and reads the corrected words.
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import { pageText, pasteStack } from '../support/paste.ts';

describe('the trouble path: cards hold to what Salesforce documents', () => {
  const { explain } = pasteStack();

  test('an uninstalled app refused to a user leaves whether pre-authorization lets them in unconfirmed', async () => {
    const text = pageText(
      await explain(
        'https://login.salesforce.com/setup/secur/RemoteAccessErrorPage.apexp?error=OAUTH_APP_ACCESS_DENIED&error_description=this+app+is+not+installed+in+this+org',
      ),
    );
    assert.match(text, /The app is not installed in this org, and this user may not approve it/);
    assert.doesNotMatch(text, /or an admin pre-authorized them/);
    assert.match(text, /whether an admin's pre-authorization of the user also lets them in is unconfirmed/);
  });

  test('REQUEST_LIMIT_EXCEEDED names the concurrent long-running calls as well as the 24-hour allocation', async () => {
    const text = pageText(
      await explain(
        '[{"message":"ConcurrentRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]',
      ),
    );
    assert.match(text, /The org's API request limit is used up/);
    assert.match(
      text,
      /too many long-running calls \(20 seconds or more\) at once: 25 in production orgs and sandboxes, 5 in Developer Edition and trial orgs/,
    );
    // Composite counts once, a Composite Batch once per subrequest: "batch" alone would advise the one that saves none.
    assert.match(
      text,
      /combine calls with Composite \(one call for up to 25; a Composite Batch still counts each/,
    );
    assert.doesNotMatch(text, /batch or cache/);
  });

  test("authentication failure's causes: the documented ones as such, a frozen user and login hours as unconfirmed", async () => {
    const text = pageText(
      await explain('{"error":"invalid_grant","error_description":"authentication failure"}'),
    );
    assert.match(text, /A catch-all: wrong credentials, the user is inactive or their password changed/);
    assert.match(
      text,
      /Whether a frozen user or one outside their login hours gets these words is unconfirmed/,
    );
    assert.doesNotMatch(text, /the user is inactive or frozen/);
  });

  test('activation secret invalid: the other name one report gives it is said as that, not as what Login History shows', async () => {
    const text = pageText(
      await explain('{"error":"invalid_grant","error_description":"activation secret invalid"}'),
    );
    assert.match(
      text,
      /one report gives it another name, LOGIN_OAUTH_INVALID_DS \(where Salesforce shows that name is unconfirmed\)/,
    );
    assert.doesNotMatch(text, /Login History reportedly names it/);
  });

  test("token handler not found: the default handler is the app's, and token_handler names the handler's Apex class", async () => {
    const text = pageText(
      await explain(
        '{"error":"invalid_request","error_description":"token handler not found"}\ngrant_type=urn:ietf:params:oauth:grant-type:token-exchange',
      ),
    );
    assert.match(text, /or the request named none and no handler is the app's default/);
    assert.match(text, /send token_handler with the name of the handler's Apex class/);
    assert.doesNotMatch(text, /the org has no default handler/);
    assert.doesNotMatch(text, /handler's developer name/);
  });

  test('an expired session is not said to be kept alive by use, which Salesforce does not document', async () => {
    const text = pageText(
      await explain('[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]'),
    );
    assert.match(
      text,
      /The token expired \(its session timed out: the app's session timeout, else the profile's or the org's\)/,
    );
    assert.doesNotMatch(text, /went unused/);
  });

  test('OAUTH_APP_ACCESS_DENIED without a reason: the admin-approved cause is said to be unconfirmed', async () => {
    const text = pageText(
      await explain(
        'https://login.salesforce.com/setup/secur/RemoteAccessErrorPage.apexp?error=OAUTH_APP_ACCESS_DENIED',
      ),
    );
    assert.match(text, /This user may not use the app/);
    assert.match(
      text,
      /Salesforce does not document which causes give this code: it is reported for an uninstalled app/,
    );
    assert.match(
      text,
      /that it also stands for an admin-approved app with none of the user's profile or permission sets assigned is unconfirmed/,
    );
  });
});
