// The sObjects of the emulated org with their standard fields (names, labels and types as in a real org); the
// read-only ones (User, Organization) are in systemObjects.ts.
import { field, lookup, picklist, required, standardFields, system, text } from './fieldBuilders.ts';
import type { ObjectDef } from './schemaTypes.ts';
import { SYSTEM_OBJECTS } from './systemObjects.ts';

const INDUSTRIES = ['Technology', 'Manufacturing', 'Retail', 'Energy', 'Finance', 'Healthcare', 'Media'];
export const STAGES = [
  'Prospecting',
  'Qualification',
  'Needs Analysis',
  'Proposal/Price Quote',
  'Negotiation/Review',
  'Closed Won',
  'Closed Lost',
];

const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];

/** A standard compound address's parts (BillingStreet, BillingCity…), with a real org's lengths. */
const address = (prefix: string) => [
  field(`${prefix}Street`, `${prefix} Street`, 'textarea', { length: 255 }),
  text(`${prefix}City`, `${prefix} City`, 40),
  text(`${prefix}State`, `${prefix} State/Province`, 80),
  text(`${prefix}PostalCode`, `${prefix} Zip/Postal Code`, 20),
  text(`${prefix}Country`, `${prefix} Country`, 80),
];

/** Description: a long text area, which SOQL cannot filter on. */
const description = () =>
  field('Description', 'Description', 'textarea', { length: 32000, filterable: false });

/** `cascadeDelete`: deleting the parent deletes these children too (dml.ts does so), as describe then says. */
const child = (relationshipName: string, childSObject: string, fieldName: string, cascadeDelete = false) => ({
  relationshipName,
  childSObject,
  field: fieldName,
  cascadeDelete,
});

export const OBJECTS: readonly ObjectDef[] = [
  {
    name: 'Account',
    label: 'Account',
    labelPlural: 'Accounts',
    keyPrefix: '001',
    writable: true,
    fields: [
      ...standardFields('Account ID'),
      required(text('Name', 'Account Name', 255, { nameField: true })),
      picklist('Type', 'Account Type', ['Prospect', 'Customer - Direct', 'Customer - Channel', 'Other']),
      // Defined in alphabetical order, as the standard Industry picklist is: ORDER BY Industry sorts by it.
      picklist('Industry', 'Industry', [...INDUSTRIES, 'Transportation'].sort()),
      text('AccountNumber', 'Account Number', 40),
      text('Site', 'Account Site', 80),
      ...address('Billing'),
      ...address('Shipping'),
      field('Phone', 'Account Phone', 'phone'),
      field('Fax', 'Account Fax', 'phone'),
      field('Website', 'Website', 'url'),
      field('AnnualRevenue', 'Annual Revenue', 'currency', { length: 18 }),
      field('NumberOfEmployees', 'Employees', 'int', { length: 8 }),
      description(),
    ],
    children: [
      child('Contacts', 'Contact', 'AccountId', true),
      child('Cases', 'Case', 'AccountId'),
      child('Opportunities', 'Opportunity', 'AccountId', true),
    ],
  },
  {
    name: 'Contact',
    label: 'Contact',
    labelPlural: 'Contacts',
    keyPrefix: '003',
    writable: true,
    fields: [
      ...standardFields('Contact ID'),
      lookup('AccountId', 'Account ID', 'Account', 'Account'),
      required(text('LastName', 'Last Name', 80)),
      text('FirstName', 'First Name', 40),
      { ...system(text('Name', 'Full Name', 121)), nameField: true },
      text('Title', 'Title', 128),
      text('Department', 'Department', 80),
      field('Birthdate', 'Birthdate', 'date'),
      ...address('Mailing'),
      field('Phone', 'Business Phone', 'phone'),
      field('MobilePhone', 'Mobile Phone', 'phone'),
      field('Email', 'Email', 'email'),
      picklist('LeadSource', 'Lead Source', LEAD_SOURCES),
      description(),
    ],
    children: [child('Cases', 'Case', 'ContactId')],
  },
  {
    name: 'Case',
    label: 'Case',
    labelPlural: 'Cases',
    keyPrefix: '500',
    writable: true,
    fields: [
      ...standardFields('Case ID'),
      { ...system(text('CaseNumber', 'Case Number', 30)), nameField: true, autoNumber: true },
      lookup('ContactId', 'Contact ID', 'Contact', 'Contact'),
      lookup('AccountId', 'Account ID', 'Account', 'Account'),
      text('Subject', 'Subject', 255),
      picklist('Status', 'Status', ['New', 'Working', 'Escalated', 'Closed'], {
        defaultedOnCreate: true,
        defaultValue: 'New',
      }),
      picklist('Priority', 'Priority', ['High', 'Medium', 'Low'], {
        defaultedOnCreate: true,
        defaultValue: 'Medium',
      }),
      picklist('Origin', 'Case Origin', ['Phone', 'Email', 'Web']),
      description(),
      system(field('IsClosed', 'Closed', 'boolean')),
    ],
    children: [],
  },
  {
    name: 'Opportunity',
    label: 'Opportunity',
    labelPlural: 'Opportunities',
    keyPrefix: '006',
    writable: true,
    fields: [
      ...standardFields('Opportunity ID'),
      lookup('AccountId', 'Account ID', 'Account', 'Account'),
      required(text('Name', 'Name', 120, { nameField: true })),
      required(picklist('StageName', 'Stage', STAGES)),
      field('Amount', 'Amount', 'currency', { length: 18, scale: 2 }),
      field('Probability', 'Probability (%)', 'percent', { length: 3 }),
      required(field('CloseDate', 'Close Date', 'date')),
      system(field('IsClosed', 'Closed', 'boolean')),
      system(field('IsWon', 'Won', 'boolean')),
      picklist('Type', 'Opportunity Type', [
        'Existing Customer - Upgrade',
        'Existing Customer - Replacement',
        'Existing Customer - Downgrade',
        'New Customer',
      ]),
      picklist('LeadSource', 'Lead Source', LEAD_SOURCES),
      text('NextStep', 'Next Step', 255),
      description(),
    ],
    children: [],
  },
  ...SYSTEM_OBJECTS,
];
