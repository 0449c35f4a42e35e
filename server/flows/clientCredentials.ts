// Client credentials flow (RFC 6749 section 4.4; Salesforce: "OAuth 2.0 Client Credentials Flow for
// Server-to-Server Integration"): the app proves it is the app and gets a token acting as its Run As user. It
// works only on the org's My Domain; the generic login host answers "request not supported on this domain".
import { FlowError, type Fault } from '../attempts/attempt.ts';
import type { Config } from '../config.ts';
import type { TokenSet } from '../salesforce/tokens.ts';
import type { FlowContext } from './context.ts';
import { verifyTokenResponse } from './responseChecks.ts';

export const CLIENT_CREDENTIALS_GRANT_TYPE = 'client_credentials';

type FlowConfig = Pick<Config, 'loginUrl' | 'myDomainUrl' | 'clientId' | 'clientSecret'>;

/** Salesforce documents the secret in the body and in HTTP Basic; this flow is where Basic is documented. */
export type ClientAuthentication = 'body' | 'basic';

export interface ClientCredentialsRequest {
  /** The origin the request goes to, and why. */
  host: string;
  hostKind: 'My Domain' | 'login host';
  form: Record<string, string>;
  headers: Record<string, string>;
}

/** Which host the request goes to: My Domain, unless the learner asked to see the login host refuse it. */
export function buildRequest(
  config: FlowConfig,
  faults: readonly Fault[] = [],
  authentication: ClientAuthentication = 'body',
): ClientCredentialsRequest {
  const toLoginHost = faults.includes('login-host');
  if (!toLoginHost && !config.myDomainUrl) {
    throw new FlowError(
      'my_domain_unknown',
      'the client credentials flow must call your My Domain: set SF_MY_DOMAIN=https://<your domain>.my.salesforce.com',
    );
  }
  if (!config.clientSecret) {
    throw new FlowError(
      'no_client_secret',
      'the client credentials flow needs the consumer secret (SF_CLIENT_SECRET)',
    );
  }
  const secret = faults.includes('wrong-secret') ? `${config.clientSecret}-wrong` : config.clientSecret;
  const form: Record<string, string> = { grant_type: CLIENT_CREDENTIALS_GRANT_TYPE };
  const headers: Record<string, string> = {};
  if (authentication === 'basic') {
    headers.authorization = `Basic ${Buffer.from(`${config.clientId}:${secret}`).toString('base64')}`;
  } else {
    Object.assign(form, { client_id: config.clientId, client_secret: secret });
  }
  return {
    host: toLoginHost ? config.loginUrl : (config.myDomainUrl as string),
    hostKind: toLoginHost ? 'login host' : 'My Domain',
    form,
    headers,
  };
}

/** The whole flow: one POST to My Domain's token endpoint; no refresh token, no id_token ever comes back. */
export async function requestToken(
  ctx: FlowContext,
  faults: readonly Fault[],
  authentication: ClientAuthentication = 'body',
): Promise<TokenSet> {
  const request = buildRequest(ctx.config, faults, authentication);
  const tokens = await ctx.api.token(request.form, ctx.log.entry, {
    host: request.host,
    headers: request.headers,
  });
  await verifyTokenResponse(ctx, tokens, { idToken: false });
  return tokens;
}
