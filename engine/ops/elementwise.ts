/**
 * Elementwise primitives: arithmetic (with a scalar broadcast against a tensor) and the unary
 * functions. Each entry sits beside its rules: the pushforward (jvp) and the pullback (vjp, one
 * rule per argument), both written with these same operations so they can be differentiated.
 */
import { bind } from '../ad/bind.ts'
import type { Primitive } from '../ad/primitive.ts'
import { collectingNotes, note } from '../ad/notes.ts'
import type { Value } from '../ad/value.ts'
import { concrete } from '../ad/value.ts'
import { setCotangentSum } from '../ad/reverse.ts'
import { ShapeError } from '../errors.ts'
import type { Shape } from '../tensor/tensor.ts'
import { Tensor, describeShape, sameShape, scalar, zeros } from '../tensor/tensor.ts'
import type { Kernel1, Kernel2 } from '../tensor/elementwise.ts'
import { pick, run1, run2 } from '../tensor/elementwise.ts'
import type { Alignment } from './structure.ts'
import { broadcastShapes, broadcastTo, stretch, sum } from './structure.ts'

type Num = Value | number
const lift = (x: Num): Value => (typeof x === 'number' ? scalar(x) : x)

// ---------------------------------------------------------------------------------------------
// Shapes of elementwise results (the loops they run are in tensor/elementwise.ts)

/** The shape of an elementwise result: equal shapes, or a scalar against anything. */
export function broadcastShape(op: string, a: Shape, b: Shape): Shape {
  if (sameShape(a, b)) return a
  if (a.length === 0) return b
  if (b.length === 0) return a
  throw new ShapeError(
    `${op} needs operands of the same shape, or a scalar and a tensor: got a ${describeShape(a)} and a ${describeShape(b)}`,
  )
}

/**
 * The operands of an elementwise operation stretched to one shape (Julia's `x .+ y`, numpy's
 * `x + y`): dimensions aligned from the left (Julia) or the right (numpy), each equal or 1.
 * A single number stays one, since the kernels read it with stride 0. Derivatives come from
 * the stretch primitive, whose pullback sums over the stretched dimensions.
 */
export function stretched(op: string, values: readonly Num[], align: Alignment): Value[] {
  const xs = values.map(lift)
  const shape = broadcastShapes(
    xs.map((x) => x.shape),
    align,
  )
  if (shape === null) {
    const shapes = xs.map((x) => `a ${describeShape(x.shape)}`).join(' and ')
    const side = align === 'left' ? 'first' : 'last'
    throw new ShapeError(
      `${op} cannot broadcast ${shapes} together: lined up from the ${side} dimension, each pair of sizes must be equal or one of them 1`,
    )
  }
  return xs.map((x) => (x.shape.length === 0 ? x : stretch(x, shape, align)))
}

/** f(a, b) elementwise after stretching a and b to one shape (see stretched). */
export function broadcasting(
  f: (a: Value, b: Value) => Value,
  op: string,
  align: Alignment,
): (a: Num, b: Num) => Value {
  return (a, b) => {
    const [x, y] = stretched(op, [a, b], align)
    return f(x!, y!)
  }
}

/** Sums a cotangent back down to the shape of an operand that was broadcast. */
function unbroadcast(g: Value, shape: Shape): Value {
  return shape.length === 0 && g.shape.length !== 0 ? sum(g) : g
}

/** A tangent of one operand, expanded to the output's shape. */
function expand(t: Value, shape: Shape): Value {
  return sameShape(t.shape, shape) ? t : broadcastTo(t, shape)
}

/** Adds tangents where either may be a symbolic zero (null). */
function addT(a: Value | null, b: Value | null, shape: Shape): Value | null {
  if (a === null) return b === null ? null : expand(b, shape)
  if (b === null) return expand(a, shape)
  return add(a, b)
}

// ---------------------------------------------------------------------------------------------
// Binary arithmetic

interface Binary extends Primitive<string> {
  kernel: Kernel2
}

function binary(def: Omit<Binary, 'impl'>): Binary {
  return { ...def, impl: ([a, b]) => run2(a!, b!, def.kernel), keepsNothing: true }
}

const addP = binary({
  name: 'add',
  kernel: (x, xo, sx, y, yo, sy, o, oo, len) => {
    for (let i = 0; i < len; i++) o[oo + i] = x[xo + i * sx]! + y[yo + i * sy]!
  },
  jvp: (_p, [ta, tb], out) => addT(ta!, tb!, out.shape),
  vjp: [(g, [a]) => unbroadcast(g, a!.shape), (g, [, b]) => unbroadcast(g, b!.shape)],
})

