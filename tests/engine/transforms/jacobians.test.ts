/**
 * Jacobians assembled from passes: jacrev (rows from pullbacks of e_i), jacfwd (columns from
 * pushforwards of e_j) and jacobian (whichever needs fewer passes) agree with each other and
 * with central differences, for every combination of input and output shapes.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Tensor } from '../../../engine/index.ts'
import * as E from '../../../engine/index.ts'
import {
  abs2,
  add,
  basis,
  concat,
  cos,
  exp,
  getindex,
  jacfwd,
  jacobian,
  jacrev,
  jvp,
  matmul,
  mul,
  prod,
  pullback,
  record,
  reshape,
  sin,
  stack,
  sum,
  tf_gradients,
  transpose,
} from '../../../engine/index.ts'
import type { Fn } from '../helpers.ts'
import { RUNS, expectClose, fdJacobian, matrixOf, t, tensorOf, vectorOf } from '../helpers.ts'

/** f from R^3 to R^2: [x0·x1, sin(x2) + x0²], with Jacobian [x1 x0 0; 2x0 0 cos(x2)]. */
const r3r2: Fn = (x) => {
  const at = (i: number) => getindex(x, [i])
  return stack([mul(at(0), at(1)), add(sin(at(2)), abs2(at(0)))])
}

/** f from R^2 to R^3: [x0, x1, x0·x1]. */
const r2r3: Fn = (x) => concat([x, reshape(prod(x), [1])])

/** Functions of several shapes: [name, f, input shape]. */
const shaped: [string, Fn, number[]][] = [
  ['R^3 -> R^2', r3r2, [3]],
  ['R^2 -> R^3', r2r3, [2]],
  ['scalar -> 3-vector', (s) => mul(s, exp(mul(s, t([1, 2, 3])))), []],
  ['2×2 matrix -> scalar', (m) => sum(sin(matmul(m, m))), [2, 2]],
  ['2×3 matrix -> 3×3 matrix', (m) => matmul(transpose(m), cos(m)), [2, 3]],
  ['3-vector -> 3×3 matrix', (x) => matmul(x, transpose(sin(x))), [3]],
]

describe('jacrev, jacfwd and jacobian', () => {
  it.each(shaped)('%s: all three agree with central differences', (_name, f, shape) => {
    fc.assert(
      fc.property(tensorOf(shape), (x) => {
        const J = fdJacobian(f, x)
        expectClose(jacrev(f, x), J, 1e-6, 'jacrev')
        expectClose(jacfwd(f, x), J, 1e-6, 'jacfwd')
        expectClose(jacobian(f, x), J, 1e-6, 'jacobian')
      }),
      RUNS,
    )
  })

  it.each(shaped)('%s: jacrev and jacfwd agree to rounding', (_name, f, shape) => {
    fc.assert(
      fc.property(tensorOf(shape), (x) => expectClose(jacrev(f, x), jacfwd(f, x), 1e-13)),
      RUNS,
    )
  })

  it('the shape is the output shape followed by the input shape', () => {
    const m = t([
      [1, 2, 3],
      [4, 5, 6],
    ])
    expect(jacobian(shaped[4]![1], m).shape).toEqual([3, 3, 2, 3])
    expect(jacfwd(sum, m).shape).toEqual([2, 3])
    expect(jacrev(sum, m).shape).toEqual([2, 3])
    expect(jacrev((s) => mul(s, t([1, 2])), t(1)).shape).toEqual([2])
  })

  it('of a linear map x -> A x is A; of an elementwise map it is diagonal', () => {
    fc.assert(
      fc.property(matrixOf(2, 3), vectorOf(3), vectorOf(4), (a, x, y) => {
        expectClose(
          jacrev((v) => matmul(a, v), x),
          a,
          0,
        )
        expectClose(
          jacfwd((v) => matmul(a, v), x),
          a,
          0,
        )
        const diag = Array.from(y.data, (v, i) => Array.from(y.data, (_, j) => (i === j ? Math.cos(v) : 0)))
        expectClose(jacobian(sin, y), diag, 1e-15)
        // The sum trap sees only the diagonal here, so it is right by accident.
        expectClose(tf_gradients(sin, y), Array.from(y.data, Math.cos), 1e-15)
      }),
      RUNS,
    )
  })

  it('pulling back e_i gives row i; pushing forward e_j gives column j', () => {
    fc.assert(
      fc.property(vectorOf(3), (x) => {
        const J = jacobian(r3r2, x) as Tensor
        const row = (i: number) => Array.from(J.data.slice(3 * i, 3 * i + 3))
        const column = (j: number) => [J.data[j]!, J.data[3 + j]!]
        const { back } = pullback(r3r2, x)
        for (let i = 0; i < 2; i++) expectClose(back(basis([2], i)), row(i), 0)
        for (let j = 0; j < 3; j++) expectClose(jvp(r3r2, x, basis([3], j)), column(j), 0)
      }),
      RUNS,
    )
  })

  it('closed forms: [x1 x0 0; 2x0 0 cos(x2)] and exp(s k) .* (1 + s k)', () => {
    fc.assert(
      fc.property(vectorOf(3), tensorOf([]), (x, s) => {
        const [x0, x1, x2] = Array.from(x.data)
        const J = [
          [x1!, x0!, 0],
          [2 * x0!, 0, Math.cos(x2!)],
        ]
        expectClose(jacrev(r3r2, x), J, 1e-15)
        expectClose(jacfwd(r3r2, x), J, 1e-15)
        const v = s.item()
        expectClose(
          jacobian(shaped[2]![1], s),
          [1, 2, 3].map((k) => Math.exp(v * k) * (1 + v * k)),
          1e-14,
        )
      }),
      RUNS,
    )
  })

  it('jacobian picks reverse mode for fewer outputs and forward mode for fewer inputs', () => {
    const one = { chunk: 1 }
    const wide = record(() => jacobian(r3r2, t([1, 2, 3]), undefined, one)).trace.counters.passes
    expect(wide).toEqual({ primal: 1, reverse: 2, forward: 0 })
    const tall = record(() => jacobian(r2r3, t([1, 2]), undefined, one)).trace.counters.passes
    expect(tall.reverse).toBe(0)
    expect(tall.forward).toBe(2)
    // Chunked (the default): all rows in one reverse sweep, all columns in one forward pass.
    expect(record(() => jacobian(r3r2, t([1, 2, 3]))).trace.counters.passes).toEqual({
      primal: 1,
      reverse: 1,
      forward: 0,
    })
    expect(record(() => jacobian(r2r3, t([1, 2]))).trace.counters.passes.forward).toBe(1)
  })
})

