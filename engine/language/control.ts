/**
 * Control flow for the interpreter: for and while loops, break/continue/return (thrown as
 * signals the enclosing loop or function catches), the values a for loop walks through, and
 * destructuring assignment `a, b = t`. Expressions are evaluated through the callback the
 * interpreter passes in, so this file needs no evaluator of its own.
 */
import type { Value } from '../ad/value.ts'
import { isValue } from '../ad/value.ts'
import { LimitError, withContext } from '../errors.ts'
import { chargeSteps } from '../limits.ts'
import * as ops from '../ops/index.ts'
import { scalar, vector } from '../tensor/tensor.ts'
import { LangError } from './errors.ts'
import { rangeValues } from './arrays.ts'
import { Scope } from './scope.ts'
import type { Comprehension, Dialect, Expr, For, Param, Target, While } from './syntax/tree.ts'
import type { LangValue } from './values.ts'
import { describe, isTuple, tensorOperand, tuple } from './values.ts'

/** Thrown by `break` and `continue`; the innermost loop catches it. */
export class JumpSignal {
  constructor(readonly kind: 'break' | 'continue') {}
}

/** Thrown by `return`; the innermost function call catches it. */
export class ReturnSignal {
  constructor(readonly value: LangValue) {}
}

/** A signal that escaped every loop or function: a `break` outside a loop, a `return` outside a function. */
export function strayJump(err: unknown): unknown {
  if (err instanceof JumpSignal) return new LangError(`${err.kind} was used outside a for or while loop`)
  if (err instanceof ReturnSignal) return new LangError('return was used outside a function')
  return err
}

type Evaluate = (e: Expr, scope: Scope) => LangValue

/** Runs one iteration's body; false when the loop must stop (break). */
function iteration(body: Expr, scope: Scope, evaluate: Evaluate, loop: string): boolean {
  // Each pass is a step of its own, so that an empty endless loop is stopped too.
  chargeSteps(1, loop)
  try {
    evaluate(body, scope)
  } catch (err) {
    if (err instanceof JumpSignal) return err.kind === 'continue'
    throw err
  }
  return true
}

/** The step limit's message then says which loop ran too long. */
function naming<T>(loop: string, run: () => T): T {
  try {
    return run()
  } catch (err) {
    throw err instanceof LimitError ? withContext(err, `in ${loop}`) : err
  }
}

export function whileLoop(node: While, scope: Scope, evaluate: Evaluate, isTrue: (v: LangValue) => boolean): undefined {
  return naming('a while loop', () => {
    while (isTrue(evaluate(node.condition, scope))) {
      // Python's loops have no scope of their own: what the body assigns stays after the loop.
      const local = node.dialect === 'python' ? scope : new Scope(scope, true)
      if (!iteration(node.body, local, evaluate, 'a while loop')) break
    }
    return undefined
  })
}

export function forLoop(node: For, scope: Scope, evaluate: Evaluate): undefined {
  const items = iterationValues(node.iterable, scope, evaluate, undefined, node.dialect)
  return naming('a for loop', () => {
    for (const item of items) {
      // The loop variable belongs to its iteration (Python's: to the enclosing scope, and it
      // stays after the loop); assignments in the body reach outward.
      const local = node.dialect === 'python' ? scope : new Scope(scope, true)
      destructure(node.target, item, (name, v) =>
        node.dialect === 'python' ? local.define(name, v) : local.vars.set(name, v),
      )
      if (!iteration(node.body, local, evaluate, 'a for loop')) break
    }
    return undefined
  })
}

/**
 * `[e for x in xs if c]`: one entry per pass, stacked into a vector (or a matrix when the
 * entries are vectors). Several clauses nest and flatten, as Python's do; Julia's
 * `[e for i in 1:m, j in 1:n]`, an m×n matrix, is lowered by its front-end as a reshape of the
 * flat result. In Julia one unfiltered clause over a matrix gives a matrix of its shape.
 */
