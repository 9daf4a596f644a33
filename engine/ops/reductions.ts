/**
 * Everyday reductions: mean, maximum and minimum, norms, the cumulative sum, and the
 * numerically stable log-sum-exp and softmax. Most are compositions of primitives, so their
 * derivatives of every order follow; cumsum is a primitive whose adjoint is the reversed
 * cumulative sum (each is the other's pullback, as sum and broadcast are), and the norm is a
 * primitive so that its rules are scaled as its value is.
 */
import { bind } from '../ad/bind.ts'
import type { Primitive } from '../ad/primitive.ts'
import { note } from '../ad/notes.ts'
import type { Value } from '../ad/value.ts'
import { everyExample, exampleWise } from '../ad/batching.ts'
import { ArgumentError, ShapeError } from '../errors.ts'
import { OP_COST, checkAhead } from '../limits.ts'
import type { Shape } from '../tensor/tensor.ts'
import { Tensor, describeShape, scalar, sizeOf, zeros } from '../tensor/tensor.ts'
import { abs, add, div, exp, log, mul, pow, sign, sub } from './elementwise.ts'
import { max, min } from './derived.ts'
import { matmul } from './linalg.ts'
import { broadcastTo, getindex, reshape, sum } from './structure.ts'

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

// -----------------------------------------------------------------------------------------------
// Norms, scaled as hypot is

interface NormParams {
  p: number
  name: string // what the learner called: norm, or norm(x, 3)
}

/** A power of two near max|xᵢ| (0 for a zero x): dividing and multiplying by it are exact. */
function scaleOf(data: Float64Array): number {
  const largest = data.reduce((m, v) => Math.max(m, Math.abs(v)), 0)
  return largest === 0 || !Number.isFinite(largest) ? largest : 2 ** Math.floor(Math.log2(largest))
}

/**
 * ‖x‖ₚ = s·‖x/s‖ₚ with s a power of two near max|xᵢ|: the entries of x/s lie in [-2, 2], so no
 * power overflows or underflows (norm([3e-200, 4e-200]) is 5e-200, norm of 1e200 entries is
 * finite). A primitive, so that its rules can be scaled too: the gradient is the direction
 * u = sign(x)·(|x|/‖x‖)^(p-1) (x/‖x‖ for p = 2), computed from x/s and ‖x‖/s, and each further
 * derivative brings exactly one factor 1/s, the size the true derivative has (composing the
 * scaling from other primitives would hold (1/s)² at second order, which underflows at 1e200).
 */
const normP_: Primitive<NormParams> = {
  name: 'norm',
  impl: ([a], { p }) => {
    const x = a!.data
    const s = scaleOf(x)
    if (x.some((v) => v === Infinity || v === -Infinity)) return scalar(Infinity)
    if (!(s > 0)) return scalar(s) // 0, or NaN when some entry is NaN
    let q = 0
    for (let i = 0; i < x.length; i++) {
      const y = Math.abs(x[i]!) / s
      q += p === 2 ? y * y : Math.pow(y, p)
    }
    return scalar(s * (p === 2 ? Math.sqrt(q) : Math.pow(q, 1 / p)))
  },
  jvp: ([x], [t], out, params) => sum(mul(direction(x!, out, params), t!)),
  vjp: [(g, [x], out, params) => mul(g, direction(x!, out, params))],
  domain: (_args, _k, { name }) =>
    `${name} overflowed: the norm of these entries is beyond the largest float64 (about 1.8e308)`,
}

/**
 * ∂‖x‖ₚ/∂x. At x = 0 no norm is differentiable; the derivative used there is 0, the subgradient
 * Julia's ChainRules takes (its pullback multiplies by pinv(‖x‖), which is 0 at 0: Zygote gives
 * 0); JAX's jnp.linalg.norm gives NaN there instead. A note says which was used.
 *
 * The scale s is each example's own under vmap (a batch holds one s per example). Where a batch
 * holds a zero vector among others, that example's x/s and ‖x‖/s are made safe (1, not 0/0) and
 * its direction multiplied by 0, so no NaN reaches it or any further derivative (the "double
 * where"); the other examples get exactly what they get alone.
 */
