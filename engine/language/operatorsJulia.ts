/**
 * What the operators mean in a Julia cell, where Julia differs from the `ad` syntax: dotted
 * operators broadcast with Julia's shape rules (dimensions lined up from the left, so a
 * 3-vector `.+` a 1×3 row is 3×3); `+` and `-` need equal shapes (Julia's DimensionMismatch,
 * and a number plus an array is a MethodError there); `A \ b` solves and `A / B` is A·B⁻¹;
 * `%` is rem (the dividend's sign) and `÷` the truncated quotient; comparisons of numbers give
 * true or false and `==` compares whole arrays; `'` of a function is Zygote's derivative, the
 * function `x -> gradient(f, x)[1]`.
 */
import type { Value } from '../ad/value.ts'
import { Box, concrete, isValue } from '../ad/value.ts'
import * as ops from '../ops/index.ts'
import { describeShape, sameShape, scalar } from '../tensor/tensor.ts'
import * as T from '../transforms/index.ts'
import { functionArg } from './args.ts'
import { refuseBatched } from './batched.ts'
import { LangError } from './errors.ts'
import { cross } from './julia/everyday.ts'
import { uniformBinary, uniformUnary } from './julia/uniformScaling.ts'
import { compare, power, spelled } from './operators.ts'
import type { LangFunction, LangValue } from './values.ts'
import { describe, isFunction, isTuple, tensorOperand } from './values.ts'

/** Julia's Unicode spellings of the comparisons, as the ASCII ones the engine knows. */
const SPELLINGS: Record<string, string> = { '≠': '!=', '≤': '<=', '≥': '>=', '===': '==', '!==': '!=' }

const COMPARISONS = new Set(['<', '<=', '>', '>=', '==', '!='])

/** The elementwise function of each dotted operator. */
const DOTTED: Record<string, (a: Value, b: Value) => Value> = {
  '+': ops.add,
  '-': ops.sub,
  '*': ops.mul,
  '/': ops.div,
  '^': ops.pow,
  '%': ops.rem,
  '÷': ops.intdiv,
  '<': ops.lt,
  '<=': ops.le,
  '>': ops.gt,
  '>=': ops.ge,
  '==': ops.eq,
  '!=': ops.ne,
  '&': (a, b) => ops.mul(ops.ne(a, 0), ops.ne(b, 0)),
  '|': (a, b) => ops.ne(ops.add(ops.ne(a, 0), ops.ne(b, 0)), 0),
}

/** Dotted operators whose results are trues and falses (they pick elements as an index). */
const LOGICAL = new Set([...COMPARISONS, '&', '|'])

/** The operators that have a dotted, elementwise form. */
export const DOTTED_OPERATORS: ReadonlySet<string> = new Set([...Object.keys(DOTTED), ...Object.keys(SPELLINGS)])

/** Results of dotted comparisons: arrays of trues and falses, which pick elements when used as an index (x[x .> 0]). */
const masks = new WeakSet<object>()

export function isMask(v: LangValue): boolean {
  return typeof v === 'object' && v !== null && masks.has(v)
}

const mask = (v: Value): Value => {
  masks.add(v)
  return v
}

const isNumber = (v: Value) => v.shape.length === 0

