/**
 * The three benchmark problems, each in two versions: written with the engine's operations
 * (what the notebook runs), and written by hand with Float64Array loops (what an expert would
 * write: the function value, the gradient, and for checking only the Hessian).
 *
 * The hand-written code keeps its scratch vectors between calls, as an expert would, and
 * returns a fresh array per call, as the engine does.
 */
import type { Value } from '../../engine/index.ts'
import { Tensor, abs2, add, getindex, matmul, mul, pow, range, sub, sum, tanh } from '../../engine/index.ts'
import { rng, uniform } from './timing.ts'

export type ProblemId = 'quadratic' | 'tanh-layer' | 'rosenbrock'

export interface ProblemData {
  n: number
  /** The n×n matrix of the first two problems (row-major), absent for Rosenbrock. */
  matrix: Float64Array | null
  /** The point x at which everything is evaluated. */
  x: Float64Array
  /** A direction v for Hessian-vector products. */
  v: Float64Array
}

export interface HandWritten {
  f: (x: Float64Array) => number
  gradient: (x: Float64Array) => Float64Array
  /** The dense n×n Hessian, row-major: used only to check the engine's hvp and hessians. */
  hessian: (x: Float64Array) => Float64Array
}

export interface Problem {
  id: ProblemId
  /** The formula, as the issue writes it. */
  formula: string
  data: (n: number) => ProblemData
  /** f written with engine operations; the matrix is a constant captured by the closure. */
  engine: (d: ProblemData) => (x: Value) => Value
  hand: (d: ProblemData) => HandWritten
}

function makeData(n: number, seed: number, withMatrix: boolean, xlo: number, xhi: number): ProblemData {
  const next = rng(seed * 1000 + n)
  // Entries of size about 1/sqrt(n) keep W*x of order one, so tanh does not saturate.
  const s = Math.sqrt(3 / n)
  const matrix = withMatrix ? uniform(next, n * n, -s, s) : null
  return { n, matrix, x: uniform(next, n, xlo, xhi), v: uniform(next, n, -1, 1) }
}

// ---------------------------------------------------------------------------------------------
// f(x) = sum(abs2, A*x): gradient 2Aᵀ(Ax), Hessian 2AᵀA

const quadratic: Problem = {
  id: 'quadratic',
  formula: 'sum(abs2, A*x)',
  data: (n) => makeData(n, 1, true, -1, 1),
  engine: (d) => {
    const A = new Tensor([d.n, d.n], d.matrix!)
    return (x) => sum(abs2(matmul(A, x)))
  },
  hand: (d) => {
    const n = d.n
    const A = d.matrix!
    const y = new Float64Array(n)
    return {
      f: (x) => quadraticF(A, n, x, y),
      gradient: (x) => quadraticGradient(A, n, x, y),
      hessian: () => gramHessian(A, n, null),
    }
  },
}

// The kernels take everything as parameters, so that V8 keeps them in registers: loops over
// variables captured by a closure reload them from the closure's context on every iteration.

/** y = A x */
function matvec(A: Float64Array, n: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = 0
    const row = i * n
    for (let j = 0; j < n; j++) s += A[row + j]! * x[j]!
    y[i] = s
  }
}

function quadraticF(A: Float64Array, n: number, x: Float64Array, y: Float64Array): number {
  matvec(A, n, x, y)
  let s = 0
  for (let i = 0; i < n; i++) s += y[i]! * y[i]!
  return s
}

function quadraticGradient(A: Float64Array, n: number, x: Float64Array, y: Float64Array): Float64Array {
  matvec(A, n, x, y)
  const g = new Float64Array(n)
  // g = 2 Aᵀ y, walking A row by row.
  for (let i = 0; i < n; i++) {
    const c = 2 * y[i]!
    const row = i * n
    for (let j = 0; j < n; j++) g[j] += c * A[row + j]!
  }
  return g
}

/** Aᵀ diag(w) A, with w = 2 when absent: the Hessians of the first two problems. */
function gramHessian(A: Float64Array, n: number, w: Float64Array | null): Float64Array {
  const H = new Float64Array(n * n)
  for (let k = 0; k < n; k++) {
    const wk = w === null ? 2 : w[k]!
    for (let i = 0; i < n; i++) {
      const a = wk * A[k * n + i]!
      for (let j = 0; j < n; j++) H[i * n + j] += a * A[k * n + j]!
    }
  }
  return H
}

