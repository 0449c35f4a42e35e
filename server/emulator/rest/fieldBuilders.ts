// Small builders for field definitions, so each object reads as a list of its fields with Salesforce's defaults.
import type { FieldDef, FieldType } from './schemaTypes.ts';

type Options = Partial<Omit<FieldDef, 'name' | 'label' | 'type'>>;

const TEXT_LENGTH: Partial<Record<FieldType, number>> = { email: 80, phone: 40, url: 255, picklist: 255 };

/** A field clients can write, optional unless `required` says otherwise. */
export function field(name: string, label: string, type: FieldType, options: Options = {}): FieldDef {
  return {
    name,
    label,
    type,
    length: TEXT_LENGTH[type] ?? 0,
    scale: 0,
    nillable: type !== 'boolean',
    createable: true,
    updateable: true,
    defaultedOnCreate: type === 'boolean',
    filterable: true,
    nameField: false,
    autoNumber: false,
    ...options,
  };
}

export const text = (name: string, label: string, length: number, options: Options = {}) =>
  field(name, label, 'string', { length, ...options });

export const required = (definition: FieldDef): FieldDef => ({ ...definition, nillable: false });

export const picklist = (name: string, label: string, values: readonly string[], options: Options = {}) =>
  field(name, label, 'picklist', { picklist: values, ...options });

export const lookup = (name: string, label: string, relationshipName: string, to: string) =>
  field(name, label, 'reference', { length: 18, reference: { relationshipName, to } });

/** Set by the platform: clients can read it but never write it. */
export const system = (definition: FieldDef): FieldDef => ({
  ...definition,
  nillable: false,
  createable: false,
  updateable: false,
  defaultedOnCreate: true,
});

/** Id, IsDeleted and the audit fields every object has, plus OwnerId where records have owners. */
export function standardFields(idLabel: string, owned = true): FieldDef[] {
  const owner = {
    ...lookup('OwnerId', 'Owner ID', 'Owner', 'User'),
    nillable: false,
    defaultedOnCreate: true,
  };
  return [
    system(field('Id', idLabel, 'id', { length: 18 })),
    system(field('IsDeleted', 'Deleted', 'boolean')),
    ...(owned ? [owner] : []),
    system(field('CreatedDate', 'Created Date', 'datetime')),
    system(lookup('CreatedById', 'Created By ID', 'CreatedBy', 'User')),
    system(field('LastModifiedDate', 'Last Modified Date', 'datetime')),
    system(lookup('LastModifiedById', 'Last Modified By ID', 'LastModifiedBy', 'User')),
    system(field('SystemModstamp', 'System Modstamp', 'datetime')),
  ];
}