export function juliaBinary(written: string, broadcast: boolean, left: LangValue, right: LangValue): LangValue {
  const op = SPELLINGS[written] ?? written
  const dotted = spelled(op, broadcast)
  const scaling = uniformBinary(op, broadcast, left, right) // A + I, 2I, I*x (H2)
  if (scaling !== undefined) return scaling
  if (!broadcast && (op === '==' || op === '!=')) return equal(left, right) === (op === '==')
  if (!broadcast && (op === '≈' || op === '≉')) return approximately(left, right) === (op === '≈')
  if (typeof left === 'string' && typeof right === 'string' && op === '*') return left + right
  if (!broadcast && (op === '&' || op === '|')) return logical(op, left, right)
  if (!broadcast && op === '∘') return compose(left, right)
  if (!broadcast && op === '×')
    return cross(tensorOperand(left, 'the operator ×'), tensorOperand(right, 'the operator ×'))
  const t = (v: LangValue) => tensorOperand(v, `the operator ${dotted}`)
  if (broadcast) {
    const f = DOTTED[op]
    if (f === undefined) throw new LangError(`the operator ${dotted} is not part of the notebook's Julia`)
    const result = ops.broadcasting(f, dotted, 'left')(t(left), t(right))
    return LOGICAL.has(op) ? mask(result) : result
  }
  const a = t(left)
  const b = t(right)
  if (COMPARISONS.has(op)) {
    if (!isNumber(a) || !isNumber(b))
      throw new LangError(
        `${op} compares two numbers, not ${describe(a)} and ${describe(b)}: compare element by element with .${op}`,
      )
    for (const x of [a, b]) refuseBatched(x, `the comparison ${op}`, `the elementwise .${op} (a 0/1 value) with ifelse`)
    return concrete(compare(op, a, b)).item() !== 0
  }
  switch (op) {
    case '+':
    case '-':
      return sumOrDifference(op, a, b)
    case '*':
      return isNumber(a) || isNumber(b) ? ops.mul(a, b) : product(a, b)
    case '/':
      if (isNumber(b)) return ops.div(a, b)
      if (!isSquare(b))
        throw new LangError(
          `A / B is A times the inverse of B, which needs B square, not ${describe(b)}: divide element by element with ./`,
        )
      return ops.matmul(a, ops.inv(b))
    case '\\':
      return solve(a, b)
    case '^':
      return matrixPower(a, b)
    case '%':
    case '÷':
      if (!isNumber(a) || !isNumber(b))
        throw new LangError(
          `${op} takes two numbers, not ${describe(a)} and ${describe(b)}: for each element write .${op}`,
        )
      return op === '%' ? ops.rem(a, b) : ops.intdiv(a, b)
  }
  throw new LangError(`the operator ${dotted} is not part of the notebook's Julia`)
}

/** f ∘ g: the function x -> f(g(x)) (g may take several arguments, as in Julia). */
function compose(f: LangValue, g: LangValue): LangFunction {
  for (const h of [f, g])
    if (!isFunction(h)) throw new LangError(`∘ composes two functions, as in sum ∘ abs2, but got ${describe(h)}`)
  const outer = f as LangFunction
  const inner = g as LangFunction
  return {
    kind: 'function',
    name: `${outer.name} ∘ ${inner.name}`,
    params: inner.params,
    source: `${outer.source} ∘ ${inner.source}`,
    call: (args) => outer.call([inner.call(args)]),
  }
}

/** a + b and a - b: Julia adds arrays of one shape only, and a number to an array only with a dot. */
function sumOrDifference(op: '+' | '-', a: Value, b: Value): Value {
  if (sameShape(a.shape, b.shape)) return op === '+' ? ops.add(a, b) : ops.sub(a, b)
  if (isNumber(a) || isNumber(b)) {
    throw new LangError(
      `${op} of a number and an array needs broadcasting in Julia: write .${op} to ${op === '+' ? 'add' : 'subtract'} the number to every element (as in x .${op} 1)`,
    )
  }
  throw new LangError(
    `${op} needs arrays of the same shape (Julia's DimensionMismatch), but got a ${describeShape(a.shape)} and a ${describeShape(b.shape)}: to stretch one against the other, broadcast with .${op}`,
  )
}

/** a < b <= c: true when every comparison holds (evaluated in full, as the operands already are). */
export function juliaCompareChain(written: readonly string[], operands: readonly LangValue[]): boolean {
  return written.every((op, i) => juliaBinary(op, false, operands[i], operands[i + 1]) === true)
}

/** a & b, a | b: of two booleans a boolean; of two whole numbers their bits (Julia's bitwise and/or). */
function logical(op: '&' | '|', a: LangValue, b: LangValue): LangValue {
  if (typeof a === 'boolean' && typeof b === 'boolean') return op === '&' ? a && b : a || b
  const x = isValue(a) && isNumber(a) ? concrete(a).item() : NaN
  const y = isValue(b) && isNumber(b) ? concrete(b).item() : NaN
  if (Number.isInteger(x) && Number.isInteger(y)) return scalar(op === '&' ? x & y : x | y)
  throw new LangError(
    `${op} combines two trues and falses (or two whole numbers), not ${describe(a)} and ${describe(b)}: for arrays of them write .${op}`,
  )
}

/** A^k; Julia's A^-k for a square matrix is inv(A)^k. */
function matrixPower(a: Value, b: Value): Value {
  const k = isNumber(b) ? concrete(b).item() : NaN
  if (isSquare(a) && Number.isInteger(k) && k < 0 && !isBox(b)) return power(ops.inv(a), scalar(-k))
  return power(a, b)
}

