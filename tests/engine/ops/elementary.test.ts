/**
 * The other elementary functions (engine/ops/elementary.ts): values against JavaScript's Math
 * and exact special values, first and second derivatives against their closed forms (the
 * second through the rules of the rules), and atan(y, x)'s partial derivatives.
 */
import { describe, expect, it } from 'vitest'
import type { Value } from '../../../engine/index.ts'
import * as E from '../../../engine/index.ts'

const num = (v: Value) => E.concrete(v).item()
const d1 = (f: (x: Value) => Value, x: number) => num(E.derivative(f, E.scalar(x)))
const d2 = (f: (x: Value) => Value, x: number) => num(E.derivative((t) => E.derivative(f, t), E.scalar(x)))
const close = (a: number, b: number, tol = 1e-13) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * (1 + Math.abs(b)))

interface Case {
  name: string
  f: (x: Value) => Value
  value: (x: number) => number
  /** f′ and f″ in closed form. */
  d1: (x: number) => number
  d2: (x: number) => number
  at: number[]
}

const cases: Case[] = [
  {
    name: 'asin',
    f: E.asin,
    value: Math.asin,
    d1: (x) => 1 / Math.sqrt(1 - x * x),
    d2: (x) => x / (1 - x * x) ** 1.5,
    at: [-0.7, 0, 0.3],
  },
  {
    name: 'acos',
    f: E.acos,
    value: Math.acos,
    d1: (x) => -1 / Math.sqrt(1 - x * x),
    d2: (x) => -x / (1 - x * x) ** 1.5,
    at: [-0.2, 0.6],
  },
  {
    name: 'atan',
    f: E.atan,
    value: Math.atan,
    d1: (x) => 1 / (1 + x * x),
    d2: (x) => (-2 * x) / (1 + x * x) ** 2,
    at: [-3, 0, 0.5],
  },
  { name: 'sinh', f: E.sinh, value: Math.sinh, d1: Math.cosh, d2: Math.sinh, at: [-2, 1e-9, 1.5] },
  { name: 'cosh', f: E.cosh, value: Math.cosh, d1: Math.sinh, d2: Math.cosh, at: [-1, 0, 2] },
  {
    name: 'asinh',
    f: E.asinh,
    value: Math.asinh,
    d1: (x) => 1 / Math.sqrt(1 + x * x),
    d2: (x) => -x / (1 + x * x) ** 1.5,
    at: [-2, 0, 0.7],
  },
  {
    name: 'acosh',
    f: E.acosh,
    value: Math.acosh,
    d1: (x) => 1 / Math.sqrt(x * x - 1),
    d2: (x) => -x / (x * x - 1) ** 1.5,
    at: [1.5, 3],
  },
  {
    name: 'atanh',
    f: E.atanh,
    value: Math.atanh,
    d1: (x) => 1 / (1 - x * x),
    d2: (x) => (2 * x) / (1 - x * x) ** 2,
    at: [-0.5, 0, 0.9],
  },
  {
    name: 'cbrt',
    f: E.cbrt,
    value: Math.cbrt,
    d1: (x) => 1 / (3 * Math.cbrt(x) ** 2),
    d2: (x) => -2 / (9 * Math.cbrt(x) ** 5),
    at: [-8, 0.125, 27],
  },
  {
    name: 'log2',
    f: E.log2,
    value: Math.log2,
    d1: (x) => 1 / (x * Math.LN2),
    d2: (x) => -1 / (x * x * Math.LN2),
    at: [0.5, 8],
  },
  {
    name: 'log10',
    f: E.log10,
    value: Math.log10,
    d1: (x) => 1 / (x * Math.LN10),
    d2: (x) => -1 / (x * x * Math.LN10),
    at: [0.1, 100],
  },
  {
    name: 'exp2',
    f: E.exp2,
    value: (x) => 2 ** x,
    d1: (x) => Math.LN2 * 2 ** x,
    d2: (x) => Math.LN2 ** 2 * 2 ** x,
    at: [-3, 0, 10],
  },
  {
    name: 'exp10',
    f: E.exp10,
    value: (x) => 10 ** x,
    d1: (x) => Math.LN10 * 10 ** x,
    d2: (x) => Math.LN10 ** 2 * 10 ** x,
    at: [-2, 0, 3],
  },
  {
    name: 'sinpi',
    f: E.sinpi,
    value: (x) => Math.sin(Math.PI * x),
    d1: (x) => Math.PI * Math.cos(Math.PI * x),
    d2: (x) => -(Math.PI ** 2) * Math.sin(Math.PI * x),
    at: [0.1, 0.3, 1.7],
  },
  {
    name: 'cospi',
    f: E.cospi,
    value: (x) => Math.cos(Math.PI * x),
    d1: (x) => -Math.PI * Math.sin(Math.PI * x),
    d2: (x) => -(Math.PI ** 2) * Math.cos(Math.PI * x),
    at: [0.2, 0.9, -1.3],
  },
]

describe.each(cases)('$name', (c) => {
  it('has the value of its closed form', () => {
    for (const x of c.at) close(num(c.f(E.scalar(x))), c.value(x), 4e-16)
  })
  it("has the closed form's first derivative, in forward and in reverse mode", () => {
    for (const x of c.at) {
      close(d1(c.f, x), c.d1(x))
      close(num(E.gradient((t) => E.sum(c.f(t)), E.scalar(x))), c.d1(x))
    }
  })
  it("has the closed form's second derivative (the rules of its rules)", () => {
    for (const x of c.at) close(d2(c.f, x), c.d2(x), 1e-12)
  })
})

describe('exact values where they are known', () => {
  it('sinpi is exactly 0 at whole numbers and cospi at half-integers (Base.sinpi, Base.cospi)', () => {
    const v = (f: (x: Value) => Value, xs: number[]) => Array.from(E.concrete(f(E.vector(xs))).data)
    expect(v(E.sinpi, [1, 2, -3, 0.5, 1.5])).toEqual([0, 0, -0, 1, -1])
    expect(v(E.cospi, [0.5, 1.5, 1, 2])).toEqual([0, 0, -1, 1])
    // sin(π·1) in floating point is 1.2e-16, not 0: the reason sinpi exists.
    expect(Math.sin(Math.PI)).not.toBe(0)
  })

  it('sinh keeps full precision near 0, where (eˣ − e⁻ˣ)/2 would cancel', () => {
    close(num(E.sinh(E.scalar(1e-10))), 1e-10, 1e-15)
  })
})

describe('atan(y, x)', () => {
  it('gives the angle in every quadrant, as Math.atan2', () => {
    const points = [
      [1, 1],
      [1, -1],
      [-1, -1],
      [-1, 1],
      [0, -1],
    ] as const
    for (const [y, x] of points) expect(num(E.atan2(y, x))).toBe(Math.atan2(y, x))
  })

  it('has partial derivatives x/(x²+y²) in y and −y/(x²+y²) in x', () => {
    const [y, x] = [0.8, -1.7]
    const r2 = x * x + y * y
    const g = E.concrete(E.gradient((p) => E.atan2(E.getindex(p, [0]), E.getindex(p, [1])), E.vector([y, x]))).data
    close(g[0]!, x / r2)
    close(g[1]!, -y / r2)
  })

  it('stretches a number against a vector, and its gradient sums back over the stretch', () => {
    const xs = [1, 2, 3]
    const g = E.concrete(E.gradient((y) => E.sum(E.atan2(y, E.vector(xs))), E.scalar(0.5))).item()
    close(
      g,
      xs.reduce((s, x) => s + x / (x * x + 0.25), 0),
    )
  })
})
