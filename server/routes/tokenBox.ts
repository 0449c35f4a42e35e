// The result page's "Take it home" box: the session's query with the access token, in every tool.
import type { Request } from 'express';
import { LRUCache } from 'lru-cache';
import type { Config } from '../config.ts';
import type { Login } from '../salesforce/tokens.ts';
import { snippetContext } from '../teaching/snippets/context.ts';
import { snippetSet } from '../teaching/snippets/index.ts';
import { queryRequest } from '../teaching/snippets/request.ts';

const NAME = 'query with the access token';
/** Queries are typed by visitors: the boxes kept are bounded (each about 6 KB). */
const MAX_BOXES = 100;

/** The final token at work: the session's query on the instance, placeholders or (after Reveal) its own values. */
export function tokenSnippets(config: Config, login: Login, version: string, soql: string, reveal: boolean) {
  const request = queryRequest(login.tokens.instance_url, version, soql, login.tokens.access_token);
  return snippetSet(request, snippetContext(config, reveal));
}

/**
 * Before Reveal the box holds placeholders only ($SF_ACCESS_TOKEN, never the token): the same HTML for every
 * sign-in to one instance with one API version and one query. With the view cache on (`npm start`) it is rendered
 * once per such trio; `npm run dev` renders it afresh, as every view. Reveal fills in the owner's values on the page.
 */
export function tokenBoxes(config: Config) {
  const rendered = new LRUCache<string, string>({ max: MAX_BOXES });
  return async function tokenBox(req: Request, login: Login, version: string, soql: string): Promise<string> {
    const cache = req.app.enabled('view cache');
    const key = `${login.tokens.instance_url}\n${version}\n${soql}`;
    const kept = cache ? rendered.get(key) : undefined;
    if (kept !== undefined) return kept;
    const locals = {
      set: tokenSnippets(config, login, version, soql, false),
      name: NAME,
      id: 'token',
      spent: undefined,
    };
    const html = await new Promise<string>((resolve, reject) =>
      req.app.render('partials/teaching/take-home', locals, (error, out) =>
        error ? reject(error as Error) : resolve(out),
      ),
    );
    if (cache) rendered.set(key, html);
    return html;
  };
}