/** A matrix product; two vectors have none in Julia. */
function product(a: Value, b: Value): Value {
  if (a.shape.length === 1 && b.shape.length === 1)
    throw new LangError(
      `* of two vectors is not defined in Julia: write dot(x, y) or x'y for the dot product, or x .* y to multiply element by element`,
    )
  return ops.matmul(a, b)
}

const isBox = (v: Value) => v instanceof Box
const isSquare = (a: Value) => a.shape.length === 2 && a.shape[0] === a.shape[1]

/** A \ b: the solution x of A x = b (through inv, so that its derivatives come for free). */
function solve(a: Value, b: Value): Value {
  if (isNumber(a)) return ops.div(b, a)
  if (!isSquare(a)) throw new LangError(`A \\ b solves A x = b for a square matrix A, but A is ${describe(a)}`)
  if (b.shape[0] !== a.shape[0])
    throw new LangError(`A \\ b needs b to have as many rows as A (${a.shape[0]}), but b is ${describe(b)}`)
  return ops.matmul(ops.inv(a), b)
}

/** x == y: whole values equal (arrays of different shapes are simply unequal, as in Julia). */
function equal(x: LangValue, y: LangValue): boolean {
  if (typeof x === 'string' || typeof y === 'string' || x === undefined || y === undefined) return x === y
  if (isFunction(x) || isFunction(y)) return x === y
  if (isTuple(x) || isTuple(y))
    return (
      isTuple(x) && isTuple(y) && x.items.length === y.items.length && x.items.every((v, i) => equal(v, y.items[i]))
    )
  if (typeof x === 'object' && !isValue(x)) return x === y
  if (typeof y === 'object' && !isValue(y)) return false
  const a = concrete(tensorOperand(x, 'the comparison =='))
  const b = concrete(tensorOperand(y, 'the comparison =='))
  return sameShape(a.shape, b.shape) && a.data.every((v, i) => v === b.data[i])
}

/**
 * x ≈ y (isapprox with its defaults): ‖x - y‖ ≤ √eps · max(‖x‖, ‖y‖), so exactly equal only
 * for zero; arrays of different shapes are not approximately equal.
 */
function approximately(x: LangValue, y: LangValue): boolean {
  const a = concrete(tensorOperand(x, 'the comparison ≈'))
  const b = concrete(tensorOperand(y, 'the comparison ≈'))
  if (!sameShape(a.shape, b.shape)) return false
  const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, t) => s + t * t, 0))
  const gap = norm(a.data.map((v, i) => v - b.data[i]!))
  return gap <= Math.sqrt(Number.EPSILON) * Math.max(norm(a.data), norm(b.data))
}

export function juliaUnary(op: string, broadcast: boolean, operand: LangValue): LangValue {
  const scaling = uniformUnary(op, operand) // -I, I' (H2)
  if (scaling !== undefined) return scaling
  if (op === "'" && isFunction(operand)) return derivativeFunction(operand)
  if (op === '!') {
    if (typeof operand === 'boolean') return !operand
    const x = tensorOperand(operand, 'the operator !')
    if (broadcast) return mask(ops.eq(x, 0))
    throw new LangError(`! negates true or false, not ${describe(operand)}: for each element write .!x`)
  }
  const x = () => tensorOperand(operand, `the operator ${op}`)
  switch (op) {
    case '-':
      return ops.neg(x())
    case '+':
      return x()
    case "'":
      return ops.transpose(x())
    case '√':
      return ops.sqrt(x())
  }
  throw new LangError(`the operator ${op} is not part of the notebook's Julia`)
}

/**
 * f' (Zygote): the function x -> gradient(f, x)[1], the gradient vector at a point (for a
 * function of one number, its derivative).
 */
function derivativeFunction(f: LangFunction): LangFunction {
  const name = `${f.name}'`
  return {
    kind: 'function',
    name,
    params: ['x'],
    source: `${name} = x -> gradient(${f.name}, x)[1]`,
    call(args) {
      if (args.length !== 1) throw new LangError(`${name} takes one argument, the point, but was given ${args.length}`)
      const { fn } = functionArg(f, name, { returns: 'a number' })
      return T.gradient(fn, tensorOperand(args[0], `${name}(x)`), name)
    },
  }
}
