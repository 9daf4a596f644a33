/**
 * NumPy's elementwise functions by NumPy's names (arcsin, arctan2, hypot, logaddexp, clip, ...), on
 * the engine's primitives, with shapes broadcast from the right as NumPy does; and the same
 * functions under torch's and TensorFlow's names. Compositions keep their derivatives by the chain
 * rule; where a branch would divide by zero it is kept out of the division (the double where).
 */
import type { Value } from '../../ad/value.ts'
import * as ops from '../../ops/index.ts'
import { builtin } from '../args.ts'
import type { LangValue } from '../values.ts'
import { tensorOperand } from '../values.ts'
import { pyFunction } from './jax.ts'

type Unary = (x: Value) => Value
type Binary = (a: Value, b: Value) => Value

/** a ≥ b ? a : b, elementwise (ties take a, whose derivative is then used). */
const larger: Binary = (a, b) => ops.ifelse(ops.ge(a, b), a, b)
const smaller: Binary = (a, b) => ops.ifelse(ops.le(a, b), a, b)

/** log(eᵃ + eᵇ) without overflow: max(a, b) + log1p(exp(-|a - b|)). */
const logaddexp: Binary = (a, b) => ops.add(larger(a, b), ops.log1p(ops.exp(ops.neg(ops.abs(ops.sub(a, b))))))

/**
 * √(a² + b²) as m·√(1 + (n/m)²), m and n the larger and smaller magnitudes (JAX's form): neither
 * square overflows, and at (0, 0) the value is 0 and the slope m's, not 0 × ∞.
 */
const hypot: Binary = (a, b) => {
  const [p, q] = [ops.abs(a), ops.abs(b)]
  const m = larger(p, q)
  const safe = ops.ifelse(ops.eq(m, 0), 1, m)
  return ops.mul(m, ops.sqrt(ops.add(1, ops.abs2(ops.div(smaller(p, q), safe)))))
}

const ceil: Unary = (x) => ops.neg(ops.floor(ops.neg(x)))

/** Rounded to the nearest whole number, halves to the even one (NumPy's round, Python's round). */
const roundHalfEven: Unary = (x) => {
  const r = ops.floor(ops.add(x, 0.5))
  const tie = ops.eq(ops.sub(r, x), 0.5)
  const odd = ops.eq(ops.mod(r, 2), 1)
  const rounded = ops.ifelse(ops.mul(tie, odd), ops.sub(r, 1), r)
  // -0.4 and -0.5 round to -0, as NumPy's (0 × x carries x's sign)
  return ops.ifelse(ops.eq(rounded, 0), ops.mul(0, x), rounded)
}

/** softplus(x) = log(1 + eˣ), as logaddexp(x, 0). */
export const softplus: Unary = (x) => logaddexp(x, ops.mul(0, x))

/** log(p / (1 - p)), the inverse of the logistic function. */
const logit: Unary = (p) => ops.sub(ops.log(p), ops.log1p(ops.neg(p)))

/** GELU, tanh approximation (jax.nn.gelu's default, approximate=True). */
const gelu: Unary = (x) =>
  ops.mul(
    ops.mul(0.5, x),
    ops.add(1, ops.tanh(ops.mul(Math.sqrt(2 / Math.PI), ops.add(x, ops.mul(0.044715, ops.mul(x, ops.abs2(x))))))),
  )

export const UNARY: Record<string, Unary> = {
  arcsin: ops.asin,
  arccos: ops.acos,
  arctan: ops.atan,
  sinh: ops.sinh,
  cosh: ops.cosh,
  arcsinh: ops.asinh,
  arccosh: ops.acosh,
  arctanh: ops.atanh,
  exp2: ops.exp2,
  log2: ops.log2,
  log10: ops.log10,
  cbrt: ops.cbrt,
  reciprocal: (x) => ops.div(1, x),
  negative: ops.neg,
  positive: (x) => x,
  absolute: ops.abs,
  deg2rad: (x) => ops.mul(Math.PI / 180, x),
  rad2deg: (x) => ops.mul(180 / Math.PI, x),
  floor: ops.floor,
  ceil,
  trunc: ops.trunc,
  round: roundHalfEven,
  rint: roundHalfEven,
  sigmoid: ops.sigmoid,
  softplus,
  logit,
  gelu,
  expit: ops.sigmoid,
}

export const BINARY: Record<string, Binary> = {
  arctan2: (y, x) => ops.atan2(y, x, 'right'),
  hypot,
  logaddexp,
  fmax: larger,
  fmin: smaller,
  mod: ops.mod,
  remainder: ops.mod,
  // C's fmod: the remainder takes the dividend's sign (fmod(-3, 2) is -1; mod gives 1).
  fmod: ops.rem,
  float_power: ops.pow,
  add: ops.add,
  subtract: ops.sub,
  multiply: ops.mul,
  divide: ops.div,
  true_divide: ops.div,
}

const arr = (v: LangValue, who: string): Value => tensorOperand(v, who)

/** A one-argument function by a library's name (`prefix.name`). */
export const unaryFunction = (who: string, f: Unary): LangValue => builtin(who, ['x'], ([x]) => f(arr(x, who)))

/** A two-argument function by a library's name, broadcast from the right. */
export const binaryFunction = (who: string, f: Binary): LangValue =>
  builtin(who, ['a', 'b'], ([a, b]) => {
    const [x, y] = ops.stretched(who, [arr(a, who), arr(b, who)], 'right')
    // stretched leaves a number as it is; the composition needs both in one shape.
    return f(fit(x!, y!), fit(y!, x!))
  })

