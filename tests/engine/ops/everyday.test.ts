/**
 * The everyday operations (issue 12, point 6): values against closed forms, forward rules
 * (jacfwd, jvp) and reverse rules (jacrev, vjp) against central finite differences on random
 * inputs from a fixed seed, and the second derivative of the nonlinear ones (softmax,
 * logsumexp, sigmoid, log1p, logdet) against differences of the gradient.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Tensor } from '../../../engine/index.ts'
import {
  Tensor as TensorClass,
  cat,
  concrete,
  cumsum,
  derivative,
  diag,
  diagm,
  dot,
  expm1,
  fill,
  first,
  gradient,
  hcat,
  kron,
  last,
  log1p,
  logdet,
  logsumexp,
  maximum,
  mean,
  minimum,
  mul,
  normP,
  randn,
  relu,
  scalar,
  sigmoid,
  sin,
  softmax,
  sum,
  trace,
  vcat,
  vec,
  vector,
} from '../../../engine/index.ts'
import type { Fn } from '../helpers.ts'
import {
  FEW_RUNS,
  RUNS,
  awayFromZero,
  expectClose,
  expectDirectionalMatchFD,
  expectExact,
  expectHessianMatchesFD,
  expectRulesMatchFD,
  matrixOf,
  num,
  t,
  tensorOf,
} from '../helpers.ts'

/**
 * A tensor whose entries differ in absolute value by at least 0.1, in random order and signs:
 * maximum, minimum and norm(x, Inf) have no ties there, so finite differences see one branch.
 */
function spread(shape: number[]): fc.Arbitrary<Tensor> {
  const n = shape.reduce((p, q) => p * q, 1)
  const list = <T>(a: fc.Arbitrary<T>) => fc.array(a, { minLength: n, maxLength: n })
  return fc
    .tuple(list(num({ min: 0, max: 0.4 })), list(fc.integer({ min: 0, max: 1000 })), list(fc.boolean()))
    .map(([u, keys, negative]) => {
      const order = keys.map((k, i) => [k, i] as const).sort((p, q) => p[0] - q[0] || p[1] - q[1])
      const data = new Float64Array(n)
      order.forEach(([, at], i) => (data[at] = (negative[at] ? -1 : 1) * (0.1 + 0.5 * i + u[i]!)))
      return new TensorClass(shape, data)
    })
}

/** A 3×3 matrix with a positive determinant: entries in [-1, 1] plus 4·I. */
const positiveDet = matrixOf(3, 3, { min: -1, max: 1 }).map((m) => {
  const d = Float64Array.from(m.data)
  for (let i = 0; i < 3; i++) d[i * 3 + i] += 4
  return t([
    [d[0]!, d[1]!, d[2]!],
    [d[3]!, d[4]!, d[5]!],
    [d[6]!, d[7]!, d[8]!],
  ])
})

// ---------------------------------------------------------------------------------------------
// First derivatives, every operation

const B = t([
  [1, -2],
  [0.5, 3],
])
const cases: [string, Fn, fc.Arbitrary<Tensor>][] = [
  ['mean of all', (x) => mean(x), tensorOf([2, 3])],
  ['mean along 1', (x) => mean(x, 0), tensorOf([2, 3])],
  ['mean along 2', (x) => mean(x, 1), tensorOf([2, 3])],
  ['tr', trace, tensorOf([3, 3])],
  ['diag of a wide matrix', diag, tensorOf([2, 3])],
  ['diag of a tall matrix', diag, tensorOf([3, 2])],
  ['diagm', diagm, tensorOf([3])],
  ['logdet', logdet, positiveDet],
  ['norm 1', (x) => normP(x, 1), tensorOf([4], awayFromZero({ min: 0.1, max: 2 }))],
  ['norm 2', (x) => normP(x, 2), tensorOf([2, 2], awayFromZero({ min: 0.1, max: 2 }))],
  ['norm 3', (x) => normP(x, 3), tensorOf([4], awayFromZero({ min: 0.1, max: 2 }))],
  ['norm Inf', (x) => normP(x, Infinity), spread([4])],
  ['vec', vec, tensorOf([2, 3])],
  ['first', first, tensorOf([2, 3])],
  ['last', last, tensorOf([2, 3])],
  ['maximum', (x) => maximum(x), spread([2, 3])],
  ['minimum', (x) => minimum(x), spread([5])],
  ['cumsum', cumsum, tensorOf([5])],
  ['softmax', softmax, tensorOf([4], num({ min: -5, max: 5 }))],
  ['logsumexp', logsumexp, tensorOf([2, 3], num({ min: -5, max: 5 }))],
  ['sigmoid', sigmoid, tensorOf([2, 3], num({ min: -6, max: 6 }))],
  ['relu', relu, tensorOf([5], awayFromZero({ min: 0.05, max: 2 }))],
  ['log1p', log1p, tensorOf([5], num({ min: -0.8, max: 3 }))],
  ['expm1', expm1, tensorOf([5], num({ min: -3, max: 3 }))],
  ['kron(x, B)', (x) => kron(x, B), tensorOf([2, 2])],
  ['kron(B, x)', (x) => kron(B, x), tensorOf([2, 3])],
  ['kron(x, x) of vectors', (x) => kron(x, x), tensorOf([3])],
  ['fill', (x) => fill(x, [2, 3]), tensorOf([])],
  ['hcat', (x) => hcat([x, sin(x)]), tensorOf([3])],
  ['vcat', (x) => vcat([x, mul(x, x), scalar(1)]), tensorOf([3])],
  ['vcat of matrices', (x) => vcat([x, sin(x)]), tensorOf([2, 3])],
  ['cat along 3', (x) => cat([x, sin(x)], 3), tensorOf([2, 2])],
]

