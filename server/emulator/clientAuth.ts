// Reads the client's credentials from HTTP Basic or from the form, as the token and introspection endpoints take them.
import type { Params } from './params.ts';

export interface ClientCredentials {
  id: string;
  secret: string;
}

/**
 * `Authorization: Basic base64(id:secret)` wins over client_id/client_secret in the form. RFC 6749 §2.3.1 has both
 * parts form-encoded before base64; Salesforce's consumer keys and secrets contain no character that this changes,
 * so decoding them is the RFC's safe choice (a value that is not valid form-encoding is taken as it is).
 */
export function clientCredentials(authorization: string | undefined, params: Params): ClientCredentials {
  const basic = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
  if (!basic) return { id: params.client_id ?? '', secret: params.client_secret ?? '' };
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return { id: formDecode(decoded), secret: '' };
  return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
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
