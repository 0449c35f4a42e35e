// The CORS cards against what Salesforce's CORS pages say and the emulator does (server/emulator/cors.ts): a card
// must not give an endpoint an answer nobody documents, nor leave out an endpoint it is shown for.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { CORS_RULES } from '../../../server/teaching/explainer/corsRules.ts';

const card = (key: string) => {
  const rule = CORS_RULES.find((candidate) => candidate.key === key);
  assert.ok(rule, key);
  return rule;
};
const sentences = (text: string) => text.split(/(?<=\.)\s+/);

describe('the CORS cards', () => {
  test("no card says userinfo answers an unlisted origin with a 403: Salesforce documents that for its APIs only, and the emulator's userinfo answers without CORS headers", () => {
    for (const rule of CORS_RULES) {
      for (const sentence of sentences(`${rule.likelyMeaning} ${rule.howToFix}`)) {
        if (/\b403\b/.test(sentence)) assert.doesNotMatch(sentence, /userinfo/i, `${rule.key}: ${sentence}`);
      }
    }
  });

  test('the OAuth endpoints card names each endpoint it is shown for, and the allowlist need as unconfirmed', () => {
    const oauth = card('cors-oauth-endpoint');
    assert.match(
      'https://acme.my.salesforce.com/services/oauth2/pkce/generator',
      oauth.description as RegExp,
    );
    assert.match(oauth.likelyMeaning, /pkce\/generator/);
    // Salesforce's page lists the endpoints the box opens, and does not say whether the allowlist must name the
    // origin as well: the emulator takes the stricter reading and says so; the card may not state it as fact.
    assert.match(oauth.likelyMeaning, /does not say whether/);
  });
});
