// The view engine outside development: each EJS template compiled once and each include resolved once. EJS, even
// with its cache on, looks for every included file on disk and copies its own options on every include of every
// render; here a template's `include` is this engine's, which resolves each name once, beside the file that
// includes it as EJS does, and hands the included template its data as EJS would. `npm run dev` keeps plain EJS,
// which reads templates afresh.
import { existsSync, readFileSync } from 'node:fs';
import ejs from 'ejs';

type Locals = Record<string, unknown>;
type Engine = (file: string, data: object, done: (error: unknown, html?: string) => void) => void;

/** EJS's own rule: a name starting with / is looked up from the file-system root, any other beside its includer. */
const ABSOLUTE = /^[A-Za-z]+:\\|^\//;

export function compiledOnceEngine(): Engine {
  const templates = new Map<string, ejs.TemplateFunction>();
  const resolved = new Map<string, string>();

  const compiled = (file: string): ejs.TemplateFunction => {
    let template = templates.get(file);
    if (!template) {
      const source = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      // The locals this engine passes are already a fresh copy without a prototype: EJS need not copy them again.
      const options = { filename: file, unsafePrototypeLocals: true } as ejs.Options;
      template = ejs.compile(source, options) as ejs.TemplateFunction;
      templates.set(file, template);
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

  /**
   * A template runs inside `with (locals)`, so a local named `include` is the one its code calls (EJS's own stays
   * the fallback). Like EJS's, it gives the included template a copy of the includer's data, its own data on top.
   */
  const render = (file: string, data: Locals): string => {
    const locals = copied(data);
    locals.include = (name: string, extra?: Locals) => render(resolve(file, name), copied(data, extra));
    return compiled(file)(locals);
  };

  return (file, data, done) => {
    let html: string;
    try {
      html = render(file, data as Locals);
    } catch (error) {
      done(error);
      return;
    }
    done(null, html);
  };
}

/** As EJS copies locals: own properties only, on an object without a prototype, later sources on top. */
function copied(...sources: (Locals | undefined)[]): Locals {
  const locals: Locals = Object.create(null);
  for (const source of sources) {
    for (const key in source) {
      if (Object.hasOwn(source, key) && key !== '__proto__' && key !== 'constructor')
        locals[key] = source[key];
    }
  }
  return locals;
}
