// node:assert/strict for every test, with one change: ok() (and assert() itself) never asks Node to write the
// message. On a failure without one, node:assert reads the test's source file again and parses it with acorn from
// the failing call's column; under tsx that column is the compiled code's, and the parse can block the event loop
// for minutes (30 s alone, 209 s inside a whole run: the multi-minute "stalls" that came with rare failures). A
// failed ok() here says what it got instead, and the stack names the line.
import strict from 'node:assert/strict';
import { inspect } from 'node:util';

function ok(value: unknown, message?: string | Error): asserts value {
  strict.ok(value, message ?? `expected a truthy value, got ${inspect(value, { depth: 1 })}`);
}

const assert: typeof strict = Object.assign(ok, strict, { ok });
export default assert;
