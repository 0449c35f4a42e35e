// Explanations for REST API refusals of the request itself rather than of a record: its method, headers, media type
// and JSON body, the composite calls' halts, and the local emulator's own limits, which its messages name as such.
import type { Rule } from './types.ts';

/** Codes the local emulator answers with when it does not do what a real org would ("(an emulator limit)"). */
const EMULATOR_LIMIT_CODES = [
  'NOT_ACCEPTABLE',
  'UNSUPPORTED_MEDIA_TYPE',
  'INVALID_HEADER_TYPE',
  'INVALID_TYPE_FOR_OPERATION',
];

export const REST_REQUEST_RULES: Rule[] = [
  ...EMULATOR_LIMIT_CODES.map((error): Rule => ({
    key: `emulator-limit-${error.toLowerCase().replace(/_/g, '-')}`,
    error,
    description: /an emulator limit/,
    title: 'The local emulator does not do this',
    likelyMeaning:
      'The request is one a real org would serve: the message says what the local emulator leaves out (XML, ETags, writes to some objects).',
    howToFix: 'Do it the way the message suggests while you practise here, or run it against a real org.',
    whatNotToDo: 'Do not change code meant for Salesforce to please the emulator.',
  })),
  {
    key: 'method-not-allowed',
    error: 'METHOD_NOT_ALLOWED',
    title: 'This resource does not take that HTTP method',
    likelyMeaning:
      'Each REST resource takes some methods only; the message lists them. An update is PATCH, never PUT, and a create is POST to the object, not to a record.',
    howToFix: 'Use a method the message allows, on the resource meant for it.',
    whatNotToDo:
      "Do not guess a resource's methods from another API: its page in the REST API Developer Guide lists them.",
  },
  {
    key: 'media-type',
    error: 'UNSUPPORTED_MEDIA_TYPE',
    title: 'The body is sent with a type the API does not read',
    likelyMeaning:
      'The Content-Type header names a format the REST API does not take for this resource (a form body, text/plain).',
    howToFix: 'Send the body as JSON with Content-Type: application/json.',
    whatNotToDo: 'Do not leave the header out: many clients then send their own default.',
  },
  {
    key: 'precondition-failed',
    error: 'PRECONDITION_FAILED',
    title: 'The record changed since the version your request named',
    likelyMeaning:
      'The request asked to write (or read) only if the record was unchanged since a date (If-Unmodified-Since), or still had an ETag (If-Match, on the objects that give one), and someone changed it since.',
    howToFix:
      'Read the record again, apply your change to what it holds now, and send it with its new date or ETag.',
    whatNotToDo: 'Do not drop the header to force the write: it would overwrite the other change unseen.',
  },
  {
    key: 'update-without-id',
    error: 'MISSING_ARGUMENT',
    title: 'A record to update carries no id',
    likelyMeaning:
      'An update of several records (sObject Collections, PATCH) needs the id of each, in the record itself.',
    howToFix: 'Put each record\'s "id" in its body, beside its "attributes": {"type": …}.',
    whatNotToDo: 'Do not send creates and updates in one PATCH: records without ids go in a POST.',
  },
  {
    key: 'composite-bad-reference',
    error: 'PROCESSING_HALTED',
    description: /invalid reference specified/,
    title: 'A subrequest refers to one that did not succeed',
    likelyMeaning:
      'Its @{referenceId.field} names an earlier subrequest that failed, or one that gave no such field: this part never ran. Without allOrNone, the parts that succeeded stay saved.',
    howToFix:
      'Fix the subrequest the reference names (its own error is in the same answer), or the reference itself.',
    whatNotToDo: 'Do not refer to a later subrequest: references are resolved in order.',
  },
  {
    key: 'composite-halted',
    error: 'PROCESSING_HALTED',
    title: 'Stopped because another part of the call failed',
    likelyMeaning:
      'A composite call with allOrNone true rolls every part back when one fails: this part was fine, or never ran.',
    howToFix: 'Find the one part whose error is another code: fix it, and the others go through with it.',
    whatNotToDo: 'Do not retry the halted parts alone: they depend on the one that failed.',
  },
  {
    key: 'collection-rolled-back',
    error: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
    title: 'Rolled back because another record failed',
    likelyMeaning:
      'An sObject Collections call with allOrNone true saves all of its records or none: this one was fine, another was refused, so none was saved.',
    howToFix: 'Find the record whose error is another code, fix it, and send them all again.',
    whatNotToDo: 'Do not resend only this record as if it had failed on its own.',
  },
  {
    key: 'batch-halted',
    error: 'BATCH_PROCESSING_HALTED',
    title: 'Stopped because an earlier subrequest failed',
    likelyMeaning:
      'A batch call with haltOnError true runs none of its subrequests after the first that fails.',
    howToFix: 'Fix the first failed subrequest, or send haltOnError false to run each on its own.',
    whatNotToDo: 'Do not read a halted subrequest as failed on its own: it never ran.',
  },
  // 25 subrequests, at most 5 of them queries or sObject Collections: REST API Developer Guide, "Send Multiple Requests
  // Using Composite".
  {
    key: 'composite-shape',
    error: 'JSON_PARSER_ERROR',
    description: /composite request can have at most|subrequest|referenceid|needs a non-empty/,
    title: 'The composite call is not shaped as the API takes it',
    likelyMeaning:
      'The body parsed, but its list of subrequests does not fit: too many (25 at most, 5 of them queries or sObject Collections), a referenceId missing, repeated or of other characters than letters, digits and _, or an item that is no subrequest.',
    howToFix:
      'Split a long list into several calls, and give each subrequest a unique referenceId of letters, digits and underscores.',
    whatNotToDo:
      'Do not nest calls to get past the limit: a composite subrequest cannot be another composite call.',
  },
  {
    key: 'json-body',
    error: 'JSON_PARSER_ERROR',
    title: "The body is not JSON of the fields' types",
    likelyMeaning:
      'The body is not valid JSON, or a value has the wrong JSON type for its field: text where a number or checkbox is expected, an object or a list for a plain field. "Cannot deserialize instance of … from … value" names the type expected and what was sent.',
    howToFix:
      'Send Content-Type: application/json with numbers and booleans unquoted, dates as "2025-03-15" and date-times as "2025-03-15T09:30:00.000Z".',
    whatNotToDo:
      'Do not build the JSON by joining strings: serialize an object, which quotes and escapes for you.',
  },
  {
    key: 'composite-nested',
    error: 'INVALID_INPUT',
    description: /composite subrequest cannot be another composite/,
    title: 'A composite call holds another composite call',
    likelyMeaning:
      'The subrequests of /composite are single REST calls: a composite or batch call cannot be one.',
    howToFix:
      'Put the inner subrequests in the outer call directly (up to its limit of subrequests), or send two calls.',
    whatNotToDo:
      "Do not split work that must succeed or fail as one into separate calls: a failed second call leaves the first one's records in place.",
  },
];
