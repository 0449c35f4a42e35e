// What the platform computes when a record is saved (Contact.Name, Case.IsClosed, Opportunity.IsWon...), the
// one validation rule this emulated org has (so FIELD_CUSTOM_VALIDATION_EXCEPTION can be seen), and when a
// delete is refused.
import { RestError } from './restError.ts';
import type { ObjectDef } from './schema.ts';
import type { SRecord } from './seed.ts';
import type { RecordStore } from './store.ts';

/** Default probability of each stage in a new org's sales process. */
const STAGE_PROBABILITY: Record<string, number> = {
  Prospecting: 10,
  Qualification: 10,
  'Needs Analysis': 20,
  'Proposal/Price Quote': 75,
  'Negotiation/Review': 90,
  'Closed Won': 100,
  'Closed Lost': 0,
};

export function derivedFields(object: ObjectDef, record: SRecord, changes: SRecord): SRecord {
  if (object.name === 'Contact') {
    record.Name = [record.FirstName, record.LastName]
      .filter((part) => part !== null && part !== '')
      .join(' ');
  } else if (object.name === 'Case') {
    record.IsClosed = record.Status === 'Closed';
  } else if (object.name === 'Opportunity') {
    const stage = String(record.StageName ?? '');
    record.IsClosed = stage.startsWith('Closed');
    record.IsWon = stage === 'Closed Won';
    if ('StageName' in changes && !('Probability' in changes) && Object.hasOwn(STAGE_PROBABILITY, stage)) {
      record.Probability = STAGE_PROBABILITY[stage];
    }
  }
  return record;
}

/** The org's validation rule: an Opportunity's Amount cannot be negative (shown next to the Amount field). */
export function validationRule(object: ObjectDef, record: SRecord): void {
  if (object.name === 'Opportunity' && typeof record.Amount === 'number' && record.Amount < 0) {
    throw new RestError(400, 'FIELD_CUSTOM_VALIDATION_EXCEPTION', 'Amount cannot be negative.', ['Amount']);
  }
}

/** Salesforce refuses to delete an Account or Contact that open or closed cases still point to (the
 * wording is unconfirmed). */
export function refuseWithCases(store: RecordStore, object: ObjectDef, record: SRecord): void {
  const field = object.name === 'Account' ? 'AccountId' : object.name === 'Contact' ? 'ContactId' : undefined;
  if (!field) return;
  const cases = store.list('Case').filter((c) => c[field] === record.Id);
  if (cases.length === 0) return;
  throw new RestError(
    400,
    'DELETE_FAILED',
    `Your attempt to delete ${String(record.Name)} could not be completed because it is associated with the following cases.: ${cases.map((c) => c.CaseNumber).join(', ')}`,
    [],
  );
}