function direction(x: Value, out: Value, params: NormParams): Value {
  const scale = exampleWise(x, ({ data }) => scalar(scaleOf(data)))
  if (everyExample(scale, (s) => s.item() !== 0)) return unitDirection(div(x, scale), div(out, scale), params.p)
  note(
    `${params.name} is not differentiable at the zero vector; the derivative used here is 0 (a subgradient, as in Julia's ChainRules, where Zygote gives 0; JAX gives NaN)`,
  )
  if (scale instanceof Tensor) return zeros(x.shape)
  // 1 for the examples that are not the zero vector, 0 for those that are; `shift` the other way.
  const kept = exampleWise(x, ({ data }) => scalar(scaleOf(data) === 0 ? 0 : 1))
  const shift = sub(1, kept)
  const safe = add(scale, shift)
  return mul(kept, unitDirection(add(div(x, safe), shift), add(div(out, safe), shift), params.p))
}

/** The direction from y = x/s and ν = ‖x‖/s: y/ν for p = 2, sign(y)·(|y|/ν)^(p-1) otherwise. */
function unitDirection(y: Value, nu: Value, p: number): Value {
  return p === 2 ? div(y, nu) : mul(sign(y), pow(div(abs(y), nu), p - 1))
}

/** The Euclidean norm of all elements (Frobenius for a matrix), scaled: see normP_. */
export function norm(x: Value): Value {
  return bind(normP_, [x], { p: 2, name: 'norm' })
}

/**
 * The p-norm (sum |x_i|^p)^(1/p) of all elements, for p >= 1 (and 0 < p < 1, where it is not a
 * norm but Julia computes it too); p = Infinity is the largest |x_i|, -Infinity the smallest.
 */
export function normP(x: Value, p: number): Value {
  if (p === 2) return norm(x)
  if (p === Infinity) return maximum(abs(x), 'norm(x, Inf)')
  if (p === -Infinity) return minimum(abs(x), 'norm(x, -Inf)')
  if (!(p > 0)) throw new ArgumentError(`norm(x, p) needs p > 0 or p = Inf, but p = ${p}`)
  // The 1-norm cannot overflow before its value does, and abs says where it has no derivative.
  if (p === 1) return sum(abs(x))
  return bind(normP_, [x], { p, name: `norm(x, ${p})` })
}

interface CumsumParams {
  reverse: boolean
}

