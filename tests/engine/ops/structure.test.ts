/**
 * Structural primitives: sum and broadcast, reshape, getindex and its adjoint scatter, concat
 * and stack. They are linear, so each pullback must be the adjoint of the operation: checked
 * against central differences, with the dot-product test, and inside nonlinear functions for
 * second order.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { IndexSpec, Tensor, Value } from '../../../engine/index.ts'
import {
  broadcastTo,
  concat,
  exp,
  getindex,
  gradient,
  mul,
  reshape,
  sin,
  stack,
  sum,
  toNested,
  vjp,
  zeros,
} from '../../../engine/index.ts'
import type { Fn } from '../helpers.ts'
import {
  FEW_RUNS,
  RUNS,
  dim,
  expectAdjoint,
  expectExact,
  expectHessianMatchesFD,
  expectRulesMatchFD,
  inner,
  matrixOf,
  t,
  tensorOf,
  vectorOf,
} from '../helpers.ts'

const rows = (m: Tensor) => toNested(m) as number[][]

describe('sum', () => {
  it('values: all elements, down the columns (axis 0), along the rows (axis 1)', () => {
    const m = t([
      [1, 2, 3],
      [4, 5, 6],
    ])
    expectExact(sum(m), 21)
    expectExact(sum(m, 0), [5, 7, 9])
    expectExact(sum(m, 1), [6, 15])
    expectExact(sum(t([1, 2, 3]), 0), 6)
  })

  it('rules against central differences, all and along each axis', () => {
    fc.assert(
      fc.property(
        fc.tuple(dim, dim).chain(([m, n]) => fc.tuple(matrixOf(m, n), vectorOf(n))),
        ([a, x]) => {
          expectRulesMatchFD((y) => sum(y), a)
          expectRulesMatchFD((y) => sum(y, 0), a)
          expectRulesMatchFD((y) => sum(y, 1), a)
          expectRulesMatchFD((y) => sum(y), x)
          expectRulesMatchFD((y) => sum(y, 0), x)
          // A nonlinear function after the sum, so the cotangent is not all ones.
          expectRulesMatchFD((y) => sin(sum(y, 1)), a)
        },
      ),
      RUNS,
    )
  })
})

describe('broadcastTo', () => {
  it('values: a scalar filled into a shape, a vector copied along a new axis', () => {
    expectExact(broadcastTo(t(2), [2, 2]), [
      [2, 2],
      [2, 2],
    ])
    expectExact(broadcastTo(t([1, 2, 3]), [2, 3], 0), [
      [1, 2, 3],
      [1, 2, 3],
    ])
    expectExact(broadcastTo(t([1, 2]), [2, 3], 1), [
      [1, 1, 1],
      [2, 2, 2],
    ])
  })

  it('rules against central differences; it is the adjoint of sum', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(dim, dim)
          .chain(([m, n]) => fc.tuple(tensorOf([]), vectorOf(n), vectorOf(m), matrixOf(m, n), matrixOf(m, n))),
        ([s, rowLike, colLike, u, v]) => {
          const [m, n] = u.shape as [number, number]
          expectRulesMatchFD((x) => broadcastTo(x, [m, n]), s)
          expectRulesMatchFD((x) => broadcastTo(x, [m, n], 0), rowLike)
          expectRulesMatchFD((x) => broadcastTo(x, [m, n], 1), colLike)
          expectRulesMatchFD((x) => mul(u, broadcastTo(x, [m, n], 0)), rowLike)
          // <broadcast(x), v> = <x, sum(v)>: the two are each other's adjoint.
          expect(inner(broadcastTo(rowLike, [m, n], 0), v)).toBeCloseTo(inner(rowLike, sum(v, 0)), 10)
          expect(inner(broadcastTo(colLike, [m, n], 1), v)).toBeCloseTo(inner(colLike, sum(v, 1)), 10)
        },
      ),
      RUNS,
    )
  })
})

describe('reshape', () => {
  it('keeps the row-major order of the elements', () => {
    expectExact(reshape(t([1, 2, 3, 4, 5, 6]), [2, 3]), [
      [1, 2, 3],
      [4, 5, 6],
    ])
    expectExact(reshape(t([[7]]), []), 7)
  })

  it('rules against central differences', () => {
    fc.assert(
      fc.property(matrixOf(2, 3), matrixOf(3, 2), (a, w) => {
        expectRulesMatchFD((x) => reshape(x, [6]), a)
        expectRulesMatchFD((x) => reshape(x, [3, 2]), a)
        expectRulesMatchFD((x) => mul(w, reshape(x, [3, 2])), a)
      }),
      RUNS,
    )
  })
})

/** x[spec] by plain loops over a matrix: the independent value of getindex. */
function pickPlain(a: number[][], spec: [number | number[], number | number[]]): number | number[] | number[][] {
  const [r, c] = spec
  const rowsOf = typeof r === 'number' ? [r] : r
  const colsOf = typeof c === 'number' ? [c] : c
  const picked = rowsOf.map((i) => colsOf.map((j) => a[i]![j]!))
  if (typeof r === 'number' && typeof c === 'number') return picked[0]![0]!
  if (typeof r === 'number') return picked[0]!
  if (typeof c === 'number') return picked.map((row) => row[0]!)
  return picked
}

