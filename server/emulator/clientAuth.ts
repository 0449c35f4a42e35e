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

function formDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
