// Explanations for an answer this app's checks found altered on the way: a signature or an id_token that does not
// belong with the token it came with. Its configuration is not the cause, so no setting is offered as the fix.
import type { Rule } from './types.ts';

const START_AGAIN =
  "Start the login again from this app's page. If it happens again, read what came back in the transcript (the token leg, or the callback's fragment in the user-agent flow) and check what answers at SF_LOGIN_URL: a proxy or an extension that rewrites pages may be in the way.";

export const TAMPER_RULES: Rule[] = [
  {
    key: 'signature-missing',
    error: 'signature_mismatch',
    description: 'the response carries no signature and issued_at.',
    title: 'The response came without its signature',
    likelyMeaning:
      'Salesforce signs every token response of these flows (signature, over id and issued_at, with the consumer secret); this one had neither field. It was cut or edited on the way (a callback fragment typed or changed by hand), or it did not come from Salesforce.',
    howToFix: START_AGAIN,
    whatNotToDo: 'Do not use the token that came: nothing shows that Salesforce issued it to this app.',
  },
  {
    key: 'id-token-unbound',
    error: 'id_token_invalid',
    description: /^(at_hash is |it has no at_hash|its alg is |the id_token is not a readable jwt)/,
    title: 'The id_token does not belong with this answer',
    likelyMeaning:
      'Salesforce signs its id_tokens with RS256 and binds each to the access token it comes with (at_hash, the hash of that token). This one is not such a token, or it came with another access token: the answer was altered or pieced together on the way, not misconfigured in this app.',
    howToFix: START_AGAIN,
    whatNotToDo:
      'Do not use the access token that came with it: nothing shows it is the one Salesforce issued for this login.',
  },
];
