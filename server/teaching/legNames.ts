// Names for transcript legs that tell each one apart, so every control of a leg has a name of its own
// ("Copy token request as curl", "Reveal secrets of the query request 2").
import type { TranscriptEntry } from '../attempts/attempt.ts';

const KIND_WORD: Record<TranscriptEntry['kind'], string> = {
  'server-call': 'request',
  redirect: 'redirect',
  callback: 'callback',
};

export function legNames(entries: readonly Pick<TranscriptEntry, 'leg' | 'kind'>[]): string[] {
  const base = entries.map(({ leg, kind }) => (leg === KIND_WORD[kind] ? leg : `${leg} ${KIND_WORD[kind]}`));
  const seen = new Map<string, number>();
  return base.map((name) => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    const total = base.filter((other) => other === name).length;
    return total > 1 ? `${name} ${count}` : name;
  });
}
