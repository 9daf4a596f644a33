/**
 * Everyday reductions: mean, maximum and minimum, p-norms, the cumulative sum, and the
 * numerically stable log-sum-exp and softmax. All but cumsum are compositions of primitives, so
 * their derivatives of every order follow; cumsum is a primitive whose adjoint is the reversed
 * cumulative sum (each is the other's pullback, as sum and broadcast are).
 */
import { bind } from '../ad/bind.ts'
import type { Primitive } from '../ad/primitive.ts'
import type { Value } from '../ad/value.ts'
import { concrete } from '../ad/value.ts'
import { ArgumentError, ShapeError } from '../errors.ts'
import { OP_COST, checkAhead } from '../limits.ts'
import { Tensor, describeShape, sizeOf } from '../tensor/tensor.ts'
import { abs, add, div, exp, log, pow, sub } from './elementwise.ts'
import { max, min, norm } from './derived.ts'
import { getindex, reshape, sum } from './structure.ts'

/** The arithmetic mean of all elements, or along one 0-based axis (dropped, as sum drops it). */
export function mean(x: Value, axis: number | null = null): Value {
  const n = axis === null ? sizeOf(x.shape) : x.shape[axis]!
  if (n === 0) throw new ShapeError(`mean of an empty ${describeShape(x.shape)} is undefined (0 / 0)`)
  return div(sum(x, axis), n)
}

/** Folds a tensor's elements pairwise with max or min (name is what the learner called). */
function fold(x: Value, pick: (a: Value, b: Value) => Value, name: string, pairwise: string): Value {
  const n = sizeOf(x.shape)
  if (n === 0) throw new ShapeError(`${name} of an empty tensor is undefined`)
  checkAhead(
    { work: 2 * n * OP_COST },
    `${name} of ${n} elements compares them one pair at a time`,
    `Use ${pairwise}(a, b) on two tensors of one shape to compare elementwise.`,
  )
  const flat = reshape(x, [n])
  let acc = getindex(flat, [0])
  for (let i = 1; i < n; i++) acc = pick(acc, getindex(flat, [i]))
  return acc
}

/** The largest element; its derivative is 1 at the element chosen (the last of tied ones). */
export const maximum = (x: Value, name = 'maximum'): Value => fold(x, max, name, 'max')
/** The smallest element; its derivative is 1 at the element chosen. */
export const minimum = (x: Value, name = 'minimum'): Value => fold(x, min, name, 'min')

/**
 * The p-norm (sum |x_i|^p)^(1/p) of all elements, for p >= 1 (and 0 < p < 1, where it is not a
 * norm but Julia computes it too); p = Infinity is the largest |x_i|, -Infinity the smallest.
 */
export function normP(x: Value, p: number): Value {
  if (p === 2) return norm(x)
  if (p === Infinity) return maximum(abs(x), 'norm(x, Inf)')
  if (p === -Infinity) return minimum(abs(x), 'norm(x, -Inf)')
  if (!(p > 0)) throw new ArgumentError(`norm(x, p) needs p > 0 or p = Inf, but p = ${p}`)
  if (p === 1) return sum(abs(x))
  return pow(sum(pow(abs(x), p)), 1 / p)
}

interface CumsumParams {
  reverse: boolean
}

// Prefix sums (reverse: suffix sums) of a vector: linear, so the pushforward is the same operation
// on the tangent and the pullback is the other direction.
const cumsumP: Primitive<CumsumParams> = {
  name: 'cumsum',
  impl: ([a], { reverse }) => {
    const x = a!.data
    const out = new Float64Array(x.length)
    let s = 0
    if (reverse)
      for (let i = x.length - 1; i >= 0; i--) {
        s += x[i]!
        out[i] = s
      }
    else
      for (let i = 0; i < x.length; i++) {
        s += x[i]!
        out[i] = s
      }
    return new Tensor(a!.shape, out)
  },
  jvp: (_p, [t], _out, params) => bind(cumsumP, [t!], params),
  vjp: [(g, _p, _out, { reverse }) => bind(cumsumP, [g], { reverse: !reverse })],
}

/** The running sums x_1, x_1 + x_2, ... of a vector. */
export function cumsum(x: Value): Value {
  if (x.shape.length !== 1) throw new ShapeError(`cumsum needs a vector, got a ${describeShape(x.shape)}`)
  return bind(cumsumP, [x], { reverse: false })
}

/**
 * The largest element as a constant: softmax and log-sum-exp shift by it so that no exp
 * overflows. Both are exactly invariant under a constant shift (logsumexp(x - c) + c), so
 * holding c fixed changes neither the value nor any derivative.
 */
function largest(x: Value, name: string): number {
  const data = concrete(x).data
  if (data.length === 0) throw new ShapeError(`${name} of an empty tensor is undefined`)
  const m = data.reduce((a, b) => Math.max(a, b), -Infinity)
  // All -Inf (or +Inf somewhere): shifting would make NaN of what is a plain -Inf or +Inf.
  return Number.isFinite(m) ? m : 0
}

/** log(sum(exp(x))) over all elements, computed as c + log(sum(exp(x - c))) with c = max(x). */
export function logsumexp(x: Value): Value {
  const c = largest(x, 'logsumexp')
  return add(log(sum(exp(sub(x, c)))), c)
}

/** exp(x) / sum(exp(x)) for a vector, computed as exp(x - c) / sum(exp(x - c)) with c = max(x). */
export function softmax(x: Value): Value {
  if (x.shape.length !== 1) throw new ShapeError(`softmax needs a vector, got a ${describeShape(x.shape)}`)
  const e = exp(sub(x, largest(x, 'softmax')))
  return div(e, sum(e))
}
