// Finds the access token of a request: `Authorization: Bearer x` (or `OAuth x`), or an oauth_token parameter.
import type { Request } from 'express';
import type { EmulatorContext } from './context.ts';
import type { OrgUser } from './org.ts';
import type { AccessTokenRecord } from './state.ts';
import { findUserById } from './context.ts';
import { mergedParams } from './params.ts';

export function bearerToken(req: Request, allowParameter = false): string | undefined {
  const match = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (match) return match[1];
  return allowParameter ? mergedParams(req).oauth_token : undefined;
}

/**
 * The live token's record and user, or undefined for a missing, unknown, revoked or expired token. A call it
 * authenticates is a use of the token: its idle timeout starts again (see TokenStore.noteUse).
 */
export function authenticate(
  ctx: EmulatorContext,
  token: string | undefined,
): { record: AccessTokenRecord; user: OrgUser } | undefined {
  const record = token ? ctx.state.tokens.findAccessToken(token) : undefined;
  const user = record ? findUserById(ctx, record.userId) : undefined;
  if (!record || !user?.active) return undefined;
  ctx.state.tokens.noteUse(record, ctx.tokenLifetimeMs);
  return { record, user };
}
