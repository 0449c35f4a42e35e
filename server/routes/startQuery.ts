// What a redirect flow's start link carries: the login choices, and, when it repeats an attempt ("send me anyway",
// or a start another tab's sign-in overtook), that attempt's own "break it" faults, signed for this browser.
import { createHmac, randomBytes } from 'node:crypto';
import type { Fault, FlowName } from '../attempts/attempt.ts';
import type { Config } from '../config.ts';
import { constantTimeEqual } from '../flows/checks.ts';
import { offeredFaults } from '../teaching/faults.ts';

type Query = Record<string, unknown>;

/** Every value of a query parameter that was sent as text, in order. */
function texts(query: Query, name: string): string[] {
  return ([] as unknown[]).concat(query[name] ?? []).filter((value) => typeof value === 'string');
}

/** The login choices of the start request, as sent (the flow validates them again). */
export function loginChoices(query: Query): [string, string][] {
  return ['login_hint', 'scope', 'prompt'].flatMap((name) =>
    texts(query, name).map((value): [string, string] => [name, value]),
  );
}

/**
 * Signs and checks the faults of repeat links. Arming faults takes a POST with the form token; a repeat link is a
 * GET, so its faults count only with the signature this app gave them for this browser (its CSRF cookie): a link
 * from elsewhere cannot break a visitor's login. From SESSION_SECRET when set, so links outlive a restart.
 */
export function repeatSigner(config: Pick<Config, 'sessionSecret'>) {
  const key = config.sessionSecret
    ? createHmac('sha256', config.sessionSecret).update('repeat links').digest()
    : randomBytes(32);
  const sign = (flow: FlowName, faults: readonly string[], browser: string) =>
    createHmac('sha256', key)
      .update(`${flow}|${faults.join(',')}|${browser}`)
      .digest('base64url');

  return {
    /** The query that starts this attempt again: its login choices, and its faults with their signature. */
    repeatQuery(query: Query, flow: FlowName, faults: readonly Fault[], browser = ''): [string, string][] {
      const signed: [string, string][] =
        faults.length > 0 && browser
          ? [
              ...faults.map((fault): [string, string] => ['fault', fault]),
              ['sig', sign(flow, faults, browser)],
            ]
          : [];
      return [...loginChoices(query), ...signed];
    },

    /** The faults a repeat link carries, when this app signed them for this browser; only those the flow offers. */
    repeatedFaults(
      query: Query,
      flow: FlowName,
      config: Pick<Config, 'mode' | 'loginUrl' | 'myDomainUrl' | 'clientSecret'>,
      browser = '',
    ): Fault[] {
      const asked = texts(query, 'fault');
      const [sig] = texts(query, 'sig');
      if (asked.length === 0 || !sig || !browser || !constantTimeEqual(sig, sign(flow, asked, browser)))
        return [];
      return offeredFaults(flow, config)
        .map((option) => option.id)
        .filter((id) => asked.includes(id));
    },
  };
}
