// Deterministic sample data: the same Accounts, Contacts, Cases and Opportunities on every start. 2,500 Contacts
// make a query page at Salesforce's default batch of 2,000 records, so paging is taught with real sizes.
import { caseSafeId } from '../ids.ts';
import { STAGES } from './objects.ts';
import { CITIES, COMPANIES, FIRST, INDUSTRIES, LAST, SUBJECTS, TITLES } from './seedNames.ts';

export type FieldValue = string | number | boolean | null;
export type SRecord = Record<string, FieldValue>;

export const CONTACT_COUNT = 2500;

/** 18-character ids with Salesforce's key prefixes. */
export function makeId(prefix: string, n: number): string {
  return caseSafeId(`${prefix}5j000000${String(n).padStart(4, '0')}`);
}

/** Salesforce's wire format for datetimes: milliseconds and a +0000 offset. */
export const wireDateTime = (ms: number) => `${new Date(ms).toISOString().slice(0, 23)}+0000`;

const JAN_1_2025 = Date.UTC(2025, 0, 1);
const DAY = 86_400_000;
const day = (n: number) => new Date(JAN_1_2025 + n * DAY).toISOString().slice(0, 10);
const stamp = (n: number) => wireDateTime(JAN_1_2025 + n * DAY);

/** Who owns and last touched each record, with its audit dates; the admin owns most, the standard user some. */
function audited(record: SRecord, i: number, users: readonly string[], created: string, modified: string) {
  const owner = users[i % 5 === 4 && users.length > 1 ? 1 : 0];
  return {
    ...record,
    IsDeleted: false,
    OwnerId: owner,
    CreatedDate: created,
    CreatedById: users[0],
    LastModifiedDate: modified,
    LastModifiedById: owner,
    SystemModstamp: modified,
  };
}

function accounts(users: readonly string[]): SRecord[] {
  return Array.from({ length: 40 }, (_, i) => {
    const [city, country] = CITIES[i % CITIES.length];
    const name = `${COMPANIES[i % COMPANIES.length]} ${i >= COMPANIES.length ? 'Ltd.' : 'Inc.'}`;
    const record = {
      Id: makeId('001', i + 1),
      Name: name,
      Type: i % 3 === 0 ? 'Customer - Direct' : 'Prospect',
      Industry: INDUSTRIES[i % INDUSTRIES.length],
      BillingCity: city,
      BillingCountry: country,
      Phone: `+1 415 555 0${String(100 + i)}`,
      Website: `https://www.${name.split(' ')[0].toLowerCase()}.example`,
      AnnualRevenue: 1_000_000 * (((i * 7) % 50) + 1),
      NumberOfEmployees: 50 * (((i * 3) % 40) + 1),
    };
    return audited(record, i, users, stamp(i), stamp(i + 30));
  });
}

/** The first 60 keep their original names and dates; the rest are spread 97 minutes apart from March 2025. */
function contacts(users: readonly string[], accountIds: string[]): SRecord[] {
  return Array.from({ length: CONTACT_COUNT }, (_, i) => {
    const original = i < 60;
    const first = original ? FIRST[i % 12] : FIRST[(i * 5) % FIRST.length];
    const last = original ? LAST[(i * 7) % 10] : LAST[(i * 11) % LAST.length];
    const created = original ? stamp(i + 2) : wireDateTime(JAN_1_2025 + 59 * DAY + i * 97 * 60_000);
    const record = {
      Id: makeId('003', i + 1),
      AccountId: accountIds[i % accountIds.length],
      FirstName: first,
      LastName: last,
      Name: `${first} ${last}`,
      Title: TITLES[i % TITLES.length],
      Phone: `+1 212 555 ${String(1000 + i).slice(-4)}`,
      Email: `${first}.${last}${i}@example.com`.toLowerCase(),
    };
    return audited(record, i, users, created, original ? stamp(i + 40) : created);
  });
}

function cases(users: readonly string[], accountIds: string[], contactIds: string[]): SRecord[] {
  return Array.from({ length: 30 }, (_, i) => {
    const status = ['New', 'Working', 'Escalated', 'Closed'][i % 4];
    const record = {
      Id: makeId('500', i + 1),
      CaseNumber: String(1001 + i).padStart(8, '0'),
      ContactId: contactIds[(i * 2) % 60],
      AccountId: accountIds[(i * 3) % accountIds.length],
      Subject: SUBJECTS[i % SUBJECTS.length],
      Status: status,
      Priority: ['High', 'Medium', 'Low'][i % 3],
      Origin: ['Web', 'Phone', 'Email'][i % 3],
      Description: `Sample case ${i + 1} for the playground.`,
      IsClosed: status === 'Closed',
    };
    return audited(record, i, users, stamp(i + 60), stamp(i + 61));
  });
}

function opportunities(users: readonly string[], accountRecords: SRecord[]): SRecord[] {
  return Array.from({ length: 30 }, (_, i) => {
    const stage = STAGES[i % STAGES.length];
    const account = accountRecords[(i * 5) % accountRecords.length];
    const record = {
      Id: makeId('006', i + 1),
      AccountId: account.Id,
      Name: `${String(account.Name).split(' ')[0]} renewal ${2026 + (i % 2)}`,
      StageName: stage,
      Amount: 5000 * (((i * 11) % 40) + 1),
      Probability: stage === 'Closed Won' ? 100 : stage === 'Closed Lost' ? 0 : 10 + 15 * (i % 5),
      CloseDate: day(500 + i * 9),
      IsClosed: stage.startsWith('Closed'),
      IsWon: stage === 'Closed Won',
    };
    return audited(record, i, users, stamp(i + 90), stamp(i + 95));
  });
}

/** Records by object name; `userIds` are the org's users, the first one being the administrator. */
export function seedRecords(userIds: readonly string[]): Map<string, SRecord[]> {
  const accountRecords = accounts(userIds);
  const accountIds = accountRecords.map((a) => String(a.Id));
  const contactRecords = contacts(userIds, accountIds);
  const contactIds = contactRecords.map((c) => String(c.Id));
  return new Map([
    ['Account', accountRecords],
    ['Contact', contactRecords],
    ['Case', cases(userIds, accountIds, contactIds)],
    ['Opportunity', opportunities(userIds, accountRecords)],
  ]);
}
