// The setup form's JWT-based access token part: "Issue JSON Web Token (JWT)-based access tokens for named users" and
// the token timeout (the user's session, or one of the minutes Salesforce allows).
import { isNamedUserJwtTimeout, type NamedUserJwtSettings } from '../namedUserJwt.ts';

/**
 * The box and the timeout as chosen, a choice outside the list told to `refuse`. A form from before these fields
 * existed (no namedUserJwtShown) keeps the saved ones: no box must not read as off.
 */
export function readNamedUserJwt(
  body: Record<string, unknown>,
  current: NamedUserJwtSettings,
  refuse: (text: string) => void,
): NamedUserJwtSettings {
  const kept = {
    namedUserJwtEnabled: current.namedUserJwtEnabled,
    namedUserJwtTimeoutType: current.namedUserJwtTimeoutType,
    namedUserJwtTimeout: current.namedUserJwtTimeout,
  };
  if (body.namedUserJwtShown !== '1') return kept;
  const enabled = body.namedUserJwtEnabled === 'on';
  const timeout = body.namedUserJwtTimeout;
  if (timeout === 'UserSession') {
    return { ...kept, namedUserJwtEnabled: enabled, namedUserJwtTimeoutType: 'UserSession' };
  }
  const minutes = typeof timeout === 'string' && /^\d+$/.test(timeout) ? Number(timeout) : NaN;
  if (!isNamedUserJwtTimeout(minutes)) {
    refuse('The JWT-based access token timeout must be the user session or one of the listed minutes.');
    return { ...kept, namedUserJwtEnabled: enabled };
  }
  return { namedUserJwtEnabled: enabled, namedUserJwtTimeoutType: 'Custom', namedUserJwtTimeout: minutes };
}
