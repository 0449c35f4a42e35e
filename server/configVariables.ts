// Every variable the playground reads, and values garbled on their way in: a .env quote that never closes on its line
// (Node then reads on into the next lines, or keeps the quote as part of the value), a key and secret swapped.
import { fail, type Env } from './configValues.ts';

/** Every variable the playground reads; .env.example explains each (a test keeps the two lists alike). */
export const VARIABLES: readonly string[] = [
  'SF_LOGIN_URL',
  'SF_MY_DOMAIN',
  'SF_CLIENT_ID',
  'SF_CLIENT_SECRET',
  'SF_USERNAME',
  'SF_CALLBACK_URL',
  'SF_JWT_KEY_FILE',
  'SF_AUDIENCE',
  'SF_API_VERSION',
  'SF_SCOPES',
  'SF_SAMPLE_QUERY',
  'PORT',
  'SESSION_SECRET',
  'REDIS_URL',
  'NODE_EXTRA_CA_CERTS',
  'EMULATOR_PORT',
  'EMULATOR_PUBLIC_URL',
  'EMULATOR_PASSWORD',
  'EMULATOR_DATA_DIR',
  'EMULATOR_SESSION_MINUTES',
];

/**
 * Node reads a quoted .env value up to the next quote in the file, lines and all: one quote left open swallows the
 * variables after it (the secret among them), which then seem unset, and a URL parser drops the line breaks. Said
 * first, by the names swallowed and never their values, before any message would quote the value.
 */
export function checkNoSwallowedLines(env: Env): void {
  for (const name of VARIABLES) {
    // Spaces within a line only: \s would let each line break start a run over all the blank lines after it, which
    // a quote left open above many of them made quadratic (seconds at start-up); the last break before a name counts.
    const swallowed = [
      ...(env[name] ?? '').matchAll(/\n[^\S\n]*(?:export[^\S\n]+)?([A-Z][A-Z0-9_]*)[^\S\n]*=/g),
    ]
      .map((match) => match[1])
      .filter((found) => VARIABLES.includes(found));
    if (swallowed.length === 0) continue;
    const listed =
      swallowed.length === 1
        ? `${swallowed[0]} was`
        : `${swallowed.slice(0, -1).join(', ')} and ${swallowed.at(-1)} were`;
    fail(
      name,
      `runs over the lines after it in .env: ${listed} read as part of its value, as happens when a quote opens it and is not closed on its line. Close the quote there (or remove it), then start again`,
    );
  }
}

/**
 * Quotes are never part of a consumer key, a secret or a username: one kept at either end is a .env quote that did
 * not close on its line (Node then keeps it), or quotes typed twice. Said without the value, which may be a secret.
 */
export function checkNoQuotes(name: string, value: string): void {
  if (/^["'`]|["'`]$/.test(value)) {
    fail(
      name,
      `starts or ends with a quote mark, which is then part of the value: in .env, quote the whole value on one line ("..." or '...'), or leave the quotes out`,
    );
  }
}

/** A secret that is the app's consumer key (3MVG…): the two copied into each other's place. */
export function checkSecretIsNoKey(secret: string | undefined, clientId: string): void {
  if (secret?.startsWith('3MVG') && !clientId.startsWith('3MVG'))
    fail(
      'SF_CLIENT_SECRET',
      'starts with 3MVG, as a Consumer Key does, and SF_CLIENT_ID does not: are the two swapped? Copy the Consumer Key into SF_CLIENT_ID and the Consumer Secret into SF_CLIENT_SECRET',
    );
}
