/**
 * Operations derived from primitives (dot, norm, prod): they have no rules of their own, so
 * these tests check that the composed rules give the right derivatives, to any order, including
 * at the awkward points (prod with a zero factor, norm at 0).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { dot, gradient, hessian, matrix, norm, prod, scalar, sin, vector } from '../../../engine/index.ts'
import { collectNotes } from '../../../engine/ad/notes.ts'
import type { Fn } from '../helpers.ts'
import {
  FEW_RUNS,
  RUNS,
  awayFromZero,
  expectClose,
  expectExact,
  expectHessianMatchesFD,
  expectRulesMatchFD,
  inner,
  matrixOf,
  tensorOf,
  vectorOf,
} from '../helpers.ts'

describe('dot', () => {
  it('is the sum of elementwise products, and its gradient in x is y', () => {
    fc.assert(
      fc.property(vectorOf(4), vectorOf(4), (x, y) => {
        expectClose(dot(x, y), inner(x, y), 1e-12)
        expectClose(
          gradient((v) => dot(v, y), x),
          y,
          0,
        )
        expectRulesMatchFD((v) => dot(v, y), x)
        expectRulesMatchFD((v) => dot(v, sin(v)), x)
      }),
      RUNS,
    )
  })
})

describe('norm', () => {
  it('is the Euclidean (Frobenius) norm, with gradient x/|x|', () => {
    fc.assert(
      fc.property(tensorOf([4], awayFromZero({ min: 0.2, max: 2 })), matrixOf(2, 3), (x, m) => {
        const n = Math.hypot(...x.data)
        expectClose(norm(x), n, 1e-12)
        expectClose(norm(m), Math.hypot(...m.data), 1e-12)
        expectClose(
          gradient(norm, x),
          Array.from(x.data, (v) => v / n),
          1e-12,
        )
        expectRulesMatchFD(norm, x)
      }),
      RUNS,
    )
  })

  it('Hessian (I - u uᵀ)/|x| with u = x/|x|, by every method', () => {
    fc.assert(
      fc.property(tensorOf([3], awayFromZero({ min: 0.3, max: 2 })), (x) => {
        const n = Math.hypot(...x.data)
        const u = Array.from(x.data, (v) => v / n)
        const closed = u.map((ui, i) => u.map((uj, j) => ((i === j ? 1 : 0) - ui * uj) / n))
        for (const method of [
          'forward-over-reverse',
          'reverse-over-reverse',
          'forward-over-forward',
          'reverse-over-forward',
        ])
          expectClose(hessian(norm, x, method), closed, 1e-10)
      }),
      FEW_RUNS,
    )
  })

  it('has no derivative at 0: the subgradient 0 is used, as ChainRules (Zygote) does, and a note says so', () => {
    const { result, notes } = collectNotes(() => gradient(norm, vector([0, 0])))
    expectExact(result, [0, 0])
    expect(notes.join('\n')).toMatch(/norm is not differentiable at the zero vector; the derivative used here is 0/)
  })
})

describe('prod', () => {
  it('is the product of all elements; the product of nothing is 1', () => {
    expectExact(prod(vector([2, 3, 4])), 24)
    expectExact(
      prod(
        matrix([
          [1, 2],
          [3, 4],
        ]),
      ),
      24,
    )
    expectExact(prod(vector([])), 1)
    expectExact(prod(scalar(5)), 5)
  })

  it('rules against central differences', () => {
    fc.assert(
      fc.property(vectorOf(4), matrixOf(2, 2), (x, m) => {
        expectRulesMatchFD(prod, x)
        expectRulesMatchFD(prod, m)
      }),
      RUNS,
    )
  })

  it('with a zero factor, the derivative is the product of the others, exactly', () => {
    expectExact(gradient(prod, vector([2, 0, 3, 4])), [0, 24, 0, 0])
    expectExact(gradient(prod, vector([0, 5, 0])), [0, 0, 0])
    expectExact(gradient(prod, vector([7])), [1])
    // Random vectors with one element set to 0: d/dx_i = product of the rest, in any order.
    fc.assert(
      fc.property(vectorOf(5), fc.integer({ min: 0, max: 4 }), (x, k) => {
        const d = Float64Array.from(x.data)
        d[k] = 0
        const others = d.reduce((p, v, i) => (i === k ? p : p * v), 1)
        const g = gradient(prod, vector(Array.from(d)))
        expectClose(
          g,
          Array.from(d, (_, i) => (i === k ? others : 0)),
          1e-12,
        )
      }),
      RUNS,
    )
  })

  it('Hessian: 0 on the diagonal, the product of all but x_i and x_j off it (also with a zero)', () => {
    const x = [2, 0, 3, 5]
    const closed = x.map((_, i) =>
      x.map((_, j) => (i === j ? 0 : x.reduce((p, v, k) => (k === i || k === j ? p : p * v), 1))),
    )
    for (const method of [
      'forward-over-reverse',
      'reverse-over-reverse',
      'forward-over-forward',
      'reverse-over-forward',
    ])
      expectExact(hessian(prod, vector(x), method), closed)
    const f: Fn = prod
    fc.assert(
      fc.property(vectorOf(3), (v) => expectHessianMatchesFD(f, v)),
      FEW_RUNS,
    )
  })
})
