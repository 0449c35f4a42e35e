// The setup doctor: every probe a careful developer would run before the first login, each a leg of its own with a
// pass or fail and the fix. Discovery, the host's kind, the consumer key, callback and scopes (through the
// pre-flight), the JWT key and certificate, the clock, and the API version.
import path from 'node:path';
import type { Check } from '../attempts/attempt.ts';
import { hostKind } from '../hostKinds.ts';
import { PUBLIC_CLIENT_NEEDS, type Config } from '../config.ts';
import type { FlowContext } from './context.ts';
import { isOwnKey, keyMatchesCertificate } from './jwtKeyCheck.ts';
import { preflightAuthorize, type PreflightError } from './preflight.ts';
import { apiChecks, check, noAnswerFix } from './doctorApi.ts';
import { notPerformed } from './responseChecks.ts';
import { SalesforceError } from '../salesforce/errors.ts';
// The flow pages' explanations, so that the doctor and a failed login never give two fixes for one refusal (the
// explainer depends on nothing of flows/ or routes/: no cycle).
import { explain } from '../teaching/explainer/explain.ts';
import * as webServer from './webServer.ts';

const LOGIN_URL_FIX =
  'SF_LOGIN_URL must be https://login.salesforce.com, https://test.salesforce.com or your My Domain.';

export async function runDoctor(ctx: FlowContext): Promise<void> {
  const { config, api, log } = ctx;
  const probe = async <T>(work: () => Promise<T>): Promise<T | Error> =>
    work().catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));

  const discovery = await probe(() =>
    api.probe('discovery', `${config.loginUrl}/.well-known/openid-configuration`, log.entry),
  );
  const discovered =
    !(discovery instanceof Error) && discovery.status === 200 && /token_endpoint/.test(discovery.body);
  log.check(
    check(
      'discovery',
      'discovery check',
      discovered,
      discovered
        ? `${config.loginUrl}/.well-known/openid-configuration answers with the org's endpoints.`
        : `${config.loginUrl} did not answer as a Salesforce login host (${discovery instanceof Error ? discovery.message : `HTTP ${discovery.status}`}). Fix: ${discovery instanceof Error ? noAnswerFix(discovery, LOGIN_URL_FIX) : LOGIN_URL_FIX}`,
      'Every flow starts at the login host: if it does not answer, nothing else can work.',
    ),
  );
  const untrusted = discovery instanceof SalesforceError && discovery.error === 'untrusted_certificate';
  log.check(hostKindCheck(config.loginUrl, config.myDomainUrl, discovered, untrusted));

  const { authorizeUrl } = webServer.buildRequest(config, ctx.now());
  const refused = await probe(() => preflightAuthorize(ctx, authorizeUrl));
  log.check(
    check(
      'client',
      'consumer key, callback and scopes check',
      refused === undefined,
      clientCheckDetail(refused, config),
      "A wrong consumer key, callback URL or scope strands the user on Salesforce's own error page.",
    ),
  );

  const certFile = path.join(config.certsDir, 'jwt.crt');
  const keyCheck = keyMatchesCertificate(config.jwtKeyFile, certFile);
  // A key of one's own (SF_JWT_KEY_FILE) keeps its own fix, said in the detail: a new pair would not be used.
  log.check(
    keyCheck.passed || isOwnKey(config.jwtKeyFile, certFile)
      ? keyCheck
      : {
          ...keyCheck,
          detail: `${keyCheck.detail} Fix: delete certs/jwt.* to make a new pair, then upload the new jwt.crt.`,
        },
  );

  const apiHost = config.myDomainUrl ?? config.loginUrl;
  const versions = await probe(() => api.probe('versions', `${apiHost}/services/data/`, log.entry));
  for (const found of apiChecks(versions, apiHost, config)) log.check(found);
  log.check(secretNote(config.clientSecret !== undefined));
}

/** The secret can be judged only by a token request, which the doctor does not make: said, not passed. */
function secretNote(configured: boolean): Check {
  return notPerformed(
    'secret',
    'consumer secret check',
    configured
      ? 'Salesforce checks the consumer secret only when a token is asked for: the web server flow\'s code exchange shows whether it is right ("invalid client credentials" when not).'
      : `No SF_CLIENT_SECRET: the playground is a public client, so ${PUBLIC_CLIENT_NEEDS}`,
    'Asking for a token here would sign someone in; the doctor only asks questions that change nothing.',
  );
}

