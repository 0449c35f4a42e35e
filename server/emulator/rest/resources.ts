// GET /services/data/vXX.X/: the resources of this version, named as a real org lists them (Salesforce REST
// API guide, "List Available REST Resources"). Those this emulator does not serve answer NOT_FOUND.
import type { Resource } from './types.ts';

const NAMES = [
  'tooling',
  'metadata',
  'eclair',
  'folders',
  'prechatForms',
  'contact-tracing',
  'jsonxform',
  'chatter',
  'payments',
  'tabs',
  'appMenu',
  'quickActions',
  'queryAll',
  'commerce',
  'wave',
  'iot',
  'analytics',
  'search',
  'smartdatadiscovery',
  'identity',
  'composite',
  'parameterizedSearch',
  'fingerprint',
  'theme',
  'nouns',
  'domino',
  'event',
  'serviceTemplates',
  'recent',
  'connect',
  'licensing',
  'limits',
  'process',
  'dedupe',
  'async-queries',
  'query',
  'jobs',
  'match',
  'localizedvalue',
  'mobile',
  'emailConnect',
  'consent',
  'tokenizer',
  'compactLayouts',
  'knowledgeManagement',
  'sobjects',
  'actions',
  'support',
];

/**
 * Every resource name the org lists under this version, by its lowercase spelling: a listed one this emulator lacks
 * says so. Not `identity`, whose entry is the identity URL (served, at /id/...), not a path here.
 */
export const LISTED_RESOURCES = new Map(
  NAMES.filter((name) => name !== 'identity').map((name) => [name.toLowerCase(), name]),
);

/** `identity` is the caller's identity URL, absolute; every other entry is a path under this version. */
export const resourcesByVersion: Resource = (call, ctx) => {
  const body: Record<string, string> = {};
  for (const name of NAMES) {
    body[name] =
      name === 'identity'
        ? ctx.deps.identityUrl(call.principal.userId)
        : `/services/data/v${call.version}/${name}`;
  }
  return { status: 200, body };
};
