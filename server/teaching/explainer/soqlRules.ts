// Explanations for SOQL refusals whose code is shared with plainer mistakes: an INVALID_FIELD that is not about
// the field's name, and limits on OFFSET and FIELDS(). They come before the REST rules, which explain the code alone.
import type { Rule } from './types.ts';

export const SOQL_RULES: Rule[] = [
  {
    key: 'soql-aggregate-type',
    error: 'INVALID_FIELD',
    description: /does not support aggregate operator/,
    title: 'This aggregate does not work on that field',
    likelyMeaning:
      'SUM and AVG take number, currency and percent fields; MIN and MAX also take dates and text; COUNT takes any field. The field exists: its type does not fit the function.',
    howToFix: 'Aggregate a field of a fitting type, or use COUNT(field) to count values.',
    whatNotToDo: 'Do not convert the field in the query: SOQL has no casts; aggregate in your code instead.',
  },
  {
    key: 'soql-operator-type',
    error: 'INVALID_FIELD',
    description: /invalid operator on field/,
    title: 'This operator does not work on that field',
    likelyMeaning:
      'Each operator takes certain field types: LIKE only text fields; <, >, <= and >= no booleans. The field exists: the comparison does not fit its type.',
    howToFix: 'Use an operator the field type takes, e.g. = or IN for numbers, LIKE only on text.',
    whatNotToDo: 'Do not quote a number to make LIKE work: the field stays a number.',
  },
  {
    key: 'soql-includes',
    error: 'INVALID_FIELD',
    description: /includes or excludes operator only valid on multipicklist/,
    title: 'INCLUDES and EXCLUDES need a multi-select picklist',
    likelyMeaning:
      'INCLUDES and EXCLUDES test the values of a multi-select picklist; this field is another type.',
    howToFix: "For a single-select picklist or text field, use = or IN ('a', 'b') instead.",
    whatNotToDo: 'Do not change the field to a multi-select picklist just for a query.',
  },
  {
    key: 'soql-semi-join-type',
    error: 'INVALID_FIELD',
    description: /must point to the same object type/,
    title: "The subquery's field and the outer field are different kinds of id",
    likelyMeaning:
      'In WHERE field IN (SELECT other FROM ...), both sides must be ids of the same object: e.g. AccountId IN (SELECT Id FROM Account), not a name against a name or an id of another object.',
    howToFix: 'Compare an id or lookup field with a subquery that selects ids of that same object.',
    whatNotToDo: 'Do not compare names across objects: semi-joins work on ids only.',
  },
  {
    key: 'soql-invalid-date',
    error: 'INVALID_FIELD',
    description: /\binvalid date\b/,
    title: 'A date in the query is not a real date',
    likelyMeaning:
      'The literal has the right shape but no such day exists (month 13, day 45), or it is not written as YYYY-MM-DD (dates) or YYYY-MM-DDThh:mm:ssZ (datetimes).',
    howToFix:
      'Write a real date in that form, e.g. 2025-03-15 or 2025-03-15T00:00:00Z, or a date literal such as LAST_N_DAYS:30.',
    whatNotToDo: 'Do not quote dates: SOQL reads a quoted date as text.',
  },
  // SOQL and SOSL Reference, "OFFSET": at most 2,000 rows, more answers NUMBER_OUTSIDE_VALID_RANGE.
  {
    key: 'soql-offset-range',
    error: 'NUMBER_OUTSIDE_VALID_RANGE',
    description: /offset/i,
    title: 'OFFSET can skip at most 2,000 rows',
    likelyMeaning:
      'SOQL refuses an OFFSET over 2,000: it is meant for short paging, not for walking a large table.',
    howToFix:
      'Page with the query locator instead: follow nextRecordsUrl, or filter on an ordered field (WHERE Id > the last id seen ORDER BY Id).',
    whatNotToDo: 'Do not split the query into many OFFSET windows: they stop at 2,000 all the same.',
  },
  // SOQL and SOSL Reference, "SELECT" (FIELDS()): ALL and CUSTOM are unbounded sets and need LIMIT 200; STANDARD not.
  {
    key: 'soql-fields-limit',
    error: 'MALFORMED_QUERY',
    description: /fields function must have a limit/,
    title: 'FIELDS(ALL) and FIELDS(CUSTOM) need LIMIT 200 or less',
    likelyMeaning:
      'Selecting every field (or every custom field) is allowed only for at most 200 rows; FIELDS(STANDARD) has no such limit.',
    howToFix: 'Add LIMIT 200 (or less), or name the fields you need.',
    whatNotToDo: 'Do not select every field in code that runs often: name what you use.',
  },
  {
    key: 'soql-and-or',
    error: 'MALFORMED_QUERY',
    description: /unexpected token: (AND|OR)$/i,
    title: 'SOQL stopped at an AND or OR',
    likelyMeaning:
      'Most often AND and OR are mixed at one level, as in a AND b OR c: SOQL, unlike SQL, gives neither precedence and asks for parentheses whenever the two meet. Otherwise the operator stands where a condition belongs (a doubled AND, or one right after WHERE).',
    howToFix: 'Group the conditions as you mean them: (a AND b) OR c, or a AND (b OR c).',
    whatNotToDo: 'Do not rely on the precedence another database would apply: SOQL applies none.',
  },
  {
    key: 'soql-field-alias',
    error: 'MALFORMED_QUERY',
    description: /only aggregate expressions use field aliasing/,
    title: 'Only aggregate queries take aliases',
    likelyMeaning:
      'A word right after a field in SELECT reads as an alias (SELECT Name n), and a query without GROUP BY or an aggregate function takes none: records always come back under the field names.',
    howToFix: 'Remove the alias (a missing comma between two fields looks the same), or rename in your code.',
    whatNotToDo: 'Do not add GROUP BY just to get an alias: it changes what the query returns.',
  },
  // SOQL and SOSL Reference, "Considerations When Using GROUP BY" (no queryMore, batches up to 2,000 rows); the REST
  // batchSize range 200 to 2,000: Mobile SDK guide, "SOQL Query".
  {
    key: 'soql-aggregate-paging',
    error: 'EXCEEDED_ID_LIMIT',
    description: /does not support querymore/i,
    title: 'An aggregate query must fit in one batch',
    likelyMeaning:
      'A query with GROUP BY or an aggregate function gets no nextRecordsUrl: when its groups are more than one batch (2,000, or the batchSize asked for), Salesforce refuses it instead of paging.',
    howToFix:
      'Add a LIMIT no larger than the batch (2,000 unless a smaller batchSize was asked for in Sforce-Query-Options, which can be raised to 2,000), or narrow WHERE so fewer groups come back; for one row per record, drop GROUP BY and page a plain query.',
    whatNotToDo:
      'Do not expect paging to fix it: an aggregate query has no next page, and 2,000 is the largest batch.',
  },
];
