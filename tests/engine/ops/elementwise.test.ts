/**
 * Elementwise primitives: each forward rule (jvp) and reverse rule (vjp) against central finite
 * differences on random inputs, then the rules of the rules (second order) against finite
 * differences of the gradient, and a few closed forms that must come out exact.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Value } from '../../../engine/index.ts'
import {
  abs,
  abs2,
  add,
  cos,
  derivative,
  div,
  exp,
  gradient,
  log,
  mul,
  neg,
  pow,
  scalar,
  sign,
  sin,
  sqrt,
  sub,
  sum,
  tan,
  tanh,
  vector,
} from '../../../engine/index.ts'
import type { Fn, Range } from '../helpers.ts'
import {
  FEW_RUNS,
  RUNS,
  SAFE,
  awayFromZero,
  expectClose,
  expectDirectionalMatchFD,
  expectExact,
  expectHessianMatchesFD,
  expectRulesMatchFD,
  num,
  t,
  tensorOf,
} from '../helpers.ts'

const POSITIVE: Range = { min: 0.3, max: 2.5 }

// ---------------------------------------------------------------------------------------------
// Unary functions

/** Each unary primitive with a range where it is smooth and well inside its domain. */
const unaries: [string, (x: Value) => Value, fc.Arbitrary<number>][] = [
  ['neg', neg, num()],
  ['exp', exp, num()],
  ['log', log, num(POSITIVE)],
  ['sin', sin, num({ min: -4, max: 4 })],
  ['cos', cos, num({ min: -4, max: 4 })],
  ['tan', tan, num({ min: -1.2, max: 1.2 })],
  ['tanh', tanh, num({ min: -3, max: 3 })],
  ['sqrt', sqrt, num(POSITIVE)],
  ['abs', abs, awayFromZero({ min: 0.1, max: 3 })],
  ['abs2', abs2, num()],
]

describe('unary primitives against central differences', () => {
  it.each(unaries)('%s: jvp and vjp on a 4-vector', (_name, op, elem) => {
    fc.assert(
      fc.property(tensorOf([4], elem), tensorOf([4], num()), tensorOf([4], num()), (x, v, u) => {
        expectRulesMatchFD(op, x)
        expectDirectionalMatchFD(op, x, v, u)
      }),
      RUNS,
    )
  })

  it.each(unaries)('%s: on a scalar and on a 2×3 matrix', (_name, op, elem) => {
    fc.assert(
      fc.property(tensorOf([], elem), tensorOf([2, 3], elem), (s, m) => {
        expectRulesMatchFD(op, s)
        expectRulesMatchFD(op, m)
      }),
      { ...RUNS, numRuns: 20 },
    )
  })

  it.each(unaries)(
    '%s: second order (the rules differentiated again) matches differences of the gradient',
    (_n, op, elem) => {
      const f: Fn = (x) => sum(op(x))
      fc.assert(
        fc.property(tensorOf([3], elem), (x) => expectHessianMatchesFD(f, x)),
        FEW_RUNS,
      )
    },
  )
})

describe('unary closed forms', () => {
  it('derivatives of the elementary functions at a point', () => {
    const x = 0.7
    expectClose(derivative(exp, scalar(x)), Math.exp(x), 1e-15)
    expectClose(derivative(log, scalar(x)), 1 / x, 1e-15)
    expectClose(derivative(sin, scalar(x)), Math.cos(x), 1e-15)
    expectClose(derivative(cos, scalar(x)), -Math.sin(x), 1e-15)
    expectClose(derivative(tan, scalar(x)), 1 / Math.cos(x) ** 2, 1e-14)
    expectClose(derivative(tanh, scalar(x)), 1 / Math.cosh(x) ** 2, 1e-14)
    expectClose(derivative(sqrt, scalar(x)), 0.5 / Math.sqrt(x), 1e-15)
    expectClose(derivative(abs2, scalar(x)), 2 * x, 1e-15)
    expectClose(derivative(abs, scalar(-x)), -1, 0)
    expectClose(derivative(neg, scalar(x)), -1, 0)
  })

  it('abs has slope 0 at 0 (the middle of its subgradient), sign has slope 0 everywhere', () => {
    expectExact(
      gradient((x) => sum(abs(x)), vector([-2, 0, 3])),
      [-1, 0, 1],
    )
    expectExact(
      gradient((x) => sum(mul(sign(x), x)), vector([-2, 0.5])),
      [-1, 1],
    )
  })
})

// ---------------------------------------------------------------------------------------------
// Binary arithmetic

interface BinaryCase {
  name: string
  op: (a: Value, b: Value) => Value
  left: fc.Arbitrary<number>
  right: fc.Arbitrary<number>
}

const binaries: BinaryCase[] = [
  { name: 'add', op: add, left: num(), right: num() },
  { name: 'sub', op: sub, left: num(), right: num() },
  { name: 'mul', op: mul, left: num(), right: num() },
  { name: 'div', op: div, left: num(), right: awayFromZero({ min: 0.4, max: 2.5 }) },
  // .^ with a positive base, so that the derivative with respect to the exponent (a^b log a) exists.
  { name: 'pow', op: pow, left: num(POSITIVE), right: num({ min: -2.5, max: 2.5 }) },
]

