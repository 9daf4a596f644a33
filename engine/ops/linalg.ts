/**
 * Linear algebra primitives: matrix product, transpose, determinant (with its cofactor matrix, the gradient that
 * holds at singular matrices too), log-determinant and inverse.
 *
 * The matrix product takes transpose flags (C = op(A)·op(B)) so that pullbacks such as Aᵀg run without
 * materialising Aᵀ: reverse mode through A*x costs one extra pass over A, like the hand-written gradient does.
 */
import { batchOf, everyExample, exampleWise } from '../ad/batching.ts'
import { bind } from '../ad/bind.ts'
import { nonFinitePolicy } from '../ad/domain.ts'
import type { Primitive } from '../ad/primitive.ts'
import type { Value } from '../ad/value.ts'
import { concrete } from '../ad/value.ts'
import { DomainError, LimitError, ShapeError } from '../errors.ts'
import { LIMITS, checkElements, chargeWork, fmt } from '../limits.ts'
import type { Shape } from '../tensor/tensor.ts'
import { Tensor, alloc, describeShape, scalar } from '../tensor/tensor.ts'
import { dims, matmulKernel } from '../tensor/matmul.ts'
import { add, mul, neg, sub } from './elementwise.ts'
import { getindex, reshape, stack, sum } from './structure.ts'

// ---------------------------------------------------------------------------------------------
// Matrix product

interface MatmulParams {
  ta: boolean
  tb: boolean
  shape: Shape // the result's shape (vectors act as columns; a row times a column is a scalar)
}

const matmulP: Primitive<MatmulParams> = {
  name: 'matmul',
  impl: ([a, b], { ta, tb, shape }) => {
    // Charged here, not in matmul(): the products inside derivative rules and at every nesting
    // level are bound directly and are real work too.
    const [ar, ac] = dims(a!.shape)
    chargeWork(ar * ac * (tb ? dims(b!.shape)[0] : dims(b!.shape)[1]), 'matrix product')
    return matmulKernel(a!, b!, ta, tb, shape)
  },
  jvp: ([a, b], [da, db], _out, params) => {
    const left = da ? bind(matmulP, [da, b!], params) : null
    const right = db ? bind(matmulP, [a!, db], params) : null
    return left && right ? add(left, right) : (left ?? right)
  },
  vjp: [
    // C = op(A)op(B): d op(A) = G op(B)ᵀ, so dA = G op(B)ᵀ, or its transpose when ta.
    (g, [a, b], _out, { ta, tb }) =>
      ta
        ? matmulRaw(b!, g, tb, true, dims(a!.shape), a!.shape)
        : matmulRaw(g, b!, false, !tb, dims(a!.shape), a!.shape),
    (g, [a, b], _out, { ta, tb }) =>
      tb
        ? matmulRaw(g, a!, true, ta, dims(b!.shape), b!.shape)
        : matmulRaw(a!, g, !ta, false, dims(b!.shape), b!.shape),
  ],
}

/** op(A)·op(B) with its result reshaped to `shape` (m×n are the product's rows and columns). */
function matmulRaw(a: Value, b: Value, ta: boolean, tb: boolean, [m, n]: [number, number], shape: Shape): Value {
  const c = bind(matmulP, [a, b], { ta, tb, shape: [m, n] })
  return reshape(c, shape)
}

/**
 * The matrix product of the notebook's `*`: matrix·matrix, matrix·vector (a vector is a column),
 * vector·row (an outer product), and row·vector, which is a scalar (so x' * y is a number).
 */
