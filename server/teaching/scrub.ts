// The last line of defence behind masking: every known secret value left anywhere in a text, in any of the
// encodings it travels in, is replaced; the patterns are built once per list of secrets.
import { maskValue } from './mask.ts';

/** The last line of defence: any known secret value still present (in any encoding) is replaced. */
export function scrub(text: string, secrets: readonly string[]): string {
  let scrubber = byList.get(secrets);
  if (!scrubber) {
    scrubber = scrubberOfSecrets(secrets);
    byList.set(secrets, scrubber);
  }
  return scrubber(text);
}

/**
 * A page passes the same list to each of its hundred-odd scrubs: found by the list itself, without writing out its
 * few kilobytes as a key each time. A list is read-only to everyone it is passed to.
 */
const byList = new WeakMap<readonly string[], (text: string) => string>();

/** Pages of one sign-in build new lists of the same secrets: their pattern is built once, by the list's content. */
function scrubberOfSecrets(secrets: readonly string[]): (text: string) => string {
  // JSON, not a join: no two different lists may share a key (a secret may hold any character).
  const key = JSON.stringify(secrets);
  let scrubber = byContent.get(key);
  if (!scrubber) {
    scrubber = scrubberFor(secrets);
    if (byContent.size >= KEPT_SCRUBBERS) byContent.delete(byContent.keys().next().value as string);
    byContent.set(key, scrubber);
  }
  return scrubber;
}

const byContent = new Map<string, (text: string) => string>();
const KEPT_SCRUBBERS = 64;

/**
 * One pattern for every form of every secret (as sent, percent-encoded, form-encoded), longest first, so that a
 * secret containing another is masked whole rather than around the shorter one.
 */
function scrubberFor(secrets: readonly string[]): (text: string) => string {
  const masks = new Map<string, string>();
  for (const secret of secrets) {
    if (secret.length < 8) continue;
    const forms = [
      secret,
      encodeURIComponent(secret),
      new URLSearchParams({ x: secret }).toString().slice(2),
    ];
    for (const form of forms) if (!masks.has(form)) masks.set(form, maskValue(secret));
  }
  if (masks.size === 0) return (text) => text;
  const alternatives = [...masks.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const pattern = new RegExp(alternatives.join('|'), 'g');
  return (text) => text.replace(pattern, (found) => masks.get(found) ?? found);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
