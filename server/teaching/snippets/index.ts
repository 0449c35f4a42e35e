// Every "copy as" of one request: curl, jsforce, the Salesforce CLI and Python, or why a tool has none.
import type { SnippetContext } from './context.ts';
import { curlSnippet } from './curl.ts';
import { jsforceSnippet } from './jsforce.ts';
import { pythonSnippet } from './python.ts';
import { secretsOfRequest, type LegRequest } from './request.ts';
import { sfCliSnippet } from './sfCli.ts';

export type SnippetTarget = 'curl' | 'jsforce' | 'sf' | 'python';

export interface Snippet {
  target: SnippetTarget;
  /** How the page names the tool ("Copy token request as <label>"). */
  label: string;
  text?: string;
  /** Why this tool has no snippet for the request. */
  unavailable?: string;
}

export interface SnippetSet {
  snippets: Snippet[];
  /** The variables the snippets set (SF_ACCESS_TOKEN…), for the words beside the copy controls. */
  variables: string[];
  /** Whether the snippets hold only real values: nothing is left unset. */
  revealed: boolean;
  /** The variables still to fill in: all of them before Reveal; after it, those this app never kept (a password). */
  unset: string[];
}

export const TARGETS: readonly { target: SnippetTarget; label: string }[] = [
  { target: 'curl', label: 'curl' },
  { target: 'jsforce', label: 'jsforce' },
  { target: 'sf', label: 'sf CLI' },
  { target: 'python', label: 'Python' },
];

export function snippetSet(request: LegRequest, context: SnippetContext): SnippetSet {
  const write: Record<SnippetTarget, () => string | undefined> = {
    curl: () => curlSnippet(request, context),
    jsforce: () => jsforceSnippet(request, context),
    sf: () => sfCliSnippet(request, context),
    python: () => pythonSnippet(request, context),
  };
  const why: Record<SnippetTarget, string> = {
    curl: '',
    jsforce:
      'jsforce sends no request like this one: it builds its URL (oauth2.getAuthorizationUrl()) for a browser to open.',
    sf: 'The Salesforce CLI has no command that sends this request.',
    python: '',
  };
  const secrets = secretsOfRequest(request);
  const unset = secrets
    .filter((secret) => !context.reveal || secret.value === undefined)
    .map((secret) => secret.variable);
  return {
    snippets: TARGETS.map(({ target, label }) => {
      const text = write[target]();
      return text === undefined ? { target, label, unavailable: why[target] } : { target, label, text };
    }),
    variables: secrets.map((secret) => secret.variable),
    revealed: unset.length === 0,
    unset,
  };
}
