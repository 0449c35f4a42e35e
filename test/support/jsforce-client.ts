// Drives the emulator with jsforce exactly as its users do: a Connection from instance_url and an access token.
// Run as a child process with NODE_EXTRA_CA_CERTS naming the emulator's certificate; prints a JSON report.
import jsforce from 'jsforce';

const { INSTANCE_URL: instanceUrl, ACCESS_TOKEN: accessToken } = process.env;
const conn = new jsforce.Connection({ instanceUrl, accessToken, version: '66.0' });
const report: Record<string, unknown> = {};

const global = await conn.describeGlobal();
report.globalNames = global.sobjects.map((sobject) => sobject.name);
const account = await conn.describe('Account');
report.describe = {
  name: account.name,
  fields: account.fields.map((f) => f.name),
  keyPrefix: account.keyPrefix,
};

const accounts = conn.sobject('Account');
const created = await accounts.create({ Name: 'jsforce Test Co', Industry: 'Media' });
if (!created.success) throw new Error(`create failed: ${JSON.stringify(created.errors)}`);
const retrieved = await accounts.retrieve(created.id);
const updated = await accounts.update({ Id: created.id, Industry: 'Energy' });
const afterUpdate = await accounts.retrieve(created.id, { fields: ['Industry'] });
// An upsert by Id: PATCH /sobjects/Account/Id/<id>, answered with the upsert's own result from API 46.0.
const upserted = await accounts.upsert({ Id: created.id, Phone: '555-0100' }, 'Id');
const destroyed = await accounts.destroy(created.id);
report.crud = {
  created,
  retrievedName: retrieved.Name,
  updated,
  industry: afterUpdate.Industry,
  upserted,
  destroyed,
};

const many = await conn.sobject('Contact').create([{ LastName: 'Batch One' }, { FirstName: 'No Last Name' }]);
report.createMany = many;

const selected = await conn
  .sobject('Contact')
  .select('*')
  .where({ LastName: 'Batch One' })
  .limit(1)
  .execute();
report.selectStar = Object.keys(selected[0] ?? {});

const all = await conn.query('SELECT Id FROM Contact ORDER BY Id', { autoFetch: true, maxFetch: 10_000 });
report.autoFetch = {
  totalSize: all.totalSize,
  fetched: all.records.length,
  distinct: new Set(all.records.map((r) => r.Id)).size,
};

const deleted = await conn.query(`SELECT Id, IsDeleted FROM Account WHERE Id = '${created.id}'`, {
  scanAll: true,
});
const live = await conn.query(`SELECT Id FROM Account WHERE Id = '${created.id}'`);
report.queryAll = { scanned: deleted.records, live: live.totalSize };

const limits = await conn.limits();
report.limits = { dailyApiRequests: limits.DailyApiRequests, limitInfo: conn.limitInfo };

const identity = await conn.identity();
report.identity = { username: identity.username, organizationId: identity.organization_id };

process.stdout.write(JSON.stringify(report));