export function comprehension(
  node: Comprehension,
  scope: Scope,
  evaluate: Evaluate,
  isTrue: (v: LangValue) => boolean,
): Value {
  const out: Value[] = []
  /** The shape of the matrix walked through, if the comprehension walked one (unfiltered). */
  let walked: readonly number[] | undefined
  const walk = (clause: number, inner: Scope): void => {
    if (clause === node.clauses.length) {
      out.push(tensorOperand(evaluate(node.expr, inner), 'an entry of a comprehension'))
      return
    }
    const { target, iterable, condition } = node.clauses[clause]!
    const onMatrix = (shape: readonly number[]) => {
      if (condition === null) walked = shape
    }
    for (const item of iterationValues(iterable, inner, evaluate, onMatrix, node.dialect)) {
      chargeSteps(1, 'a comprehension')
      const local = new Scope(inner, true)
      destructure(target, item, (name, v) => local.vars.set(name, v))
      if (condition === null || isTrue(evaluate(condition, local))) walk(clause + 1, local)
    }
  }
  naming('a comprehension', () => walk(0, scope))
  const result = out.length === 0 ? vector([]) : ops.stack(out)
  // Julia: [f(a) for a in A] over a matrix A has A's shape (its entries came down the columns).
  const shape = node.dialect === 'julia' && node.clauses.length === 1 ? walked : undefined
  if (shape === undefined || result.shape.length !== 1 || result.shape[0] !== shape[0]! * shape[1]!) return result
  return ops.transpose(ops.reshape(result, [shape[1]!, shape[0]!]))
}

/**
 * What `for x in xs` walks through: a range's numbers (without building a vector), a tuple's
 * items, a tensor's elements. A matrix is walked column by column, element by element, as
 * Julia does; in a Python cell an array is walked along its first axis, as NumPy does.
 */
function iterationValues(
  iterable: Expr,
  scope: Scope,
  evaluate: Evaluate,
  onMatrix?: (shape: readonly number[]) => void,
  dialect?: Dialect,
): LangValue[] {
  if (iterable.kind === 'range') return rangeValues(iterable, (e) => evaluate(e, scope)).map((x) => scalar(x))
  const v = evaluate(iterable, scope)
  if (isTuple(v)) return [...v.items]
  if (!isValue(v)) throw new LangError(`a for loop cannot walk through ${describe(v)}`)
  // NumPy walks an array along its first axis: a matrix's rows (for e in jnp.eye(3)).
  if (dialect === 'python' && v.shape.length >= 2) return rowsOf(v)
  if (v.shape.length === 2) onMatrix?.(v.shape)
  return elementsColumnMajor(v)
}

/** x[0], x[1], ...: the slices along the first axis, through getindex so derivatives flow. */
function rowsOf(x: Value): Value[] {
  const rest = x.shape.slice(1).map((n) => Array.from({ length: n }, (_, k) => k))
  return Array.from({ length: x.shape[0]! }, (_, i) => ops.getindex(x, [i, ...rest]))
}

export function elementsColumnMajor(x: Value): Value[] {
  if (x.shape.length === 0) return [x]
  const columnMajor = x.shape.length === 2 ? ops.transpose(x) : x
  const n = x.shape.reduce((a, b) => a * b, 1)
  const flat = ops.reshape(columnMajor, [n])
  // Each element through getindex, so that derivatives flow from the loop's results to x.
  return Array.from({ length: n }, (_, i) => ops.getindex(flat, [i]))
}

/** Binds a target to a value: a name, or `a, b` taking a tuple's (or a vector's) items in order. */
export function destructure(target: Target, value: LangValue, bind: (name: string, v: LangValue) => void): void {
  if (target.kind === 'name') return bind(target.name, value)
  if (target.kind === 'field')
    throw new LangError(`assigning to a field of a record (.${target.name} = ...) is not supported: build a new record`)
  if (target.kind !== 'tuple-target')
    throw new LangError('assigning into part of a vector or matrix works on a named one only: x[i] = v')
  const items = destructured(value)
  if (items.length !== target.items.length) {
    throw new LangError(
      `${target.items.length} names on the left of = but the right side gives ${items.length} values (${describe(value)})`,
    )
  }
  target.items.forEach((t, i) => destructure(t, items[i], bind))
}

/** The items a value is split into: for `a, b = t` and for splatting `f(xs...)`. */
export function destructured(value: LangValue): LangValue[] {
  if (isTuple(value)) return [...value.items]
  if (isValue(value) && value.shape.length === 1) return elementsColumnMajor(value)
  throw new LangError(`only a tuple or a vector can be split into several names, not ${describe(value)}`)
}