describe('binary primitives against central differences', () => {
  it.each(binaries)('$name: with respect to each argument, the other held constant', ({ op, left, right }) => {
    fc.assert(
      fc.property(
        tensorOf([3], left),
        tensorOf([3], right),
        tensorOf([3], num()),
        tensorOf([3], num()),
        (a, b, v, u) => {
          expectRulesMatchFD((x) => op(x, b), a)
          expectRulesMatchFD((y) => op(a, y), b)
          expectDirectionalMatchFD((x) => op(x, b), a, v, u)
          expectDirectionalMatchFD((y) => op(a, y), b, v, u)
        },
      ),
      RUNS,
    )
  })

  it.each(binaries)('$name: both arguments from one input (contributions accumulate)', ({ op, left }) => {
    // b = 1.5 + sin(a) lies in [0.5, 2.5]: a safe denominator and exponent for every op.
    fc.assert(
      fc.property(tensorOf([3], left), (a) => {
        expectRulesMatchFD((x) => op(x, add(1.5, sin(x))), a)
        // x./x and x.^x would leave the safe range; the other three take x twice as it is.
        if (op !== pow && op !== div) expectRulesMatchFD((x) => op(x, x), a, 1e-5)
      }),
      RUNS,
    )
  })

  it.each(binaries)('$name: a scalar broadcast against a matrix, on either side', ({ op, left, right }) => {
    fc.assert(
      fc.property(
        tensorOf([], left),
        tensorOf([2, 2], right),
        tensorOf([2, 2], left),
        tensorOf([], right),
        (s, m, m2, s2) => {
          expectRulesMatchFD((x) => op(x, m), s)
          expectRulesMatchFD((y) => op(s, y), m)
          expectRulesMatchFD((x) => op(x, s2), m2)
          expectRulesMatchFD((y) => op(m2, y), s2)
        },
      ),
      RUNS,
    )
  })

  it.each(binaries)('$name: second order matches differences of the gradient', ({ op, left }) => {
    const f: Fn = (x) => sum(op(x, add(1.5, sin(x))))
    fc.assert(
      fc.property(tensorOf([3], left), (x) => expectHessianMatchesFD(f, x)),
      FEW_RUNS,
    )
  })
})

describe('binary closed forms', () => {
  it('the derivative of a.^b with respect to b is a.^b log a', () => {
    const a = 1.7
    const b = 0.8
    expectClose(
      derivative((y) => pow(a, y), scalar(b)),
      a ** b * Math.log(a),
      1e-14,
    )
    expectClose(
      derivative((x) => pow(x, b), scalar(a)),
      b * a ** (b - 1),
      1e-14,
    )
  })

  it('integer powers of a negative base differentiate with respect to the base', () => {
    expectClose(
      gradient((x) => sum(pow(x, 3)), vector([-2, -0.5, 1])),
      [12, 0.75, 3],
      1e-15,
    )
  })

  it('x.^2 has slopes 2x, 2 and 0, exactly, also at 0', () => {
    const square: Fn = (x) => pow(x, 2)
    expectExact(derivative(square, scalar(0)), 0)
    expectExact(
      derivative((x) => derivative(square, x), scalar(0)),
      2,
    )
    for (const x0 of [0, 1, -3]) {
      expectExact(
        derivative((x) => derivative((y) => derivative(square, y), x), scalar(x0)),
        0,
      )
    }
  })

  it('a constant power 0 is flat everywhere, including at a zero base', () => {
    expectExact(
      derivative((x) => pow(x, 0), scalar(0)),
      0,
    )
    expectExact(
      gradient((x) => sum(pow(x, 0)), vector([0, 2])),
      [0, 0],
    )
  })

  it('quotient rule on a tangled expression, against the hand-derived formula', () => {
    // f(x) = (x sin x) / (1 + x²), f' = ((sin x + x cos x)(1 + x²) - 2x² sin x) / (1 + x²)²
    const f: Fn = (x) => div(mul(x, sin(x)), add(1, abs2(x)))
    fc.assert(
      fc.property(num(SAFE), (x) => {
        const expected = ((Math.sin(x) + x * Math.cos(x)) * (1 + x * x) - 2 * x * x * Math.sin(x)) / (1 + x * x) ** 2
        expectClose(derivative(f, scalar(x)), expected, 1e-12)
        expectClose(gradient(f, scalar(x)), expected, 1e-12)
      }),
      RUNS,
    )
  })

  it('the tangent of a constant part is zero, not missing', () => {
    expect(gradient((x) => add(sum(x), 5), t([1, 2])).shape).toEqual([2])
    expectExact(
      derivative(() => scalar(3), scalar(1)),
      0,
    )
  })
})

describe('a fresh non-finite result is reported wherever it falls', () => {
  // One element of an otherwise finite vector, at an even place, an odd place, and the last of an
  // odd length (the finiteness scan takes two numbers at a time).
  for (const [xs, k] of [
    [[0, 1, 2, 3, 4], 1],
    [[1, 0, 2, 3, 4], 2],
    [[1, 2, 3, 4, 0], 5],
  ] as const)
    it(`log of a 5-vector with 0 at element ${k}`, () => {
      expect(() => log(vector([...xs]))).toThrow(/log\(0\) is -Infinity/)
    })

  it('1/0 in the middle of a long vector', () => {
    const xs = Array.from({ length: 301 }, (_, i) => (i === 150 ? 0 : 1))
    expect(() => div(1, vector(xs))).toThrow(/division by zero: 1\/0 at element 151/)
  })
})
