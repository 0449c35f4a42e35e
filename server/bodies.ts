// Request body parsers with limits: a form or JSON body is small, flat and shallow, or it is refused with a 400.
import express, { type RequestHandler } from 'express';
import { HttpError } from './errors.ts';

/**
 * Room for the largest form this app sends: a full paste box (10,000 characters) or SOQL box (4,000), each
 * character up to 9 bytes once a browser percent-encodes it. Its JSON bodies are an id or two.
 */
const FORM_LIMIT = '128kb';
const JSON_LIMIT = '32kb';
/** The app's JSON bodies are one level deep ({"entryId": "..."}); a little room, never thousands of levels. */
export const MAX_JSON_DEPTH = 8;

function formBody(): RequestHandler {
  return express.urlencoded({ extended: false, limit: FORM_LIMIT, parameterLimit: 50 });
}

function jsonBody(): RequestHandler {
  return express.json({
    limit: JSON_LIMIT,
    // Runs before JSON.parse: deeply nested input is refused before it can exhaust the stack anywhere later.
    verify: (_req, _res, buffer) => {
      if (jsonDepth(buffer) > MAX_JSON_DEPTH) {
        throw new HttpError(400, 'Bad request', `JSON bodies may nest at most ${MAX_JSON_DEPTH} levels.`);
      }
    },
  });
}

/**
 * A body neither parser read (text/plain, XML…) would reach its handler as no form at all, and fail there for a
 * wrong reason ("Form expired", as its CSRF token went unread): it is refused here, naming the type it came as.
 */
function unreadBodyRefused(): RequestHandler {
  return (req, _res, next) => {
    const hasBody =
      Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (!hasBody || req.body !== undefined) return next();
    const type = (req.headers['content-type'] ?? 'no content type').slice(0, 100);
    next(
      new HttpError(
        415,
        'Unsupported form encoding',
        `This app reads forms sent as application/x-www-form-urlencoded (as browsers send them) or JSON; this one came as ${type}.`,
      ),
    );
  };
}

/** The deepest nesting of objects and arrays in JSON text, counting brackets outside strings. */
export function jsonDepth(buffer: Buffer): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < buffer.length; i++) {
    const byte = buffer[i];
    if (inString) {
      if (byte === 0x5c)
        i++; // a backslash escapes the next character
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x5b || byte === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (byte === 0x5d || byte === 0x7d) depth--;
  }
  return deepest;
}

/**
 * Body parsers for requests that can carry a body: a page view (GET, HEAD) skips them. Each parser hands on to the
 * next directly: a nested router would end its pass with setImmediate, a turn of the event loop on every POST.
 */
export function requestBodies(): RequestHandler {
  const parsers = [formBody(), jsonBody(), unreadBodyRefused()];
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    const parseFrom = (index: number): void => {
      const parser = parsers[index];
      if (!parser) return next();
      parser(req, res, (error?: unknown) => (error ? next(error) : parseFrom(index + 1)));
    };
    parseFrom(0);
  };
}