/** A spec into a 3×4 matrix: per dimension one index or a list, with repeats allowed. */
const specArb: fc.Arbitrary<[number | number[], number | number[]]> = fc.tuple(
  fc.oneof(fc.integer({ min: 0, max: 2 }), fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 4 })),
  fc.oneof(fc.integer({ min: 0, max: 3 }), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 5 })),
)

describe('getindex', () => {
  it('values against plain loops, including repeated indices', () => {
    fc.assert(
      fc.property(matrixOf(3, 4), specArb, (a, spec) => {
        expectExact(getindex(a, spec), pickPlain(rows(a), spec))
      }),
      RUNS,
    )
  })

  it('rules against central differences, including repeated indices', () => {
    fc.assert(
      fc.property(matrixOf(3, 4), specArb, (a, spec) => {
        expectRulesMatchFD((x) => getindex(x, spec), a)
        expectRulesMatchFD((x) => sin(getindex(x, spec)), a)
      }),
      RUNS,
    )
  })

  it('one list of indices, valid for a long vector, is still checked against a shorter one', () => {
    // What is known of a list is computed once and kept; the range check is made on every use.
    const list = [1, 2, 3, 4]
    expectExact(getindex(t([0, 10, 20, 30, 40]), [list]), [10, 20, 30, 40])
    expect(() => getindex(t([0, 10, 20]), [list])).toThrow(/index 4 is out of range for dimension 1 of a 3-vector/)
    expectExact(getindex(t([0, 10, 20, 30, 40, 50]), [list]), [10, 20, 30, 40])
  })

  it('an element picked twice receives both cotangents', () => {
    // f(x) = sum(x[[0, 0, 2]] .* [1, 10, 100]) = 11 x0 + 100 x2
    const w = t([1, 10, 100])
    expectExact(
      gradient((x) => sum(mul(getindex(x, [[0, 0, 2]]), w)), t([5, 6, 7])),
      [11, 0, 100],
    )
  })
})

describe('scatter, the adjoint of getindex', () => {
  /** scatter(g): the pullback of getindex, as a function of the cotangent g (it is linear in g). */
  const scatterAt = (x: Tensor, spec: IndexSpec) => (g: Value) => vjp((y) => getindex(y, spec), x, g)

  it('values: zeros with g added at the picked places, twice where picked twice', () => {
    const s = scatterAt(zeros([2, 3]), [
      [1, 1],
      [0, 2],
    ])
    expectExact(
      s(
        t([
          [1, 2],
          [3, 4],
        ]),
      ),
      [
        [0, 0, 0],
        [4, 0, 6],
      ],
    )
  })

  it('<getindex(x), g> = <x, scatter(g)>, and scatter has rules of its own', () => {
    fc.assert(
      fc.property(
        matrixOf(3, 4),
        specArb.chain((spec) => {
          const shape = [spec[0], spec[1]].filter((s) => typeof s !== 'number').map((s) => (s as number[]).length)
          return fc.tuple(fc.constant(spec), tensorOf(shape))
        }),
        (x, [spec, g]) => {
          const scatter = scatterAt(x, spec)
          expect(inner(getindex(x, spec), g)).toBeCloseTo(inner(x, scatter(g)), 10)
          // Its own forward rule is scatter again and its reverse rule is getindex.
          expectRulesMatchFD(scatter, g)
          expectRulesMatchFD((h) => exp(scatter(h)), g)
        },
      ),
      RUNS,
    )
  })
})