/**
 * `discovered`: the host answered discovery as a login host, as a custom domain in front of a My Domain does.
 * `untrusted`: it could not be asked (its certificate is not trusted here), so a host of its own cannot be judged.
 */
function hostKindCheck(
  loginUrl: string,
  myDomainUrl: string | undefined,
  discovered: boolean,
  untrusted: boolean,
): Check {
  const named = hostKind(loginUrl);
  const kind = named === 'other' ? 'custom-domain' : named;
  if (kind === 'custom-domain' && untrusted) {
    return notPerformed(
      'host-kind',
      'login host check',
      `${loginUrl} is not a Salesforce host name (a custom domain?), and it could not be asked whether it serves logins: its certificate is not trusted here (see the discovery check).`,
    );
  }
  const loginHost =
    ['login', 'test', 'My Domain', 'Experience Cloud site', 'local emulator'].includes(kind) ||
    (kind === 'custom-domain' && discovered);
  const clientCredentials = myDomainUrl
    ? `client credentials call ${myDomainUrl}`
    : 'client credentials need your My Domain: set SF_MY_DOMAIN';
  return check(
    'host-kind',
    'login host check',
    // SF_MY_DOMAIN is needed by client credentials alone: its absence is said, not failed.
    loginHost,
    loginHost
      ? `${loginUrl} is ${kind === 'custom-domain' ? 'a host of its own (a custom domain?) that answers as a login host' : `a ${kind} host`}: the redirect flows, JWT bearer, device and username-password log in here; ${clientCredentials}.`
      : kind === 'custom-domain'
        ? `${loginUrl} is not a Salesforce host, and it did not answer as a login host (a custom domain in front of your My Domain would). Fix: use your My Domain (https://<domain>.my.salesforce.com) or https://login.salesforce.com.`
        : `${loginUrl} is a ${kind} host, not a login host. Fix: use your My Domain (https://<domain>.my.salesforce.com) or https://login.salesforce.com.`,
    'Lightning, Setup and instance hosts serve pages or data, not logins; the client credentials flow works only on My Domain.',
  );
}

/** The consumer key check's finding: accepted, nothing there, no answer, or Salesforce's refusal and fix. */
function clientCheckDetail(refused: PreflightError | Error | undefined, config: Config): string {
  if (refused === undefined)
    return `Salesforce accepts client_id ${config.clientId.slice(0, 8)}… with redirect_uri ${config.callbackUrl} and scope ${config.scopes}.`;
  if (refused instanceof SalesforceError && refused.error === 'no_authorize_endpoint')
    return `Nothing there is Salesforce's login page (${refused.description}). Fix: ${LOGIN_URL_FIX}`;
  if (refused instanceof Error) return `The authorize endpoint could not be asked (${refused.message}).`;
  return `Salesforce would refuse the login: ${refused.error} (${refused.error_description ?? ''}). Fix: ${clientFix(refused, config)}.`;
}

/**
 * What to do about a login the org refuses at authorize: the callback and the consumer key here, where the host
 * decides the likeliest cause; anything else (a scope the app does not allow, an app blocked or not installed) as
 * the flow pages explain it, never as a key to copy again.
 */
export function clientFix(
  refused: Pick<PreflightError, 'error' | 'error_description'>,
  config: Pick<Config, 'callbackUrl' | 'loginUrl' | 'scopes' | 'mode'>,
): string {
  const { error } = refused;
  if (error === 'redirect_uri_mismatch')
    return `add ${config.callbackUrl} to the app's Callback URLs, exactly`;
  // The doctor asks for SF_SCOPES: only the app's scopes or that setting can make this check pass.
  if (error === 'invalid_scope') {
    const where =
      config.mode === 'emulator'
        ? `the OAuth scopes on the emulator's Setup page (${config.loginUrl}/setup)`
        : "the app's Selected OAuth Scopes";
    return `allow every scope the playground asks for (SF_SCOPES, now ${config.scopes}) among ${where}, or leave the ones it lacks out of SF_SCOPES and restart the playground`;
  }
  if (error !== 'invalid_client_id') return explain(refused).howToFix.replace(/\.$/, '');
  // The commonest cause of an unknown key at login.salesforce.com: the app was made in a sandbox.
  const sandbox =
    hostKind(config.loginUrl) === 'login'
      ? "; an app made in a sandbox is known only there: set SF_LOGIN_URL=https://test.salesforce.com (or the sandbox's My Domain)"
      : '';
  return `copy the Consumer Key again, or wait up to 10 minutes after creating the app${sandbox}`;
}
