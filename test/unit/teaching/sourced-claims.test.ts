// Teaching words that state Salesforce facts say what the references back, and mark the rest as unconfirmed.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { decodeJwt } from '../../../server/teaching/decode.ts';
import { explain } from '../../../server/teaching/explainer/explain.ts';
import { faultWords } from '../../../server/teaching/faults.ts';
import { PARAMETER_HELP } from '../../../server/teaching/parameters.ts';
import { spentValue } from '../../../server/teaching/snippets/spent.ts';
import * as legs from './snippet-fixtures.ts';

const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const meaning = (name: string) =>
  decodeJwt(`${part({ alg: 'RS256' })}.${part({ [name]: 1 })}.c2ln`, 'id_token')?.claims[0]?.meaning ?? '';

describe('Salesforce facts in the teaching words', () => {
  test("an id_token's exp gives the documented default lifetime and its range, aud the app's extra audiences", () => {
    assert.match(meaning('exp'), /2 minutes by default/);
    assert.match(meaning('exp'), /1 to 720 minutes/);
    assert.match(meaning('aud'), /extra audiences/);
  });

  test('the lockout count a wrong password counts toward is not given as a documented default', () => {
    const [words] = faultWords('username-password', ['wrong-password']);
    assert.doesNotMatch(words, /ten in a row by default/);
    assert.match(words, /password policy sets/);
    assert.match(words, /commonly cited/);
    // The card's own words for the same switch agree.
    const card = explain(
      { error: 'invalid_grant', error_description: 'authentication failure' },
      { flow: 'username-password', faults: ['wrong-password'], username: 'a@b.c' },
    );
    assert.match(
      card.detail ?? '',
      /as many in a row as the org's password policy sets; ten is the commonly cited default/,
    );
  });

  test("an authorization code's lifetime is said to be undocumented, not stated", () => {
    assert.doesNotMatch(PARAMETER_HELP.code, /for a few minutes/);
    assert.match(PARAMETER_HELP.code, /lifetime is not documented/);
    const spent = spentValue(legs.codeExchange, { transcript: [legs.codeExchange] });
    assert.doesNotMatch(spent?.detail ?? '', /for a few minutes/);
    assert.match(spent?.detail ?? '', /how long is not documented/);
  });
});
