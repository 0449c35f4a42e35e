// The shapes of the emulated org's metadata: field types, fields, child relationships and objects.

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
