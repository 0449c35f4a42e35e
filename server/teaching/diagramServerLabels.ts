// Diagram labels of the server-side flows (JWT bearer, client credentials, refresh, username-password, device): what
// a break-it switch changed in the request, said in the step that sent it.
import type { Attempt } from '../attempts/attempt.ts';
import type { DiagramContext } from './diagramEvidence.ts';
import { hostOf, sentParams } from './diagramLabels.ts';

/** Client credentials works only on My Domain; the login-host switch sends it to the login host to see it refused. */
export const clientCredentialsToken = (attempt: Attempt): string => {
  const where = attempt.faults.includes('login-host') ? 'the login host' : 'My Domain';
  const host = hostOf(attempt, 'token');
  const to = host ? `${where} (${host})` : where;
  const form = sentParams(attempt, 'token', 'body');
  const secret = attempt.faults.includes('wrong-secret') ? 'a wrong secret' : 'secret';
  const how = !form
    ? 'in the form or as HTTP Basic'
    : form.has('client_secret')
      ? 'in the form'
      : 'as HTTP Basic';
  return `POST /services/oauth2/token on ${to} with grant_type=client_credentials and the app's id and ${secret}, ${how}`;
};

/** other-key signs with a key made for the attempt: the certificate the app holds cannot verify it. */
export const jwtSigning = (attempt: Attempt, { jwtKeyFile }: DiagramContext): string =>
  attempt.faults.includes('other-key')
    ? `Sign the assertion (iss, sub, aud, exp), RS256, with a throwaway key, not ${jwtKeyFile}: the app's certificate does not match it`
    : `Sign the assertion (iss, sub, aud, exp) with ${jwtKeyFile}, RS256`;

/** The refresh sends the secret when this app has one, unless a switch leaves it out or spoils it. */
export const refreshExchange = (attempt: Attempt): string => {
  const form = sentParams(attempt, 'token (refresh)', 'body');
  const sent = form?.has('client_secret');
  // What was sent decides first: a public client armed with wrong-secret still sends no secret at all.
  const secret =
    sent === false
      ? ', without the client secret'
      : attempt.faults.includes('wrong-secret')
        ? ' and a wrong client secret'
        : sent
          ? ' and the client secret'
          : ' (and the client secret, when this app has one)';
  return `POST /services/oauth2/token with grant_type=refresh_token${secret}`;
};

/** The password grant's password: the user's password followed by the security token, unless a switch says not. */
export const passwordExchange = (attempt: Attempt): string => {
  const password = attempt.faults.includes('no-security-token')
    ? 'the password without its security token'
    : attempt.faults.includes('wrong-password')
      ? 'a wrong password'
      : attempt.input?.noSecurityToken
        ? 'the password alone (the Security token field was empty)'
        : 'the password + security token';
  return `POST /services/oauth2/token with grant_type=password, ${password} and the secret`;
};

/** The device flow's polls, with the grant_type they carried and how often they came. */
export const devicePolling = (attempt: Attempt): string => {
  const last = attempt.transcript.filter((entry) => entry.leg === 'token (poll)').at(-1);
  const armed = attempt.faults.includes('rfc-grant-type')
    ? 'urn:ietf:params:oauth:grant-type:device_code'
    : 'device';
  const grantType = new URLSearchParams(last?.requestBody ?? '').get('grant_type') ?? armed;
  const pace = attempt.faults.includes('poll-too-fast')
    ? 'sooner than interval on purpose (RFC 8628 answers slow_down)'
    : 'every interval seconds';
  return `Poll with grant_type=${grantType} and the device code, ${pace}`;
};

/** The other screen's step, as the redirect flows draw theirs: a Deny the poll brought back is drawn as a Deny. */
export const deviceApprovalLabel = (attempt: Attempt): string =>
  `On another screen: open verification_uri, enter the code, ${
    attempt.error?.error === 'access_denied' ? 'log in, then Deny' : 'log in and Allow'
  }`;
