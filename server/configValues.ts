// Reading one environment variable at a time: each parser accepts a well-formed value or stops start-up with a
// ConfigError whose one line names the variable, what is wrong with its value, and the fix.
import { accessSync, constants } from 'node:fs';
import { hostKind } from './hostKinds.ts';
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

export function fail(name: string, problem: string): never {
  throw new ConfigError(`${name} ${problem}.`);
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

export function parseUrl(name: string, raw: string, example: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail(name, `"${raw}" is not a URL: set it to ${example}`);
  }
  if (url.protocol !== 'https:') fail(name, `"${raw}" must use https: set it to ${example}`);
  return raw;
}

/**
 * A login host is an origin: a pasted endpoint (…/services/oauth2/token) is refused with the fix. Experience Cloud
 * sites are the exception, as their login lives under a path prefix (https://acme.my.site.com/customers).
 */
export function parseLoginUrl(raw: string): string {
  const url = parseUrl('SF_LOGIN_URL', raw, 'your org login host, e.g. https://login.salesforce.com').replace(
    /\/+$/,
    '',
  );
  const { pathname, search, hash, origin } = new URL(url);
  const hasPath = pathname !== '/' && pathname !== '';
  if (search || hash || (hasPath && hostKind(url) !== 'Experience Cloud site')) {
    fail(
      'SF_LOGIN_URL',
      `"${raw}" has a path: set it to the host only, ${origin} (the playground adds /services/oauth2/... itself)`,
    );
  }
  return url;
}

export function parseRedisUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const protocol = URL.canParse(raw) ? new URL(raw).protocol : '';
  if (protocol !== 'redis:' && protocol !== 'rediss:') {
    fail(
      'REDIS_URL',
      `"${withoutPassword(raw)}" is not a Redis URL: use redis://host:6379 (or rediss:// for TLS), or remove it`,
    );
  }
  return raw;
}

/** A URL as messages may show it: the password of `scheme://user:password@host` replaced by ***. */
export function withoutPassword(url: string): string {
  return url.replace(/^([^:/?#]+:\/\/[^/?#@:]*:)[^/?#@]*@/, '$1***@');
}

export function parseMinutes(raw: string | undefined): number {
  if (raw === undefined) return 120;
  const minutes = Number(raw);
  if (!Number.isInteger(minutes) || minutes < 1) {
    fail('EMULATOR_SESSION_MINUTES', `"${raw}" is not a whole number of minutes above 0`);
  }
  return minutes;
}

export function checkReadable(name: string, file: string): void {
  try {
    accessSync(file, constants.R_OK);
  } catch {
    fail(name, `points to ${file}, which cannot be read: fix the path or remove it to use certs/jwt.key`);
  }
}