describe('concat and stack', () => {
  it('values along axes 0 and 1', () => {
    const a = t([
      [1, 2],
      [3, 4],
    ])
    const b = t([[5, 6]])
    const c = t([[7], [8]])
    expectExact(concat([a, b], 0), [
      [1, 2],
      [3, 4],
      [5, 6],
    ])
    expectExact(concat([a, c], 1), [
      [1, 2, 7],
      [3, 4, 8],
    ])
    expectExact(concat([t([1]), t([2, 3])]), [1, 2, 3])
    expectExact(stack([t(1), t(2)]), [1, 2])
    expectExact(stack([t([1, 2]), t([3, 4])]), [
      [1, 2],
      [3, 4],
    ])
  })

  it('concat: rules with respect to each part, along axis 0 and axis 1', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(dim, dim, dim, dim)
          .chain(([m, n, p, q]) => fc.tuple(matrixOf(m, n), matrixOf(p, n), matrixOf(m, q), matrixOf(m, 2))),
        ([a, below, right, third]) => {
          expectRulesMatchFD((x) => concat([x, below], 0), a)
          expectRulesMatchFD((x) => concat([a, x], 0), below)
          expectRulesMatchFD((x) => concat([x, right, third], 1), a)
          expectRulesMatchFD((x) => concat([a, x, third], 1), right)
          expectRulesMatchFD((x) => concat([a, right, x], 1), third)
          // The same input in two places.
          expectRulesMatchFD((x) => sin(concat([x, mul(2, x)], 1)), a)
        },
      ),
      RUNS,
    )
  })

  it('stack: rules with respect to each part, for scalars and vectors', () => {
    fc.assert(
      fc.property(tensorOf([]), tensorOf([]), vectorOf(3), vectorOf(3), (s, r, x, y) => {
        expectRulesMatchFD((v) => stack([v, r, mul(v, v)]), s)
        expectRulesMatchFD((v) => stack([x, v]), y)
        expectRulesMatchFD((v) => stack([v, y, v]), x)
      }),
      RUNS,
    )
  })

  it('dot-product test through indexing, concatenation and sums', () => {
    // 3×3 picked with repeats, then a 2×3 of column sums below it: a 5×3 result.
    const f: Fn = (x) =>
      concat(
        [
          getindex(x, [
            [2, 0, 0],
            [1, 2, 0],
          ]),
          broadcastTo(sum(x, 0), [2, 3], 0),
        ],
        0,
      )
    fc.assert(
      fc.property(matrixOf(3, 3), matrixOf(3, 3), matrixOf(5, 3), (x, v, u) => expectAdjoint(f, x, u, v)),
      RUNS,
    )
  })
})

describe('second order through structural operations', () => {
  it('Hessian of sum(exp(concat([x, x[[0, 0]] ]))) .* w) matches differences of its gradient', () => {
    fc.assert(
      fc.property(vectorOf(3), vectorOf(5), (x, w) => {
        const f: Fn = (y) => sum(mul(exp(concat([y, getindex(y, [[0, 0]])])), w))
        expectHessianMatchesFD(f, x)
      }),
      FEW_RUNS,
    )
  })

  it('Hessian of sum(sin(sum(X, 1)) .* sum(X, 0)) over a matrix', () => {
    fc.assert(
      fc.property(matrixOf(2, 2), (x) => {
        const f: Fn = (y) => mul(sum(sin(sum(y, 1))), sum(reshape(y, [4]), 0))
        expectHessianMatchesFD(f, x)
      }),
      FEW_RUNS,
    )
  })
})
