// sObject metadata: the global describe entry (28 keys), the basic information of /sobjects/X, and the full
// describe of /sobjects/X/describe. Key sets follow real responses (a v51.0 global describe, a v52.0 basic
// information and a v61.0 describe captured in public code) and jsforce's DescribeSObjectResult type.
import { describeField } from './describeField.ts';
import { OBJECTS, type ObjectDef } from './schema.ts';

const MASTER_RECORD_TYPE = '012000000000000AAA';

export function describeGlobal(version: string) {
  return {
    encoding: 'UTF-8',
    maxBatchSize: 200,
    // A real org lists its objects by name.
    sobjects: [...OBJECTS]
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((object) => globalEntry(object, version)),
  };
}

/** The summary Salesforce gives for each object in the global describe. */
export function globalEntry(object: ObjectDef, version: string, urls = globalUrls(object, version)) {
  return {
    activateable: false,
    associateEntityType: null,
    associateParentEntity: null,
    createable: object.writable,
    custom: false,
    customSetting: false,
    deepCloneable: false,
    deletable: object.writable,
    deprecatedAndHidden: false,
    feedEnabled: object.writable,
    hasSubtypes: false,
    isInterface: false,
    isSubtype: false,
    keyPrefix: object.keyPrefix,
    label: object.label,
    labelPlural: object.labelPlural,
    layoutable: true,
    mergeable: object.name === 'Account' || object.name === 'Contact',
    mruEnabled: true,
    name: object.name,
    queryable: true,
    replicateable: true,
    retrieveable: true,
    searchable: true,
    triggerable: true,
    undeletable: object.writable,
    updateable: object.writable,
    urls,
  };
}

function globalUrls(object: ObjectDef, version: string): Record<string, string> {
  const base = `/services/data/v${version}/sobjects/${object.name}`;
  return {
    rowTemplate: `${base}/{ID}`,
    defaultValues: `${base}/defaultValues?recordTypeId&fields`,
    describe: `${base}/describe`,
    sobject: base,
  };
}

/** Basic information lists list views; the full describe lists the UI templates on the instance instead. */
function detailUrls(object: ObjectDef, version: string, instanceUrl?: string): Record<string, string> {
  const base = `/services/data/v${version}/sobjects/${object.name}`;
  const urls: Record<string, string> = {
    compactLayouts: `${base}/describe/compactLayouts`,
    rowTemplate: `${base}/{ID}`,
    approvalLayouts: `${base}/describe/approvalLayouts`,
  };
  if (instanceUrl) {
    urls.uiDetailTemplate = `${instanceUrl}/{ID}`;
    urls.uiEditTemplate = `${instanceUrl}/{ID}/e`;
  } else {
    urls.listviews = `${base}/listviews`;
  }
  urls.describe = `${base}/describe`;
  if (instanceUrl) urls.uiNewRecord = `${instanceUrl}/${object.keyPrefix}/e`;
  return {
    ...urls,
    quickActions: `${base}/quickActions`,
    layouts: `${base}/describe/layouts`,
    sobject: base,
  };
}

/** GET /sobjects/X: the object's summary and the records its user viewed recently (none here). */
export function basicInformation(object: ObjectDef, version: string) {
  return { objectDescribe: globalEntry(object, version, detailUrls(object, version)), recentItems: [] };
}

/** GET /sobjects/X/describe. */
export function describeObject(object: ObjectDef, version: string, instanceUrl: string) {
  const entry: Record<string, unknown> = { ...globalEntry(object, version) };
  delete entry.urls;
  const plural = object.labelPlural.toLowerCase();
  const described = {
    ...entry,
    actionOverrides: [],
    childRelationships: object.children.map((child) => ({
      cascadeDelete: child.cascadeDelete,
      childSObject: child.childSObject,
      deprecatedAndHidden: false,
      field: child.field,
      junctionIdListNames: [],
      junctionReferenceTo: [],
      relationshipName: child.relationshipName,
      restrictedDelete: false,
    })),
    compactLayoutable: true,
    defaultImplementation: null,
    extendedBy: null,
    extendsInterfaces: null,
    fields: object.fields.map(describeField),
    implementedBy: null,
    implementsInterfaces: null,
    listviewable: null,
    lookupLayoutable: null,
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    recordTypeInfos: [
      {
        active: true,
        available: true,
        defaultRecordTypeMapping: true,
        developerName: 'Master',
        master: true,
        name: 'Master',
        recordTypeId: MASTER_RECORD_TYPE,
        urls: {
          layout: `/services/data/v${version}/sobjects/${object.name}/describe/layouts/${MASTER_RECORD_TYPE}`,
        },
      },
    ],
    searchLayoutable: true,
    sobjectDescribeOption: 'FULL',
    supportedScopes: [
      { label: `All ${plural}`, name: 'everything' },
      ...(object.fields.some((f) => f.name === 'OwnerId') ? [{ label: `My ${plural}`, name: 'mine' }] : []),
    ],
    urls: detailUrls(object, version, instanceUrl),
  };
  return Object.fromEntries(Object.entries(described).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
