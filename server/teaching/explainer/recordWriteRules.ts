// Explanations for the REST API's refusals of a record write (create, update, delete): the errors an integration
// meets right after its first token works, the field named in the message and in its fields list.
import type { Rule } from './types.ts';

const DESCRIBE = 'GET /services/data/vXX.X/sobjects/<Object>/describe';

export const RECORD_WRITE_RULES: Rule[] = [
  {
    key: 'required-field-missing',
    error: 'REQUIRED_FIELD_MISSING',
    title: 'A required field has no value',
    likelyMeaning:
      'The object requires the fields in brackets: a create left them out, or an update set them to null or "". Required means required by the field itself (never empty), not by a page layout, which the API ignores.',
    howToFix: `Send a value for each field named. ${DESCRIBE} lists every field with nillable and defaultedOnCreate, so your code can tell which must be sent.`,
    whatNotToDo: 'Do not send placeholder values to get past it: they become real data others read.',
  },
  {
    key: 'field-not-writable',
    error: 'INVALID_FIELD_FOR_INSERT_UPDATE',
    title: 'A field in the body cannot be written',
    likelyMeaning:
      'Salesforce sets the field itself (Id, CreatedDate, a formula, an auto-number), it can be set on create only, or the user the token acts for may read it but not edit it (field-level security).',
    howToFix: `Leave the fields named out of the body (${DESCRIBE} says createable and updateable, for the token's own user). If the user must write it, give that user edit access to the field in a permission set: for JWT bearer and client credentials, the user the token runs as.`,
    whatNotToDo: 'Do not give the integration user System Administrator to make one field writable.',
  },
  {
    key: 'string-too-long',
    error: 'STRING_TOO_LONG',
    title: 'A text value is longer than its field',
    likelyMeaning:
      'The message names the field and its length (max length=…), counted in characters: the API refuses the value rather than cutting it.',
    howToFix: `Cut or check values against the field's length before sending (${DESCRIBE} gives it), or ask an admin for a longer field.`,
    whatNotToDo: 'Do not retry the same value: it is refused the same way every time.',
  },
  {
    key: 'email-invalid',
    error: 'INVALID_EMAIL_ADDRESS',
    title: 'An email field holds no email address',
    likelyMeaning: 'The value of the email field named is not of the form name@domain.',
    howToFix: 'Send a whole address, or null to leave the field empty.',
    whatNotToDo: 'Do not pass unchecked input to the field: check the form of an address where it is typed.',
  },
  {
    key: 'record-type-not-available',
    error: 'INVALID_CROSS_REFERENCE_KEY',
    description: /record type id/,
    title: 'The record type is not one this user may use',
    likelyMeaning:
      "The RecordTypeId sent exists, but the token's user may not create records of that type: it is not assigned to the user's profile or permission sets (or belongs to another object).",
    howToFix:
      "Assign the record type to that user's profile or a permission set (Setup → Profiles or Permission Sets → Object Settings → the object → Record Types), or send one the user has (describe: recordTypeInfos, available).",
    whatNotToDo: 'Do not share records to mend it: record types are given to users, not shared.',
  },
  {
    key: 'lookup-not-visible',
    error: 'INVALID_CROSS_REFERENCE_KEY',
    title: 'A lookup names a record this user cannot use',
    likelyMeaning:
      "The id in the lookup field named has the right shape and object, but the token's user cannot see such a record: it was deleted, it belongs to another org (a sandbox's ids are not production's), it is not shared with the user, or it is an inactive user.",
    howToFix:
      "Query it with the same token first (SELECT Id FROM <Object> WHERE Id = '…'), take ids from the org you write to, and share the record with the user when it is hidden from them.",
    whatNotToDo: 'Do not hard-code record ids in code that runs against more than one org.',
  },
  {
    key: 'lookup-wrong-object',
    error: 'FIELD_INTEGRITY_EXCEPTION',
    description: /id value of incorrect type/,
    title: 'A lookup holds an id of another object',
    likelyMeaning:
      "An id's first three characters name its object (001 Account, 003 Contact, 005 User): the id sent belongs to another object than the one the lookup field points to, such as a Contact's id in AccountId.",
    howToFix: `Send an id of the object the field looks up (${DESCRIBE}: referenceTo).`,
    whatNotToDo:
      'Do not write an id into a lookup without knowing its object: check its prefix, or query it.',
  },
  {
    key: 'validation-rule',
    error: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
    title: 'A validation rule of the org refused the values',
    likelyMeaning:
      "An admin's validation rule found the record invalid: the message is the rule's own text, and the error's fields list names the field it is shown on.",
    howToFix:
      'Change the values the message asks for. Setup → Object Manager → the object → Validation Rules shows each rule and its formula.',
    whatNotToDo:
      'Do not deactivate the rule for your integration: it guards data others rely on; ask its owner.',
    inEmulator: "The local emulator's org has one such rule: an Opportunity's Amount cannot be negative.",
  },
  {
    key: 'record-deleted',
    error: 'ENTITY_IS_DELETED',
    title: 'The record is deleted',
    likelyMeaning: 'The record is in the Recycle Bin: deleted, not yet erased.',
    howToFix:
      'Restore it from the Recycle Bin if it was deleted by mistake, or work with another record; /queryAll finds deleted records (IsDeleted = true).',
    whatNotToDo: 'Do not keep record ids cached for long without checking they still exist.',
  },
  {
    key: 'delete-refused',
    error: 'DELETE_FAILED',
    title: 'Other records still need this one',
    likelyMeaning:
      'Salesforce refuses to delete a record others depend on; the message names them (cases of an account or contact).',
    howToFix:
      'Delete the records named, or move them to another record (cases to another account or contact), then delete this one: closing them is not enough.',
    whatNotToDo: 'Do not loop on the delete: it is refused until the records named are gone.',
  },
  {
    key: 'storage-full',
    error: 'STORAGE_LIMIT_EXCEEDED',
    title: "The org's data storage is full",
    likelyMeaning:
      'The org holds as much data as its edition allows (most records count 2 KB), so nothing more can be created.',
    howToFix:
      'Setup → Storage Usage shows what takes the room: delete records no longer needed, or buy more storage.',
    whatNotToDo: 'Do not retry creates in a loop: each is refused until room is made.',
    // 2 KB a record for these four objects: Salesforce KB 000193871, "Salesforce record size overview". A Developer
    // Edition's 5 MB: Bulk API 2.0 and Bulk API Developer Guide, "Set Up a Salesforce Developer Edition Org".
    inEmulator:
      "The local emulator's org has 25 MB of data storage (a Developer Edition has 5 MB), counting 2 KB for each record, as Salesforce counts its accounts, contacts, cases and opportunities: reset the emulator (its Setup page, at the end) to remove the records written through the API.",
  },
];
