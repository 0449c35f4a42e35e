// Salesforce's limit on a call's address and headers (16,384 bytes together), with the two answers it documents:
// 414 when the address alone is past it, 431 when address and headers together are.
import type { RequestHandler } from 'express';

/** Knowledge article 000386264 ("Maximum number of rows returned by SOQL queries over the REST API"). */
export const SALESFORCE_URI_AND_HEADERS_LIMIT = 16_384;

/**
 * What the emulator's server reads before Node's own bare 431: well past Salesforce's limit, so that a long
 * address reaches the check below and gets the 414 Salesforce gives it, not Node's 431.
 */
export const EMULATOR_MAX_HEADER_SIZE = 256 * 1024;

/**
 * Headers Node hands on before dropping the rest unseen (its default, 2,000, left about 1,000 in rawHeaders, so 30 KB
 * of short headers was read as within the limit). Each header counts at least 5 bytes below (a name, ': ', CRLF), so
 * a request that reaches this many is past the limit on those alone, whatever was dropped.
 */
export const EMULATOR_MAX_HEADERS_COUNT = Math.ceil(SALESFORCE_URI_AND_HEADERS_LIMIT / 4);

/**
 * The article speaks of REST calls; the emulator applies it to every path, as a limit of Salesforce's front door
 * most likely is (unconfirmed for the OAuth endpoints). Salesforce's body for these answers is not documented: a
 * line of plain text says what was too long.
 */
export const salesforceRequestLimits: RequestHandler = (req, res, next) => {
  // Node reads the request line and headers one byte to one character (latin1), so a string's length is its bytes
  // on the wire; UTF-8 would count a byte past ASCII twice.
  const uriBytes = req.originalUrl.length;
  if (uriBytes > SALESFORCE_URI_AND_HEADERS_LIMIT)
    return refuse(res, 414, `The URI is ${uriBytes} bytes long`);
  let total = uriBytes;
  for (let i = 0; i < req.rawHeaders.length; i += 2)
    total += req.rawHeaders[i].length + req.rawHeaders[i + 1].length + 4;
  if (total > SALESFORCE_URI_AND_HEADERS_LIMIT)
    return refuse(res, 431, `The URI and headers are ${total} bytes long together`);
  next();
};

function refuse(res: Parameters<RequestHandler>[1], status: 414 | 431, what: string): void {
  const reason = status === 414 ? 'URI Too Long' : 'Request Header Fields Too Large';
  res
    .status(status)
    .set({ 'Cache-Control': 'no-store', Connection: 'close' })
    .type('text/plain')
    .send(`${status} ${reason}: ${what}; at most ${SALESFORCE_URI_AND_HEADERS_LIMIT} are read.\n`);
}