/**
 * A definition's parameters checked once: defaults after the required ones, a rest parameter
 * last among the positional ones, keyword parameters (Julia's `f(x; k = 2)`) after them all.
 */
export function checkParams(params: readonly Param[], name: string): void {
  const positional = params.filter((p) => !p.keyword)
  const firstKeyword = params.findIndex((p) => p.keyword)
  if (firstKeyword >= 0 && params.slice(firstKeyword).some((p) => !p.keyword))
    throw new LangError(`${name}: keyword parameters come after the others, following a ;`)
  positional.forEach((p, i) => {
    if (p.rest && i !== positional.length - 1)
      throw new LangError(`${name}: only the last parameter can collect the rest (${p.name}...)`)
    if (!p.default && !p.rest && positional.slice(0, i).some((q) => q.default))
      throw new LangError(`${name}: the parameter ${p.name} has no default but comes after one that has`)
  })
}

/**
 * Binds a call's arguments in the call's scope: missing ones take their defaults (evaluated
 * there, so a default may use the parameters before it), extra ones go to a rest parameter
 * as a tuple, and keyword parameters take the call's keyword arguments or their defaults.
 */
export function bindParams(
  params: readonly Param[],
  args: readonly LangValue[],
  local: Scope,
  name: string,
  evaluate: Evaluate,
  keywords: ReadonlyMap<string, LangValue> = new Map(),
  byName = false,
): void {
  // Python: every parameter may also be given by name, f(3., n=3).
  if (byName) ({ args, keywords } = namedPositionals(params, args, keywords, name))
  const named = params.filter((p) => p.keyword)
  const ordered = params.filter((p) => !p.keyword)
  const rest = ordered.at(-1)?.rest ? ordered.at(-1)! : null
  const positional = rest ? ordered.slice(0, -1) : ordered
  const required = byName ? 0 : positional.filter((p) => !p.default).length
  if (args.length < required || (!rest && args.length > positional.length)) {
    const count = positional.length === required ? `${required}` : `${required} to ${positional.length}`
    throw new LangError(
      `${name} takes ${count}${rest ? ' or more' : ''} argument${positional.length === 1 && !rest ? '' : 's'} (${ordered.map((p) => p.name).join(', ')}), but was given ${args.length}`,
    )
  }
  for (const k of keywords.keys()) {
    if (named.some((p) => p.name === k)) continue
    const known = named.length === 0 ? 'none' : named.map((p) => p.name).join(', ')
    throw new LangError(`${name} has no keyword argument ${k} (its keyword arguments: ${known})`)
  }
  positional.forEach((p, i) => {
    const given = i < args.length && args[i] !== MISSING
    if (!given && !p.default) throw new LangError(`${name} is missing its argument ${p.name}`)
    local.vars.set(p.name, given ? args[i] : evaluate(p.default!, local))
  })
  if (rest) local.vars.set(rest.name, tuple(args.slice(positional.length)))
  for (const p of named) {
    if (keywords.has(p.name)) local.vars.set(p.name, keywords.get(p.name))
    else if (p.default) local.vars.set(p.name, evaluate(p.default, local))
    else throw new LangError(`${name} needs the keyword argument ${p.name}, as in ${name}(...; ${p.name} = ...)`)
  }
}

/** A gap left by a positional parameter not given (its default, if any, fills it). */
const MISSING: LangValue = { kind: 'record', tag: 'missing argument', fields: new Map() }

/**
 * Python's keyword arguments that name positional parameters, moved to their positions; the
 * others stay keywords. A parameter given both ways is an error, as in Python.
 */
function namedPositionals(
  params: readonly Param[],
  args: readonly LangValue[],
  keywords: ReadonlyMap<string, LangValue>,
  name: string,
): { args: LangValue[]; keywords: Map<string, LangValue> } {
  const out = [...args]
  const rest = new Map(keywords)
  params
    .filter((p) => !p.keyword && !p.rest)
    .forEach((p, i) => {
      if (!rest.has(p.name)) return
      if (i < args.length) throw new LangError(`${name} got two values for its argument ${p.name}`)
      while (out.length < i) out.push(MISSING)
      out[i] = rest.get(p.name)
      rest.delete(p.name)
    })
  return { args: out, keywords: rest }
}
