// The response formats Salesforce's OAuth and identity endpoints offer: JSON (default), XML and
// x-www-form-urlencoded, chosen by a `format` parameter or, for the identity URL and the token endpoint, by the
// Accept header; and JSONP for the identity URL and revoke.
import type { Request, Response } from 'express';

export type Format = 'json' | 'xml' | 'urlencoded';

const MEDIA: Record<Format, string> = {
  json: 'application/json',
  xml: 'application/xml',
  urlencoded: 'application/x-www-form-urlencoded',
};

/** `format=` wins; otherwise the first Accept entry that names one, left to right; a wildcard means JSON. */
export function chooseFormat(req: Request, format: string | undefined, useAccept: boolean): Format {
  const wanted = format?.toLowerCase();
  if (wanted === 'xml' || wanted === 'urlencoded' || wanted === 'json') return wanted;
  if (!useAccept) return 'json';
  for (const entry of String(req.headers.accept ?? '').split(',')) {
    const media = entry.split(';')[0].trim().toLowerCase();
    const found = (Object.keys(MEDIA) as Format[]).find((name) => MEDIA[name] === media);
    if (found) return found;
    if (media === '*/*') return 'json';
  }
  return 'json';
}

/** A JavaScript name or short dotted path, at most 64 characters: the only callbacks echoed into a script. */
const CALLBACK = /^(?=.{1,64}$)[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*){0,4}$/;

/** The JSONP function a request names, when it is one this emulator echoes; any other name gets plain JSON. */
export function jsonpCallback(callback: string | undefined): string | undefined {
  return callback && CALLBACK.test(callback) ? callback : undefined;
}

/** JSONP: the body as a call of the named function. Pages of other origins load it as a script, so the
 * same-origin resource policy must not block it. */
export function sendJsonp(res: Response, callback: string, body: Record<string, unknown>): void {
  res.set('Cross-Origin-Resource-Policy', 'cross-origin');
  res
    .status(200)
    .type('application/javascript')
    .send(`${callback}(${JSON.stringify(body)})`);
}

export function sendFormatted(
  res: Response,
  format: Format,
  body: Record<string, unknown>,
  xmlRoot: string,
): void {
  if (format === 'json') {
    res.json(body);
    return;
  }
  res.type(MEDIA[format]);
  res.send(format === 'xml' ? toXml(body, xmlRoot) : toUrlencoded(body));
}

/** Nested objects become dotted keys (photos.picture=...); Salesforce's flattening is unconfirmed. */
export function toUrlencoded(body: Record<string, unknown>): string {
  const params = new URLSearchParams();
  const add = (prefix: string, value: unknown) => {
    if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) add(`${prefix}${key}.`, inner);
    } else {
      params.append(prefix.slice(0, -1), value === null || value === undefined ? '' : String(value));
    }
  };
  for (const [key, value] of Object.entries(body)) add(`${key}.`, value);
  return params.toString();
}

/** One element per key, nested objects as child elements, nulls as xsi:nil (the root name is unconfirmed). */
export function toXml(body: Record<string, unknown>, root: string): string {
  const element = (name: string, value: unknown): string => {
    if (value === null || value === undefined) return `<${name} xsi:nil="true"/>`;
    if (typeof value === 'object') {
      return `<${name}>${Object.entries(value)
        .map(([key, inner]) => element(key, inner))
        .join('')}</${name}>`;
    }
    return `<${name}>${escapeXml(String(value))}</${name}>`;
  };
  const children = Object.entries(body)
    .map(([key, value]) => element(key, value))
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><${root} xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${children}</${root}>`;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`);
}
