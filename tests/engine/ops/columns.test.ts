/**
 * Julia's memory order and reductions that keep their dimensions (issue 12, point 2), on the
 * engine's operations: column-major reshape against index arithmetic written out by hand, and
 * every new rule (forward and reverse, second order once) against central finite differences.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Tensor } from '../../../engine/index.ts'
import {
  Tensor as TensorClass,
  concrete,
  cumsumAlong,
  extremeKeep,
  logsumexpAlong,
  mul,
  meanKeep,
  reshapeColumns,
  reverseAxes,
  softmaxAlong,
  sum,
  sumKeep,
  toNested,
} from '../../../engine/index.ts'
import type { Fn } from '../helpers.ts'
import {
  FEW_RUNS,
  RUNS,
  expectClose,
  expectHessianMatchesFD,
  expectRulesMatchFD,
  num,
  t,
  tensorOf,
} from '../helpers.ts'

const range = (shape: number[], from = 1): Tensor => {
  const n = shape.reduce((a, b) => a * b, 1)
  return new TensorClass(
    shape,
    Float64Array.from({ length: n }, (_, i) => from + i),
  )
}

describe('column-major reshape (Julia memory order)', () => {
  it('reshape fills columns: reshape(1:6, 2, 3) is [1 3 5; 2 4 6], so [1, 2] is 3', () => {
    expect(toNested(concrete(reshapeColumns(range([6]), [2, 3])))).toEqual([
      [1, 3, 5],
      [2, 4, 6],
    ])
  })

  it('reshape reads columns: reshape([1 2 3; 4 5 6], 6) is 1, 4, 2, 5, 3, 6', () => {
    expect(toNested(concrete(reshapeColumns(range([2, 3]), [6])))).toEqual([1, 4, 2, 5, 3, 6])
  })

  it('reshape(0:8, 3, 3) is the seed matrix before .% 4: [0 3 6; 1 4 7; 2 5 8]', () => {
    expect(toNested(concrete(reshapeColumns(range([9], 0), [3, 3])))).toEqual([
      [0, 3, 6],
      [1, 4, 7],
      [2, 5, 8],
    ])
  })

  it('a 1×n row reshapes to n×1 and back without losing an axis', () => {
    expect(toNested(concrete(reshapeColumns(range([1, 3]), [3, 1])))).toEqual([[1], [2], [3]])
    expect(concrete(reverseAxes(range([1, 3]))).shape).toEqual([3, 1])
  })

  it('three dimensions: element (i, j, k) of reshape(1:24, 2, 3, 4) is i + 2(j-1) + 6(k-1)', () => {
    const x = concrete(reshapeColumns(range([24]), [2, 3, 4]))
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 3; j++)
        for (let k = 0; k < 4; k++) expect(x.data[i * 12 + j * 4 + k]).toBe(1 + i + 2 * j + 6 * k)
  })

  it('reshaping to a shape of another size says both sizes', () => {
    expect(() => reshapeColumns(range([6]), [4, 2])).toThrow(/6 elements.*needs 8/)
  })

  it('reshape between 2×3 and 3×2 matches finite differences (a permutation of the entries)', () => {
    fc.assert(
      fc.property(tensorOf([2, 3]), (x) => expectRulesMatchFD((y) => reshapeColumns(y, [3, 2]), x)),
      RUNS,
    )
  })
})

describe('reductions that keep their dimensions (Julia dims =)', () => {
  const A = range([2, 3])
  it('sum(A, dims = 1) is a 1×n matrix of column sums; dims = 2 an m×1 of row sums', () => {
    expect(toNested(concrete(sumKeep(A, [0])))).toEqual([[5, 7, 9]])
    expect(toNested(concrete(sumKeep(A, [1])))).toEqual([[6], [15]])
    expect(toNested(concrete(sumKeep(A, [0, 1])))).toEqual([[21]])
  })

  it('a dimension past the last one has length 1: sum(v, dims = 2) of a vector is the vector', () => {
    expect(toNested(concrete(sumKeep(range([3]), [1])))).toEqual([1, 2, 3])
  })

  it('mean(A, dims = 1) divides by the column length', () => {
    expect(toNested(concrete(meanKeep(A, [0])))).toEqual([[2.5, 3.5, 4.5]])
  })

  it('maximum(A, dims = 2) and minimum(A, dims = 1) keep the reduced dimension', () => {
    const B = t([
      [1, 7, 3],
      [8, 2, 5],
    ])
    expect(toNested(concrete(extremeKeep(B, [1], true)))).toEqual([[7], [8]])
    expect(toNested(concrete(extremeKeep(B, [0], false)))).toEqual([[1, 2, 3]])
  })

  it('cumsum(A, dims = 1) runs down the columns and dims = 2 along the rows', () => {
    expect(toNested(concrete(cumsumAlong(A, 0)))).toEqual([
      [1, 2, 3],
      [5, 7, 9],
    ])
    expect(toNested(concrete(cumsumAlong(A, 1)))).toEqual([
      [1, 3, 6],
      [4, 9, 15],
    ])
  })

  it('softmax(A; dims = 1): each column sums to 1; logsumexp(A; dims = 2) is log of row sums of exp', () => {
    const s = concrete(sumKeep(softmaxAlong(A, [0]), [0]))
    expectClose(s, [[1, 1, 1]])
    expectClose(logsumexpAlong(A, [1]), [
      [Math.log(Math.E + Math.E ** 2 + Math.E ** 3)],
      [Math.log(Math.E ** 4 + Math.E ** 5 + Math.E ** 6)],
    ])
  })

  it('softmax and logsumexp along a dimension do not overflow where a slice is large', () => {
    const big = t([
      [1000, 0],
      [1001, 1],
    ])
    expectClose(softmaxAlong(big, [0]), [
      [1 / (1 + Math.E), 1 / (1 + Math.E)],
      [Math.E / (1 + Math.E), Math.E / (1 + Math.E)],
    ])
    expectClose(logsumexpAlong(big, [0]), [[1001 + Math.log(1 + 1 / Math.E), 1 + Math.log(1 + 1 / Math.E)]])
  })

  const cases: [string, Fn, fc.Arbitrary<Tensor>][] = [
    ['sum dims 1', (x) => sumKeep(x, [0]), tensorOf([2, 3])],
    ['sum dims 2', (x) => sumKeep(x, [1]), tensorOf([2, 3])],
    ['mean dims 2', (x) => meanKeep(x, [1]), tensorOf([2, 3])],
    ['cumsum dims 1', (x) => cumsumAlong(x, 0), tensorOf([3, 2])],
    ['cumsum dims 2', (x) => cumsumAlong(x, 1), tensorOf([2, 3])],
    ['softmax dims 1', (x) => softmaxAlong(x, [0]), tensorOf([3, 2], num({ min: -4, max: 4 }))],
    ['logsumexp dims 2', (x) => logsumexpAlong(x, [1]), tensorOf([2, 3], num({ min: -4, max: 4 }))],
  ]
  it.each(cases)('%s: forward and reverse rules match finite differences', (_, f, arb) => {
    fc.assert(
      fc.property(arb, (x) => expectRulesMatchFD(f, x)),
      RUNS,
    )
  })

  it('maximum along a dimension: the derivative is 1 at each slice’s largest entry', () => {
    const B = t([
      [1, 7, 3],
      [8, 2, 5],
    ])
    expectRulesMatchFD((x) => extremeKeep(x, [0], true), B)
  })

  it('second order: the Hessian of sum(logsumexp(A; dims = 1)) and of the sum of squares of softmax(A; dims = 2)', () => {
    fc.assert(
      fc.property(tensorOf([2, 2], num({ min: -3, max: 3 })), (x) => {
        expectHessianMatchesFD((y) => sum(logsumexpAlong(y, [0])), x)
        expectHessianMatchesFD((y) => {
          const s = softmaxAlong(y, [1])
          return sum(mul(s, s))
        }, x)
      }),
      FEW_RUNS,
    )
  })
})
