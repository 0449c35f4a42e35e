// Pages opened under this machine's other name (https://127.0.0.1:8081 when the callback says localhost) move to
// the callback's host name before anything starts: a browser keeps cookies per host name, so a login begun on
// 127.0.0.1 would come back to localhost without its session and end in state_mismatch after the whole login.
import type { RequestHandler } from 'express';
import { callbackIsElsewhere } from './configSettings.ts';
import { isLoopbackHost } from './hostKinds.ts';

export function sameHostAsCallback(callbackUrl: string): RequestHandler {
  const callbackHost = new URL(callbackUrl).hostname;
  // A callback on this machine (this app, or a proxy on another port: cookies ignore ports, not host names). Behind
  // a tunnel the visitor browses through it instead.
  const applies = !callbackIsElsewhere(callbackUrl);
  return (req, res, next) => {
    if (!applies || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    if (!isLoopbackHost(req.hostname) || req.hostname === callbackHost) return next();
    // The port the request came in on (the configured one, or the one a test's port 0 got).
    res.redirect(302, `https://${callbackHost}:${req.socket.localPort}${req.originalUrl}`);
  };
}
