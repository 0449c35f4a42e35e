// The view engine outside development: each EJS template compiled once and each include resolved once. EJS, even
// with its cache on, looks for every included file on disk on every render (a stat per partial per page); here
// an include is resolved, beside the file that includes it as EJS does, the first time only. `npm run dev` keeps
// plain EJS, which reads templates afresh.
import { existsSync, readFileSync } from 'node:fs';
import ejs from 'ejs';

type Engine = (file: string, data: object, done: (error: unknown, html?: string) => void) => void;
type Template = ejs.TemplateFunction;

/** EJS's own rule: a name starting with / is looked up from the file-system root, any other beside its includer. */
const ABSOLUTE = /^[A-Za-z]+:\\|^\//;
/** Keys of this engine's entries in EJS's template cache, apart from anything EJS caches itself. */
const KEY_PREFIX = 'compiled-once:';

export function compiledOnceEngine(): Engine {
  const resolved = new Map<string, string>();

  /** Compiled without a filename, so EJS looks nothing up; the includer knows where this template lives. */
  const compiled = (file: string): Template => {
    const key = `${KEY_PREFIX}${file}`;
    let template = ejs.cache.get(key) as Template | undefined;
    if (!template) {
      const source = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      template = ejs.compile(source, {
        cache: true,
        includer: (name: string) => {
          const included = resolve(file, name);
          compiled(included);
          // EJS takes the template from its cache under this key, where compiled() has just put it.
          return { filename: `${KEY_PREFIX}${included}` };
        },
      }) as Template;
      ejs.cache.set(key, template);
    }
    return template;
  };

  const resolve = (from: string, name: string): string => {
    const key = `${from}\n${name}`;
    let file = resolved.get(key);
    if (!file) {
      file = ABSOLUTE.test(name)
        ? ejs.resolveInclude(name.replace(/^\/*/, ''), '/', true)
        : ejs.resolveInclude(name, from);
      if (!existsSync(file)) throw new Error(`Could not find the include file "${ejs.escapeXML(name)}"`);
      resolved.set(key, file);
    }
    return file;
  };

  return (file, data, done) => {
    let html: string;
    try {
      html = compiled(file)(data as ejs.Data);
    } catch (error) {
      done(error);
      return;
    }
    done(null, html);
  };
}
