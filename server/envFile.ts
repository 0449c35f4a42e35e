// The .env file beside what Node made of it: Node's reader skips or cuts short what it cannot take without a word (a
// byte-order mark, a # inside a value, `set NAME=`, a name in lower case), and the shell's value beats the file's.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import type { Env } from './configValues.ts';
import { VARIABLES } from './configVariables.ts';

/** What other tools and tutorials call some of them. */
const OTHER_NAMES: Record<string, string> = {
  SF_CONSUMER_KEY: 'SF_CLIENT_ID',
  SF_CONSUMER_SECRET: 'SF_CLIENT_SECRET',
  SF_REDIRECT_URI: 'SF_CALLBACK_URL',
  SF_INSTANCE_URL: 'SF_LOGIN_URL (or SF_MY_DOMAIN)',
  SF_PRIVATE_KEY_FILE: 'SF_JWT_KEY_FILE',
};

export interface EnvFileReport {
  /** A mistake that stops start-up: one line naming the variable (never its value: it may be a secret) and the fix. */
  problem?: string;
  warnings: string[];
}

const stop = (problem: string): EnvFileReport => ({ problem, warnings: [] });

/** `env` is the environment as Node left it after reading `file` (the shell's values win over the file's). */
export function checkEnvFile(file: string, env: Env): EnvFileReport {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') {
      return stop(`${file} cannot be read (${code}): make it readable by this user, or remove it`);
    }
    // Windows' Notepad saves "all text files" as .env.txt, and Explorer hides the .txt.
    return existsSync(`${file}.txt`)
      ? stop(`there is a ${file}.txt but no ${file}: rename it to ${file} (Notepad adds .txt)`)
      : { warnings: settingsElsewhere(file) };
  }
  if (text.startsWith('\uFEFF')) {
    return stop(
      `${file} starts with a byte-order mark, which hides its first variable: save it as UTF-8 without BOM`,
    );
  }
  const parsed = parseEnv(text);
  const lines = text.split(/\r?\n|\r/);
  /** Where each variable of the playground is set (1-based line numbers), as Node reads the file. */
  const setAt = new Map<string, number[]>();
  const [problems, warnings]: string[][] = [[], []];
  // The lines a quoted value runs over (Node reads on to its closing quote): part of that value, not lines of their own.
  const within = new Set(Object.values(parsed).flatMap((value) => (value ?? '').split(/\r?\n/).slice(1)));
  lines.forEach((line, index) => {
    const named = /^\s*(?:(?:export|set)\s+)?([A-Za-z_]\w*)/.exec(line)?.[1];
    if (!named || /^\s*#/.test(line) || within.has(line)) return;
    const name = named.toUpperCase();
    const known = VARIABLES.includes(name);
    // As Node reads the line alone: it trims spaces around a name but not tabs, and takes "export " alone before it.
    const exact = known && Object.hasOwn(parseEnv(line), name);
    if (exact) setAt.set(name, [...(setAt.get(name) ?? []), index + 1]);
    else if (known && parsed[name] === undefined) {
      problems.push(
        `line ${index + 1} of ${file} is meant to set ${name}, but Node does not read it so: write ${name}=value (the name in capitals, nothing before it but "export ", no tabs, then =)`,
      );
    } else if (!known && line.includes('=')) {
      // Other tools' variables may share the file: only a near miss of one of ours is worth a word.
      const near =
        OTHER_NAMES[name] ??
        VARIABLES.find((known) => Math.abs(known.length - name.length) <= 2 && distance(known, name) <= 2);
      if (near && /^(SF|EMULATOR|SESSION|REDIS)_/.test(name)) {
        warnings.push(`${file} sets ${named}, which the playground does not read: did you mean ${near}?`);
      }
    }
  });
  for (const [name, at] of setAt) {
    const last = at[at.length - 1] ?? 0;
    const where = `${name} in ${file} (line ${last})`;
    // The shell's value counts (Node gives the environment precedence): the file's line is then not in effect.
    if (env[name] !== undefined && env[name] !== parsed[name]) {
      warnings.push(
        `${name} is set both in the shell and in ${file}: the shell's value counts, as Node never lets a .env file replace a variable already set. Unset it in the shell (unset ${name}) to use ${file}'s`,
      );
      continue;
    }
    const value = (lines[last - 1] ?? '').slice((lines[last - 1] ?? '').indexOf('=') + 1);
    const hash = value.indexOf('#');
    // Node cuts an unquoted value at its first #: one after a space is a comment, unless a SOQL text literal holds it
    // (Name = 'Acme #1'; an address as o'brien@… may well be followed by a comment); one after other characters is not.
    const before = value.slice(0, Math.max(hash, 0));
    const inside = !/\s$/.test(before) || (name === 'SF_SAMPLE_QUERY' && before.split("'").length % 2 === 0);
    if (!/^\s*["'`]/.test(value) && hash >= 0 && inside) {
      // Node ends a quoted value at the first quote of its kind: one the value holds (a SOQL text literal) would cut it.
      const [quote, called] = !value.includes("'")
        ? ["'", 'single quotes']
        : !value.includes('"')
          ? ['"', 'double quotes']
          : ['`', 'backquotes'];
      problems.push(
        `${where} has a # inside its value, where Node's .env reader starts a comment and drops the rest: put the value in ${called}, ${name}=${quote}…${quote}`,
      );
    } else if (at.length > 1) {
      warnings.push(
        `${name} is set ${at.length} times in ${file} (lines ${at.join(', ')}): the last one counts`,
      );
    }
  }
  return { problem: problems[0], warnings };
}

/**
 * At start: the file checked, then read into the environment (a variable already set is kept) where Node was not told
 * to: `npm run dev`, whose watch mode would keep its first values for every restart, or start.js without --env-file.
 */
export function readEnvFile(file: string): EnvFileReport {
  const report = checkEnvFile(file, process.env);
  if (!report.problem && existsSync(file)) process.loadEnvFile(file);
  return report;
}

/** No .env, but settings where the playground does not look: the playground would start on the emulator, silent. */
function settingsElsewhere(file: string): string[] {
  const [folder, example] = [path.dirname(file), path.join(path.dirname(file), '.env.example')];
  // Its lines all start commented out: one that sets a variable was edited in place, not copied.
  const inExample = existsSync(example) ? parseEnv(readFileSync(example, 'utf8')) : {};
  const set = VARIABLES.filter((name) => Object.hasOwn(inExample, name));
  const misplaced = existsSync(path.join(folder, 'server', '.env'));
  const warnings = [];
  if (set.length > 0) {
    warnings.push(
      `${example} sets ${set.join(', ')}, but the playground reads only ${file}: copy .env.example to .env and keep your values there`,
    );
  }
  if (misplaced)
    warnings.push(`there is a .env in server/, where the playground does not look: move it to ${file}`);
  return warnings;
}

/** Levenshtein distance, for "did you mean": names are short, so the plain table will do. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      next[j] = Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + cost);
    }
    row = next;
  }
  return row[b.length] ?? 0;
}