// ---------------------------------------------------------------------------------------------
// f(x) = sum(tanh(W*x).^2): with t = tanh(Wx), gradient Wᵀ(2t(1-t²)), Hessian Wᵀ diag(2(1-t²)(1-3t²)) W

const tanhLayer: Problem = {
  id: 'tanh-layer',
  formula: 'sum(tanh(W*x).^2)',
  data: (n) => makeData(n, 2, true, -1, 1),
  engine: (d) => {
    const W = new Tensor([d.n, d.n], d.matrix!)
    return (x) => sum(pow(tanh(matmul(W, x)), 2))
  },
  hand: (d) => {
    const n = d.n
    const W = d.matrix!
    const t = new Float64Array(n)
    return {
      f: (x) => tanhF(W, n, x, t),
      gradient: (x) => tanhGradient(W, n, x, t),
      hessian: (x) => {
        tanhForward(W, n, x, t)
        const w = new Float64Array(n)
        for (let k = 0; k < n; k++) w[k] = 2 * (1 - t[k]! * t[k]!) * (1 - 3 * t[k]! * t[k]!)
        return gramHessian(W, n, w)
      },
    }
  },
}

/** t = tanh(W x) */
function tanhForward(W: Float64Array, n: number, x: Float64Array, t: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = 0
    const row = i * n
    for (let j = 0; j < n; j++) s += W[row + j]! * x[j]!
    t[i] = Math.tanh(s)
  }
}

function tanhF(W: Float64Array, n: number, x: Float64Array, t: Float64Array): number {
  tanhForward(W, n, x, t)
  let s = 0
  for (let i = 0; i < n; i++) s += t[i]! * t[i]!
  return s
}

function tanhGradient(W: Float64Array, n: number, x: Float64Array, t: Float64Array): Float64Array {
  tanhForward(W, n, x, t)
  const g = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const ti = t[i]!
    const c = 2 * ti * (1 - ti * ti)
    const row = i * n
    for (let j = 0; j < n; j++) g[j] += c * W[row + j]!
  }
  return g
}

// ---------------------------------------------------------------------------------------------
// Rosenbrock: sum(100*(x[2:n]-x[1:n-1].^2).^2 + (1-x[1:n-1]).^2)

const rosenbrock: Problem = {
  id: 'rosenbrock',
  formula: 'sum(100*(x[2:n]-x[1:n-1].^2).^2 + (1-x[1:n-1]).^2)',
  data: (n) => makeData(n, 3, false, -1.2, 1.2),
  engine: (d) => {
    // x[2:n] and x[1:n-1] in the notebook's 1-based syntax: 0-based ranges here.
    const tail = range(1, d.n)
    const head = range(0, d.n - 1)
    return (x) => {
      const x2 = getindex(x, [tail])
      const x1 = getindex(x, [head])
      return sum(add(mul(100, pow(sub(x2, pow(x1, 2)), 2)), pow(sub(1, x1), 2)))
    }
  },
  hand: (d) => {
    const n = d.n
    return {
      f: (x) => rosenbrockF(n, x),
      gradient: (x) => rosenbrockGradient(n, x),
      hessian: (x) => {
        const H = new Float64Array(n * n)
        for (let i = 0; i < n - 1; i++) {
          const xi = x[i]!
          H[i * n + i] += 1200 * xi * xi - 400 * x[i + 1]! + 2
          H[(i + 1) * n + i + 1] += 200
          H[i * n + i + 1] += -400 * xi
          H[(i + 1) * n + i] += -400 * xi
        }
        return H
      },
    }
  },
}

function rosenbrockF(n: number, x: Float64Array): number {
  let s = 0
  for (let i = 0; i < n - 1; i++) {
    const a = x[i + 1]! - x[i]! * x[i]!
    const b = 1 - x[i]!
    s += 100 * a * a + b * b
  }
  return s
}

function rosenbrockGradient(n: number, x: Float64Array): Float64Array {
  const g = new Float64Array(n)
  for (let i = 0; i < n - 1; i++) {
    const xi = x[i]!
    const a = x[i + 1]! - xi * xi
    g[i] += -400 * xi * a - 2 * (1 - xi)
    g[i + 1] += 200 * a
  }
  return g
}

export const PROBLEMS: readonly Problem[] = [quadratic, tanhLayer, rosenbrock]

/** H·v from a dense row-major Hessian. */
export function matVec(H: Float64Array, v: Float64Array): Float64Array {
  const n = v.length
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    let s = 0
    for (let j = 0; j < n; j++) s += H[i * n + j]! * v[j]!
    out[i] = s
  }
  return out
}
