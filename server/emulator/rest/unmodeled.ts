// What a real org has and this emulator does not model: standard objects outside its six, and the standard fields
// of its objects beyond those it keeps. Salesforce's own answer ("no such column", "not supported... append __c")
// would tell a learner that the name is wrong; the emulator keeps Salesforce's code and says which it is.

/** Standard objects of every org (or of most) that tutorials use, none of them modelled here. */
const STANDARD_OBJECTS = new Set(
  [
    'Lead',
    'Task',
    'Event',
    'Campaign',
    'CampaignMember',
    'Product2',
    'Pricebook2',
    'PricebookEntry',
    'OpportunityLineItem',
    'OpportunityContactRole',
    'Order',
    'OrderItem',
    'Contract',
    'Asset',
    'Quote',
    'Note',
    'Attachment',
    'ContentVersion',
    'ContentDocument',
    'ContentDocumentLink',
    'Document',
    'EmailMessage',
    'Solution',
    'Group',
    'GroupMember',
    'PermissionSet',
    'PermissionSetAssignment',
    'RecordType',
    'UserRole',
    'AccountContactRelation',
    'Entitlement',
    'FeedItem',
    'Partner',
    'Folder',
    'Report',
    'Dashboard',
  ].map((name) => name.toLowerCase()),
);

const MODELLED = 'Account, Contact, Case, Opportunity, User, Profile and Organization';

export const isUnmodeledStandardObject = (name: string) => STANDARD_OBJECTS.has(name.toLowerCase());

/** Appended to INVALID_TYPE for a standard object this emulator does not model. */
export const unmodeledObjectNote = (name: string) =>
  ` (Local emulator: ${name} is a standard object of most orgs (some only with their feature on), which this emulator does not model: it has ${MODELLED} only.)`;

/**
 * Appended to INVALID_FIELD for a name that is not a custom field's (no __c) on one of its objects: it may be a
 * standard field a real org has and this emulator leaves out, or a typo; describe lists the fields it keeps.
 */
export const unmodeledFieldNote = (field: string, object: string) =>
  /__/.test(field)
    ? ''
    : ` (Local emulator: it keeps only some of ${object}'s standard fields, listed by GET /sobjects/${object}/describe: if a real org has ${field}, this emulator leaves it out.)`;
