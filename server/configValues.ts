// Reading one environment variable at a time: each parser accepts a well-formed value or stops start-up with a
// ConfigError whose one line names the variable, what is wrong with its value, and the fix. URLs: configUrls.ts.
import os from 'node:os';
import type { Mode } from './configTypes.ts';

/** A configuration mistake: its message is one line naming the variable and the fix. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type Env = Record<string, string | undefined>;

export const reader =
  (env: Env) =>
  (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value;
  };

/** Longer messages quote a value that long (a file pasted in): its middle goes, the variable and the fix stay. */
const MAX_MESSAGE = 1000;

/**
 * Messages quote the value they refuse, which a garbled or hostile .env makes anything: its control characters are
 * written out (\u001b), so that the message stays one line and cannot clear, recolour or retitle the terminal.
 */
export function fail(name: string, problem: string): never {
  let message = `${name} ${problem}.`;
  if (message.length > MAX_MESSAGE) {
    const head = message.slice(0, MAX_MESSAGE / 2).replace(/[\uD800-\uDBFF]$/, '');
    const tail = message.slice(-(MAX_MESSAGE / 2 - 50)).replace(/^[\uDC00-\uDFFF]/, '');
    message = `${head} […${message.length - head.length - tail.length} characters…] ${tail}`;
  }
  throw new ConfigError([...message].map(printable).join(''));
}

/** C0 and C1 controls, DEL, and the marks that reorder text on the screen (bidi embeddings, overrides, isolates). */
function printable(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const control =
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069);
  return control ? `\\u${code.toString(16).padStart(4, '0')}` : char;
}

export function requiredInOrg(mode: Mode, name: string, emulatorDefault: string): string {
  if (mode === 'emulator') return emulatorDefault;
  return fail(name, 'is required when SF_LOGIN_URL is set: add it to .env (see .env.example)');
}

export function parsePort(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) fail(name, `"${raw}" is not a port: use a number from 0 to 65535`);
  return port;
}

/** Cookies (and org mode's access link) are signed with it: a short one could be guessed. */
export const MIN_SECRET_LENGTH = 32;

export function parseSecret(raw: string | undefined): string | undefined {
  if (raw !== undefined && raw.length < MIN_SECRET_LENGTH) {
    fail(
      'SESSION_SECRET',
      `has ${raw.length} characters: use at least ${MIN_SECRET_LENGTH} random ones, e.g. the output of ` +
        `node -e "console.log(require('node:crypto').randomBytes(32).toString('hex'))", or remove it`,
    );
  }
  return raw;
}

/** Up to a day: an org's session timeout is a choice of fixed values, short ones allowed here for trying expiry. */
const MAX_SESSION_MINUTES = 24 * 60;

export function parseMinutes(raw: string | undefined): number {
  if (raw === undefined) return 120;
  const minutes = Number(raw);
  if (!/^\d+$/.test(raw) || minutes < 1 || minutes > MAX_SESSION_MINUTES) {
    fail(
      'EMULATOR_SESSION_MINUTES',
      `"${raw}" is not a whole number of minutes from 1 to ${MAX_SESSION_MINUTES} (24 hours)`,
    );
  }
  return minutes;
}

/**
 * A path with spaces around it would name a folder or file called " " inside the project, and one starting with ~ or
 * $HOME a folder called "~" or "$HOME" (only a shell expands them; a .env file is read by Node): refused, not guessed.
 * A PEM key pasted in place of its file is refused without being shown, as a key is a secret.
 */
export function parsePath(name: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return raw;
  if (raw.includes('-----BEGIN')) {
    fail(
      name,
      `holds a PEM key or certificate itself, not the path of a file: save it in a file (e.g. ${name === 'NODE_EXTRA_CA_CERTS' ? 'certs/extra-ca.pem' : 'certs/my-jwt.key'}) and set ${name} to that path`,
    );
  }
  if (raw !== raw.trim()) fail(name, `"${raw}" has spaces around it: remove them`);
  if (/^~(?=$|\/)/.test(raw)) {
    fail(
      name,
      `"${raw}" starts with ~, which only a shell expands (Node does not, in .env or elsewhere): write the whole path, ${os.homedir()}${raw.slice(1)}`,
    );
  }
  const variable = /^\$(?:\{(\w+)\}|(\w+))/.exec(raw);
  if (variable) {
    const home = (variable[1] ?? variable[2]) === 'HOME';
    fail(
      name,
      `"${raw}" starts with a shell variable, which Node does not expand in .env: write the whole path${home ? `, ${os.homedir()}${raw.slice(variable[0].length)}` : ''}`,
    );
  }
  return raw;
}
