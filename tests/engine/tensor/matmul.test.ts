import { describe, expect, it } from 'vitest'
import { matmulKernel } from '../../../engine/tensor/matmul.ts'
import { Tensor } from '../../../engine/tensor/tensor.ts'

/** op(A)·op(B) by the definition, one sum per entry. */
function naive(A: Tensor, B: Tensor, ta: boolean, tb: boolean): number[] {
  const [ar, ac] = A.shape as [number, number]
  const [br, bc] = B.shape.length === 1 ? [B.shape[0]!, 1] : (B.shape as [number, number])
  const at = (i: number, p: number) => (ta ? A.data[p * ac + i]! : A.data[i * ac + p]!)
  const bt = (p: number, j: number) => (tb ? B.data[j * bc + p]! : B.data[p * bc + j]!)
  const m = ta ? ac : ar
  const k = ta ? ar : ac
  const n = tb ? br : bc
  const out: number[] = []
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0
      for (let p = 0; p < k; p++) s += at(i, p) * bt(p, j)
      out.push(s)
    }
  return out
}

/** Small integers, so that every sum is exact whatever the order of the additions. */
function ints(shape: number[], seed: number, zeros = 0): Tensor {
  const size = shape.reduce((a, b) => a * b, 1)
  const data = new Float64Array(size)
  let s = seed
  for (let i = 0; i < size; i++) {
    s = (s * 1103515245 + 12345) % 2147483648
    data[i] = s % 100 < zeros ? 0 : (s % 17) - 8
  }
  return new Tensor(shape, data)
}

describe('matrix product kernel', () => {
  // Odd and even sizes reach the blocked loop's leftover row and leftover inner terms.
  const sizes: [number, number, number][] = [
    [1, 1, 1],
    [2, 4, 3],
    [3, 5, 2],
    [5, 7, 6],
    [8, 9, 11],
  ]
  for (const [m, k, n] of sizes)
    for (const ta of [false, true])
      for (const tb of [false, true])
        for (const zeros of [0, 80])
          it(`${m}×${k} times ${k}×${n}, ta=${ta}, tb=${tb}, ${zeros}% zeros`, () => {
            const A = ints(ta ? [k, m] : [m, k], m * 31 + k, zeros)
            const B = ints(tb ? [n, k] : [k, n], n * 17 + k, 0)
            const C = matmulKernel(A, B, ta, tb, [m, n])
            expect(Array.from(C.data)).toEqual(naive(A, B, ta, tb))
          })

  it('a matrix times a vector, and transposed', () => {
    const A = ints([5, 3], 7)
    const v = ints([5], 3)
    const w = ints([3], 4)
    expect(Array.from(matmulKernel(A, w, false, false, [5]).data)).toEqual(naive(A, w, false, false))
    expect(Array.from(matmulKernel(A, v, true, false, [3]).data)).toEqual(naive(A, v, true, false))
  })
})
