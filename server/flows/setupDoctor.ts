// The setup doctor: every probe a careful developer would run before the first login, each a leg of its own with a
// pass or fail and the fix. Discovery, the host's kind, the consumer key, callback and scopes (through the
// pre-flight), the JWT key and certificate, the clock, and the API version.
import path from 'node:path';
import type { Check } from '../attempts/attempt.ts';
import { hostKind } from '../hostKinds.ts';
import { PUBLIC_CLIENT_NEEDS } from '../config.ts';
import type { FlowContext } from './context.ts';
import { isOwnKey, keyMatchesCertificate } from './jwtKeyCheck.ts';
import { preflightAuthorize } from './preflight.ts';
import { apiChecks, check, noAnswerFix } from './doctorApi.ts';
import { notPerformed } from './checkOutcomes.ts';
import { clientCheckDetail, LOGIN_URL_FIX } from './doctorClientFix.ts';
import { SalesforceError } from '../salesforce/errors.ts';
import * as webServer from './webServer.ts';

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
