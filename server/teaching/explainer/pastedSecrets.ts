// Masks the secrets a pasted error may hold before anything of it is read or shown again: people paste whole log
// lines, .env files, code and requests, tokens and secrets included. Found by name (client_secret=, SF_CLIENT_SECRET=,
// clientSecret: '…', "access_token": …, Bearer …) and by Salesforce's own shapes (a session id, a refresh token, a
// JWT's signature, a private key).
import { maskValue } from '../mask.ts';
import {
  AUTHORIZATION,
  BARE_AUTHORIZATION,
  CURL_USER,
  ENV_LINE,
  JOINED_LITERAL,
  JWT,
  LONG_HEX,
  PAIR,
  PRIVATE_KEY,
  QUOTED,
  REFRESH_TOKEN,
  SESSION_ID,
  TOOL_OUTPUTS,
  URL_PASSWORD,
  XML_SECRET,
  YAML_BLOCK,
  envSecretName,
  envValue,
} from './pastedSecretPatterns.ts';
import {
  FLAG,
  LOGIN_CALL,
  NAMED_ELSEWHERE,
  SETTER_CALL,
  YAML_LINE,
  maskYamlBlock,
  yamlValue,
} from './pastedSecretShapes.ts';
import { maskJoinedLiterals, maskLiterals, maskPair } from './pastedSecretReplacers.ts';
import {
  continuesSentence,
  isCodeCall,
  isErrorCode,
  isNoSecret,
  isProse,
  isWord,
} from './pastedSecretValues.ts';

/** The text with every secret found masked, and whether any was. */
export function maskPastedSecrets(text: string): { text: string; masked: boolean } {
  const early = text
    .replace(PRIVATE_KEY, '[a private key, removed here]')
    // First, so that an assertion= or id_token= keeps its readable parts rather than being masked whole.
    .replace(JWT, (_m, readable: string) => `${readable}••••••`)
    .replace(YAML_BLOCK, maskYamlBlock)
    .replace(ENV_LINE, (m, start: string, name: string, rest: string) => {
      const { q, value, end } = envValue(rest);
      if (!envSecretName(name) || isNoSecret('', value) || value === '') return m;
      return `${start}${name}=${q}${maskValue(value)}${q}${end}`;
    })
    // A value of several words: one word alone is PAIR's. Kept if its first word is no secret or starts prose
    // ("code: 400 Bad Request", "INVALID_SESSION_ID: This session is not valid…").
    .replace(YAML_LINE, (m, ...args) => {
      const { head, name, sep, value: rest } = groupsOf(args);
      const { value, tail } = yamlValue(rest);
      const firstWord = /^\S+/.exec(value)?.[0] ?? '';
      // An error code first ("token: invalid_grant - expired …"): the words of an error, which the explainer reads.
      const prose = isErrorCode(firstWord) || isProse(name, sep, firstWord);
      if (value === firstWord || prose || isNoSecret(name, firstWord) || isCodeCall(firstWord)) return m;
      return `${head}${maskValue(value)}${tail}`;
    });
  // Before PAIR, which would take a value's first word alone (--data-urlencode 'password=two words').
  const named = [...NAMED_ELSEWHERE, ...TOOL_OUTPUTS].reduce(
    (sofar, shape) =>
      sofar.replace(shape, (m, ...args) => {
        const { head, value, tail, setting } = groupsOf(args);
        if (setting !== undefined && !envSecretName(setting, true)) return m;
        return isNoSecret('', value) ? m : `${head}${maskValue(value)}${tail}`;
      }),
    early,
  );
  const masked = named
    .replace(LOGIN_CALL, maskLiterals)
    .replace(SETTER_CALL, maskLiterals)
    .replace(URL_PASSWORD, (m, start: string, value: string) =>
      isNoSecret('', value) ? m : `${start}${maskValue(value)}@`,
    )
    .replace(QUOTED, (m, q: string, name: string, sep: string, dq?: string, sq?: string) => {
      const [vq, value] = dq !== undefined ? ['"', dq] : ["'", sq ?? ''];
      return isNoSecret(name, value) ? m : `${q}${name}${q}${sep}${vq}${maskValue(value)}${vq}`;
    })
    .replace(PAIR, maskPair)
    .replace(FLAG, (m, ...args) => {
      const { head, value, tail } = groupsOf(args);
      // "use the --password flag to…": a word of a sentence.
      const prose =
        isWord(value) && continuesSentence(args.at(-2) as string, (args.at(-3) as number) + m.length);
      return isNoSecret('', value) || prose ? m : `${head}${maskValue(value)}${tail}`;
    })
    .replace(AUTHORIZATION, (m, scheme: string, space: string, value: string, at: number, all: string) =>
      isNoSecret(scheme, value) ||
      (isWord(value) && continuesSentence(all, at + m.length)) ||
      // "…with its OAuth configuration. Reason: …": a word that ends a sentence or a clause.
      (/[.,;:!?]$/.test(value) && isWord(value.slice(0, -1))) ||
      // WWW-Authenticate: Bearer error_description="…": a parameter's name, not a credential.
      /^[a-z_]+=/i.test(value)
        ? m
        : `${scheme}${space}${maskValue(value)}`,
    )
    .replace(BARE_AUTHORIZATION, (m, start: string, value: string) =>
      isNoSecret('', value) ? m : `${start}${maskValue(value)}`,
    )
    .replace(CURL_USER, (_m, start: string, value: string) => `${start}${maskValue(value)}`)
    .replace(XML_SECRET, (m, open: string, _tag: string, value: string, close: string) =>
      isNoSecret('', value) ? m : `${open}${maskValue(value)}${close}`,
    )
    .replace(SESSION_ID, (value) => maskValue(value))
    .replace(REFRESH_TOKEN, (value) => maskValue(value))
    .replace(LONG_HEX, (value) => maskValue(value))
    // Last: a literal joined onto any value masked above is the rest of it (a password's security token).
    .replace(JOINED_LITERAL, maskJoinedLiterals);
  return { text: masked, masked: masked !== text };
}

/** A replacer's named groups: the last of its arguments. */
const groupsOf = (args: unknown[]) => args.at(-1) as Record<string, string>;
