// The simple_salesforce equivalent of a copied Python request, as a comment under it: the call that does the same
// (a query, or one of the grants it runs itself), with the domain= it needs to reach the same host; and the Python
// literals both the copy (python.ts) and the comment write.
import { JWT_GRANT_TYPE } from '../../flows/jwtBearer.ts';
import type { SnippetContext } from './context.ts';
import { assertionClaims, formValue, queryOf, type LegRequest } from './request.ts';
import { isSecret, type Value } from './secrets.ts';

/** A JSON string is also a valid Python string literal. */
export const literal = (text: string) => JSON.stringify(text);
/** A secret as the variable the copy set above (in an f-string after a prefix); any other value as a literal. */
export const expression = (value: Value, prefix = '') =>
  isSecret(value)
    ? prefix
      ? `f${literal(`${prefix}{${value.variable}}`)}`
      : value.variable
    : literal(prefix + value);

/** simple_salesforce's own call for the same thing, as a comment (it is not installed with the snippet). */
export function simpleSalesforce(request: LegRequest, context: SnippetContext): string[] {
  const query = queryOf(request);
  if (query && request.bearer) {
    return [
      '# The same with simple_salesforce (pip install simple-salesforce):',
      '#   from simple_salesforce import Salesforce',
      ...(context.caFile
        ? [
            '#   session = requests.Session()',
            '#   session.verify = CA_FILE  # requests lets REQUESTS_CA_BUNDLE, if set, override this: unset it',
          ]
        : []),
      `#   sf = Salesforce(instance_url=${literal(query.instanceUrl)}, session_id=${expression(request.bearer)},${context.caFile ? ' session=session,' : ''} version=${literal(query.version)})`,
      `#   for record in sf.query_all(${literal(query.soql)})["records"]:`,
      '#       print(record)',
    ];
  }
  const grant = formValue(request, 'grant_type');
  const claims = assertionClaims(request);
  const domain = salesforceDomain(request.url);
  const hostNote = domain
    ? []
    : ['# It builds the host from domain= (the part before .salesforce.com), so it reaches real orgs only:'];
  if (grant === JWT_GRANT_TYPE && claims) {
    // It signs aud=https://<domain>.salesforce.com and sends the assertion to instance_url's host when given one:
    // a My Domain token host goes there, with login (or test) as domain, as this app's assertion had them. (Before
    // simple_salesforce 1.12.6, instance_url= is ignored here and the login host is used, which also works.)
    const audDomain = claims.aud ? salesforceDomain(claims.aud) : undefined;
    const jwtDomain = audDomain ?? domain ?? 'login';
    const tokenHost = domain && domain !== jwtDomain ? `, instance_url=${literal(domain)}` : '';
    return [
      '# simple_salesforce signs and sends its own assertion (pip install simple-salesforce).',
      ...hostNote,
      `#   sf = Salesforce(username=${literal(claims.sub)}, consumer_key=${literal(claims.iss)}, privatekey_file=${literal(context.jwtKeyFile)}, domain=${literal(jwtDomain)}${tokenHost})`,
    ];
  }
  const key = formValue(request, 'client_id') ?? request.basic?.user;
  const secret = formValue(request, 'client_secret') ?? request.basic?.password;
  if (grant === 'client_credentials' && key !== undefined && secret !== undefined) {
    return [
      '# simple_salesforce runs this grant when given a key and a secret without a user (pip install simple-salesforce).',
      ...hostNote,
      `#   sf = Salesforce(consumer_key=${expression(key)}, consumer_secret=${expression(secret)}, domain=${literal(domain ?? 'your-domain.my')})`,
    ];
  }
  const [username, password] = [formValue(request, 'username'), formValue(request, 'password')];
  if (grant === 'password' && key !== undefined && secret !== undefined && username && password) {
    return [
      '# simple_salesforce runs this grant when given a user, a password with the security token after it, a key',
      '# and a secret, and no security_token= (which would make it log in with SOAP instead; pip install simple-salesforce).',
      ...hostNote,
      `#   sf = Salesforce(username=${expression(username)}, password=${expression(password)}, consumer_key=${expression(key)}, consumer_secret=${expression(secret)}, domain=${literal(domain ?? 'login')})`,
    ];
  }
  return ['# simple_salesforce has no call of its own for this request: it uses requests, as above.'];
}

/** What simple_salesforce's domain= is for this host: login, test, or a My Domain such as acme.my. */
function salesforceDomain(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const host = new URL(url).hostname;
  return host.endsWith('.salesforce.com') ? host.slice(0, -'.salesforce.com'.length) : undefined;
}
