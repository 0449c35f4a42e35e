// The sObjects the emulated org knows: canonical field names, types and parent relationships.
export type FieldType = 'id' | 'string' | 'number' | 'boolean' | 'date' | 'datetime' | 'reference';

export interface FieldDef {
  name: string;
  type: FieldType;
  /** For references: the relationship name used in SOQL (Account) and the object it points to. */
  relationship?: { name: string; to: string };
}

export interface ObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  fields: FieldDef[];
}

const f = (name: string, type: FieldType = 'string'): FieldDef => ({ name, type });
const ref = (name: string, relationship: string, to: string): FieldDef => ({
  name,
  type: 'reference',
  relationship: { name: relationship, to },
});
const common = [f('Id', 'id'), f('CreatedDate', 'datetime'), f('LastModifiedDate', 'datetime')];

export const OBJECTS: readonly ObjectDef[] = [
  {
    name: 'Account',
    label: 'Account',
    labelPlural: 'Accounts',
    keyPrefix: '001',
    fields: [
      ...common,
      f('Name'),
      f('Type'),
      f('Industry'),
      f('BillingCity'),
      f('BillingCountry'),
      f('Phone'),
      f('Website'),
      f('AnnualRevenue', 'number'),
      f('NumberOfEmployees', 'number'),
    ],
  },
  {
    name: 'Contact',
    label: 'Contact',
    labelPlural: 'Contacts',
    keyPrefix: '003',
    fields: [
      ...common,
      f('FirstName'),
      f('LastName'),
      f('Name'),
      f('Email'),
      f('Title'),
      f('Phone'),
      ref('AccountId', 'Account', 'Account'),
    ],
  },
  {
    name: 'Case',
    label: 'Case',
    labelPlural: 'Cases',
    keyPrefix: '500',
    fields: [
      ...common,
      f('CaseNumber'),
      f('Subject'),
      f('Status'),
      f('Priority'),
      f('Origin'),
      f('Description'),
      f('IsClosed', 'boolean'),
      ref('AccountId', 'Account', 'Account'),
      ref('ContactId', 'Contact', 'Contact'),
    ],
  },
  {
    name: 'Opportunity',
    label: 'Opportunity',
    labelPlural: 'Opportunities',
    keyPrefix: '006',
    fields: [
      ...common,
      f('Name'),
      f('StageName'),
      f('Amount', 'number'),
      f('Probability', 'number'),
      f('CloseDate', 'date'),
      f('IsClosed', 'boolean'),
      f('IsWon', 'boolean'),
      ref('AccountId', 'Account', 'Account'),
    ],
  },
  {
    name: 'User',
    label: 'User',
    labelPlural: 'Users',
    keyPrefix: '005',
    fields: [
      f('Id', 'id'),
      f('Username'),
      f('FirstName'),
      f('LastName'),
      f('Name'),
      f('Email'),
      f('IsActive', 'boolean'),
    ],
  },
];

export function findObject(name: string): ObjectDef | undefined {
  return OBJECTS.find((object) => object.name.toLowerCase() === name.toLowerCase());
}

export function findField(object: ObjectDef, name: string): FieldDef | undefined {
  return object.fields.find((field) => field.name.toLowerCase() === name.toLowerCase());
}

export function findRelationship(object: ObjectDef, name: string): FieldDef | undefined {
  return object.fields.find((field) => field.relationship?.name.toLowerCase() === name.toLowerCase());
}

export function objectForId(id: string): ObjectDef | undefined {
  return OBJECTS.find((object) => id.startsWith(object.keyPrefix));
}