export function matmul(a: Value, b: Value, ta = false, tb = false): Value {
  const [ar, ac] = dims(a.shape)
  const [br, bc] = dims(b.shape)
  const m = ta ? ac : ar
  const k = ta ? ar : ac
  const k2 = tb ? bc : br
  const n = tb ? br : bc
  if (a.shape.length > 2 || b.shape.length > 2 || k !== k2) {
    const hint =
      a.shape.length === 1 && b.shape.length === 1
        ? ` (for two vectors use dot(x, y), x' * y, or x .* y elementwise)`
        : ''
    throw new ShapeError(
      `matrix product: a ${describeShape(a.shape)}${ta ? ' (transposed)' : ''} times a ${describeShape(b.shape)}${tb ? ' (transposed)' : ''}: inner dimensions ${k} and ${k2} differ${hint}`,
    )
  }
  const bIsVector = b.shape.length === 1 && !tb
  const shape = bIsVector ? (m === 1 && a.shape.length === 2 && !ta && ar === 1 ? [] : [m]) : [m, n]
  // Checked before the work: an outer product x * x' of a long x, or two big matrices, would
  // exhaust memory or run for minutes.
  checkElements(shape, 'matrix product', 'An outer product of long vectors is rarely needed whole.')
  if (m * k * n > LIMITS.matmul) {
    throw new LimitError(
      `matrix product: a ${m}×${k} times a ${k}×${n} needs ${fmt(m * k * n)} multiply-adds, more than the limit of ${fmt(LIMITS.matmul)}`,
    )
  }
  return bind(matmulP, [a, b], { ta, tb, shape })
}

// ---------------------------------------------------------------------------------------------
// Transpose: a vector becomes a 1×n row; a row transposes back to a vector.

const transposeP: Primitive<Shape> = {
  name: 'transpose',
  impl: ([a], shape) => {
    const [r, c] = dims(a!.shape)
    const out = alloc(r * c)
    const x = a!.data
    for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = x[i * c + j]!
    return new Tensor(shape, out)
  },
  jvp: (_p, [t], _out, shape) => bind(transposeP, [t!], shape),
  vjp: [(g, [a]) => reshape(bind(transposeP, [g], transposedShape(g.shape)), a!.shape)],
}

function transposedShape(s: Shape): Shape {
  if (s.length === 0) return s
  if (s.length === 1) return [1, s[0]!]
  if (s[0] === 1) return [s[1]!]
  return [s[1]!, s[0]!]
}

export function transpose(x: Value): Value {
  if (x.shape.length > 2) throw new ShapeError(`transpose needs a vector or a matrix, got a ${describeShape(x.shape)}`)
  if (x.shape.length === 0) return x
  const shape = transposedShape(x.shape)
  // A vector and a row hold the same numbers in the same order: no copy needed.
  return x.shape.length === 1 || x.shape[0] === 1 ? reshape(x, shape) : bind(transposeP, [x], shape)
}

// ---------------------------------------------------------------------------------------------
// Determinant and inverse, by LU decomposition with partial pivoting

function lu(a: Tensor): { lu: Float64Array; perm: number[]; sign: number; singular: boolean } {
  const n = a.shape[0]!
  chargeWork(n * n * n, 'LU decomposition')
  const m = Float64Array.from(a.data)
  const perm = Array.from({ length: n }, (_, i) => i)
  let sign = 1
  let singular = false
  for (let c = 0; c < n; c++) {
    let p = c
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]!) > Math.abs(m[p * n + c]!)) p = r
    if (m[p * n + c] === 0) {
      singular = true
      continue
    }
    if (p !== c) {
      for (let j = 0; j < n; j++) [m[p * n + j], m[c * n + j]] = [m[c * n + j]!, m[p * n + j]!]
      ;[perm[p], perm[c]] = [perm[c]!, perm[p]!]
      sign = -sign
    }
    for (let r = c + 1; r < n; r++) {
      const f = (m[r * n + c]! /= m[c * n + c]!)
      for (let j = c + 1; j < n; j++) m[r * n + j] -= f * m[c * n + j]!
    }
  }
  return { lu: m, perm, sign, singular }
}

const detP: Primitive<undefined> = {
  name: 'det',
  impl: ([a]) => {
    const n = a!.shape[0]!
    const { lu: m, sign, singular } = lu(a!)
    let d = singular ? 0 : sign
    for (let i = 0; i < n && d !== 0; i++) d *= m[i * n + i]!
    return new Tensor([], Float64Array.of(d))
  },
  // d det(A) = sum(C .* dA) with C the cofactor matrix, adj(A)ᵀ: defined at every A.
  jvp: ([a], [t]) => sum(mul(cofactors(a!), t!)),
  vjp: [(g, [a]) => mul(g, cofactors(a!))],
}

