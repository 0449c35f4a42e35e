// Evaluates a parsed WHERE clause. The parser gives a flat chain with parenthesis counts, so it is turned back
// into tokens and re-read with SOQL precedence (NOT, then AND, then OR).
import type { Condition, ConditionWithValueQuery, WhereClause } from '@jetstreamapp/soql-parser-js';
import type { FieldValue } from './seed.ts';

type Token = '(' | ')' | 'AND' | 'OR' | 'NOT' | { condition: ConditionWithValueQuery };
export type Predicate = (read: (field: string) => FieldValue) => boolean;

export function compileWhere(where: WhereClause, compileCondition: (c: Condition) => Predicate): Predicate {
  const tokens = flatten(where);
  let pos = 0;
  const orExpr = (): Predicate => {
    const parts = [andExpr()];
    while (tokens[pos] === 'OR') {
      pos++;
      parts.push(andExpr());
    }
    return (read) => parts.some((p) => p(read));
  };
  const andExpr = (): Predicate => {
    const parts = [notExpr()];
    while (tokens[pos] === 'AND') {
      pos++;
      parts.push(notExpr());
    }
    return (read) => parts.every((p) => p(read));
  };
  const notExpr = (): Predicate => {
    if (tokens[pos] === 'NOT') {
      pos++;
      const inner = notExpr();
      return (read) => !inner(read);
    }
    const token = tokens[pos++];
    if (token === '(') {
      const inner = orExpr();
      pos++; // the closing parenthesis
      return inner;
    }
    if (typeof token === 'object') return compileCondition(token.condition as Condition);
    throw new Error('unexpected token in WHERE');
  };
  return orExpr();
}

function flatten(where: WhereClause | undefined): Token[] {
  const tokens: Token[] = [];
  for (let node = where; node; node = (node as { right?: WhereClause }).right) {
    const left = node.left as (ConditionWithValueQuery & { openParen?: number; closeParen?: number }) | null;
    const operator = (node as { operator?: string }).operator;
    const isNegation = operator === 'NOT';
    if (left) tokens.push(...Array<Token>(left.openParen ?? 0).fill('('));
    if (isNegation) tokens.push('NOT');
    if (left && ('field' in left || 'fn' in left)) tokens.push({ condition: left });
    if (left) tokens.push(...Array<Token>(left.closeParen ?? 0).fill(')'));
    if (operator === 'AND' || operator === 'OR') tokens.push(operator);
  }
  return tokens;
}
