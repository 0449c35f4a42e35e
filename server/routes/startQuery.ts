// What a redirect flow's start link carries: the login choices, and, when it repeats an attempt ("send me anyway",
// or a start another tab's sign-in overtook), that attempt's own "break it" faults.
import type { Fault, FlowName } from '../attempts/attempt.ts';
import type { Config } from '../config.ts';
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

/** The query that starts this attempt again: its login choices and its faults, one `fault` each. */
export function repeatQuery(query: Query, faults: readonly Fault[]): [string, string][] {
  return [...loginChoices(query), ...faults.map((fault): [string, string] => ['fault', fault])];
}

/**
 * The faults a repeat asks for: only those the flow offers in this mode, in the catalogue's order. They come from
 * the link, not from the session: by then the faults armed, or the flow's newest attempt, may be another tab's.
 */
export function repeatedFaults(query: Query, flow: FlowName, mode: Config['mode']): Fault[] {
  const asked = texts(query, 'fault');
  return offeredFaults(flow, mode)
    .map((option) => option.id)
    .filter((id) => asked.includes(id));
}
