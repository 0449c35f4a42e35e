// Explanations for REST API errors and identity errors.
import { EMULATOR_REST_RULES } from './emulatorRestRules.ts';
import type { Rule } from './types.ts';

export const REST_RULES: Rule[] = [
  // The local emulator's own notes first: they say more than the general entry for the same code.
  ...EMULATOR_REST_RULES,
  {
    key: 'session-not-rest',
    restartAfter: true,
    error: 'INVALID_SESSION_ID',
    description: 'This session is not valid for use with the REST API',
    title: 'The token may not call the REST API',
    likelyMeaning:
      'The token was granted without the api (or full) scope, or an IP restriction applies to it.',
    howToFix:
      'Add the api scope to the app (and to SF_SCOPES for the redirect flows, the ones that ask for scopes), then log in again.',
    whatNotToDo: 'Do not refresh in a loop: a refreshed token has the same scopes.',
  },
  {
    key: 'session-invalid',
    error: 'INVALID_SESSION_ID',
    title: 'The session is expired or invalid',
    likelyMeaning:
      "The token expired (its session timed out: the app's session timeout, else the profile's or the org's), was revoked, or is being used on the wrong host: API calls go to instance_url, not to the login host.",
    howToFix:
      // Revoking an access token leaves its refresh token working; revoking the refresh token ends both (wire §6.2).
      'Use instance_url for every API call. When a token expires, or you revoked the access token alone, get a new one as its flow does: refresh it (a login that has a refresh token), sign a new assertion (JWT bearer), or ask again (client credentials); when you revoked the refresh token, sign in again.',
    whatNotToDo: 'Do not hard-code an instance host; always take instance_url from the token response.',
    detail: (c) =>
      c.apiLoginHost
        ? `The call went to ${c.apiLoginHost}, a login host: send it to the instance_url of the token response instead.`
        : undefined,
  },
  {
    key: 'emulator-soql-limit',
    error: 'MALFORMED_QUERY',
    description: /an emulator limit, not an error in the query/,
    title: 'The local emulator cannot run this SOQL',
    likelyMeaning:
      'The query is valid SOQL, but the local emulator does not evaluate the part the message names. A real org would run it; nothing is wrong with your syntax.',
    howToFix:
      'Run the query against a real org, or leave out the part the message names while you practise here.',
    whatNotToDo: 'Do not change correct SOQL in code meant for Salesforce just to please the emulator.',
  },
  {
    key: 'soql-too-slow',
    error: 'QUERY_TIMEOUT',
    title: 'The query ran for too long',
    likelyMeaning:
      'It compares too many rows against too many conditions (long OR chains, large IN lists on big objects).',
    howToFix: 'Filter on fewer, more selective conditions, or split the work into several queries.',
    whatNotToDo: 'Do not retry the same query in a loop.',
  },
  {
    key: 'filter-type',
    error: 'INVALID_FIELD',
    description: /value of filter criterion for field/,
    title: 'A value in WHERE has the wrong type for its field',
    likelyMeaning:
      'SOQL literals are typed: dates (2025-03-15) only for date fields, datetimes (2025-03-15T04:00:00Z) only for datetime fields, numbers and booleans without quotes, text in single quotes.',
    howToFix: 'Write the literal in the type the message names, e.g. CreatedDate > 2025-03-15T00:00:00Z.',
    whatNotToDo: 'Do not quote numbers or dates to make them "strings": SOQL refuses it.',
  },
  {
    key: 'invalid-id-filter',
    error: 'INVALID_QUERY_FILTER_OPERATOR',
    description: /invalid id field/,
    title: 'An id in WHERE is not a Salesforce id',
    likelyMeaning: 'Id and lookup fields only compare with 15- or 18-character ids (or null).',
    howToFix: 'Use the Id value from a query result.',
    whatNotToDo: 'Do not compare Id with names or other text.',
  },
  {
    key: 'malformed-query',
    error: 'MALFORMED_QUERY',
    title: 'The SOQL does not parse',
    likelyMeaning:
      'The query has a syntax error; the caret in the message points at the place Salesforce stopped understanding it.',
    howToFix: 'Fix the SOQL near the caret. Strings take single quotes; field lists are comma-separated.',
    whatNotToDo: 'Do not build SOQL by pasting user input into it: use binding or escaping.',
  },
  {
    key: 'invalid-field',
    error: 'INVALID_FIELD',
    title: 'A field does not exist (or is not visible)',
    likelyMeaning:
      'The object has no field by that name for this user: a typo, a custom field without __c, or field-level security hiding it.',
    howToFix:
      "Check the name in Setup → Object Manager → the object → Fields & Relationships, and the user's field permissions.",
    whatNotToDo: 'Do not query every field "just in case"; name what you need.',
  },
  {
    key: 'invalid-type',
    error: 'INVALID_TYPE',
    title: 'The object does not exist (or is not visible)',
    likelyMeaning:
      'No sObject of that name for this user: a typo, a custom object without __c, or missing object permissions.',
    howToFix: "Check Setup → Object Manager and the user's profile or permission sets.",
    whatNotToDo: 'Do not grant "View All Data" to make it disappear.',
  },
  {
    key: 'not-found',
    restartAfter: true,
    error: 'NOT_FOUND',
    title: 'No such resource',
    likelyMeaning:
      'The record id does not exist, the path is wrong, or the API version in the URL is not one the org has (v38 instead of v38.0, or a future version).',
    howToFix:
      "Discover versions with GET /services/data/ and check the id. The playground's own calls use SF_API_VERSION when it is set: remove it to use the newest the org offers.",
    whatNotToDo: 'Do not hard-code a version you have not seen the org advertise.',
  },
  {
    key: 'malformed-id',
    error: 'MALFORMED_ID',
    title: 'That is not a Salesforce id',
    likelyMeaning:
      "Ids are 15 or 18 characters of letters and digits, starting with the object's key prefix.",
    howToFix: 'Use the Id value from a query result.',
    whatNotToDo: 'Do not trim 18-character ids to 15 in code that compares them case-insensitively.',
  },
  {
    // Salesforce App Limits, "API Query Cursor Limits", and KB 000384958: two days, no count limit, since API 56.0.
    key: 'query-locator',
    error: 'INVALID_QUERY_LOCATOR',
    title: 'The next page of results is gone',
    likelyMeaning:
      "The nextRecordsUrl was changed on its way (cut short, or an offset of one's own), or its query ran more than two days ago: Salesforce keeps a query's remaining results for two days. The older limits, ten open cursors a user and 15 idle minutes, went in API 56.0.",
    howToFix: 'Run the query again and follow each nextRecordsUrl as it comes, unchanged.',
    whatNotToDo: 'Do not build locators or offsets yourself, or keep them for days.',
  },
  {
    key: 'bad-oauth-token',
    error: 'Bad_OAuth_Token',
    title: 'The identity URL (or userinfo) refused the token',
    likelyMeaning: 'The token is expired or revoked, or the identity URL belongs to another org.',
    howToFix:
      'Get a new access token as its flow does (refresh it when the login has a refresh token, else sign in again), and call the id URL or userinfo with a token from the same login.',
    whatNotToDo:
      'Do not expect JSON here: this error comes as plain text, most often reported with HTTP 403.',
  },
];
