// Key sets of Salesforce describe results, to compare the emulator's answers with: the global describe entry
// (a v51.0 capture), and a v61.0 sObject describe and one of its fields (the names jsforce's types also use).
// prettier-ignore
export const GLOBAL_KEYS = [
  'activateable', 'associateEntityType', 'associateParentEntity', 'createable', 'custom', 'customSetting',
  'deepCloneable', 'deletable', 'deprecatedAndHidden', 'feedEnabled', 'hasSubtypes', 'isInterface',
  'isSubtype', 'keyPrefix', 'label', 'labelPlural', 'layoutable', 'mergeable', 'mruEnabled', 'name',
  'queryable', 'replicateable', 'retrieveable', 'searchable', 'triggerable', 'undeletable', 'updateable',
  'urls',
];

// prettier-ignore
export const DESCRIBE_KEYS = [
  'actionOverrides', 'activateable', 'associateEntityType', 'associateParentEntity', 'childRelationships',
  'compactLayoutable', 'createable', 'custom', 'customSetting', 'deepCloneable', 'defaultImplementation',
  'deletable', 'deprecatedAndHidden', 'extendedBy', 'extendsInterfaces', 'feedEnabled', 'fields',
  'hasSubtypes', 'implementedBy', 'implementsInterfaces', 'isInterface', 'isSubtype', 'keyPrefix', 'label',
  'labelPlural', 'layoutable', 'listviewable', 'lookupLayoutable', 'mergeable', 'mruEnabled', 'name',
  'namedLayoutInfos', 'networkScopeFieldName', 'queryable', 'recordTypeInfos', 'replicateable', 'retrieveable',
  'searchLayoutable', 'searchable', 'sobjectDescribeOption', 'supportedScopes', 'triggerable', 'undeletable',
  'updateable', 'urls',
];

// prettier-ignore
export const FIELD_KEYS = [
  'aggregatable', 'aiPredictionField', 'autoNumber', 'byteLength', 'calculated', 'calculatedFormula',
  'cascadeDelete', 'caseSensitive', 'compoundFieldName', 'controllerName', 'createable', 'custom',
  'defaultValue', 'defaultValueFormula', 'defaultedOnCreate', 'dependentPicklist', 'deprecatedAndHidden',
  'digits', 'displayLocationInDecimal', 'encrypted', 'externalId', 'extraTypeInfo', 'filterable',
  'filteredLookupInfo', 'formulaTreatNullNumberAsZero', 'groupable', 'highScaleNumber', 'htmlFormatted',
  'idLookup', 'inlineHelpText', 'label', 'length', 'mask', 'maskType', 'name', 'nameField', 'namePointing',
  'nillable', 'permissionable', 'picklistValues', 'polymorphicForeignKey', 'precision', 'queryByDistance',
  'referenceTargetField', 'referenceTo', 'relationshipName', 'relationshipOrder', 'restrictedDelete',
  'restrictedPicklist', 'scale', 'searchPrefilterable', 'soapType', 'sortable', 'type', 'unique', 'updateable',
  'writeRequiresMasterRead',
];