describe('everyday operations: first derivatives against central differences', () => {
  it.each(cases)('%s: jacfwd and jacrev, jvp and vjp', (_name, f, arb) => {
    fc.assert(
      fc.property(
        arb.chain((x) => fc.tuple(fc.constant(x), tensorOf(x.shape), tensorOf(concrete(f(x)).shape))),
        ([x, v, u]) => {
          expectRulesMatchFD(f, x, 1e-5)
          expectDirectionalMatchFD(f, x, v, u, 1e-5)
        },
      ),
      { ...RUNS, numRuns: 25 },
    )
  })
})

// ---------------------------------------------------------------------------------------------
// Second derivatives of the nonlinear ones

const w = vector([0.3, -1, 2, 0.5])
const second: [string, Fn, fc.Arbitrary<Tensor>][] = [
  ['softmax (weighted)', (x) => dot(w, softmax(x)), tensorOf([4], num({ min: -3, max: 3 }))],
  ['logsumexp', logsumexp, tensorOf([4], num({ min: -3, max: 3 }))],
  ['sigmoid', (x) => sum(sigmoid(x)), tensorOf([3], num({ min: -4, max: 4 }))],
  ['log1p', (x) => sum(log1p(x)), tensorOf([3], num({ min: -0.5, max: 3 }))],
  ['expm1', (x) => sum(expm1(x)), tensorOf([3], num({ min: -2, max: 2 }))],
  ['logdet', logdet, positiveDet],
  ['cumsum (through a square)', (x) => sum(mul(cumsum(x), cumsum(x))), tensorOf([4])],
]

describe('everyday operations: second derivatives (the rules differentiated again)', () => {
  it.each(second)('%s: every Hessian method against differences of the gradient', (_name, f, arb) => {
    fc.assert(
      fc.property(arb, (x) => expectHessianMatchesFD(f, x, 1e-4)),
      FEW_RUNS,
    )
  })
})

// ---------------------------------------------------------------------------------------------
// Closed forms

