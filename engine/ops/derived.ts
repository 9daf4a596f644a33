/**
 * Operations derived from the primitives: no rules of their own, so their derivatives (of any
 * order) follow from the primitives they are built from.
 */
import { note } from '../ad/notes.ts'
import type { Value } from '../ad/value.ts'
import { concrete } from '../ad/value.ts'
import { exampleWise } from '../ad/batching.ts'
import { ShapeError } from '../errors.ts'
import { OP_COST, checkAhead } from '../limits.ts'
import { Tensor, describeShape, sameShape, scalar } from '../tensor/tensor.ts'
import { gtQuietly, ifelse, tiedValue } from './compare.ts'
import { add, mul, tanh } from './elementwise.ts'
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
  return propagateNaN('max', a, b, ifelse(gtQuietly(a, b), a, b))
}

export function min(a: Value, b: Value): Value {
  noteTies('min', a, b)
  return propagateNaN('min', a, b, ifelse(gtQuietly(a, b), b, a))
}

/**
 * A comparison with NaN is false, so the choice above alone would drop a NaN on one side and keep
 * it on the other (max(NaN, 1) = 1 but max(1, NaN) = NaN). Where either argument is NaN the
 * result is NaN, and so is its derivative: there the result is poison .* (a + b), with poison
 * NaN at those elements and 0 elsewhere, so that the cotangent 0 reaching the other elements
 * stays 0 (a NaN times it would not). A note says which operation met the NaN. Under vmap the
 * masks are each example's own (exampleWise), so a NaN in one example poisons only that one.
 */
function propagateNaN(name: string, a: Value, b: Value, chosen: Value): Value {
  // Nothing to do unless some example of either argument holds a NaN.
  if (!concrete(a).data.some(Number.isNaN) && !concrete(b).data.some(Number.isNaN)) return chosen
  note(
    `${name} was given NaN (not a number): its result is NaN there, whichever argument held it, and so is any derivative taken through it`,
  )
  // poison: NaN where the argument is NaN, 0 elsewhere; their sum is NaN where either is.
  const poisonOf = (v: Value) =>
    exampleWise(
      v,
      (t) =>
        new Tensor(
          t.shape,
          t.data.map((x) => (Number.isNaN(x) ? NaN : 0)),
        ),
    )
  const poison = add(poisonOf(a), poisonOf(b))
  const where = exampleWise(
    poison,
    (t) =>
      new Tensor(
        t.shape,
        t.data.map((x) => (Number.isNaN(x) ? 1 : 0)),
      ),
  )
  return ifelse(where, mul(poison, add(a, b)), chosen)
}

/** Where a and b are equal, max and min have a kink; the derivative follows one branch. */
function noteTies(name: string, a: Value, b: Value): void {
  if (tiedValue(a, b) === undefined) return
  note(
    `${name} is not differentiable where its two arguments are equal; the derivative used here is the ${name === 'max' ? 'second' : 'first'} argument's`,
  )
}

/** The logistic function 1 / (1 + exp(-x)), as (1 + tanh(x/2)) / 2: no exp to overflow. */
export function sigmoid(x: Value): Value {
  return mul(add(1, tanh(mul(x, 0.5))), 0.5)
}

/** max(x, 0) elementwise; at 0 the derivative used is 0 (max notes the tie). */
export function relu(x: Value): Value {
  return max(x, scalar(0))
}
