// "What does this error mean?": the explainer for an error pasted from anywhere, or linked from the emulator's own
// error page. Nothing here is stored: the answer is computed and shown.
import type { Request, RequestHandler } from 'express';
import { causesOf, explain, explainCandidates, RULES } from '../teaching/explainer/explain.ts';
import { readPastedError, type PastedError } from '../teaching/explainer/pasted.ts';
import { contextOfPaste } from '../teaching/explainer/pastedContext.ts';
import { straightQuotes } from '../teaching/explainer/pastedDescription.ts';
import { maskPastedSecrets } from '../teaching/explainer/pastedSecrets.ts';
import { settingsNamedIn } from '../teaching/explainer/playgroundSettings.ts';
import type { ExplainContext } from '../teaching/explainer/types.ts';
import type { Services } from './services.ts';

const KNOWN: PastedError[] = RULES.filter((rule) => typeof rule.description === 'string').map((rule) => ({
  error: rule.error,
  error_description: rule.description as string,
}));

/** As much of a paste as is read: the paste box takes no more. */
export const MAX_PASTE_LENGTH = 10_000;
// A browser sends a textarea's line breaks as CRLF, while its maxlength counts each as one character. Curly quotes
// (JSON copied from a chat or a document) are read as the straight ones code writes, so masking finds their values.
const text = (value: unknown, max = MAX_PASTE_LENGTH) =>
  typeof value === 'string' ? straightQuotes(value.replace(/\r\n/g, '\n').slice(0, max)) : '';
/**
 * Errors a paste holds, each as a JSON body, a REST error or a URL's parameter writes it, and each call a browser's
 * console says it blocked (CORS): one line per call in Chrome and Firefox, Safari's second line of a pair.
 */
const errorsIn = (pasted: string) =>
  (pasted.match(/"(?:error|errorCode)"\s*:|(?:^|[?&#\s])error=/g)?.length ?? 0) +
  (pasted.match(/blocked by CORS policy|Cross-Origin Request Blocked|due to access control checks/gi)
    ?.length ?? 0);

/** What a paste was besides its error, for the page to say. */
interface PasteNotes {
  pasted?: string;
  nothingPasted?: boolean;
  context?: ExplainContext;
  /** No error, but an authorize request (copied from an address bar): the answer is on the page it opened. */
  authorizeRequest?: boolean;
  /** Secrets in it were masked; it filled the box (the browser cut anything longer); it held several errors. */
  masked?: boolean;
  cut?: boolean;
  errors?: number;
}
/**
 * A link carries an error and its description as Salesforce's error page shows them (never long): anything longer is
 * cut, so a crafted link cannot put a page of made-up text on this app's origin. Pasted text keeps its room.
 */
const LINKED_MAX = 300;
/**
 * The request's redirect_uri and client_id a link carries, shown as sent: a value longer than a link's (see above) is
 * left out whole rather than cut, as a cut URL would then be compared with the configured one and called a mismatch.
 */
const linkedValue = (value: unknown, shape: RegExp | ((text: string) => boolean)) => {
  if (typeof value !== 'string' || value === '' || value.length > LINKED_MAX) return undefined;
  // Masked as the error's words are: a token in a redirect_uri's query, a secret as client_id, is shown to nobody.
  return (typeof shape === 'function' ? shape(value) : shape.test(value))
    ? maskPastedSecrets(value).text
    : undefined;
};
/** What each can be: a URL, and a consumer key's characters (never words with spaces). */
const isUrl = (text: string) => URL.canParse(text);
const CONSUMER_KEY = /^[\w.-]+$/;

/** What the answer is, in the tab's title: a screen reader hears it first. */
function titleOf(found: PastedError | undefined, pasted: string, nothingPasted: boolean): string {
  // A client's own failure is named by this app (network_error, http_status_only): no code anyone was sent.
  if (found)
    return found.error.length <= 60 && !found.fromClient
      ? `What does ${found.error} mean?`
      : 'What does this error mean?';
  if (pasted) return 'No error found in what you pasted';
  return nothingPasted ? 'Nothing pasted: what does this error mean?' : 'What does this error mean?';
}

export function explainPages({ config }: Services): { linked: RequestHandler; pasted: RequestHandler } {
  // Here the org may be the local emulator, whose generic login host a paste's call may have gone to.
  const emulatorLoginHost = config.mode === 'emulator' ? new URL(config.loginUrl).origin : undefined;
  const render = (
    req: Request,
    res: Parameters<RequestHandler>[1],
    found: PastedError | undefined,
    notes: PasteNotes = {},
  ) => {
    const { pasted = '', nothingPasted = false, context = {} } = notes;
    const redirectUri = linkedValue(req.query.redirect_uri, isUrl);
    // A link from the emulator's page carries the request's redirect_uri: compare it with the one configured here.
    const causes = found && !found.error_description && !found.fromClient ? causesOf(found.error) : [];
    const candidates = found
      ? redirectUri
        ? [
            explain(found, {
              redirectUri,
              configuredCallback: config.callbackUrl,
              callbackFromPort: config.callbackFromPort,
            }),
          ]
        : explainCandidates(found, context)
      : [];
    // A code whose causes are listed: the list, not a card saying the code is unknown.
    const explanations = causes.length > 1 ? candidates.filter((card) => card.known) : candidates;
    res.set('Cache-Control', 'no-store').render('explain', {
      title: titleOf(found, pasted, nothingPasted),
      found,
      explanations,
      pasted,
      nothingPasted,
      notes,
      causes,
      // A paste may come from any integration: the playground's settings its fixes name, said in anyone's terms.
      settingsNamed: pasted ? settingsNamedIn(explanations) : [],
      clientId: linkedValue(req.query.client_id, CONSUMER_KEY),
      redirectUri,
      // Anyone can write any words into a link to this page: they are shown as the link's, not as Salesforce's.
      fromLink: req.method === 'GET',
    });
  };
  return {
    linked(req, res) {
      // A link can carry a token or secret someone put in it: its words are masked as a paste's are.
      const error = maskPastedSecrets(text(req.query.error, LINKED_MAX)).text;
      const description = maskPastedSecrets(text(req.query.error_description, LINKED_MAX)).text;
      render(
        req,
        res,
        error ? { error, ...(description ? { error_description: description } : {}) } : undefined,
      );
    },
    pasted(req, res) {
      const raw = text(req.body?.text, Infinity);
      // An empty box sent says so, instead of the page as it was (as if nothing had happened).
      if (raw.trim() === '') return render(req, res, undefined, { nothingPasted: true });
      // Read and shown again only masked: the request's other parts (its grant type, an assertion's claims) are
      // read from the paste as sent, and only what is not secret of them kept.
      const { text: pasted, masked } = maskPastedSecrets(raw.slice(0, MAX_PASTE_LENGTH));
      const found = readPastedError(pasted, KNOWN);
      render(req, res, found, {
        pasted,
        masked,
        cut: raw.length >= MAX_PASTE_LENGTH,
        errors: errorsIn(pasted),
        authorizeRequest: !found && /\/services\/oauth2\/authorize\?/.test(pasted),
        context: found
          ? contextOfPaste(raw.slice(0, MAX_PASTE_LENGTH), found.error_description, emulatorLoginHost)
          : {},
      });
    },
  };
}
