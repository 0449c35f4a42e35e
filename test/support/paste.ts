// The paste-an-error page as its tests read it: a stack for a describe block's pastes, the page's words, and the
// titles of its explanation cards in the page's order.
import { after, before } from 'node:test';
import { explainPasted } from './flows.ts';
import { unescapeHtml } from './html.ts';
import { startTestStack, type TestStack } from './stack.ts';

/** The page's words as read: tags left out, entities read, white space as one space. */
export const pageText = (html: string): string =>
  unescapeHtml(html.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ');

/** The titles of the explanation cards, in the page's order, as a reader sees them. */
export const cardTitles = (html: string): string[] =>
  [...html.matchAll(/<div class="error-box">\s*<h2>([^<]+)<\/h2>/g)].map((m) => unescapeHtml(m[1]));

/** The first card's title, or '' when the page has none. */
export const firstCard = (html: string): string => cardTitles(html)[0] ?? '';

export interface PasteStack {
  /** The stack, started before the block's tests and closed after them. */
  readonly stack: TestStack;
  /** Pastes `text` on the page, as a learner does, and returns the answer's HTML. */
  explain(text: string): Promise<string>;
}

/** A stack of the block's own for its pastes (call it inside describe). */
export function pasteStack(): PasteStack {
  let stack: TestStack | undefined;
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack?.close());
  const started = (): TestStack => {
    if (!stack) throw new Error('the paste stack is used before it started');
    return stack;
  };
  return {
    get stack() {
      return started();
    },
    explain: (text) => explainPasted(started(), text),
  };
}

/** The lead paragraph's words: what the page says the tool and Salesforce said. */
export const leadOf = (html: string): string =>
  unescapeHtml((/<p class="lead">([\s\S]*?)<\/p>/.exec(html)?.[1] ?? '').replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
