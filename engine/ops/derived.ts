/**
 * Operations derived from the primitives: no rules of their own, so their derivatives (of any
 * order) follow from the primitives they are built from.
 */
import { note } from '../ad/notes.ts'
import type { Value } from '../ad/value.ts'
import { ShapeError } from '../errors.ts'
import { OP_COST, checkAhead } from '../limits.ts'
import { describeShape, sameShape, scalar } from '../tensor/tensor.ts'
import { gtQuietly, ifelse, tiedValue } from './compare.ts'
import { abs2, mul, sqrt } from './elementwise.ts'
import { getindex, reshape, sum } from './structure.ts'

/** x · y for two tensors of one shape: sum(x .* y). */
export function dot(x: Value, y: Value): Value {
  if (!sameShape(x.shape, y.shape)) {
    throw new ShapeError(
      `dot needs two tensors of the same shape: got a ${describeShape(x.shape)} and a ${describeShape(y.shape)}`,
    )
  }
  return sum(mul(x, y))
}

/** The Euclidean norm (Frobenius for matrices). Not differentiable at 0, where it reports so. */
export function norm(x: Value): Value {
  return sqrt(sum(abs2(x)))
}

/**
 * Product of all elements, as a chain of multiplications: the derivative with respect to x_i is
 * the product of the others, exactly, even where some x_j are zero (dividing prod by x_i is not).
 */
export function prod(x: Value): Value {
  const flat = reshape(x, [x.shape.reduce((a, b) => a * b, 1)])
  const n = flat.shape[0]!
  if (n === 0) return scalar(1)
  checkAhead(
    { work: 2 * n * OP_COST },
    `prod of ${n} elements multiplies them one at a time`,
    'For positive entries, exp(sum(log(x))) is the same product in a few operations.',
  )
  let p = getindex(flat, [0])
  for (let i = 1; i < n; i++) p = mul(p, getindex(flat, [i]))
  return p
}

export function max(a: Value, b: Value): Value {
  noteTies('max', a, b)
  return ifelse(gtQuietly(a, b), a, b)
}

export function min(a: Value, b: Value): Value {
  noteTies('min', a, b)
  return ifelse(gtQuietly(a, b), b, a)
}

/** Where a and b are equal, max and min have a kink; the derivative follows one branch. */
function noteTies(name: string, a: Value, b: Value): void {
  if (tiedValue(a, b) === undefined) return
  note(
    `${name} is not differentiable where its two arguments are equal; the derivative used here is the ${name === 'max' ? 'second' : 'first'} argument's`,
  )
}
