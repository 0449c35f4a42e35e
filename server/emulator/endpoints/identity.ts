// The identity URL (/id/<org>/<user>) and OpenID userinfo: who the token's user is. Bad tokens get Bad_OAuth_Token.
// Both honour `version` (a number or `latest`) and `format` (json, xml, urlencoded); the identity URL also
// reads the Accept header and a JSONP `callback`, as Salesforce documents.
import { Router, type Request, type Response } from 'express';
import { authenticate, bearerToken } from '../bearer.ts';
import { findUserById, type EmulatorContext } from '../context.ts';
import { ORG_ID_15 } from '../org.ts';
import { mergedParams } from '../params.ts';
import { chooseFormat, jsonpCallback, sendFormatted, sendJsonp } from './formats.ts';
import { identityDocument, userinfoDocument, versionFor } from './identityDocuments.ts';

export function identityEndpoints(ctx: EmulatorContext): Router {
  const router = Router();
  router.all('/id/:orgId/:userId', (req, res) => {
    if (!ANSWERED.has(req.method)) return onlyGetAndPost(res);
    // Any live token reads its own user's identity, whatever its scopes: Salesforce describes the `id` scope as access
    // to this service, but what it answers a token without it is unconfirmed (the reference is silent).
    const caller = authenticate(ctx, bearerToken(req, true));
    if (!caller) return badToken(res);
    // Ids are compared by their 15 characters, as records are: an identity URL saved before the org's id got its
    // right suffix still names the same org.
    const sameOrg = req.params.orgId.slice(0, 15) === ORG_ID_15;
    const subject = sameOrg ? findUserById(ctx, req.params.userId.slice(0, 15)) : undefined;
    if (!subject) return res.status(404).type('text/plain').send('Bad_Id');
    const canReadOthers = caller.record.scopes.some((scope) => scope === 'api' || scope === 'full');
    if (subject.id !== caller.user.id && !canReadOthers) return badToken(res);
    const { version, callback } = mergedParams(req);
    const document = identityDocument(ctx, subject, caller.user, versionFor(version));
    // Salesforce Help "Identity URLs" lists `callback`, a function name that wraps JSON output (JSONP); other formats
    // ignore it here. Whether userinfo takes it too is not documented, so only this URL does.
    const wrapper = jsonpCallback(callback);
    if (wrapper && chooseFormat(req, mergedParams(req).format, true) === 'json') {
      res.set('Cache-Control', 'no-store');
      return sendJsonp(res, wrapper, document);
    }
    reply(req, res, document, true);
  });
  // GET is documented; POST is said to be accepted too (unconfirmed), as OpenID Connect allows: nothing else.
  router.all('/services/oauth2/userinfo', (req, res) => {
    if (!ANSWERED.has(req.method)) return onlyGetAndPost(res);
    // Salesforce Help "Query for User Information" takes the token in the header or an oauth_token parameter.
    const caller = authenticate(ctx, bearerToken(req, true));
    if (!caller) return badToken(res);
    reply(req, res, userinfoDocument(ctx, caller.user, versionFor(mergedParams(req).version)), false);
  });
  return router;
}

function reply(req: Request, res: Response, body: Record<string, unknown>, useAccept: boolean): void {
  res.set('Cache-Control', 'no-store');
  sendFormatted(res, chooseFormat(req, mergedParams(req).format, useAccept), body, 'user');
}

/**
 * GET and POST, and HEAD with GET: what Salesforce answers a HEAD here is unknown, and RFC 9110 (9.1) has a server
 * that takes GET take HEAD too (Express sends the headers of the GET answer without its body).
 */
const ANSWERED = new Set(['GET', 'HEAD', 'POST']);

/** RFC 9110: a 405 names the methods the resource takes. */
function onlyGetAndPost(res: Response): void {
  res.status(405).set('Allow', 'GET, HEAD, POST').end();
}

/** Salesforce answers a bad token here with 403 and a plain-text body, not JSON. */
function badToken(res: Response): void {
  res.status(403).type('text/plain').send('Bad_OAuth_Token');
}
