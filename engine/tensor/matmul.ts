/**
 * The matrix product's kernel, C = op(A)·op(B) on row-major float64 arrays, with transpose flags
 * so that pullbacks such as Aᵀg run without materialising Aᵀ (ops/linalg.ts binds it).
 *
 * A product of two dense matrices runs in blocks of two rows of C by four terms of the inner
 * sum: each number read from B then serves eight multiply-adds and each row of C is written once
 * per four terms, instead of one read and one write per multiply-add. That halves to quarters the
 * time of the n×n·n×n products a batched Hessian makes (a tangent lane per column). A left factor
 * that is mostly zeros (a block of basis vectors, as jacfwd's chunks are) keeps the loop that
 * skips its zeros, so such a product costs its nonzeros only.
 */
import type { Shape } from './tensor.ts'
import { Tensor, alloc } from './tensor.ts'

/** Rows and columns of a value seen as a matrix: a scalar is 1×1, a vector a column. */
export function dims(s: Shape): [number, number] {
  return s.length === 0 ? [1, 1] : s.length === 1 ? [s[0]!, 1] : [s[0]!, s[1]!]
}

export function matmulKernel(a: Tensor, b: Tensor, ta: boolean, tb: boolean, shape: Shape): Tensor {
  const [ar, ac] = dims(a.shape)
  const [br, bc] = dims(b.shape)
  const m = ta ? ac : ar
  const k = ta ? ar : ac
  const n = tb ? br : bc
  const A = a.data
  const B = b.data
  const C = alloc(m * n)
  // op(A)[i, p] is A[i·ri + p·rp].
  const ri = ta ? 1 : k
  const rp = ta ? m : 1
  if (!tb && n === 1) {
    if (ta) transposedTimesVector(A, B, C, m, k)
    else matrixTimesVector(A, B, C, m, k)
  } else if (!tb) {
    // C[i, :] += op(A)[i, p]·B[p, :].
    const product: Product = { A, B, C, m, k, n, ri, rp }
    if (mostlyZeros(A)) sparseRowsTimes(product)
    else blockedRowsTimes(product)
  } else if (!ta) {
    // A·Bᵀ: dot products of rows of A with rows of B. (Unit strides through both: a loop with
    // op(A)'s strides, serving Aᵀ·Bᵀ too, measured 10% slower here, 2026-12-08.)
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let s = 0
        for (let p = 0; p < k; p++) s += A[i * k + p]! * B[j * k + p]!
        C[i * n + j] = s
      }
  } else {
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let s = 0
        for (let p = 0; p < k; p++) s += A[p * m + i]! * B[j * k + p]!
        C[i * n + j] = s
      }
  }
  return new Tensor(shape, C)
}

/** C (m×n) += op(A) (m×k) · B (k×n), op(A)[i, p] being A[i·ri + p·rp]. */
interface Product {
  A: Float64Array
  B: Float64Array
  C: Float64Array
  m: number
  k: number
  n: number
  ri: number
  rp: number
}

/** A·v: one dot product per row, with two accumulators so that the CPU overlaps the additions. */
function matrixTimesVector(A: Float64Array, v: Float64Array, C: Float64Array, m: number, k: number): void {
  for (let i = 0; i < m; i++) {
    let s0 = 0
    let s1 = 0
    const row = i * k
    let p = 0
    for (; p + 1 < k; p += 2) {
      s0 += A[row + p]! * v[p]!
      s1 += A[row + p + 1]! * v[p + 1]!
    }
    if (p < k) s0 += A[row + p]! * v[p]!
    C[i] = s0 + s1
  }
}

/** Aᵀ·v (every reverse pass through A*x): walk A row by row, C += A[p, :]·v[p]. */
function transposedTimesVector(A: Float64Array, v: Float64Array, C: Float64Array, m: number, k: number): void {
  for (let p = 0; p < k; p++) {
    const c = v[p]!
    if (c === 0) continue
    const row = p * m
    for (let i = 0; i < m; i++) C[i] += A[row + i]! * c
  }
}

/** More than half of the entries are zero (checked in one pass over A, a fraction of the product's work). */
function mostlyZeros(A: Float64Array): boolean {
  let zeros = 0
  for (let i = 0; i < A.length; i++) if (A[i] === 0) zeros++
  return 2 * zeros > A.length
}

/** The rows of C from `from` on, skipping zeros of op(A). */
function sparseRowsTimes({ A, B, C, m, k, n, ri, rp }: Product, from = 0): void {
  for (let i = from; i < m; i++)
    for (let p = 0; p < k; p++) {
      const a = A[i * ri + p * rp]!
      if (a === 0) continue
      const crow = i * n
      const brow = p * n
      for (let j = 0; j < n; j++) C[crow + j] += a * B[brow + j]!
    }
}

function blockedRowsTimes(product: Product): void {
  const { A, B, C, m, k, n, ri, rp } = product
  let i = 0
  for (; i + 1 < m; i += 2) {
    const c0 = i * n
    const c1 = c0 + n
    const r0 = i * ri
    const r1 = r0 + ri
    let p = 0
    for (; p + 3 < k; p += 4) {
      const q = p * rp
      const a00 = A[r0 + q]!
      const a01 = A[r0 + q + rp]!
      const a02 = A[r0 + q + 2 * rp]!
      const a03 = A[r0 + q + 3 * rp]!
      const a10 = A[r1 + q]!
      const a11 = A[r1 + q + rp]!
      const a12 = A[r1 + q + 2 * rp]!
      const a13 = A[r1 + q + 3 * rp]!
      const b0 = p * n
      const b1 = b0 + n
      const b2 = b1 + n
      const b3 = b2 + n
      for (let j = 0; j < n; j++) {
        const x0 = B[b0 + j]!
        const x1 = B[b1 + j]!
        const x2 = B[b2 + j]!
        const x3 = B[b3 + j]!
        C[c0 + j] += a00 * x0 + a01 * x1 + a02 * x2 + a03 * x3
        C[c1 + j] += a10 * x0 + a11 * x1 + a12 * x2 + a13 * x3
      }
    }
    for (; p < k; p++) {
      const a0 = A[r0 + p * rp]!
      const a1 = A[r1 + p * rp]!
      const b = p * n
      for (let j = 0; j < n; j++) {
        const x = B[b + j]!
        C[c0 + j] += a0 * x
        C[c1 + j] += a1 * x
      }
    }
  }
  // An odd last row of C.
  if (i < m) sparseRowsTimes(product, i)
}
