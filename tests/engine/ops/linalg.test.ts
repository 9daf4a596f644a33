/**
 * Linear algebra: the matrix product in every shape combination and with its transpose flags,
 * transpose, det and inv. Values are checked against plain loops, derivatives against central
 * differences, and det's gradient and Hessian against their closed forms and differences.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Tensor, Value } from '../../../engine/index.ts'
import {
  det,
  gradient,
  identity,
  inv,
  matmul,
  matrix,
  mul,
  sum,
  toNested,
  transpose,
  vector,
} from '../../../engine/index.ts'
import {
  FEW_RUNS,
  RUNS,
  dim,
  expectAdjoint,
  expectClose,
  expectExact,
  expectHessianMatchesFD,
  expectRulesMatchFD,
  matmulPlain,
  matrixOf,
  t,
  tensorOf,
  transposePlain,
  vectorOf,
  wellConditioned,
} from '../helpers.ts'

const rows = (m: Tensor) => toNested(m) as number[][]
const column = (v: Tensor) => (toNested(v) as number[]).map((x) => [x])

/** Random m, k, n with A m×k and B k×n. */
const product = fc
  .tuple(dim, dim, dim)
  .chain(([m, k, n]) => fc.tuple(matrixOf(m, k), matrixOf(k, n), matrixOf(m, n), vectorOf(k), vectorOf(m)))

describe('matrix product: values against a plain triple loop', () => {
  it('matrix·matrix, matrix·vector, row·vector, vector·row', () => {
    fc.assert(
      fc.property(product, ([a, b, , x, y]) => {
        expectClose(matmul(a, b), matmulPlain(rows(a), rows(b)), 1e-12)
        // A 1×k matrix is a row, and a row times a vector is a number.
        const ax = matmulPlain(rows(a), column(x)).flat()
        expectClose(matmul(a, x), a.shape[0] === 1 ? ax[0]! : ax, 1e-12)
        const r = t([toNested(x) as number[]]) // x as a 1×k row
        expect(matmul(r, x).shape).toEqual([])
        expectClose(
          matmul(r, x),
          (toNested(x) as number[]).reduce((s, v) => s + v * v, 0),
          1e-12,
        )
        expectClose(matmul(y, r), matmulPlain(column(y), rows(r)), 1e-12)
      }),
      RUNS,
    )
  })

  it('the transpose flags compute op(A)·op(B)', () => {
    fc.assert(
      fc.property(product, ([a, b]) => {
        const at = t(transposePlain(rows(a)))
        const bt = t(transposePlain(rows(b)))
        const expected = matmulPlain(rows(a), rows(b))
        expectClose(matmul(at, b, true, false), expected, 1e-12)
        expectClose(matmul(a, bt, false, true), expected, 1e-12)
        expectClose(matmul(at, bt, true, true), expected, 1e-12)
      }),
      RUNS,
    )
  })
})

describe('matrix product: rules against central differences', () => {
  it('matrix·matrix with respect to either factor', () => {
    fc.assert(
      fc.property(product, ([a, b]) => {
        expectRulesMatchFD((x) => matmul(x, b), a)
        expectRulesMatchFD((y) => matmul(a, y), b)
      }),
      RUNS,
    )
  })

  it('matrix·vector with respect to the matrix and the vector', () => {
    fc.assert(
      fc.property(product, ([a, , , x]) => {
        expectRulesMatchFD((m) => matmul(m, x), a)
        expectRulesMatchFD((v) => matmul(a, v), x)
      }),
      RUNS,
    )
  })

  it('row·vector (a scalar) and vector·row (an outer product)', () => {
    fc.assert(
      fc.property(
        dim.chain((k) => fc.tuple(matrixOf(1, k), vectorOf(k))),
        dim.chain((m) => fc.tuple(vectorOf(m), matrixOf(1, 3))),
        ([r, x], [y, r3]) => {
          expectRulesMatchFD((row) => matmul(row, x), r)
          expectRulesMatchFD((v) => matmul(r, v), x)
          expectRulesMatchFD((v) => matmul(v, r3), y)
          expectRulesMatchFD((row) => matmul(y, row), r3)
        },
      ),
      RUNS,
    )
  })

  it('with the transpose flags, with respect to either factor', () => {
    fc.assert(
      fc.property(product, ([a, b]) => {
        const at = t(transposePlain(rows(a)))
        const bt = t(transposePlain(rows(b)))
        for (const [l, r, ta, tb] of [
          [at, b, true, false],
          [a, bt, false, true],
          [at, bt, true, true],
        ] as const) {
          expectRulesMatchFD((x) => matmul(x, r, ta, tb), l)
          expectRulesMatchFD((y) => matmul(l, y, ta, tb), r)
        }
      }),
      RUNS,
    )
  })

  it('both factors from one input: A·A and x·xᵀ', () => {
    fc.assert(
      fc.property(
        dim.chain((n) => fc.tuple(matrixOf(n, n), vectorOf(n))),
        ([a, x]) => {
          expectRulesMatchFD((m) => matmul(m, m), a)
          expectRulesMatchFD((v) => matmul(v, transpose(v)), x)
          expectRulesMatchFD((m) => matmul(m, m, true, false), a)
        },
      ),
      RUNS,
    )
  })

  it('dot-product test <u, J v> = <Jᵀu, v> through a chain of products', () => {
    fc.assert(
      fc.property(
        fc.tuple(matrixOf(3, 2), matrixOf(2, 3), matrixOf(3, 3), matrixOf(3, 3), matrixOf(3, 3)),
        ([p, q, x, u, v]) => {
          expectAdjoint((m) => matmul(matmul(p, q), matmul(m, m, false, true)), x, u, v)
        },
      ),
      RUNS,
    )
  })
})

