// Salesforce CLI: `sf org login jwt` for a JWT bearer token request, `sf org login access-token` then
// `sf data query` for a query; the CLI has no command that sends the other requests.
import { JWT_GRANT_TYPE, WRONG_AUDIENCE } from '../../flows/jwtBearer.ts';
import { bindingsComment, bindingsOf, type SnippetContext } from './context.ts';
import { POSIX_SHELL_LINE, shellQuote, variableLines } from './curl.ts';
import { assertionClaims, formValue, oauthBaseOf, queryOf, type LegRequest } from './request.ts';

/** The alias every snippet logs in under, so the query command can name the org. */
export const ORG_ALIAS = 'playground';

export function sfCliSnippet(request: LegRequest, context: SnippetContext): string | undefined {
  const lines = [
    POSIX_SHELL_LINE,
    // Its current releases declare Node 22 or newer, and crash at start on Node 20 (which the playground runs on).
    `# Salesforce CLI, npm install --global @salesforce/cli, needs Node 22 or newer. Run it from the playground folder.`,
  ];
  // The CLI is a Node program: it reads extra certificate authorities from this variable at start.
  const trust = context.caFile ? `NODE_EXTRA_CA_CERTS=${shellQuote(context.caFile)} ` : '';
  const claims = assertionClaims(request);
  if (formValue(request, 'grant_type') === JWT_GRANT_TYPE && claims) {
    const loginUrl = oauthBaseOf(request.url);
    lines.push(
      '# The CLI signs an assertion of its own with the same key and consumer key, for the same user, and sends it:',
      `${audienceVariable(claims.aud, loginUrl)}${trust}sf org login jwt --client-id ${shellQuote(claims.iss)} --jwt-key-file ${shellQuote(context.jwtKeyFile)} \\`,
      `  --username ${shellQuote(claims.sub)} --instance-url ${shellQuote(loginUrl)} --alias ${ORG_ALIAS}`,
    );
    // When its first try fails (the emulator stopped, or refusing), sfdx-core goes on through getLoginAudienceCombos,
    // which always include the generic login hosts: the same assertion then leaves this machine for Salesforce, and
    // their answers join the emulator's in the list the CLI prints. No flag or variable turns those tries off.
    // Plain words only: zsh runs a pasted comment line as a command, where a quote or a ! would spill over.
    if (context.caFile) lines.push(OFFLINE_NOTE);
    return lines.join('\n');
  }
  const query = queryOf(request);
  if (!query || !request.bearer) return undefined;
  const bindings = bindingsOf(request, context);
  const comment = bindingsComment(bindings);
  if (comment) lines.push(`# ${comment}`);
  // SF_ACCESS_TOKEN is the variable `sf org login access-token --no-prompt` reads the token from.
  // Before Reveal its one variable is checked, and that line's && joins the chain below.
  lines.push(...variableLines(bindings));
  // The query runs only if this login worked: otherwise the alias still names an earlier login (another token, another
  // org), and its rows would look like this token's answer.
  lines.push(
    `${trust}sf org login access-token --instance-url ${shellQuote(query.instanceUrl)} \\`,
    `  --alias ${ORG_ALIAS} --no-prompt &&`,
    `${trust}sf data query --query ${shellQuote(query.soql)} \\`,
    `  --target-org ${ORG_ALIAS} --api-version ${query.version}`,
  );
  return lines.join('\n');
}

export const OFFLINE_NOTE =
  '# If the emulator refuses it or is not running, the CLI tries again at login.salesforce.com and test.salesforce.com, over the internet, and lists every answer: the first is the try at the emulator.';

/** The generic login hosts the CLI tries as aud besides the login URL. */
const CLI_LOGIN_HOSTS = [
  'https://login.salesforce.com',
  'https://test.salesforce.com',
  'https://gs1.salesforce.com',
];

/**
 * The CLI works out the assertion's aud itself, trying the login URL and the generic login hosts (sfdx-core's
 * getLoginAudienceCombos; gs1 for its hosts); any other audience (an SF_AUDIENCE of one's own) it reads from
 * SF_AUDIENCE_URL. Not the "break it" switch's wrong one: the CLI signs its own assertion, so a copy cannot replay it.
 */
function audienceVariable(aud: string | undefined, loginUrl: string): string {
  if (!aud || aud === WRONG_AUDIENCE) return '';
  const guessed = [loginUrl, ...CLI_LOGIN_HOSTS];
  return guessed.includes(aud.replace(/\/$/, '')) ? '' : `SF_AUDIENCE_URL=${shellQuote(aud)} `;
}
