// Pages opened under this machine's other name (https://127.0.0.1:8081 when the callback says localhost) move to
// the callback's host name before anything starts: a browser keeps cookies per host name, so a login begun on
// 127.0.0.1 would come back to localhost without its session and end in state_mismatch after the whole login.
import type { RequestHandler } from 'express';
import { isLoopbackHost } from './hostKinds.ts';

export function sameHostAsCallback(callbackUrl: string): RequestHandler {
  const callback = new URL(callbackUrl);
  const callbackPort = Number(callback.port || 443);
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    // Only when the callback is this app itself, at the port the request came in on. A callback on another port or
    // host is a proxy's or a tunnel's, and a proxy may name the app by either name in Host (nginx sends its
    // proxy_pass address): a redirect to the app's own port would take the browser out of the proxy, and the login
    // would come back to the proxy's address without this page's cookies. The flow pages warn instead.
    if (!isLoopbackHost(callback.hostname) || callbackPort !== req.socket.localPort) return next();
    if (!isLoopbackHost(req.hostname) || req.hostname === callback.hostname) return next();
    res.redirect(302, `https://${callback.hostname}:${callbackPort}${req.originalUrl}`);
  };
}
