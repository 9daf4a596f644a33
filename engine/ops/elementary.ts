/**
 * The rest of the elementary functions learners differentiate: inverse trigonometric and
 * hyperbolic functions, cube root, logarithms and powers of 2 and 10, sinpi/cospi, and the
 * two-argument arctangent. Each is a primitive with its own derivative written with engine
 * operations (so it nests to any order), beside the reason it can fail: asin(2) is undefined,
 * cbrt has an infinite slope at 0.
 *
 * Derivatives: asin' = 1/√(1-x²), acos' = -1/√(1-x²), atan' = 1/(1+x²), sinh' = cosh,
 * cosh' = sinh, asinh' = 1/√(1+x²), acosh' = 1/√(x²-1), atanh' = 1/(1-x²), cbrt' = 1/(3 cbrt²),
 * log2' = 1/(x ln 2), log10' = 1/(x ln 10), exp2' = ln 2 · 2ˣ, exp10' = ln 10 · 10ˣ,
 * sinpi' = π cospi, cospi' = -π sinpi; atan(y, x): ∂y = x/(x²+y²), ∂x = -y/(x²+y²).
 */
import { registerBatchRule } from '../ad/batching.ts'
import { bind } from '../ad/bind.ts'
import type { Primitive } from '../ad/primitive.ts'
import type { Value } from '../ad/value.ts'
import type { Tensor } from '../tensor/tensor.ts'
import { scalar } from '../tensor/tensor.ts'
import type { Kernel1, Kernel2 } from '../tensor/elementwise.ts'
import { run1, run2 } from '../tensor/elementwise.ts'
import { abs2, add, div, mul, neg, sqrt, stretched, sub } from './elementwise.ts'
import type { Alignment } from './structure.ts'
import { broadcastTo } from './structure.ts'

type Num = Value | number
const lift = (x: Num): Value => (typeof x === 'number' ? scalar(x) : x)

/** A unary primitive from its pointwise function and its local derivative d(x, out). */
function unary(
  name: string,
  f: (x: number) => number,
  d: (x: Value, out: Value) => Value,
  extra: Pick<Primitive<undefined>, 'domain' | 'singular'> = {},
): (x: Num) => Value {
  const kernel: Kernel1 = (x, o) => {
    for (let i = 0; i < o.length; i++) o[i] = f(x[i]!)
  }
  const prim: Primitive<undefined> = {
    name,
    impl: ([a]) => run1(a!, kernel),
    jvp: ([x], [t], out) => mul(t!, d(x!, out)),
    vjp: [(g, [x], out) => mul(g, d(x!, out))],
    keepsNothing: true,
    ...extra,
  }
  return (x: Num) => bind(prim, [lift(x)], undefined)
}

/** "asin(2) is undefined: asin is defined only for -1 ≤ x ≤ 1". */
const outside =
  (name: string, where: string) =>
  ([a]: readonly Tensor[], k: number) =>
    `${name}(${a!.data[k]}) is undefined: ${name} is defined only for ${where}`

/** A note for a derivative taken where the slope is infinite. */
const infiniteSlopeAt = (name: string, points: readonly number[], said: string) => (args: readonly Tensor[]) =>
  args[0]!.data.some((x) => points.includes(x))
    ? `${name} is not differentiable at ${said} (its slope is infinite there)`
    : undefined

const oneMinusSquare = (x: Value) => sub(1, abs2(x))

export const asin = unary('asin', Math.asin, (x) => div(1, sqrt(oneMinusSquare(x))), {
  domain: outside('asin', '-1 ≤ x ≤ 1'),
  singular: infiniteSlopeAt('asin', [-1, 1], '±1'),
})
export const acos = unary('acos', Math.acos, (x) => neg(div(1, sqrt(oneMinusSquare(x)))), {
  domain: outside('acos', '-1 ≤ x ≤ 1'),
  singular: infiniteSlopeAt('acos', [-1, 1], '±1'),
})
export const atan = unary('atan', Math.atan, (x) => div(1, add(1, abs2(x))))
// sinh and cosh call each other in their derivatives, so they are declared before use.
export const sinh: (x: Num) => Value = unary('sinh', Math.sinh, (x) => cosh(x), {
  domain: ([a], k) => `sinh(${a!.data[k]}) overflows to infinity`,
})
export const cosh: (x: Num) => Value = unary('cosh', Math.cosh, (x) => sinh(x), {
  domain: ([a], k) => `cosh(${a!.data[k]}) overflows to infinity`,
})
export const asinh = unary('asinh', Math.asinh, (x) => div(1, sqrt(add(1, abs2(x)))))
export const acosh = unary('acosh', Math.acosh, (x) => div(1, sqrt(sub(abs2(x), 1))), {
  domain: outside('acosh', 'x ≥ 1'),
  singular: infiniteSlopeAt('acosh', [1], '1'),
})
export const atanh = unary('atanh', Math.atanh, (x) => div(1, oneMinusSquare(x)), {
  domain: ([a], k) => {
    const x = a!.data[k]!
    return Math.abs(x) === 1
      ? `atanh(${x}) is ${x > 0 ? '' : '-'}Infinity: atanh is finite only for -1 < x < 1`
      : `atanh(${x}) is undefined: atanh is defined only for -1 ≤ x ≤ 1`
  },
})
export const cbrt = unary('cbrt', Math.cbrt, (_x, out) => div(1, mul(3, abs2(out))), {
  singular: infiniteSlopeAt('cbrt', [0], '0'),
})
const logDomain =
  (name: string) =>
  ([a]: readonly Tensor[], k: number) => {
    const x = a!.data[k]!
    return x === 0
      ? `${name}(0) is -Infinity: the logarithm is defined only for positive numbers`
      : `${name}(${x}) is undefined: the logarithm is defined only for positive numbers`
  }
