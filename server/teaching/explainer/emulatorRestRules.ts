// Explanations for the REST answers only the local emulator gives: a resource it does not serve, and an object or
// field a real org has that it does not model (Salesforce's error code, with the emulator's note in brackets).
import type { Rule } from './types.ts';

export const EMULATOR_REST_RULES: Rule[] = [
  {
    key: 'emulator-unmodeled-field',
    error: 'INVALID_FIELD',
    description: /\(local emulator: it keeps only some/,
    title: 'A field the local emulator does not have',
    likelyMeaning:
      "Either a typo, or a standard field a real org has and the local emulator leaves out: it keeps only the fields its describe lists. The code and the first sentence are Salesforce's; the note in brackets is the emulator's.",
    howToFix:
      'Compare the name with GET /services/data/vXX.X/sobjects/<object>/describe on the emulator (or Setup → Object Manager in an org). A standard field it lacks works against a real org (set SF_LOGIN_URL).',
    whatNotToDo: 'Do not add __c to a standard field name: that names a custom field instead.',
  },
  {
    key: 'emulator-unmodeled-object',
    restartAfter: true,
    error: 'INVALID_TYPE',
    description: /\(local emulator: .* is a standard object/,
    title: 'An object the local emulator does not model',
    likelyMeaning:
      "A real org has this standard object; the local emulator models Account, Contact, Case, Opportunity, User, Profile and Organization only. The code is what Salesforce sends for an unknown object; the note in brackets is the emulator's.",
    howToFix: 'Try it against a real org (set SF_LOGIN_URL), or use one of the objects the emulator models.',
    whatNotToDo: 'Do not add __c: the name is right, and __c would name a custom object.',
  },
  {
    key: 'emulator-not-served',
    restartAfter: true,
    error: 'NOT_FOUND',
    description: /is not served by this local emulator/,
    title: 'The local emulator does not serve this resource',
    likelyMeaning:
      'A real org answers this call. The local emulator plays the OAuth flows and the REST resources most code uses, not all of them.',
    howToFix:
      'Run this call against a real org (set SF_LOGIN_URL), or use what the emulator serves: query, queryAll, sobjects (describe and records), limits, composite batch and sObject Collections.',
    whatNotToDo: 'Do not change working code to avoid the call: against Salesforce it works.',
  },
];
