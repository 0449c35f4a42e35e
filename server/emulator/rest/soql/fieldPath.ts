// Field paths in SOQL (Name, Account.Name, Owner.Name): canonical names, Salesforce's errors for unknown
// ones, and readers that follow parent relationships through the record store's id index.
import { invalidField, soqlError, unknownRelationship } from '../restError.ts';
import { findField, findObject, findRelationship, type FieldDef, type ObjectDef } from '../schema.ts';
import type { FieldValue, SRecord } from '../seed.ts';

export interface RecordSource {
  list(type: string, includeDeleted: boolean): readonly SRecord[];
  get(id: string): SRecord | undefined;
}

export interface FieldPath {
  /** Canonical dotted path, e.g. Account.Name. */
  key: string;
  /** Relationship names, then the field name. */
  names: string[];
  /** The reference fields followed to reach the field (AccountId for Account.Name). */
  references: FieldDef[];
  field: FieldDef;
}

export class PathResolver {
  constructor(
    private readonly soql: string,
    readonly object: ObjectDef,
    private readonly alias?: string,
  ) {}

  /** A field WHERE or ORDER BY may use: long text areas cannot be filtered or sorted. */
  resolveUsable(raw: string, use: 'filtered' | 'sorted'): FieldPath {
    const path = this.resolve(raw);
    if (!path.field.filterable) {
      throw soqlError(
        'INVALID_FIELD',
        this.soql,
        raw,
        `field '${path.field.name}' can not be ${use} in a query call`,
      );
    }
    return path;
  }

  resolve(raw: string): FieldPath {
    const parts = this.withoutQualifier(raw.split('.'));
    const names: string[] = [];
    const references: FieldDef[] = [];
    let object = this.object;
    for (const relationship of parts.slice(0, -1)) {
      const reference = findRelationship(object, relationship);
      const parent = reference?.reference ? findObject(reference.reference.to) : undefined;
      if (!reference?.reference || !parent) throw unknownRelationship(this.soql, relationship);
      names.push(reference.reference.relationshipName);
      references.push(reference);
      object = parent;
    }
    const name = parts[parts.length - 1];
    const field = findField(object, name);
    if (!field) throw invalidField(this.soql, name, object.name);
    names.push(field.name);
    return { key: names.join('.'), names, references, field };
  }

  /** `a.Name` with `FROM Account a`, or `Account.Name` on Account itself, name the object's own field. */
  private withoutQualifier(parts: string[]): string[] {
    if (parts.length < 2) return parts;
    const first = parts[0].toLowerCase();
    const isAlias = this.alias !== undefined && first === this.alias.toLowerCase();
    const isSelf = first === this.object.name.toLowerCase() && !findRelationship(this.object, first);
    return isAlias || isSelf ? parts.slice(1) : parts;
  }
}

/** Reads a path from a record: parents are looked up by id; a missing parent reads as null. */
export function pathReader(path: FieldPath, source: RecordSource): (record: SRecord) => FieldValue {
  const { references, field } = path;
  if (references.length === 0) return (record) => record[field.name] ?? null;
  return (record) => {
    let current: SRecord | undefined = record;
    for (const reference of references) {
      const parentId: FieldValue | undefined = current[reference.name];
      current = typeof parentId === 'string' ? source.get(parentId) : undefined;
      if (!current) return null;
    }
    return current[field.name] ?? null;
  };
}
