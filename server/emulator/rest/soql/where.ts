// Evaluates a parsed WHERE or HAVING clause. The parser gives a flat chain with parenthesis counts, so it is
// turned back into tokens and re-read: NOT binds first, and AND and OR never meet without parentheses between
// them (SOQL guide, "Logical Operators": "Parentheses are required whenever you mix the operators"; Salesforce
// answers `a AND b OR c` with MALFORMED_QUERY, unexpected token: OR).
import type {
  Condition,
  ConditionWithValueQuery,
  HavingClause,
  WhereClause,
} from '@jetstreamapp/soql-parser-js';
import { malformed, occurrencesOf } from '../restError.ts';

type Token = '(' | ')' | 'AND' | 'OR' | 'NOT' | { condition: Condition };
type Clause = WhereClause | HavingClause;

export interface CompiledClause<Row> {
  test: (row: Row) => boolean;
  /** How many comparisons run per row: the query's cost guard multiplies it by the rows. */
  comparisons: number;
}

export function compileClause<Row>(
  soql: string,
  clause: Clause,
  compileCondition: (condition: Condition) => (row: Row) => boolean,
): CompiledClause<Row> {
  const tokens = flatten(clause);
  let pos = 0;
  let comparisons = 0;
  let semiJoins = 0;
  const fail = (): never => {
    throw malformed(soql, 'WHERE', 'unexpected token in the condition');
  };
  /** The operator that a level's first two operands were joined by, when another one follows: an error. */
  const mixed = (operator: 'AND' | 'OR'): never => {
    // The caret goes under this operator's place among the statement's (counted from its start, so in a HAVING
    // or a sub-select after other such operators it may stand under an earlier one; the message is the same).
    const before = tokens.slice(0, pos).filter((token) => token === operator).length;
    throw malformed(soql, operator, `unexpected token: ${operator}`, occurrencesOf(soql, operator)[before]);
  };
  const orExpr = (): ((row: Row) => boolean) => {
    const semiJoinsBefore = semiJoins;
    const first = andExpr(false);
    const parts = [first.test];
    if (first.joined && tokens[pos] === 'OR') mixed('OR');
    while (tokens[pos] === 'OR') {
      pos++;
      parts.push(andExpr(true).test);
    }
    if (parts.length > 1 && semiJoins > semiJoinsBefore) {
      throw malformed(soql, 'OR', "Semi join sub-selects are not allowed with the 'OR' operator");
    }
    return parts.length === 1 ? parts[0] : (row) => parts.some((part) => part(row));
  };
  /** `afterOr`: this level already joins with OR, so an AND here mixes the two. */
  const andExpr = (afterOr: boolean) => {
    const parts = [notExpr()];
    if (afterOr && tokens[pos] === 'AND') mixed('AND');
    while (tokens[pos] === 'AND') {
      pos++;
      parts.push(notExpr());
    }
    const test = parts.length === 1 ? parts[0] : (row: Row) => parts.every((part) => part(row));
    return { test, joined: parts.length > 1 };
  };
  /** A run of NOTs is read as its parity, so `NOT NOT ... x` nests no deeper than `x`. */
  const notExpr = (): ((row: Row) => boolean) => {
    let negations = 0;
    while (tokens[pos] === 'NOT') {
      pos++;
      negations++;
    }
    const inner = primary();
    return negations % 2 === 1 ? (row) => !inner(row) : inner;
  };
  const primary = (): ((row: Row) => boolean) => {
    const token = tokens[pos++];
    if (token === '(') {
      const inner = orExpr();
      if (tokens[pos++] !== ')') fail();
      return inner;
    }
    if (typeof token !== 'object') return fail();
    comparisons++;
    if ('valueQuery' in token.condition) semiJoins++;
    return compileCondition(token.condition);
  };
  const test = orExpr();
  if (pos !== tokens.length) fail();
  return { test, comparisons };
}

function flatten(clause: Clause | undefined): Token[] {
  const tokens: Token[] = [];
  for (let node = clause; node; node = (node as { right?: Clause }).right) {
    const left = node.left as (ConditionWithValueQuery & { openParen?: number; closeParen?: number }) | null;
    const operator = (node as { operator?: string }).operator;
    if (left) tokens.push(...Array<Token>(left.openParen ?? 0).fill('('));
    if (operator === 'NOT') tokens.push('NOT');
    if (left && ('field' in left || 'fn' in left)) tokens.push({ condition: left as Condition });
    if (left) tokens.push(...Array<Token>(left.closeParen ?? 0).fill(')'));
    if (operator === 'AND' || operator === 'OR') tokens.push(operator);
  }
  return tokens;
}
