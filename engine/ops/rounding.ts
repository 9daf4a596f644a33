/**
 * Rounding and remainders: trunc and floor (flat between integers, so their derivative is 0),
 * Julia's `rem` / `%` (the sign of the dividend, as JavaScript's %), `mod` (the sign of the
 * divisor) and `÷` (the quotient truncated). The remainders' derivatives are those of
 * a - b·trunc(a/b) and a - b·floor(a/b) away from the jumps: 1 for a, minus the quotient for b.
 */
import { bind } from '../ad/bind.ts'
import type { Primitive } from '../ad/primitive.ts'
import type { Value } from '../ad/value.ts'
import type { Shape } from '../tensor/tensor.ts'
import { Tensor, alloc, scalar, sizeOf, zeros } from '../tensor/tensor.ts'
import { add, broadcastShape, div, mul, neg } from './elementwise.ts'
import { sum } from './structure.ts'

type Num = Value | number
const lift = (x: Num): Value => (typeof x === 'number' ? scalar(x) : x)

/** A piecewise-constant function: zero derivative wherever it has one. */
function flat(name: string, f: (x: number) => number): (x: Num) => Value {
  const prim: Primitive<undefined> = {
    name,
    impl: ([a]) => new Tensor(a!.shape, a!.data.map(f)),
    jvp: () => null,
    vjp: [(_g, [x]) => zeros(x!.shape)],
  }
  return (x) => bind(prim, [lift(x)], undefined)
}

export const trunc = flat('trunc', Math.trunc)
export const floor = flat('floor', Math.floor)

/** Julia's mod for floats: the remainder with the divisor's sign (0 keeps the divisor's sign too). */
function modNumber(x: number, y: number): number {
  const r = x % y
  if (r === 0) return y < 0 ? -0 : 0
  return r > 0 !== y > 0 ? r + y : r
}

/** A cotangent summed back to a scalar operand, or left as it is. */
function fit(g: Value, shape: Shape): Value {
  return shape.length === 0 && g.shape.length !== 0 ? sum(g) : g
}

function remainder(name: string, symbol: string, f: (x: number, y: number) => number, quotient: (q: Value) => Value) {
  const prim: Primitive<Shape> = {
    name,
    impl: ([a, b], shape) => {
      const out = alloc(sizeOf(shape))
      const x = a!.data
      const y = b!.data
      const sx = a!.shape.length === 0 ? 0 : 1
      const sy = b!.shape.length === 0 ? 0 : 1
      for (let i = 0; i < out.length; i++) out[i] = f(x[i * sx]!, y[i * sy]!)
      return new Tensor(shape, out)
    },
    jvp: ([a, b], [ta, tb], out) => {
      const fromB = tb === null ? null : neg(mul(tb, quotient(div(a!, b!))))
      if (ta === null) return fromB
      const fromA = ta.shape.length === out.shape.length ? ta : add(ta, zeros(out.shape))
      return fromB === null ? fromA : add(fromA, fromB)
    },
    vjp: [(g, [a]) => fit(g, a!.shape), (g, [a, b]) => fit(neg(mul(g, quotient(div(a!, b!)))), b!.shape)],
    domain: () => `${symbol} by zero has no value (the remainder of a division by 0)`,
  }
  return (a: Num, b: Num): Value => {
    const x = lift(a)
    const y = lift(b)
    return bind(prim, [x, y], broadcastShape(symbol, x.shape, y.shape))
  }
}

/** Julia's rem(a, b) and a % b: a - b·trunc(a/b), with the sign of a. */
export const rem = remainder('rem', '%', (x, y) => x % y, trunc)
/** Julia's mod(a, b): a - b·floor(a/b), with the sign of b (mod(-1, 3) is 2). */
export const mod = remainder('mod', 'mod', modNumber, floor)
/** Julia's a ÷ b (div): the quotient truncated toward zero. */
export const intdiv = (a: Num, b: Num): Value => trunc(div(a, b))