/**
 * The cofactor matrix C = adj(A)ᵀ = ∂det/∂A. It exists at every A, singular or not: entry (i, j)
 * is (-1)^(i+j) det(A without row i and column j). The usual det(A)·A⁻ᵀ fails where A is
 * singular (A⁻¹ does not exist though C does), so C is built from A's entries: for n ≤ 3 by
 * its closed form (products of entries, gathered all at once), beyond that from the minors as
 * determinants where A's LU has a tiny pivot. Both are differentiable again (second order takes
 * the minors' own cofactors). A larger well-conditioned A takes det(A)·A⁻ᵀ: n³ work, not n⁵.
 */
function cofactors(a: Value): Value {
  const n = a.shape[0]!
  if (n === 1) return new Tensor([1, 1], Float64Array.of(1))
  const flat = reshape(a, [n * n])
  const gather = (idx: number[]) => getindex(flat, [idx])
  if (n === 2) return reshape(mul(gather([3, 2, 1, 0]), new Tensor([4], Float64Array.of(1, -1, -1, 1))), [2, 2])
  if (n === 3) {
    // Cᵢⱼ = a[i+1][j+1]·a[i+2][j+2] - a[i+1][j+2]·a[i+2][j+1], indices mod 3 (the signs come out).
    const at = (di: number, dj: number) =>
      gather(Array.from({ length: 9 }, (_, k) => ((Math.floor(k / 3) + di) % 3) * 3 + (((k % 3) + dj) % 3)))
    return reshape(sub(mul(at(1, 1), at(2, 2)), mul(at(1, 2), at(2, 1))), [3, 3])
  }
  // Under vmap, every example must be: one ill-conditioned example takes the minors for all.
  if (everyExample(a, wellConditioned)) return mul(det(a), inverseTranspose(a))
  const others = (k: number) => Array.from({ length: n - 1 }, (_, i) => (i < k ? i : i + 1))
  const entries: Value[] = []
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const minor = det(getindex(a, [others(i), others(j)]))
      entries.push((i + j) % 2 === 0 ? minor : neg(minor))
    }
  return reshape(stack(entries), [n, n])
}

/** No pivot of A's LU below √ε times the largest: det(A)·A⁻ᵀ keeps most of its digits. */
function wellConditioned(a: Tensor): boolean {
  const n = a.shape[0]!
  const { lu: m, singular } = lu(a)
  if (singular) return false
  const pivots = Array.from({ length: n }, (_, i) => Math.abs(m[i * n + i]!))
  return Math.min(...pivots) > Math.sqrt(Number.EPSILON) * Math.max(...pivots)
}

const invP: Primitive<undefined> = {
  name: 'inv',
  impl: ([a]) => {
    const n = a!.shape[0]!
    const { lu: m, perm, singular } = lu(a!)
    if (singular)
      throw new DomainError(
        `inv: the ${describeShape(a!.shape)} is singular (its determinant is 0), so it has no inverse`,
      )
    const out = new Float64Array(n * n)
    for (let col = 0; col < n; col++) {
      // Solve L U x = P e_col by substitution.
      const x = new Float64Array(n)
      for (let i = 0; i < n; i++) {
        let s = perm[i] === col ? 1 : 0
        for (let j = 0; j < i; j++) s -= m[i * n + j]! * x[j]!
        x[i] = s
      }
      for (let i = n - 1; i >= 0; i--) {
        let s = x[i]!
        for (let j = i + 1; j < n; j++) s -= m[i * n + j]! * x[j]!
        x[i] = s / m[i * n + i]!
      }
      for (let i = 0; i < n; i++) out[i * n + col] = x[i]!
    }
    return new Tensor([n, n], out)
  },
  // d(A⁻¹) = -A⁻¹ dA A⁻¹; its pullback is -A⁻ᵀ G A⁻ᵀ.
  jvp: (_p, [t], out) => neg(matmul(matmul(out, t!), out)),
  vjp: [(g, _p, out) => neg(matmul(matmul(out, g, true), out, false, true))],
}

