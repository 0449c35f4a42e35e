// The emulated org's metadata: field and object shapes, and fast case-insensitive look-ups by name or id prefix.
import { OBJECTS } from './objects.ts';
import type { ChildRelationship, FieldDef, ObjectDef } from './schemaTypes.ts';

export type { ChildRelationship, FieldDef, FieldType, ObjectDef } from './schemaTypes.ts';

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