describe('everyday operations: closed forms', () => {
  const M = t([
    [1, 2, 3],
    [4, 5, 6],
  ])
  it('mean, tr, diag, diagm', () => {
    expectExact(mean(M), 3.5)
    expectExact(mean(M, 0), [2.5, 3.5, 4.5])
    expectExact(mean(M, 1), [2, 5])
    expectExact(
      trace(
        t([
          [1, 2],
          [3, 4],
        ]),
      ),
      5,
    )
    expectExact(diag(M), [1, 5])
    expectExact(diagm(vector([1, 2])), [
      [1, 0],
      [0, 2],
    ])
  })

  it('logdet is log(det), and its gradient is inv(A)ᵀ', () => {
    const A = t([
      [2, 1],
      [0.5, 3],
    ])
    expectClose(logdet(A), Math.log(5.5), 1e-15)
    expectClose(gradient(logdet, A), [
      [3 / 5.5, -0.5 / 5.5],
      [-1 / 5.5, 2 / 5.5],
    ])
    expect(() =>
      logdet(
        t([
          [0, 1],
          [1, 0],
        ]),
      ),
    ).toThrow(/determinant is -1/)
  })

  it('norms: 1, 2, 3, Inf, -Inf', () => {
    const x = vector([3, -4])
    expectExact(normP(x, 1), 7)
    expectExact(normP(x, 2), 5)
    expectClose(normP(x, 3), Math.cbrt(27 + 64), 1e-15)
    expectExact(normP(x, Infinity), 4)
    expectExact(normP(x, -Infinity), 3)
    expect(() => normP(x, 0)).toThrow(/p > 0/)
  })

  it('vec is column-major, as in Julia: the columns one after another', () => {
    expectExact(vec(M), [1, 4, 2, 5, 3, 6])
    expectExact(vec(vector([1, 2])), [1, 2])
    expectExact(vec(scalar(7)), [7])
  })

  it('first, last, maximum, minimum, cumsum', () => {
    expectExact(first(M), 1)
    expectExact(last(M), 6)
    expectExact(maximum(vector([1, 5, -2])), 5)
    expectExact(minimum(vector([1, 5, -2])), -2)
    expectExact(cumsum(vector([1, 2, 3, 4])), [1, 3, 6, 10])
    expectExact(
      gradient((x) => dot(vector([1, 10, 100]), cumsum(x)), vector([0, 0, 0])),
      [111, 110, 100],
    )
    expect(() => first(vector([]))).toThrow(/empty/)
    expect(() => cumsum(M)).toThrow(/needs a vector/)
  })

  it('softmax and logsumexp are stable far from 0 (they subtract the largest entry)', () => {
    expectClose(logsumexp(vector([1000, 1000])), 1000 + Math.LN2, 1e-15)
    expectClose(logsumexp(vector([-1000, -1000])), -1000 + Math.LN2, 1e-15)
    expectClose(logsumexp(vector([1, 2, 3])), Math.log(Math.E + Math.E ** 2 + Math.E ** 3), 1e-15)
    expectClose(softmax(vector([1000, 1000, 1000 + Math.LN2])), [0.25, 0.25, 0.5], 1e-12)
    expectExact(softmax(vector([800, 0])), [1, 0])
    expectClose(gradient(logsumexp, vector([1000, 1000])), [0.5, 0.5], 1e-15)
  })

  it('sigmoid, relu: values, and no NaN far out', () => {
    expectExact(sigmoid(scalar(0)), 0.5)
    expectClose(sigmoid(scalar(2)), 1 / (1 + Math.exp(-2)), 1e-15)
    expectExact(sigmoid(vector([-800, 800])), [0, 1])
    expectExact(
      gradient((x) => sum(sigmoid(x)), vector([-800, 800])),
      [0, 0],
    )
    expectClose(derivative(sigmoid, scalar(0.3)), Math.exp(-0.3) / (1 + Math.exp(-0.3)) ** 2, 1e-15)
    expectExact(relu(vector([-1, 0, 2])), [0, 0, 2])
    expectExact(
      gradient((x) => sum(relu(x)), vector([-1, 2])),
      [0, 1],
    )
  })

  it('log1p and expm1 keep the digits of tiny x that log(1 + x) and exp(x) - 1 lose', () => {
    expectExact(log1p(scalar(1e-20)), 1e-20)
    expectExact(expm1(scalar(1e-20)), 1e-20)
    expectClose(log1p(scalar(1e-10)), 1e-10 - 5e-21, 1e-16)
    expectClose(derivative(log1p, scalar(0.5)), 1 / 1.5, 1e-15)
    expectClose(derivative(expm1, scalar(0.5)), Math.exp(0.5), 1e-15)
    expect(() => log1p(scalar(-2))).toThrow(/x > -1/)
  })

  it('kron, fill, hcat, vcat, cat', () => {
    expectExact(
      kron(
        t([
          [1, 2],
          [3, 4],
        ]),
        t([
          [0, 1],
          [1, 0],
        ]),
      ),
      [
        [0, 1, 0, 2],
        [1, 0, 2, 0],
        [0, 3, 0, 4],
        [3, 0, 4, 0],
      ],
    )
    expectExact(kron(vector([1, 2]), vector([1, 10, 100])), [1, 10, 100, 2, 20, 200])
    expectExact(kron(vector([1, 2]), t([[1, 10]])), [
      [1, 10],
      [2, 20],
    ])
    expectExact(fill(scalar(2), [2, 2]), [
      [2, 2],
      [2, 2],
    ])
    expectExact(
      derivative((v) => sum(fill(v, [2, 3])), scalar(1)),
      6,
    )
    expectExact(hcat([vector([1, 2]), vector([3, 4])]), [
      [1, 3],
      [2, 4],
    ])
    expectExact(hcat([scalar(1), scalar(2)]), [[1, 2]])
    expectExact(vcat([vector([1, 2]), scalar(3)]), [1, 2, 3])
    expectExact(vcat([M, t([[7, 8, 9]])]), [
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ])
    expectExact(cat([vector([1, 2]), vector([3, 4])], 1), [1, 2, 3, 4])
    expectExact(cat([vector([1, 2]), vector([3, 4])], 2), [
      [1, 3],
      [2, 4],
    ])
    expect(() => hcat([vector([1, 2]), vector([1, 2, 3])])).toThrow(/same number of rows/)
    expect(() => vcat([M, vector([1, 2])])).toThrow(/same number of columns/)
  })
})

describe('randn', () => {
  it('is the same for the same seed, different for another, and standard normal in its moments', () => {
    expectExact(randn(42, [3]), Array.from(concrete(randn(42, [3])).data))
    expect(concrete(randn(42, [3])).data).not.toEqual(concrete(randn(43, [3])).data)
    // The first entries do not depend on the shape asked for.
    expect(Array.from(concrete(randn(7, [2, 2])).data)).toEqual(Array.from(concrete(randn(7, [4])).data))
    const n = 40000
    const x = concrete(randn(1, [n])).data
    const m = x.reduce((a, b) => a + b, 0) / n
    const v = x.reduce((a, b) => a + (b - m) ** 2, 0) / n
    const tail = x.filter((y) => Math.abs(y) > 1.96).length / n
    // Standard errors: 1/sqrt(n) = 0.005 for the mean, about 0.007 for the variance.
    expect(Math.abs(m)).toBeLessThan(0.025)
    expect(Math.abs(v - 1)).toBeLessThan(0.035)
    expect(Math.abs(tail - 0.05)).toBeLessThan(0.006)
    expect(() => randn(1.5, [2])).toThrow(/whole number/)
  })
})