// Prefix sums (reverse: suffix sums) of a vector: linear, so the pushforward is the same operation
// on the tangent and the pullback is the other direction.
const cumsumP: Primitive<CumsumParams> = {
  name: 'cumsum',
  keepsNothing: true,
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
function largest(x: Value, name: string): Value {
  // Each example's own (under vmap): a batch-wide shift would underflow the smaller examples.
  return exampleWise(x, ({ data }) => {
    if (data.length === 0) throw new ShapeError(`${name} of an empty tensor is undefined`)
    const m = data.reduce((a, b) => Math.max(a, b), -Infinity)
    // All -Inf (or +Inf somewhere): shifting would make NaN of what is a plain -Inf or +Inf.
    return scalar(Number.isFinite(m) ? m : 0)
  })
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

// -----------------------------------------------------------------------------------------------
// Along dimensions, keeping them (Julia's sum(A, dims = 1) is a 1×n matrix, not a vector)

/** The shape with each listed 0-based axis reduced to length 1. */
export function keptShape(shape: Shape, axes: readonly number[]): Shape {
  return shape.map((n, d) => (axes.includes(d) ? 1 : n))
}

/** y, whose kept axes have length 1, stretched back to `shape` by copies along those axes. */
export function spreadKept(y: Value, shape: Shape): Value {
  let out = y
  shape.forEach((n, d) => {
    if (out.shape[d] === n) return
    const dropped = out.shape.filter((_, k) => k !== d)
    out = broadcastTo(reshape(out, dropped), [...dropped.slice(0, d), n, ...dropped.slice(d)], d)
  })
  return out
}

/** Axes past the last dimension have length 1 already: reducing along them changes nothing. */
const present = (x: Value, axes: readonly number[]) => axes.filter((a) => a < x.shape.length)

/** The sum along each 0-based axis, each kept with length 1. */
export function sumKeep(x: Value, axes: readonly number[]): Value {
  let y = x
  for (const a of present(x, axes)) y = reshape(sum(y, a), keptShape(y.shape, [a]))
  return y
}

/** The mean along the axes, kept (Julia's mean(A, dims = d)). */
export function meanKeep(x: Value, axes: readonly number[]): Value {
  const n = present(x, axes).reduce((k, a) => k * x.shape[a]!, 1)
  if (n === 0) throw new ShapeError(`mean of an empty ${describeShape(x.shape)} is undefined (0 / 0)`)
  return div(sumKeep(x, axes), n)
}

/** The largest (or smallest) element along the axes, kept: slices folded pairwise with max or min. */
export function extremeKeep(x: Value, axes: readonly number[], largestOne: boolean): Value {
  const pick = largestOne ? max : min
  let y = x
  for (const a of present(x, axes)) {
    const n = y.shape[a]!
    if (n === 0) throw new ShapeError(`${largestOne ? 'maximum' : 'minimum'} along an empty dimension is undefined`)
    const whole = y.shape.map((k) => Array.from({ length: k }, (_, i) => i))
    const slice = (i: number) =>
      getindex(
        y,
        whole.map((w, d) => (d === a ? [i] : w)),
      )
    let acc = slice(0)
    for (let i = 1; i < n; i++) acc = pick(acc, slice(i))
    y = acc
  }
  return y
}

/** The running sums along one axis of a vector or matrix: a product with a triangle of ones. */
export function cumsumAlong(x: Value, axis: number): Value {
  if (x.shape.length <= 1 && axis === 0) return cumsum(x)
  if (x.shape.length !== 2 || axis > 1)
    throw new ShapeError(`cumsum along dimension ${axis + 1} of a ${describeShape(x.shape)} is not supported`)
  const n = x.shape[axis]!
  // lower[i][j] = 1 for j <= i: row i of lower·A sums rows 1 to i; A·lowerᵀ sums columns.
  const lower = new Tensor(
    [n, n],
    Float64Array.from({ length: n * n }, (_, k) => (k % n <= Math.floor(k / n) ? 1 : 0)),
  )
  return axis === 0 ? matmul(lower, x) : matmul(x, lower, false, true)
}

/** The largest element of each slice along the axes, as a constant (kept shape), for shifting. */
function largestKept(x: Value, axes: readonly number[]): Value {
  return exampleWise(x, (t) => largestKeptOf(t, axes))
}
function largestKeptOf(t: Tensor, axes: readonly number[]): Tensor {
  const kept = keptShape(t.shape, axes)
  const out = new Float64Array(sizeOf(kept)).fill(-Infinity)
  const strides = kept.map((_, d) => sizeOf(kept.slice(d + 1)))
  for (let p = 0; p < t.size; p++) {
    let q = 0
    for (let d = t.shape.length - 1, rest = p; d >= 0; d--) {
      q += (kept[d] === 1 ? 0 : rest % t.shape[d]!) * strides[d]!
      rest = Math.floor(rest / t.shape[d]!)
    }
    out[q] = Math.max(out[q]!, t.data[p]!)
  }
  // As largest(): an all -Inf slice would become NaN if shifted.
  return new Tensor(
    kept,
    out.map((m) => (Number.isFinite(m) ? m : 0)),
  )
}

/** softmax along the axes (Julia's softmax(x; dims = 1), the default for matrices: each column). */
export function softmaxAlong(x: Value, axes: readonly number[]): Value {
  const e = exp(sub(x, spreadKept(largestKept(x, axes), x.shape)))
  return div(e, spreadKept(sumKeep(e, axes), x.shape))
}

/** log-sum-exp along the axes, kept, shifted by each slice's largest element. */
export function logsumexpAlong(x: Value, axes: readonly number[]): Value {
  const c = largestKept(x, axes)
  return add(log(sumKeep(exp(sub(x, spreadKept(c, x.shape))), axes)), c)
}
