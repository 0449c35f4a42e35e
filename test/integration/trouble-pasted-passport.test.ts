// The paste-an-error page on passport-oauth2's "Failed to fetch user profile" (passport-salesforce-oauth2's too): the
// token came, and the profile call the strategy made after it failed. Told as that, with what to check of the call.
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import { firstCard, leadOf, pageText, pasteStack } from '../support/paste.ts';

const AT = '/home/dev/app/node_modules';
/** As console.error(err) prints it: the stack, then the answer node-oauth kept (a 403's plain-text body). */
const WITH_CAUSE = `InternalOAuthError: Failed to fetch user profile
    at Strategy.<anonymous> (${AT}/passport-salesforce-oauth2/lib/strategy.js:78:19)
    at passBackControl (${AT}/oauth/lib/oauth2.js:132:9)
    at IncomingMessage.<anonymous> (${AT}/oauth/lib/oauth2.js:157:7)
    at IncomingMessage.emit (node:events:531:35)
    at endReadableNT (node:internal/streams/readable:1698:12) {
  oauthError: { statusCode: 403, data: 'Bad_OAuth_Token' }
}`;

describe("the trouble path: passport-oauth2's failed profile call", () => {
  const { explain } = pasteStack();

  test('"Failed to fetch user profile", alone or with its stack and cause: the card on the call after the token', async () => {
    for (const pasted of [
      'InternalOAuthError: Failed to fetch user profile',
      WITH_CAUSE,
      `InternalOAuthError: Failed to fetch user profile\n    at ${AT}/passport-oauth2/lib/strategy.js:211:19`,
    ]) {
      const html = await explain(pasted);
      const text = pageText(html);
      assert.equal(
        firstCard(html),
        "The token came; the call for the user's profile after it failed",
        pasted,
      );
      assert.match(leadOf(html), /^Salesforce gave your client a token; the call it made after that/, pasted);
      // What the references document of the two profile endpoints, and nothing of Salesforce's answer to the rest.
      assert.match(text, /Authorization: Bearer/);
      assert.match(
        text,
        /the identity URL \(the token response's id, on the login host\); both also take an oauth_token parameter/,
      );
      assert.match(text, /\?access_token= in the address is documented for neither/);
      assert.match(text, /space-separated/);
      assert.match(text, /err\.oauthError/);
      assert.doesNotMatch(text, /token is expired or revoked/, 'not the Bad_OAuth_Token card first');
    }
  });
});
