// "Copy as curl" for a server-to-Salesforce call, built from a (masked or raw) transcript entry.
import type { TranscriptEntry } from '../attempts/attempt.ts';

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
/** Headers curl adds by itself or that only add noise to a copied command. */
const SKIPPED = new Set(['content-length', 'host', 'connection', 'accept-encoding', 'user-agent']);

export function toCurl(
  entry: Pick<TranscriptEntry, 'method' | 'url' | 'requestHeaders' | 'requestBody'>,
): string {
  const lines = [`curl -X ${entry.method} ${quote(entry.url)}`];
  for (const [name, value] of Object.entries(entry.requestHeaders)) {
    if (!SKIPPED.has(name.toLowerCase())) lines.push(`  -H ${quote(`${name}: ${value}`)}`);
  }
  if (entry.requestBody) lines.push(`  --data ${quote(entry.requestBody)}`);
  return lines.join(' \\\n');
}
