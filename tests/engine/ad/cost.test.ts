/**
 * The counting model (engine/ad/cost.ts): flops and tape memory checked against counts worked
 * out by hand on tiny functions, primitive by primitive, and the same counts on every run.
 */
import { describe, expect, it } from 'vitest'
import type { Value } from '../../../engine/index.ts'
import { gradient, hessian, jvp, matmul, matrix, mul, record, sum, vector } from '../../../engine/index.ts'
import { TapeMemory, primitiveFlops } from '../../../engine/ad/cost.ts'
import { Tensor } from '../../../engine/tensor/tensor.ts'

const t = (shape: number[]) => new Tensor(shape, new Float64Array(shape.reduce((a, b) => a * b, 1)))
const counted = <T>(fn: () => T) => record(fn, { maxSteps: 0 }).trace.counters

describe('flops per primitive', () => {
  it('elementwise: the output size; reductions: the input size; moves: 0', () => {
    expect(primitiveFlops('mul', [t([4]), t([4])], undefined, t([4]))).toBe(4)
    expect(primitiveFlops('exp', [t([2, 3])], undefined, t([2, 3]))).toBe(6)
    expect(primitiveFlops('sum', [t([5, 2])], undefined, t([]))).toBe(10)
    for (const move of ['reshape', 'transpose', 'broadcast', 'getindex', 'scatter', 'concat'])
      expect(primitiveFlops(move, [t([3, 3])], undefined, t([9]))).toBe(0)
  })

  it('matmul: m·k·n for an m×k times a k×n, transposed or not, vectors as columns', () => {
    expect(primitiveFlops('matmul', [t([2, 3]), t([3, 4])], { ta: false }, t([2, 4]))).toBe(2 * 3 * 4)
    // Aᵀ·g with A 2×3 and g a 2-vector: a 3×2 times a 2×1.
    expect(primitiveFlops('matmul', [t([2, 3]), t([2])], { ta: true }, t([3]))).toBe(3 * 2 * 1)
    // An outer product x·yᵀ of a 3-vector and a 1×4 row: k = 1.
    expect(primitiveFlops('matmul', [t([3]), t([1, 4])], { ta: false }, t([3, 4]))).toBe(12)
  })

  it('scatter-add: one addition per number added into the buffer', () => {
    expect(primitiveFlops('scatter-add', [t([1]), t([1]), t([2])], undefined, t([5]))).toBe(4)
  })

  it('det, inv and logabsdet of an n×n matrix: n³', () => {
    expect(primitiveFlops('det', [t([4, 4])], undefined, t([]))).toBe(64)
    expect(primitiveFlops('logabsdet', [t([2, 2])], undefined, t([]))).toBe(8)
    expect(primitiveFlops('inv', [t([3, 3])], undefined, t([3, 3]))).toBe(27)
  })
})

describe('counts of whole computations, by hand', () => {
  const x = vector([1, 2, 3])
  const square = (v: Value) => sum(mul(v, v))

  it('the gradient of x -> sum(x .* x) at n = 3: 15 flops, 4 numbers on the tape', () => {
    const c = counted(() => gradient(square, x))
    // Primal sweep: x .* x (3) and its sum (3). Reverse sweep: sum's pullback broadcasts the
    // cotangent (a move, 0); mul pulls back to each of its two arguments, g .* x twice (3 + 3);
    // both reach x, and adding them is 3 more. 3 + 3 + 3 + 3 + 3 = 15.
    expect(c.flops).toBe(15)
    // The tape stores x .* x (3 numbers) and the sum (1); x itself is the input, not counted here.
    expect(c.tapePeak).toBe(4)
    expect(c.largestTape).toBe(2)
    expect(c.passes).toEqual({ primal: 1, forward: 0, reverse: 1 })
  })

  it('a jvp stores no tape, and pays for the tangent alongside the primal', () => {
    const c = counted(() => jvp(square, x, vector([1, 0, 0])))
    // Primal: 3 + 3. Tangent of v .* v: u .* v + v .* u (3 + 3, then 3 for the add); of the sum: 3.
    expect(c.flops).toBe(6 + 9 + 3)
    expect(c.tapePeak).toBe(0)
    expect(c.passes).toEqual({ primal: 0, forward: 1, reverse: 0 })
  })

  it('matmul inside a gradient: x -> sum(A x) with A 2×3', () => {
    const A = matrix([
      [1, 2, 3],
      [4, 5, 6],
    ])
    const c = counted(() => gradient((v) => sum(matmul(A, v)), x))
    // Primal: A·x, 2·3·1 = 6, and its sum, 2. Reverse: broadcast (0), then Aᵀ·g, 3·2·1 = 6.
    expect(c.flops).toBe(6 + 2 + 6)
    expect(c.tapePeak).toBe(2 + 1)
  })

  it('gives the same counts on every run', () => {
    for (const method of ['forward-over-reverse', 'reverse-over-reverse', 'reverse-over-forward']) {
      const a = counted(() => hessian(square, x, method))
      const b = counted(() => hessian(square, x, method))
      expect(a, method).toEqual(b)
    }
  })
})

describe('tape memory', () => {
  it('tapes used one after another: the larger, not the sum', () => {
    const m = new TapeMemory()
    m.start(1)
    m.hold(1, [t([5])])
    m.use(1)
    m.start(2)
    m.hold(2, [t([3])])
    m.use(2)
    expect(m.peak()).toBe(5)
  })

  it('a tape used again later was held all along', () => {
    const m = new TapeMemory()
    m.start(1)
    m.hold(1, [t([5])])
    m.start(2)
    m.hold(2, [t([3])])
    m.use(2)
    m.use(1)
    expect(m.peak()).toBe(8)
    expect(m.largestTape()).toBe(1)
  })

  it('a tensor on two tapes counts once; a dual value counts its primal and its tangent', () => {
    const m = new TapeMemory()
    const shared = t([4])
    m.start(1)
    m.hold(1, [shared])
    m.start(2)
    m.hold(2, [shared, t([4])])
    m.use(2)
    m.use(1)
    expect(m.peak()).toBe(8)
  })
})
