// What every snippet writer needs besides the request: the certificate to trust, and real values or placeholders.
import path from 'node:path';
import type { Config } from '../../config.ts';
import { hostKind } from '../../hostKinds.ts';
import type { LegRequest } from './request.ts';
import { secretsOfRequest } from './request.ts';

export interface SnippetContext {
  /** Emulator mode: the local certificate every snippet trusts, as a path from the playground's folder. */
  caFile?: string;
  /** For `sf org login jwt`: the signing key, as a path from the playground's folder. */
  jwtKeyFile: string;
  /** After an explicit Reveal: the owner's raw values; before it, placeholders. */
  reveal: boolean;
}

/** A variable a snippet sets before the request: its value only after Reveal, and only if this app kept it. */
export interface Binding {
  variable: string;
  describe: string;
  value?: string;
  /** A value this app never keeps (a password): before and after Reveal, the learner sets it. */
  unkept?: boolean;
}

/** Paths as a learner types them, from the folder `npm start` runs in (where certs/ lives). */
export function snippetContext(
  config: Pick<Config, 'mode' | 'certsDir' | 'jwtKeyFile' | 'loginUrl'>,
  reveal: boolean,
): SnippetContext {
  // Org mode pointed at `npm run emulator` (as the README shows) talks to the same local certificate.
  const localOrg = config.mode === 'emulator' || hostKind(config.loginUrl) === 'local emulator';
  const rootDir = path.dirname(config.certsDir);
  const fromRoot = (file: string) => {
    const relative = path.relative(rootDir, file);
    return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
  };
  return {
    caFile: localOrg ? fromRoot(path.join(config.certsDir, 'server.crt')) : undefined,
    jwtKeyFile: fromRoot(config.jwtKeyFile),
    reveal,
  };
}

export function bindingsOf(request: LegRequest, context: SnippetContext): Binding[] {
  return secretsOfRequest(request).map(({ variable, describe, value }) => ({
    variable,
    describe,
    value: context.reveal ? value : undefined,
    unkept: value === undefined,
  }));
}

/** The comment above the lines that set the variables: what they hold and what to do with them. */
export function bindingsComment(bindings: readonly Binding[]): string | undefined {
  if (bindings.length === 0) return undefined;
  const revealed = bindings.filter((binding) => binding.value !== undefined);
  // Shell copies print this as a comment, which zsh (without interactivecomments) runs as a command: no semicolon,
  // which would start a second one.
  if (revealed.length === bindings.length)
    return 'Your own values, from your session: live credentials. Keep them out of chat, tickets and git, and run the copy from a file to keep them out of the shell history.';
  if (revealed.length === 0)
    return 'No values here: export each variable below in your shell first, Reveal on the playground shows yours.';
  return 'Your own values where this app kept them, export the others yourself first: this app never keeps them.';
}

/** What a placeholder says, so that a command run as copied fails loudly instead of sending something plausible. */
export const placeholder = (binding: Binding) => `<${binding.describe}>`;

/**
 * How to set a variable the copy reads, in a POSIX shell and in PowerShell (the copies run on Windows too). A value
 * this app never keeps (a password) is typed at a prompt: unseen, out of the shell's history, and whatever quotes or
 * dollars it holds, where an export line would need them escaped.
 */
export function setIt(binding: Binding): string {
  const { variable, describe } = binding;
  if (binding.unkept)
    return `read -rs ${variable} && export ${variable}, then type ${describe} (PowerShell: $env:${variable} = [Net.NetworkCredential]::new('', (Read-Host -AsSecureString)).Password)`;
  return `export ${variable}='${placeholder(binding)}' (PowerShell: $env:${variable} = '${placeholder(binding)}')`;
}