export const log2 = unary('log2', Math.log2, (x) => div(1 / Math.LN2, x), { domain: logDomain('log2') })
export const log10 = unary('log10', Math.log10, (x) => div(1 / Math.LN10, x), { domain: logDomain('log10') })
export const exp2 = unary(
  'exp2',
  (x) => 2 ** x,
  (_x, out) => mul(Math.LN2, out),
  {
    domain: ([a], k) => `exp2(${a!.data[k]}) overflows to infinity`,
  },
)
export const exp10 = unary(
  'exp10',
  (x) => 10 ** x,
  (_x, out) => mul(Math.LN10, out),
  {
    domain: ([a], k) => `exp10(${a!.data[k]}) overflows to infinity`,
  },
)

/** sin(πx) with the argument reduced first, so sinpi(n) is exactly 0 at every integer n (Base.sinpi). */
function sinPi(x: number): number {
  if (!Number.isFinite(x)) return NaN
  const r = x - 2 * Math.round(x / 2) // r in [-1, 1], exact
  if (r === 0 || Math.abs(r) === 1) return 0 * Math.sign(x)
  if (Math.abs(r) === 0.5) return Math.sign(r)
  return Math.sin(Math.PI * r)
}
function cosPi(x: number): number {
  if (!Number.isFinite(x)) return NaN
  const r = Math.abs(x - 2 * Math.round(x / 2))
  if (r === 0.5) return 0
  if (r === 0) return 1
  if (r === 1) return -1
  return Math.cos(Math.PI * r)
}
export const sinpi: (x: Num) => Value = unary('sinpi', sinPi, (x) => mul(Math.PI, cospi(x)))
export const cospi: (x: Num) => Value = unary('cospi', cosPi, (x) => neg(mul(Math.PI, sinpi(x))))

const atan2Kernel: Kernel2 = (y, oy, sy, x, ox, sx, out, o, n) => {
  for (let i = 0; i < n; i++) out[o + i] = Math.atan2(y[oy + i * sy]!, x[ox + i * sx]!)
}
/** The angle of the point (x, y): atan(y, x) in Julia, arctan2(y, x) in NumPy. */
const atan2P: Primitive<undefined> = {
  name: 'atan2',
  impl: ([y, x]) => run2(y!, x!, atan2Kernel),
  jvp: ([y, x], [ty, tx], _out) => {
    const r2 = add(abs2(x!), abs2(y!))
    const dy = ty ? mul(ty, div(x!, r2)) : null
    const dx = tx ? neg(mul(tx, div(y!, r2))) : null
    return dy && dx ? add(dy, dx) : (dy ?? dx)
  },
  vjp: [
    (g, [y, x]) => mul(g, div(x!, add(abs2(x!), abs2(y!)))),
    (g, [y, x]) => neg(mul(g, div(y!, add(abs2(x!), abs2(y!))))),
  ],
  singular: (args) =>
    args[0]!.data.some((y, k) => y === 0 && args[1]!.data[k % args[1]!.data.length] === 0)
      ? 'atan(y, x) is not differentiable at the origin (0, 0), where the angle is undefined'
      : undefined,
  keepsNothing: true,
}

/**
 * atan(y, x) with the operands stretched to one shape first (so the pullbacks need no summing),
 * lined up from the left as Julia's broadcasting does, or from the right as NumPy's.
 */
export function atan2(y: Num, x: Num, align: Alignment = 'left'): Value {
  let [a, b] = stretched('atan', [y, x], align) as [Value, Value]
  // stretched leaves a number as it is (a number goes with anything); here it takes the other's shape.
  if (a.shape.length === 0 && b.shape.length > 0) a = broadcastTo(a, b.shape)
  if (b.shape.length === 0 && a.shape.length > 0) b = broadcastTo(b, a.shape)
  return bind(atan2P, [a, b], undefined)
}

// Elementwise on a stacked batch as on one example: the rule applies the primitive to the stack.
registerBatchRule(
  ['asin', 'acos', 'atan', 'sinh', 'cosh', 'asinh', 'acosh', 'atanh', 'cbrt', 'log2', 'log10', 'exp2', 'exp10'].concat([
    'sinpi',
    'cospi',
    'atan2',
  ]),
  (prim, args, batched, size) =>
    bind(
      prim,
      args.map((a, i) => (batched[i] ? a : broadcastTo(a, [size, ...a.shape], 0))),
      undefined as never,
    ),
)
