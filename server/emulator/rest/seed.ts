// Deterministic sample data: the same Accounts, Contacts, Cases and Opportunities on every start.
export type FieldValue = string | number | boolean | null;
export type SRecord = Record<string, FieldValue>;

const COMPANIES = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Stark Industries',
  'Wayne Enterprises',
  'Wonka Foods',
  'Cyberdyne',
  'Soylent',
  'Tyrell',
  'Hooli',
  'Pied Piper',
  'Vandelay Industries',
  'Gringotts',
  'Oscorp',
  'Aperture Science',
  'Black Mesa',
  'Monarch Solutions',
  'Blue Sun',
  'Nakatomi Trading',
];
const SUFFIXES = ['Inc.', 'Ltd.'];
const INDUSTRIES = [
  'Technology',
  'Manufacturing',
  'Retail',
  'Energy',
  'Finance',
  'Healthcare',
  'Media',
  'Transportation',
];
const CITIES: [string, string][] = [
  ['San Francisco', 'USA'],
  ['London', 'United Kingdom'],
  ['Paris', 'France'],
  ['Tokyo', 'Japan'],
  ['Sydney', 'Australia'],
  ['Toronto', 'Canada'],
  ['Berlin', 'Germany'],
  ['São Paulo', 'Brazil'],
];
const FIRST = [
  'Alice',
  'Bruno',
  'Chen',
  'Dana',
  'Emeka',
  'Fatima',
  'Giulia',
  'Hiro',
  'Ingrid',
  'José',
  'Kavya',
  'Liam',
];
const LAST = [
  'Anderson',
  'Bauer',
  'Castillo',
  'Dubois',
  'Eriksen',
  'Fujita',
  'García',
  'Haddad',
  'Ivanova',
  'Jensen',
];
const TITLES = ['CEO', 'CTO', 'VP Sales', 'Developer', 'Salesforce Admin', 'Architect'];
const SUBJECTS = [
  'Cannot log in to the portal',
  'Invoice shows the wrong amount',
  'Integration returns INVALID_SESSION_ID',
  'Request for a product demo',
  'Password reset email never arrives',
  'API limit reached',
  'Shipment delayed',
  'Data export is incomplete',
];
const STAGES = [
  'Prospecting',
  'Qualification',
  'Needs Analysis',
  'Proposal/Price Quote',
  'Negotiation/Review',
  'Closed Won',
  'Closed Lost',
];

/** 18-character ids with Salesforce's key prefixes; the last three characters mimic the case-safe suffix. */
export function makeId(prefix: string, n: number): string {
  return `${prefix}5j000000${String(n).padStart(4, '0')}AAA`;
}

const day = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString();
const stamp = (n: number) => `${day(n).slice(0, 19)}.000+0000`;

export function seedRecords(): Map<string, SRecord[]> {
  const accounts: SRecord[] = Array.from({ length: 40 }, (_, i) => {
    const [city, country] = CITIES[i % CITIES.length];
    const name = `${COMPANIES[i % COMPANIES.length]}${i >= COMPANIES.length ? ` ${SUFFIXES[1]}` : ` ${SUFFIXES[0]}`}`;
    return {
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
      CreatedDate: stamp(i),
      LastModifiedDate: stamp(i + 30),
    };
  });
  const contacts: SRecord[] = Array.from({ length: 60 }, (_, i) => {
    const first = FIRST[i % FIRST.length];
    const last = LAST[(i * 7) % LAST.length];
    return {
      Id: makeId('003', i + 1),
      FirstName: first,
      LastName: last,
      Name: `${first} ${last}`,
      Email: `${first}.${last}${i}@example.com`.toLowerCase(),
      Title: TITLES[i % TITLES.length],
      Phone: `+1 212 555 0${String(100 + i)}`,
      AccountId: accounts[i % accounts.length].Id,
      CreatedDate: stamp(i + 2),
      LastModifiedDate: stamp(i + 40),
    };
  });
  const cases: SRecord[] = Array.from({ length: 30 }, (_, i) => {
    const status = ['New', 'Working', 'Escalated', 'Closed'][i % 4];
    return {
      Id: makeId('500', i + 1),
      CaseNumber: String(1001 + i).padStart(8, '0'),
      Subject: SUBJECTS[i % SUBJECTS.length],
      Status: status,
      Priority: ['High', 'Medium', 'Low'][i % 3],
      Origin: ['Web', 'Phone', 'Email'][i % 3],
      Description: `Sample case ${i + 1} for the playground.`,
      IsClosed: status === 'Closed',
      AccountId: accounts[(i * 3) % accounts.length].Id,
      ContactId: contacts[(i * 2) % contacts.length].Id,
      CreatedDate: stamp(i + 60),
      LastModifiedDate: stamp(i + 61),
    };
  });
  const opportunities: SRecord[] = Array.from({ length: 30 }, (_, i) => {
    const stage = STAGES[i % STAGES.length];
    const account = accounts[(i * 5) % accounts.length];
    return {
      Id: makeId('006', i + 1),
      Name: `${String(account.Name).split(' ')[0]} renewal ${2026 + (i % 2)}`,
      StageName: stage,
      Amount: 5000 * (((i * 11) % 40) + 1),
      Probability: stage === 'Closed Won' ? 100 : stage === 'Closed Lost' ? 0 : 10 + 15 * (i % 5),
      CloseDate: day(500 + i * 9).slice(0, 10),
      IsClosed: stage.startsWith('Closed'),
      IsWon: stage === 'Closed Won',
      AccountId: account.Id,
      CreatedDate: stamp(i + 90),
      LastModifiedDate: stamp(i + 95),
    };
  });
  return new Map([
    ['Account', accounts],
    ['Contact', contacts],
    ['Case', cases],
    ['Opportunity', opportunities],
  ]);
}