const subP = binary({
  name: 'sub',
  kernel: (x, xo, sx, y, yo, sy, o, oo, len) => {
    for (let i = 0; i < len; i++) o[oo + i] = x[xo + i * sx]! - y[yo + i * sy]!
  },
  jvp: (_p, [ta, tb], out) => (ta && tb ? sub(ta, tb) : addT(ta!, tb === null ? null : neg(tb!), out.shape)),
  vjp: [(g, [a]) => unbroadcast(g, a!.shape), (g, [, b]) => unbroadcast(neg(g), b!.shape)],
})

const mulP = binary({
  name: 'mul',
  kernel: (x, xo, sx, y, yo, sy, o, oo, len) => {
    for (let i = 0; i < len; i++) o[oo + i] = x[xo + i * sx]! * y[yo + i * sy]!
  },
  jvp: ([a, b], [ta, tb], out) => addT(ta ? mul(ta, b!) : null, tb ? mul(a!, tb) : null, out.shape),
  vjp: [(g, [a, b]) => unbroadcast(mul(g, b!), a!.shape), (g, [a, b]) => unbroadcast(mul(g, a!), b!.shape)],
})

const divP = binary({
  name: 'div',
  kernel: (x, xo, sx, y, yo, sy, o, oo, len) => {
    for (let i = 0; i < len; i++) o[oo + i] = x[xo + i * sx]! / y[yo + i * sy]!
  },
  jvp: ([, b], [ta, tb], out) => addT(ta ? div(ta, b!) : null, tb ? neg(div(mul(tb, out), b!)) : null, out.shape),
  vjp: [
    (g, [a, b]) => unbroadcast(div(g, b!), a!.shape),
    (g, [, b], out) => unbroadcast(neg(div(mul(g, out), b!)), b!.shape),
  ],
  domain: ([a, b], k) => {
    const x = pick(a!, k)
    const y = pick(b!, k)
    if (y !== 0)
      return `${x}/${y} overflows: the quotient is too large for a float64 (beyond about ±1.8e308) at element ${k + 1}`
    return x === 0
      ? `0/0 is undefined: division of 0 by 0 at element ${k + 1}`
      : `division by zero: ${x}/0 at element ${k + 1}`
  },
  singular: ([, b]) => (b!.data.includes(0) ? 'the derivative divides by a zero denominator' : undefined),
})
const powP = binary({
  name: 'pow',
  kernel: (x, xo, sx, y, yo, sy, o, oo, len) => {
    // x.^2 is common enough to deserve an exact, fast path, and a constant exponent its own loop.
    if (sy === 0 && y[yo] === 2)
      for (let i = 0; i < len; i++) {
        const a = x[xo + i * sx]!
        o[oo + i] = a * a
      }
    else
      for (let i = 0; i < len; i++) {
        const a = x[xo + i * sx]!
        const b = y[yo + i * sy]!
        o[oo + i] = b === 2 ? a * a : Math.pow(a, b)
      }
  },
  jvp: ([a, b], [ta, tb], out) =>
    addT(ta ? timesSlope(ta, a!, b!) : null, tb ? mul(tb, mul(out, log(a!))) : null, out.shape),
  vjp: [
    (g, [a, b]) => unbroadcast(timesSlope(g, a!, b!), a!.shape),
    (g, [a, b], out) => unbroadcast(mul(g, mul(out, log(a!))), b!.shape),
  ],
  domain: ([a, b], k) => {
    const x = pick(a!, k)
    const y = pick(b!, k)
    if (x < 0) return `${x}.^${y} has no real value: a negative base needs an integer exponent (element ${k + 1})`
    if (x === 0) return `0.^${y} is infinite: zero to a negative power (element ${k + 1})`
    return `${x}.^${y} overflows to infinity (element ${k + 1})`
  },
  singular: ([a]) =>
    a!.data.includes(0) ? 'the power is not differentiable here (a zero base with an exponent below 1)' : undefined,
})

