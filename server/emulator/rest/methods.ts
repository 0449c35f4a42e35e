// The HTTP methods each REST resource takes, in one table: checked before the token (as the emulator always
// did) and again for composite subrequests, so every resource refuses other methods with the same 405.
import { RestError } from './restError.ts';

const READ = ['GET', 'HEAD'];

/** Allowed methods for a path under /services/data/vXX.X, or undefined where the path names no resource. */
export function methodsFor(segments: readonly string[]): readonly string[] | undefined {
  const [first, second, third, fourth, fifth] = segments.map((segment) => segment.toLowerCase());
  if (first === undefined) return READ;
  if (first === 'query' || first === 'queryall' || first === 'limits') return READ;
  if (first === 'sobjects') {
    if (second === undefined) return READ;
    if (third === undefined) return [...READ, 'POST'];
    if (third === 'describe' && fourth === undefined) return READ;
    // /sobjects/X/Id with no value: POST makes a new record (API 37.0+, sobjects.ts). A PATCH there (jsforce's upsert
    // by Id) was seen answered "HTTP Method 'PATCH' not allowed. Allowed are GET,HEAD,POST" (restforce#263, 2016).
    if (third === 'id' && fourth === undefined) return [...READ, 'POST'];
    // sObject User Password: HEAD, GET, POST (set) and DELETE (reset), from API 24.0 (REST API guide).
    if (second === 'user' && fourth === 'password' && fifth === undefined) return [...READ, 'POST', 'DELETE'];
    return [...READ, 'PATCH', 'DELETE'];
  }
  if (first === 'composite') {
    if (second === undefined) return [...READ, 'POST'];
    if (second === 'batch') return ['POST'];
    if (second === 'sobjects') {
      if (third === undefined) return ['POST', 'PATCH', 'DELETE'];
      // /composite/sobjects/{type}/{external id field}: upsert (API 46.0+).
      return fourth === undefined ? [...READ, 'POST'] : ['PATCH'];
    }
  }
  return undefined;
}

/** HEAD is answered as GET without a body, so checking GET covers both. */
export function checkMethod(method: string, segments: readonly string[]): void {
  const allowed = methodsFor(segments);
  const asked = method === 'HEAD' ? 'GET' : method;
  if (allowed && !allowed.includes(asked)) throw RestError.methodNotAllowed(method, allowed);
}
