// Explanations for refusals of a record write that only a real org makes, from what it holds beyond the emulator's
// org: sharing, locks, unique fields, duplicate and validation automation, triggers and flows, restricted picklists,
// inactive users.
import type { Rule } from './types.ts';

export const ORG_WRITE_RULES: Rule[] = [
  {
    key: 'no-record-access',
    error: 'INSUFFICIENT_ACCESS_OR_READONLY',
    title: "The token's user may not change this record",
    likelyMeaning:
      'The user the token acts for lacks the object permission (Create, Edit or Delete) or edit access to this very record (it is owned by someone else and not shared). For JWT bearer and client credentials, that is the user the token runs as, often one with few permissions.',
    howToFix:
      'Give that user the object permission in a permission set, and access to the records through sharing (a sharing rule, a role, a team), then try again.',
    whatNotToDo: 'Do not run the integration as an administrator to get past it.',
  },
  {
    key: 'no-related-record-access',
    error: 'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY',
    title: 'The user may not use a record this one points to',
    likelyMeaning:
      "A lookup in the body (a parent account, an owner) names a record the token's user cannot see or edit, which linking to it requires.",
    howToFix:
      'Share the related record with that user, or point to one they can use; the message or fields may name the lookup.',
    whatNotToDo: 'Do not drop the lookup to get the record saved: it then loses its link.',
  },
  {
    key: 'row-locked',
    error: 'UNABLE_TO_LOCK_ROW',
    title: 'Someone else was changing the same records',
    likelyMeaning:
      "Another transaction held a lock on the record (or its parent, which a child's save locks) for longer than Salesforce waits: parallel writes to the same records, or children of one parent.",
    howToFix:
      'Retry after a pause that grows each time, and group writes by parent so that no two run at once on the same one.',
    whatNotToDo: 'Do not retry at once in a tight loop: it adds to the contention.',
  },
  {
    key: 'duplicate-value',
    error: 'DUPLICATE_VALUE',
    title: 'A unique field already holds this value',
    likelyMeaning:
      "The field named is unique (often an External ID marked unique), and another record has the value sent: the message gives that record's id.",
    howToFix:
      'Update that record instead, or let Salesforce choose: an upsert on the external id (PATCH /sobjects/<Object>/<ExternalIdField>/<value>) creates or updates as needed.',
    whatNotToDo:
      'Do not make the field not unique to get past it: your integration relies on it to find its records.',
  },
  // An alerting rule refuses an API save unless allowSave=true (every field defaults to false), from API 52.0: REST
  // API Developer Guide, "Duplicate Rule Header".
  {
    key: 'duplicates-detected',
    error: 'DUPLICATES_DETECTED',
    title: "The org's duplicate rules blocked the save",
    likelyMeaning:
      'A duplicate rule matched the record with one that exists (same name and email, say): a rule that blocks refuses it, and so, through the API, does a rule that only alerts, unless told otherwise.',
    howToFix:
      'Use the record that exists; where the rule only alerts, send the header Sforce-Duplicate-Rule-Header: allowSave=true (API 52.0 and later) to save anyway.',
    whatNotToDo: 'Do not turn the rule off for everyone: ask its owner whether your data is the duplicate.',
  },
  {
    key: 'automation-failed',
    error: 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY',
    title: "The org's own automation failed on this save",
    likelyMeaning:
      "A trigger, flow or process that runs when this record is saved failed, and took the save with it: the message carries its own error (a trigger's name and exception, a flow's fault).",
    howToFix:
      "Read the inner error after the code: it names the automation. Fix the data it expects, or ask its owner; a debug log for the token's user (Setup → Debug Logs) shows the whole run.",
    whatNotToDo: 'Do not retry the same record: the automation fails it the same way.',
  },
  {
    key: 'restricted-picklist',
    error: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
    title: "A value is not one of the picklist's",
    likelyMeaning:
      "The field is a restricted picklist and the value sent is not one of its values: the API takes each value's API name, not the label a page shows (nor a translated one).",
    howToFix:
      "Send a value listed by GET /services/data/vXX.X/sobjects/<Object>/describe (the field's picklistValues, their value, not their label), or ask an admin to add yours.",
    whatNotToDo: 'Do not send the labels users see: they can change, and differ by language.',
  },
  {
    key: 'record-locked',
    error: 'ENTITY_IS_LOCKED',
    title: 'The record is locked',
    likelyMeaning:
      'An approval process has locked the record while it waits for approval: only its approvers and administrators may edit it.',
    howToFix: 'Wait for the approval to end, or have it recalled or the record unlocked by someone who may.',
    whatNotToDo:
      'Do not give the integration user "Modify All Data" to edit locked records as a matter of course.',
  },
  {
    key: 'inactive-owner-or-user',
    error: 'INACTIVE_OWNER_OR_USER',
    title: 'A user the save involves is inactive',
    likelyMeaning:
      "The record would be owned by, or assigned to, a deactivated user: the OwnerId sent, the owner of the record or of its parent, or a user the org's automation names (an approver, a task's assignee). The message names the user's id (005…) and the object.",
    howToFix:
      "Send an active user as OwnerId, or none (a new record is then the token user's); move the departed user's records to someone active (Setup → Mass Transfer Records); and replace them wherever an approval process or flow still names them.",
    whatNotToDo:
      'Do not reactivate a departed user to get the save through: their login works again, and it takes a licence.',
  },
];
