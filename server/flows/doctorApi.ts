// The setup doctor's questions to the REST API's host (the My Domain when known): is it a Salesforce org's, and
// does it offer the API version the playground will use.
import type { Check } from '../attempts/attempt.ts';
import type { Config } from '../config.ts';
import { versionRetirementNote } from '../configApiVersion.ts';
import { SalesforceError } from '../salesforce/errors.ts';
import type { SalesforceResponse } from '../salesforce/http.ts';
import { notPerformed } from './checkOutcomes.ts';

const MY_DOMAIN_FIX =
  "SF_MY_DOMAIN must be your org's My Domain, as Setup → My Domain shows it, e.g. https://<domain>.my.salesforce.com";

/**
 * The fix for a host that gave no answer: TLS trust and the network come before the URL, which a learner behind a
 * company proxy has often got right (telling them to set the value they already have would mislead).
 */
export function noAnswerFix(error: Error, urlFix: string): string {
  const code = error instanceof SalesforceError ? error.error : undefined;
  if (code === 'untrusted_certificate')
    return `this machine does not trust the host's certificate. Behind a company proxy that inspects TLS, give Node its root certificate (NODE_EXTRA_CA_CERTS=/path/to/root.pem; for this project's own emulator in org mode, NODE_EXTRA_CA_CERTS=certs/server.crt) and restart; never turn certificate checks off. If the host name is wrong instead: ${urlFix}`;
  if (code === 'timeout')
    return `the host did not answer in time: try again in a moment, and check for a proxy holding requests. If the host is wrong instead: ${urlFix}`;
  // A name that does not resolve is most often a typo in the URL: that fix comes first then.
  if (/ENOTFOUND|EAI_AGAIN/.test(error.message))
    return `the host name does not resolve: ${urlFix} If it is right, check this machine's network and DNS.`;
  return `check that this machine reaches the host at all (open it in a browser here; the network, a proxy, a firewall). If the host is wrong instead: ${urlFix}`;
}

/** One of the doctor's checks, passed or failed, with what it found and why it matters. */
export const check = (id: string, label: string, passed: boolean, detail: string, why: string): Check => ({
  id,
  label,
  passed,
  detail,
  why,
});

/**
 * The checks GET <host>/services/data/ answers; `versions` is its answer, or the error that stood for one, and
 * `host` the one asked (the My Domain when known).
 */
export function apiChecks(
  versions: SalesforceResponse | Error,
  host: string,
  config: Pick<Config, 'loginUrl' | 'myDomainUrl' | 'apiVersion'>,
): Check[] {
  const listed = versions instanceof Error ? [] : listedVersions(versions.body);
  // SF_MY_DOMAIN is asked nothing else before client credentials: whether it is an org's is the doctor's to say.
  const ownMyDomain = config.myDomainUrl !== undefined && config.myDomainUrl !== config.loginUrl;
  const notAnOrg = versions instanceof Error || versions.status !== 200 || listed.length === 0;
  const checks: Check[] = [];
  if (ownMyDomain && notAnOrg) {
    const answer =
      versions instanceof Error
        ? `did not answer (${versions.message})`
        : `answered GET /services/data/ with HTTP ${versions.status} and no API versions, which no Salesforce org would`;
    checks.push(
      check(
        'my-domain',
        'My Domain check',
        false,
        `${host} ${answer}. Fix: ${versions instanceof Error ? noAnswerFix(versions, MY_DOMAIN_FIX) : MY_DOMAIN_FIX}.`,
        'Client credentials call the My Domain, and every flow accepts the hosts Salesforce names (instance_url, id) only if they are the login host, the My Domain or a Salesforce domain.',
      ),
    );
  }
  // A host that is not an org's has no versions to judge: that is its failure, already shown, not a second one.
  checks.push(
    notAnOrg && (ownMyDomain || versions instanceof Error)
      ? notPerformed(
          'api-version',
          'API version check',
          `GET ${host}/services/data/ ${versions instanceof Error ? 'got no answer' : 'listed no versions'}, so the versions could not be read.`,
        )
      : versionCheck(listed, config.apiVersion),
  );
  return checks;
}

function versionCheck(versions: string[], wanted: string | undefined): Check {
  const newest = versions.at(-1);
  return check(
    'api-version',
    'API version check',
    versions.length > 0 && (!wanted || versions.includes(wanted)),
    versions.length === 0
      ? 'GET /services/data/ listed no versions.'
      : wanted && !versions.includes(wanted)
        ? `SF_API_VERSION=${wanted} is not one the org offers (newest: ${newest}). Fix: remove SF_API_VERSION, or use a listed one.`
        : `The org offers v${versions[0]} to v${newest}${wanted ? `; SF_API_VERSION=${wanted} is one of them` : '; the playground uses the newest'}.${retiring(wanted)}`,
    'A version the org does not have answers NOT_FOUND for every REST call.',
  );
}

/** A pinned version that works today but is on its way out: said beside the pass, not failed. */
const retiring = (wanted: string | undefined) => {
  const note = wanted ? versionRetirementNote(wanted) : undefined;
  return note ? ` Note: ${note}.` : '';
};

function listedVersions(body: string | undefined): string[] {
  try {
    const list: unknown = JSON.parse(body ?? '[]');
    if (!Array.isArray(list)) return [];
    return list
      .map((entry: { version?: unknown } | null) => entry?.version)
      .filter((version): version is string => typeof version === 'string');
  } catch {
    return [];
  }
}