// c .* a .* b for a constant c, one operation: the rules of a.^2 take t .* (2 .* a) in one step,
// not two (a tenth of the ops of Rosenbrock's gradient). Scaling by 2 is exact: same value.
const scaledMulP: Primitive<number> = {
  name: 'scaled-mul',
  keepsNothing: true,
  impl: ([a, b], c) => {
    const out = run2(a!, b!, mulP.kernel)
    const o = out.data
    for (let i = 0; i < o.length; i++) o[i] *= c
    return out
  },
  jvp: ([a, b], [ta, tb], out, c) =>
    addT(ta ? scaledMul(ta, b!, c) : null, tb ? scaledMul(a!, tb, c) : null, out.shape),
  vjp: [
    (g, [a, b], _out, c) => unbroadcast(scaledMul(g, b!, c), a!.shape),
    (g, [a, b], _out, c) => unbroadcast(scaledMul(g, a!, c), b!.shape),
  ],
}

function scaledMul(a: Value, b: Value, c: number): Value {
  broadcastShape('.*', a.shape, b.shape)
  return bind(scaledMulP, [a, b], c)
}
/** t .* d(a.^b)/da, for the pushforward and pullback of a.^b. */
function timesSlope(t: Value, a: Value, b: Value): Value {
  return b instanceof Tensor && b.data.length === 1 && b.data[0] === 2 ? scaledMul(t, a, 2) : mul(t, dpowBase(a, b))
}

/**
 * d(a.^b)/da = b .* a.^(b-1), kept exact for the common constant exponent 2. A constant exponent
 * 0 has slope 0 outright: at a = 0 the formula would be 0·∞, and the third derivative of x.^2
 * (through 2x.^1, then x.^0) would fail there.
 */
function dpowBase(a: Value, b: Value): Value {
  if (b instanceof Tensor && b.data.every((y) => y === 0)) return zeros(broadcastShape('.^', a.shape, b.shape))
  // 2 .* a.^1 is 2 .* a exactly: one operation instead of three.
  if (b instanceof Tensor && b.data.length === 1 && b.data[0] === 2) return mul(b, a)
  return mul(b, pow(a, sub(b, 1)))
}

function binaryOp(prim: Binary, symbol: string) {
  return (a: Num, b: Num): Value => {
    const x = lift(a)
    const y = lift(b)
    broadcastShape(symbol, x.shape, y.shape)
    return bind(prim, [x, y], symbol)
  }
}

export const add = binaryOp(addP, '+')
setCotangentSum(add)
export const sub = binaryOp(subP, '-')
/** Elementwise product (.*); a scalar times anything is also this. */
export const mul = binaryOp(mulP, '.*')
export const div = binaryOp(divP, './')
export const pow = binaryOp(powP, '.^')

// ---------------------------------------------------------------------------------------------
// Unary functions

interface Unary extends Primitive<undefined> {
  kernel: Kernel1
}

function unary(def: Omit<Unary, 'impl'>): (x: Num) => Value {
  const prim: Unary = { ...def, impl: ([a]) => run1(a!, def.kernel), keepsNothing: true }
  return (x: Num) => bind(prim, [lift(x)], undefined)
}

/** One unary pushforward and pullback from the local derivative d(x, out): t·d and g·d. */
function chain(d: (x: Value, out: Value) => Value): Pick<Unary, 'jvp' | 'vjp'> {
  return {
    jvp: ([x], [t], out) => mul(t!, d(x!, out)),
    vjp: [(g, [x], out) => mul(g, d(x!, out))],
  }
}

