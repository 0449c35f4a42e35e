// What the playground's own settings (SF_…) are in any integration: a pasted error may come from someone's jsforce
// script or middleware, whose fix is the same value under that code's own name.
import { APP_RULES } from './appRules.ts';
import { FLOW_PREREQUISITE_RULES } from './flowPrerequisiteRules.ts';
import type { Explanation } from './types.ts';

/** The playground's own stops (no_client_secret, pem_error…): never an error of anyone else's code. */
const APP_STOPS = new Set([...APP_RULES, ...FLOW_PREREQUISITE_RULES].map((rule) => rule.key));

/** Each setting a fix may name, as the value it stands for on the wire or in the org. */
const MEANINGS: Record<string, string> = {
  SF_LOGIN_URL: 'the host your code sends its token and authorize requests to (login, test or My Domain)',
  SF_MY_DOMAIN: "the org's My Domain URL (https://…my.salesforce.com)",
  SF_CLIENT_ID: "the consumer key, sent as client_id (and as a JWT's iss)",
  SF_CLIENT_SECRET: 'the consumer secret, sent as client_secret',
  SF_CALLBACK_URL: "the redirect_uri your code sends, which must be in the app's Callback URL list",
  SF_AUDIENCE: "a JWT's aud claim",
  SF_USERNAME: "the username your code logs in as (a JWT's sub)",
  SF_JWT_KEY_FILE:
    'the private key your code signs its JWTs with, whose certificate is the one uploaded to the app',
  SF_SCOPES: 'the scope parameter your code asks for',
  SF_API_VERSION: 'the API version in your REST URLs (/services/data/vXX.X/)',
};

/** The playground's settings the shown fixes name, each with what it stands for elsewhere, in the fixes' order. */
export function settingsNamedIn(explanations: readonly Explanation[]): { name: string; meaning: string }[] {
  // Every word a card shows: its fix, what not to do, the emulator's variant, a detail of the request.
  const said = JSON.stringify(explanations.filter((card) => !APP_STOPS.has(card.key)));
  const names = [...new Set(said.match(/\bSF_[A-Z_]+\b/g) ?? [])];
  return names.filter((name) => name in MEANINGS).map((name) => ({ name, meaning: MEANINGS[name] }));
}
