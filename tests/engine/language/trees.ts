/**
 * A tiny builder of syntax trees for tests of constructs the `ad` front-end cannot write yet
 * (tuples, loops, return, keywords), as the Julia and Python front-ends will lower them, and a
 * runner that evaluates statements the way a cell does (in one scope, under the budget).
 */
import { expect } from 'vitest'
import type { Json, LangValue } from '../../../engine/standard.ts'
import { Scope, evaluate, toJson } from '../../../engine/standard.ts'
import type {
  Block,
  Expr,
  Index,
  Keyword,
  Lambda,
  Param,
  Position,
  Target,
} from '../../../engine/language/syntax/tree.ts'

const pos: Position = { line: 1, column: 1, offset: 0, length: 0 }

type Operand = Expr | number | string
/** Numbers are literals, strings are names. */
const e = (x: Operand): Expr =>
  typeof x === 'number' ? { kind: 'number', value: x, raw: String(x), pos } : typeof x === 'string' ? name(x) : x

export const name = (n: string): Expr & Target => ({ kind: 'name', name: n, pos })
export const bool = (value: boolean): Expr => ({ kind: 'boolean', value, pos })
export const op = (o: string, left: Operand, right: Operand, broadcast = false): Expr => ({
  kind: 'binary',
  op: o,
  left: e(left),
  right: e(right),
  broadcast,
  implicit: false,
  pos,
})
export const neg = (x: Operand): Expr => ({
  kind: 'unary',
  op: '-',
  operand: e(x),
  postfix: false,
  broadcast: false,
  pos,
})
export const cmp = (o: string, a: Operand, b: Operand): Expr => ({
  kind: 'compare',
  ops: [o],
  operands: [e(a), e(b)],
  pos,
})
export const and = (a: Operand, b: Operand): Expr => ({ kind: 'logical', op: '&&', left: e(a), right: e(b), pos })
export const or = (a: Operand, b: Operand): Expr => ({ kind: 'logical', op: '||', left: e(a), right: e(b), pos })
export const kw = (n: string, value: Operand): Keyword => ({ name: n, value: e(value), pos })
export const call = (callee: Operand, args: Operand[], keywords: Keyword[] = [], broadcast = false): Expr => ({
  kind: 'call',
  callee: e(callee),
  args: args.map(e),
  keywords,
  broadcast,
  pos,
})
export const tuple = (...items: Operand[]): Expr => ({ kind: 'tuple', items: items.map(e), pos })
export const array = (...items: Operand[]): Expr => ({ kind: 'array', items: items.map(e), pos })
export const index = (object: Operand, indices: Operand[], base: 0 | 1 = 1): Index => ({
  kind: 'index',
  object: e(object),
  indices: indices.map(e),
  base,
  negativeFromEnd: base === 0,
  pos,
})
export const range = (start: Operand, stop: Operand, inclusive = true): Expr => ({
  kind: 'range',
  start: e(start),
  step: null,
  stop: e(stop),
  inclusive,
  pos,
})
export const targets = (...names: string[]): Target => ({ kind: 'tuple-target', items: names.map(name), pos })
export const assign = (target: Target | string, value: Operand, o: string | null = null): Expr => ({
  kind: 'assign',
  target: typeof target === 'string' ? name(target) : target,
  value: e(value),
  op: o,
  pos,
})
export const block = (...body: Operand[]): Block => ({ kind: 'block', body: body.map(e), scope: 'local', pos })
/** The body of a loop or a branch: no scope of its own (the loop makes one per iteration), as front-ends lower them. */
const shared = (...body: Operand[]): Block => ({ kind: 'block', body: body.map(e), scope: 'shared', pos })
/** `function f(params) body end` (name given) or `params -> body` (name null). */
export const fn = (fname: string | null, params: (string | Param)[], ...body: Operand[]): Lambda => ({
  kind: 'function',
  name: fname,
  params: params.map((p) => (typeof p === 'string' ? { name: p, pos } : p)),
  body: body.length === 1 ? e(body[0]!) : block(...body),
  defines: fname !== null,
  pos,
})
/** A parameter with a default (`n = 2`), or collecting the rest (`xs...`), for fn's params. */
export const param = (n: string, options: { default?: Operand; rest?: boolean; keyword?: boolean }): Param => ({
  name: n,
  pos,
  ...(options.default !== undefined ? { default: e(options.default) } : {}),
  ...(options.rest ? { rest: true } : {}),
  ...(options.keyword ? { keyword: true } : {}),
})
export const ret = (value: Operand | null = null): Expr => ({
  kind: 'return',
  value: value === null ? null : e(value),
  pos,
})
export const brk: Expr = { kind: 'break', pos }
export const cont: Expr = { kind: 'continue', pos }
export const if_ = (branches: [Operand, Operand[]][], otherwise: Operand[] | null = null): Expr => ({
  kind: 'if',
  branches: branches.map(([c, body]) => ({ condition: e(c), body: shared(...body) })),
  otherwise: otherwise === null ? null : shared(...otherwise),
  pos,
})
export const while_ = (condition: Operand, ...body: Operand[]): Expr => ({
  kind: 'while',
  condition: e(condition),
  body: shared(...body),
  pos,
})
export const for_ = (target: Target | string, iterable: Operand, ...body: Operand[]): Expr => ({
  kind: 'for',
  target: typeof target === 'string' ? name(target) : target,
  iterable: e(iterable),
  body: shared(...body),
  pos,
})

/** Evaluates statements in order in one scope, as a cell's top level; the last one's value. */
export function runValue(statements: Expr[], scope = new Scope()): LangValue {
  let last: LangValue
  for (const s of statements) last = evaluate(s, scope)
  return last
}

export function runTree(statements: Expr[], scope = new Scope()): Json {
  return toJson(runValue(statements, scope))
}

/** The message the statements stop with. */
export function treeError(statements: Expr[], scope = new Scope()): string {
  try {
    runValue(statements, scope)
  } catch (err) {
    return (err as Error).message
  }
  return expect.fail('the statements were expected to fail')
}

/** `[expr for target in iterable if condition ...]`, clauses as [target, iterable, condition?]. */
export const comprehension = (expr: Operand, ...clauses: [Target | string, Operand, Operand?][]): Expr => ({
  kind: 'comprehension',
  expr: e(expr),
  clauses: clauses.map(([t, it, c]) => ({
    target: typeof t === 'string' ? name(t) : t,
    iterable: e(it),
    condition: c === undefined ? null : e(c),
  })),
  pos,
})

/** Julia's `[a b; c d]`: rows of blocks. */
export const concat = (...rows: Operand[][]): Expr => ({ kind: 'concat', rows: rows.map((r) => r.map(e)), pos })

/** `xs...` in a call's arguments. */
export const splat = (x: Operand): Expr => ({ kind: 'splat', expr: e(x), pos })