export const neg = unary({
  name: 'neg',
  keepsFinite: true,
  kernel: (x, o) => {
    for (let i = 0; i < o.length; i++) o[i] = -x[i]!
  },
  jvp: (_p, [t]) => neg(t!),
  vjp: [(g) => neg(g)],
})
export const exp = unary({
  name: 'exp',
  kernel: (x, o) => {
    for (let i = 0; i < o.length; i++) o[i] = Math.exp(x[i]!)
  },
  ...chain((_x, out) => out),
  domain: ([a], k) => `exp(${a!.data[k]}) overflows to infinity`,
})
export const log = unary({
  name: 'log',
  kernel: (x, o) => {
    for (let i = 0; i < o.length; i++) o[i] = Math.log(x[i]!)
  },
  ...chain((x) => div(1, x)),
  domain: ([a], k) => {
    const x = a!.data[k]!
    return x === 0
      ? 'log(0) is -Infinity: the logarithm is defined only for positive numbers'
      : `log(${x}) is undefined: the logarithm is defined only for positive numbers`
  },
  singular: ([a]) => (a!.data.includes(0) ? 'log is not differentiable at 0' : undefined),
})
export const sin = unary({
  name: 'sin',
  kernel: (x, o) => {
    for (let i = 0; i < o.length; i++) o[i] = Math.sin(x[i]!)
  },
  ...chain((x) => cos(x)),
})
export const cos = unary({
  name: 'cos',
  kernel: (x, o) => {
    for (let i = 0; i < o.length; i++) o[i] = Math.cos(x[i]!)
  },
  ...chain((x) => neg(sin(x))),
})
export const tan = unary({
  name: 'tan',
  kernel: (x, o) => {
    for (let i = 0; i < o.length; i++) o[i] = Math.tan(x[i]!)
  },
  ...chain((_x, out) => add(1, abs2(out))),
  domain: ([a], k) => `tan(${a!.data[k]}) is infinite`,
})
export const tanh = unary({
  name: 'tanh',
  kernel: (x, o) => {
    for (let i = 0; i < o.length; i++) o[i] = Math.tanh(x[i]!)
  },
  ...chain((_x, out) => sub(1, abs2(out))),
})
export const sqrt = unary({
  name: 'sqrt',
  kernel: (x, o) => {
    for (let i = 0; i < o.length; i++) o[i] = Math.sqrt(x[i]!)
  },
  ...chain((_x, out) => div(0.5, out)),
  domain: ([a], k) => `sqrt(${a!.data[k]}) is undefined: the square root of a negative number is not real`,
  singular: ([a]) =>
    a!.data.includes(0) ? 'sqrt is not differentiable at 0 (its slope is infinite there)' : undefined,
})
/** log(1 + x), accurate for small x where 1 + x would round away x's digits. */
export const log1p = unary({
  name: 'log1p',
  kernel: (x, o) => {
    for (let i = 0; i < o.length; i++) o[i] = Math.log1p(x[i]!)
  },
  ...chain((x) => div(1, add(1, x))),
  domain: ([a], k) => {
    const x = a!.data[k]!
    return x === -1
      ? 'log1p(-1) is -Infinity: log1p(x) = log(1 + x) is defined only for x > -1'
      : `log1p(${x}) is undefined: log1p(x) = log(1 + x) is defined only for x > -1`
  },
})
/** exp(x) - 1, accurate for small x where exp(x) - 1 would cancel. */
export const expm1 = unary({
  name: 'expm1',
  kernel: (x, o) => {
    for (let i = 0; i < o.length; i++) o[i] = Math.expm1(x[i]!)
  },
  ...chain((x) => exp(x)),
  domain: ([a], k) => `expm1(${a!.data[k]}) overflows to infinity`,
})
/**
 * Tells the learner that a derivative was taken at a kink, where the function has none and the
 * rule picks a value: the display shows the note beside the result.
 */
function kinkAtZero(x: Value, message: string): void {
  if (collectingNotes() && concrete(x).data.includes(0)) note(message)
}

const SIGN_AT_ZERO = 'sign jumps at 0, so it has no derivative there; the derivative used here is 0'

/**
 * sign has derivative zero wherever it is differentiable; its rules only say so, and note a
 * derivative taken at the jump.
 */
export const sign = unary({
  name: 'sign',
  kernel: (x, o) => {
    for (let i = 0; i < o.length; i++) o[i] = Math.sign(x[i]!)
  },
  jvp: ([x]) => {
    kinkAtZero(x!, SIGN_AT_ZERO)
    return null
  },
  vjp: [
    (_g, [x]) => {
      kinkAtZero(x!, SIGN_AT_ZERO)
      return zeros(x!.shape)
    },
  ],
})
/** The derivative of abs at 0 is taken as 0 (the middle of its subgradient [-1, 1]). */
export const abs = unary({
  name: 'abs',
  keepsFinite: true,
  kernel: (x, o) => {
    for (let i = 0; i < o.length; i++) o[i] = Math.abs(x[i]!)
  },
  ...chain((x) => {
    kinkAtZero(
      x,
      'abs is not differentiable at 0; the derivative used here is 0 (a subgradient: any slope in [-1, 1] fits)',
    )
    return sign(x)
  }),
})
export const abs2 = unary({
  name: 'abs2',
  kernel: (x, o) => {
    for (let i = 0; i < o.length; i++) o[i] = x[i]! * x[i]!
  },
  ...chain((x) => mul(2, x)),
})