describe('chunks of basis vectors', () => {
  const W = E.reshape(t(Array.from({ length: 35 }, (_, k) => Math.sin(k + 1))), [5, 7])
  const f: Fn = (y) => E.tanh(E.matmul(W, y)) // R^7 -> R^5
  const x = t(Array.from({ length: 7 }, (_, k) => 0.2 * Math.cos(k)))

  it.each([1, 2, 3, 7, 100])('chunk %i: jacfwd, jacrev and jacobian are the one-column-per-pass Jacobian', (chunk) => {
    const J = E.jacfwd(f, x, undefined, { chunk: 1 })
    expectClose(E.jacfwd(f, x, undefined, { chunk }), J, 1e-13)
    expectClose(E.jacrev(f, x, undefined, { chunk }), J, 1e-13)
    expectClose(E.jacobian(f, x, undefined, { chunk }), J, 1e-13)
    expectClose(J, fdJacobian(f, x), 1e-6)
  })

  it('progress is reported once per chunk: ⌈n / chunk⌉ passes', () => {
    const seen: string[] = []
    E.onProgress((done, total) => seen.push(`${done}/${total}`))
    try {
      E.jacfwd(f, x, undefined, { chunk: 3 })
      expect(seen).toEqual(['1/3', '2/3', '3/3'])
      seen.length = 0
      E.jacrev(f, x, undefined, { chunk: 2 })
      expect(seen).toEqual(['1/3', '2/3', '3/3'])
    } finally {
      E.onProgress(null)
    }
  })

  it('jvp with the directions as the columns of a matrix is J·V, in chunks of any size', () => {
    const V = E.reshape(t(Array.from({ length: 21 }, (_, k) => Math.cos(2 * k))), [7, 3])
    const JV = E.matmul(E.jacobian(f, x), V)
    for (const chunk of [1, 2, 3]) expectClose(E.jvp(f, x, V, { chunk }), JV, 1e-13)
  })

  it('a chunk that is not a whole number of at least 1 is refused', () => {
    expect(() => E.jacfwd(f, x, undefined, { chunk: 0 })).toThrow(/chunk must be a whole number of at least 1/)
    expect(() => E.hessian((y) => E.sum(f(y)), x, undefined, { chunk: 1.5 })).toThrow(/chunk must be a whole number/)
  })
})

describe('an automatic chunk too large to hold', () => {
  it('is cut until the batch fits (here to 5 of 20), and gives the one-column-per-pass Hessian', async () => {
    const { LIMITS } = await import('../../../engine/limits.ts')
    const f: Fn = (y) => E.sum(E.abs2(E.matmul(E.reshape(y, [20, 1]), E.reshape(y, [1, 20]))))
    const x = t(Array.from({ length: 20 }, (_, k) => Math.sin(k)))
    const H1 = E.hessian(f, x, undefined, { chunk: 1 })
    const saved = LIMITS.elements
    LIMITS.elements = 2000 // a batch of 20 outer products of 20×20 has 8000 elements; of 5, 2000
    try {
      expect(() => E.hessian(f, x, undefined, { chunk: 20 })).toThrow(/8000 elements, more than the limit of 2000/)
      expectClose(E.hessian(f, x), H1, 1e-12)
    } finally {
      LIMITS.elements = saved
    }
  })
})
