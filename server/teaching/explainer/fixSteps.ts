// Splits a card's fix written as numbered steps ("1. … 2. …") into its steps, for the card to show as a list.

/**
 * The steps of a fix that starts "1. " and goes on " 2. ", " 3. "… in order; any other fix is one step. Only the
 * next number in turn starts a step, so a number inside a step (a port, "after 5.") never cuts it.
 */
export function fixSteps(howToFix: string): string[] {
  if (!howToFix.startsWith('1. ')) return [howToFix];
  const steps: string[] = [];
  let rest = howToFix.slice(3);
  for (let next = 2; ; next++) {
    const at = rest.indexOf(` ${next}. `);
    if (at < 0) break;
    steps.push(rest.slice(0, at).trim());
    rest = rest.slice(at + ` ${next}. `.length);
  }
  steps.push(rest.trim());
  return steps;
}