describe('transpose', () => {
  it('values: a matrix flips, a vector becomes a row, a row a vector', () => {
    expectExact(
      transpose(
        t([
          [1, 2, 3],
          [4, 5, 6],
        ]),
      ),
      [
        [1, 4],
        [2, 5],
        [3, 6],
      ],
    )
    expectExact(transpose(vector([1, 2])), [[1, 2]])
    expectExact(transpose(t([[1, 2]])), [1, 2])
  })

  it('rules against central differences on matrices, vectors and rows', () => {
    fc.assert(
      fc.property(
        fc.tuple(dim, dim).chain(([m, n]) => fc.tuple(matrixOf(m, n), vectorOf(n), matrixOf(1, n))),
        ([a, x, r]) => {
          expectRulesMatchFD(transpose, a)
          expectRulesMatchFD(transpose, x)
          expectRulesMatchFD(transpose, r)
          // Through a product, so the pullback meets a non-trivial cotangent.
          expectRulesMatchFD((m) => matmul(transpose(m), m), a)
        },
      ),
      RUNS,
    )
  })
})

/** det by cofactor expansion along the first row: independent of the engine's LU. */
function cofactorDet(a: number[][]): number {
  if (a.length === 1) return a[0]![0]!
  return a[0]!.reduce((s, a0j, j) => {
    const minor = a.slice(1).map((row) => row.filter((_, c) => c !== j))
    return s + (j % 2 === 0 ? 1 : -1) * a0j * cofactorDet(minor)
  }, 0)
}

describe('det', () => {
  it('matches cofactor expansion, and a singular matrix has det 0', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((n) => matrixOf(n, n)),
        (a) => expectClose(det(a), cofactorDet(rows(a)), 1e-10),
      ),
      RUNS,
    )
    expectExact(
      det(
        t([
          [1, 2],
          [2, 4],
        ]),
      ),
      0,
    )
    expectExact(
      det(
        t([
          [0, 3, 2],
          [1, 0, 3],
          [2, 1, 0],
        ]),
      ),
      20,
    )
  })

  it.each([1, 2, 3, 4])('rules against central differences, n = %i', (n) => {
    fc.assert(
      fc.property(wellConditioned(n), (a) => expectRulesMatchFD(det, a, 1e-6)),
      RUNS,
    )
  })

  it('gradient is det(A)·A⁻ᵀ, the cofactor matrix (2×2 exactly)', () => {
    expectClose(
      gradient(
        det,
        matrix([
          [1, 2],
          [3, 4],
        ]),
      ),
      [
        [4, -3],
        [-2, 1],
      ],
      1e-15,
    )
    fc.assert(
      fc.property(wellConditioned(3), (a) => {
        const d = cofactorDet(rows(a))
        const invT = transposePlain(rows(inv(a) as Tensor))
        expectClose(
          gradient(det, a),
          invT.map((r) => r.map((x) => d * x)),
          1e-10,
        )
      }),
      RUNS,
    )
  })

  it.each([1, 2, 3])("Hessian (every method) matches differences of det's gradient, n = %i", (n) => {
    fc.assert(
      fc.property(wellConditioned(n), (a) => expectHessianMatchesFD(det, a, 1e-5)),
      FEW_RUNS,
    )
  })

  it('a scalar is its own determinant', () => {
    expectExact(det(t(2.5)), 2.5)
  })
})

describe('inv', () => {
  it('inv(A)·A = I', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((n) => wellConditioned(n)),
        (a) => expectClose(matmul(inv(a), a), identity(a.shape[0]!), 1e-12),
      ),
      RUNS,
    )
  })

  it.each([1, 2, 3])('rules against central differences, n = %i', (n) => {
    fc.assert(
      fc.property(wellConditioned(n), (a) => expectRulesMatchFD(inv, a, 1e-6)),
      RUNS,
    )
  })

  it('second order: the Hessian of sum(inv(A) .* W) matches differences of its gradient', () => {
    fc.assert(
      fc.property(wellConditioned(2), tensorOf([2, 2]), (a, w) => {
        const f = (m: Value) => sum(mul(inv(m), w))
        expectHessianMatchesFD(f, a, 1e-5)
      }),
      FEW_RUNS,
    )
  })

  it('the derivative of det(A)·inv(A) (the adjugate) matches differences', () => {
    fc.assert(
      fc.property(wellConditioned(3), (a) => {
        const adj = (m: Value) => mul(det(m), inv(m))
        expectRulesMatchFD(adj, a, 1e-6)
      }),
      FEW_RUNS,
    )
  })
})
