// Reads the client's credentials from HTTP Basic or from the form, as the token and introspection endpoints take them.
import type { Params } from './params.ts';
import { safeEqual } from './secrets.ts';

export interface ClientCredentials {
  id: string;
  secret: string;
  /** From HTTP Basic, when form-decoding changed it: the secret as the client wrote it (see clientCredentials). */
  secretAsSent?: string;
}

/**
 * `Authorization: Basic base64(id:secret)` wins over client_id/client_secret in the form. RFC 6749 §2.3.1 has both
 * parts form-encoded before base64; Salesforce's consumer keys and secrets contain no character that this changes,
 * so decoding them is the RFC's safe choice (a value that is not valid form-encoding is taken as it is). A secret
 * of the learner's own with + or % in it reads differently from clients that encode it (openid-client) and clients
 * that do not (curl --user, requests' auth=, most code): the secret as sent is kept too, and either matches.
 */
export function clientCredentials(authorization: string | undefined, params: Params): ClientCredentials {
  const basic = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
  if (!basic) return { id: params.client_id ?? '', secret: params.client_secret ?? '' };
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return { id: formDecode(decoded), secret: '' };
  const sent = decoded.slice(colon + 1);
  const secret = formDecode(sent);
  return { id: formDecode(decoded.slice(0, colon)), secret, ...(secret !== sent && { secretAsSent: sent }) };
}

/** Whether the client's secret is the app's, as decoded or as sent. */
export function secretMatches(
  client: Pick<ClientCredentials, 'secret' | 'secretAsSent'>,
  expected: string,
): boolean {
  return (
    safeEqual(client.secret, expected) ||
    (client.secretAsSent !== undefined && safeEqual(client.secretAsSent, expected))
  );
}

/**
 * The code exchange and the refresh grant: the client in the form, or else in HTTP Basic. Whether Salesforce takes
 * Basic there today is unconfirmed (wire reference §3.3: a 2018 report saw Basic alone refused), so this is RFC
 * 6749 §2.3.1's choice, which asks it of every grant that authenticates the client; the form wins when it has both. A form with the
 * client_id alone and the secret in Basic is read as both; a Basic id other than the form's is no client at all.
 */
export function clientFromFormFirst(authorization: string | undefined, params: Params): ClientCredentials {
  const inForm = { id: params.client_id ?? '', secret: params.client_secret ?? '' };
  if (params.client_secret !== undefined || !/^Basic\s/i.test(authorization ?? '')) return inForm;
  const basic = clientCredentials(authorization, {});
  return params.client_id === undefined || params.client_id === basic.id ? basic : { id: '', secret: '' };
}

function formDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