/** log|det(A)| from the LU pivots, so that it neither overflows nor underflows where det(A) would. */
const logabsdetP: Primitive<undefined> = {
  name: 'logabsdet',
  impl: ([a]) => {
    const n = a!.shape[0]!
    const { lu: m, singular } = lu(a!)
    let s = 0
    for (let i = 0; i < n && !singular; i++) s += Math.log(Math.abs(m[i * n + i]!))
    return new Tensor([], Float64Array.of(singular ? -Infinity : s))
  },
  // d log|det A| = tr(A⁻¹ dA) = sum(A⁻ᵀ .* dA)
  jvp: ([a], [t]) => sum(mul(inverseTranspose(a!), t!)),
  vjp: [(g, [a]) => mul(g, inverseTranspose(a!))],
  domain: ([a]) =>
    `the ${describeShape(a!.shape)} is singular (its determinant is 0), and log(0) is -Infinity: a log-determinant needs a determinant that is not 0`,
}

/** The sign of det(A): ±1, or 0 for a singular A. */
function detSign(a: Tensor): number {
  const n = a.shape[0]!
  const { lu: m, sign, singular } = lu(a)
  let s = sign
  for (let i = 0; i < n; i++) if (m[i * n + i]! < 0) s = -s
  return singular ? 0 : s
}

/**
 * Julia's logabsdet: log|det(A)| and the sign of det(A), from the LU factors, so that a determinant beyond
 * float64 (0.1·I of size 400 has det 1e-400) still has its logarithm. The gradient of log|det(A)| is A⁻ᵀ; the
 * sign is a constant (under vmap, one per example).
 */
export function logabsdet(x: Value): { value: Value; sign: Value } {
  const a = x.shape.length === 0 ? reshape(x, [1, 1]) : x
  square('logabsdet', a)
  return { value: bind(logabsdetP, [a], undefined), sign: exampleWise(a, (m) => scalar(detSign(m))) }
}

/**
 * Julia's logdet: log(det(A)) if det(A) > 0, -Inf in a Julia or Python cell where det(A) = 0, else a message
 * naming logabsdet (and the example, under vmap).
 */
export function logdet(x: Value): Value {
  const a = x.shape.length === 0 ? reshape(x, [1, 1]) : x
  square('logdet', a)
  const signs = concrete(exampleWise(a, (m) => scalar(detSign(m)))).data
  const e = signs.findIndex((s) => !(s > 0))
  // Julia's logdet of a singular matrix is log(0) = -Inf (its LU's logabsdet, plus log of the sign 0); a
  // negative determinant is its DomainError. Outside Julia's cells (ad/domain.ts), both stay errors.
  const singularOnly = nonFinitePolicy() !== 'error' && signs.every((s) => s >= 0)
  if (e < 0 || singularOnly) return bind(logabsdetP, [a], undefined)
  const [n, sign] = [a.shape[0]!, signs[e]!]
  const d = concrete(det(new Tensor([n, n], concrete(a).data.subarray(e * n * n, (e + 1) * n * n)))).item()
  throw new DomainError(
    `logdet: the determinant${batchOf(a) === undefined ? '' : ` in example ${e + 1} of the batch`} is ${d}${sign === 0 ? ' (the matrix is singular)' : ''}, and logdet needs a positive determinant (the logarithm of ${sign === 0 ? '0 is -Infinity' : 'a negative number is not real'}); logabsdet(A) gives log|det(A)| and the sign of det(A)`,
  )
}

/** A⁻ᵀ with A's shape: transpose alone would turn a 1×1 matrix (a row) into a 1-vector. */
function inverseTranspose(a: Value): Value {
  return reshape(transpose(inv(a)), a.shape)
}

function square(op: string, x: Value): void {
  if (x.shape.length !== 2 || x.shape[0] !== x.shape[1]) {
    throw new ShapeError(`${op} needs a square matrix, got a ${describeShape(x.shape)}`)
  }
  // LU decomposition costs about n³ multiply-adds: refuse before starting what cannot finish.
  const n = x.shape[0]!
  if (n * n * n > LIMITS.matmul) {
    throw new LimitError(
      `${op} of a ${describeShape(x.shape)} needs about ${fmt(n * n * n)} multiply-adds, more than the limit of ${fmt(LIMITS.matmul)}`,
    )
  }
}

export function det(x: Value): Value {
  if (x.shape.length === 0) return x
  square('det', x)
  return bind(detP, [x], undefined)
}

export function inv(x: Value): Value {
  square('inv', x)
  return bind(invP, [x], undefined)
}