const fit = (x: Value, other: Value): Value =>
  x.shape.length === 0 && other.shape.length > 0 ? ops.add(x, ops.mul(0, other)) : x

/**
 * clip(x, lo, hi): x held between lo and hi (either may be None); NumPy's a_min / a_max, JAX's
 * min / max and torch's min / max keywords all name the bounds.
 */
export const clipFunction = (who: string, names: [string, string]): LangValue =>
  pyFunction(
    who,
    ['x', names[0], names[1]],
    ['a_min', 'a_max', 'min', 'max', 'out'],
    ([x, lo, hi], kw) => {
      let y = arr(x, who)
      const low = lo ?? kw.get('a_min') ?? kw.get('min')
      const high = hi ?? kw.get('a_max') ?? kw.get('max')
      if (low !== undefined && low !== null) y = binaryCall(larger, y, arr(low, who), who)
      if (high !== undefined && high !== null) y = binaryCall(smaller, y, arr(high, who), who)
      return y
    },
    [1, 3],
  )

const binaryCall = (f: Binary, a: Value, b: Value, who: string): Value => {
  const [x, y] = ops.stretched(who, [a, b], 'right')
  return f(fit(x!, y!), fit(y!, x!))
}

/** NumPy's elementwise names, as jnp members. */
export const NUMPY_ELEMENTWISE: [string, LangValue][] = [
  ...Object.entries(UNARY)
    .filter(([n]) => !['sigmoid', 'softplus', 'logit', 'gelu', 'expit'].includes(n))
    .map(([n, f]): [string, LangValue] => [n, unaryFunction(`jnp.${n}`, f)]),
  ...Object.entries(BINARY).map(([n, f]): [string, LangValue] => [n, binaryFunction(`jnp.${n}`, f)]),
  ['clip', clipFunction('jnp.clip', ['a_min', 'a_max'])],
]

/** Members under other names: [their name, NumPy's name] (torch.asin is NumPy's arcsin). */
export function renamed(prefix: string, pairs: [string, string][]): [string, LangValue][] {
  return pairs.map(([as, name]) => {
    const u = UNARY[name]
    return [as, u ? unaryFunction(`${prefix}.${as}`, u) : binaryFunction(`${prefix}.${as}`, BINARY[name]!)]
  })
}

const same = (names: string[]): [string, string][] => names.map((n) => [n, n])

/** torch's and tf.math's short names for NumPy's inverse functions (asin is arcsin). */
const INVERSE_TRIG: [string, string][] = [
  ['asin', 'arcsin'],
  ['acos', 'arccos'],
  ['atan', 'arctan'],
  ['asinh', 'arcsinh'],
  ['acosh', 'arccosh'],
  ['atanh', 'arctanh'],
  ['atan2', 'arctan2'],
]

/** torch's names (torch.asin, torch.atan2, torch.clamp, ...). */
export const TORCH_ELEMENTWISE: [string, LangValue][] = [
  ...renamed('torch', [
    ...INVERSE_TRIG,
    ['arctan2', 'arctan2'],
    ['neg', 'negative'],
    ['pow', 'float_power'],
    ['fmod', 'fmod'],
    ['div', 'divide'],
    ['mul', 'multiply'],
    ['sub', 'subtract'],
    ...same([
      'arcsin',
      'arccos',
      'arctan',
      'sinh',
      'cosh',
      'exp2',
      'log2',
      'log10',
      'reciprocal',
      'floor',
      'ceil',
      'trunc',
      'round',
      'deg2rad',
      'rad2deg',
      'hypot',
      'logaddexp',
      'fmax',
      'fmin',
      'remainder',
      'logit',
      'add',
      'negative',
      'absolute',
    ]),
  ]),
  ['clamp', clipFunction('torch.clamp', ['min', 'max'])],
  ['clip', clipFunction('torch.clip', ['min', 'max'])],
  ['square', unaryFunction('torch.square', ops.abs2)],
]

/** tf.math's names. */
export const TF_ELEMENTWISE: [string, LangValue][] = [
  ...renamed('tf.math', [
    ...INVERSE_TRIG,
    ['pow', 'float_power'],
    ['negative', 'negative'],
    ['floormod', 'mod'],
    ['maximum', 'fmax'],
    ['minimum', 'fmin'],
    ['divide', 'divide'],
    ['multiply', 'multiply'],
    ['subtract', 'subtract'],
    ['add', 'add'],
    ...same(['sinh', 'cosh', 'reciprocal', 'floor', 'ceil', 'round', 'sigmoid', 'softplus']),
  ]),
  ['square', unaryFunction('tf.math.square', ops.abs2)],
  ['log1p', unaryFunction('tf.math.log1p', ops.log1p)],
  ['expm1', unaryFunction('tf.math.expm1', ops.expm1)],
  ['tan', unaryFunction('tf.math.tan', ops.tan)],
  ['sign', unaryFunction('tf.math.sign', ops.sign)],
  ['log_sigmoid', unaryFunction('tf.math.log_sigmoid', (x) => ops.neg(softplus(ops.neg(x))))],
]

/** jax.nn's and jax.scipy.special's elementwise functions. */
export const NN_ELEMENTWISE: [string, LangValue][] = renamed('jax.nn', [
  ['softplus', 'softplus'],
  ['gelu', 'gelu'],
  ['sigmoid', 'sigmoid'],
])
export const SPECIAL_ELEMENTWISE: [string, LangValue][] = renamed('jax.scipy.special', [
  ['expit', 'expit'],
  ['logit', 'logit'],
])
