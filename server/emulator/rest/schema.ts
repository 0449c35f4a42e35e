// The emulated org's metadata: field and object shapes, and fast case-insensitive look-ups by name or id prefix.
import { OBJECTS } from './objects.ts';

/** Salesforce's describe type names for the field types this org uses. */
export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'email'
  | 'phone'
  | 'url'
  | 'picklist'
  | 'double'
  | 'currency'
  | 'percent'
  | 'int'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'reference';

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  /** Characters for text types; digits for int; precision for decimals. */
  length: number;
  scale: number;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  defaultedOnCreate: boolean;
  /** Long text areas cannot be filtered, sorted or grouped in SOQL. */
  filterable: boolean;
  nameField: boolean;
  autoNumber: boolean;
  picklist?: readonly string[];
  defaultValue?: string;
  reference?: { relationshipName: string; to: string };
}

export interface ChildRelationship {
  relationshipName: string;
  childSObject: string;
  field: string;
  cascadeDelete: boolean;
}

export interface ObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  /** Whether clients may create, update and delete its records through the API. */
  writable: boolean;
  fields: readonly FieldDef[];
  children: readonly ChildRelationship[];
}

const byName = new Map(OBJECTS.map((object) => [object.name.toLowerCase(), object]));
const byPrefix = new Map(OBJECTS.map((object) => [object.keyPrefix, object]));
const fieldIndex = new Map(
  OBJECTS.map((object) => [object, new Map(object.fields.map((f) => [f.name.toLowerCase(), f]))]),
);
const relationshipIndex = new Map(
  OBJECTS.map((object) => [
    object,
    new Map(
      object.fields.flatMap((f) => (f.reference ? [[f.reference.relationshipName.toLowerCase(), f]] : [])),
    ),
  ]),
);

export { OBJECTS };

export function findObject(name: string): ObjectDef | undefined {
  return byName.get(name.toLowerCase());
}

export function findField(object: ObjectDef, name: string): FieldDef | undefined {
  return fieldIndex.get(object)?.get(name.toLowerCase());
}

/** The reference field behind a parent relationship name: Account -> AccountId, Owner -> OwnerId. */
export function findRelationship(object: ObjectDef, name: string): FieldDef | undefined {
  return relationshipIndex.get(object)?.get(name.toLowerCase());
}

export function findChildRelationship(object: ObjectDef, name: string): ChildRelationship | undefined {
  return object.children.find((child) => child.relationshipName.toLowerCase() === name.toLowerCase());
}

export function objectForId(id: string): ObjectDef | undefined {
  return byPrefix.get(id.slice(0, 3));
}

/** 15 or 18 characters of letters and digits: the shape of a Salesforce record id. */
export function isIdShaped(value: string): boolean {
  return /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(value);
}
