/**
 * Test helpers that speak the domain: independent oracles (central finite differences, plain
 * inner products), a closeness check on tensors and nested arrays, and fast-check arbitraries
 * for tensors of a given shape in ranges where every function under test is smooth.
 *
 * The oracles never use the engine's derivative machinery: a finite-difference Jacobian only
 * evaluates f on plain tensors, so a wrong jvp or vjp rule cannot hide behind itself.
 */
import fc from 'fast-check'
import { expect } from 'vitest'
import type { Nested, Shape, Value } from '../../engine/index.ts'
import {
  Tensor,
  basis,
  concrete,
  describeShape,
  fromNested,
  gradient,
  hessian,
  HESSIAN_METHODS,
  isValue,
  jacfwd,
  jacrev,
  jvp,
  sizeOf,
  toNested,
  vjp,
} from '../../engine/index.ts'

export type Fn = (x: Value) => Value

/** Every property runs from a fixed seed, a bounded number of times: failures reproduce. */
export const RUNS = { seed: 42, numRuns: 50 } as const
/** For properties whose each run is costly (Hessians, nested transforms). */
export const FEW_RUNS = { seed: 42, numRuns: 15 } as const

// ---------------------------------------------------------------------------------------------
// Tensors from and to plain numbers

export function t(x: Nested): Tensor {
  return fromNested(x)
}

function asTensor(x: Value | Nested): Tensor {
  return isValue(x) ? concrete(x) : fromNested(x)
}

/** f at a plain tensor, as a plain tensor (no boxes are involved). */
export function evalAt(f: Fn, x: Tensor): Tensor {
  return concrete(f(x))
}

/** x + s·d, elementwise, on plain tensors. */
export function axpy(x: Tensor, s: number, d: Tensor): Tensor {
  const out = Float64Array.from(x.data)
  for (let i = 0; i < out.length; i++) out[i] += s * d.data[i]!
  return new Tensor(x.shape, out)
}

/** The inner product <a, b> = sum of a_i b_i over all elements, in plain arithmetic. */
export function inner(a: Value, b: Value): number {
  const x = concrete(a).data
  const y = concrete(b).data
  expect(x.length, 'inner product of tensors of different sizes').toBe(y.length)
  let s = 0
  for (let i = 0; i < x.length; i++) s += x[i]! * y[i]!
  return s
}

/** The plain matrix product of nested arrays, for closed forms computed outside the engine. */
export function matmulPlain(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0]!.map((_, j) => row.reduce((s, aik, k) => s + aik * b[k]![j]!, 0)))
}

export function transposePlain(a: number[][]): number[][] {
  return a[0]!.map((_, j) => a.map((row) => row[j]!))
}

// ---------------------------------------------------------------------------------------------
// Finite differences: the oracle for every first-order rule

const H = 1e-5

/** (f(x + h v) - f(x - h v)) / 2h: the directional derivative J·v by central differences. */
export function fdJvp(f: Fn, x: Tensor, v: Tensor, h = H): Tensor {
  const plus = evalAt(f, axpy(x, h, v))
  const minus = evalAt(f, axpy(x, -h, v))
  const out = new Float64Array(plus.size)
  for (let i = 0; i < out.length; i++) out[i] = (plus.data[i]! - minus.data[i]!) / (2 * h)
  return new Tensor(plus.shape, out)
}

/**
 * The Jacobian of f at x by central differences, shaped [...f(x).shape, ...x.shape] like the
 * engine's jacobian: entry (i, j) is how output i moves per unit of input j.
 */
export function fdJacobian(f: Fn, x: Tensor, h = H): Tensor {
  const n = x.size
  const outShape = evalAt(f, x).shape
  const m = sizeOf(outShape)
  const data = new Float64Array(m * n)
  for (let j = 0; j < n; j++) {
    const step = h * Math.max(1, Math.abs(x.data[j]!))
    const col = fdJvp(f, x, basis(x.shape, j), step)
    for (let i = 0; i < m; i++) data[i * n + j] = col.data[i]!
  }
  return new Tensor([...outShape, ...x.shape], data)
}

/** Jᵀu from the finite-difference Jacobian: what a pullback of u must give. */
export function fdVjp(f: Fn, x: Tensor, u: Tensor): Tensor {
  const J = fdJacobian(f, x)
  const n = x.size
  const out = new Float64Array(n)
  for (let i = 0; i < u.size; i++) for (let j = 0; j < n; j++) out[j] += u.data[i]! * J.data[i * n + j]!
  return new Tensor(x.shape, out)
}

// ---------------------------------------------------------------------------------------------
// Closeness

/**
 * Asserts equal shapes and |actual - expected| <= tol·(1 + |expected|) elementwise. Either side
 * may be an engine value or nested arrays ([[1, 2], [3, 4]] is a 2×2 matrix, 5 a scalar).
 */
export function expectClose(actual: Value | Nested, expected: Value | Nested, tol = 1e-6, what = ''): void {
  const a = asTensor(actual)
  const e = asTensor(expected)
  const label = what ? `${what}: ` : ''
  if (a.shape.length !== e.shape.length || a.shape.some((d, i) => d !== e.shape[i])) {
    expect.fail(`${label}expected a ${describeShape(e.shape)}, got a ${describeShape(a.shape)}`)
  }
  let worst = -1
  let worstErr = 0
  for (let i = 0; i < a.size; i++) {
    const err = Math.abs(a.data[i]! - e.data[i]!) / (1 + Math.abs(e.data[i]!))
    if (!(err <= tol) && (worst < 0 || !(err <= worstErr))) {
      worst = i
      worstErr = err
    }
  }
  if (worst >= 0) {
    expect.fail(
      `${label}element ${worst} is ${a.data[worst]}, expected ${e.data[worst]} (tolerance ${tol})\n` +
        `actual:   ${JSON.stringify(toNested(a))}\nexpected: ${JSON.stringify(toNested(e))}`,
    )
  }
}

/** Exact equality of an engine value with nested arrays: for results that must come out exact. */
export function expectExact(actual: Value, expected: Nested): void {
  expect(toNested(concrete(actual))).toEqual(expected)
}

// ---------------------------------------------------------------------------------------------
// Checks built from the oracles

/**
 * The forward rules (jacfwd: one pushforward per input basis vector) and the reverse rules
 * (jacrev: one pullback per output basis vector) both reproduce the finite-difference Jacobian.
 */
export function expectRulesMatchFD(f: Fn, x: Tensor, tol = 1e-6): void {
  const J = fdJacobian(f, x)
  expectClose(jacfwd(f, x), J, tol, 'forward rule (jacfwd) vs finite differences')
  expectClose(jacrev(f, x), J, tol, 'reverse rule (jacrev) vs finite differences')
}

/** jvp along v and vjp of u agree with central differences. */
export function expectDirectionalMatchFD(f: Fn, x: Tensor, v: Tensor, u: Tensor, tol = 1e-6): void {
  expectClose(jvp(f, x, v), fdJvp(f, x, v), tol, 'jvp vs finite differences')
  expectClose(vjp(f, x, u), fdVjp(f, x, u), tol, 'vjp vs finite differences')
}

/** The dot-product test: <u, J v> = <Jᵀ u, v>, with J v from jvp and Jᵀ u from vjp. */
export function expectAdjoint(f: Fn, x: Tensor, u: Tensor, v: Tensor, tol = 1e-9): void {
  const left = inner(u, jvp(f, x, v))
  const right = inner(vjp(f, x, u), v)
  expect(Math.abs(left - right)).toBeLessThanOrEqual(tol * (1 + Math.abs(left)))
}

/**
 * Second order through the rules of the rules: every Hessian method reproduces the
 * finite-difference Jacobian of the gradient. (The gradient is differenced as a plain function
 * of x; its own correctness is what the first-order checks establish.)
 */
export function expectHessianMatchesFD(f: Fn, x: Tensor, tol = 1e-5): void {
  const H2 = fdJacobian((y) => gradient(f, y), x)
  for (const method of HESSIAN_METHODS) expectClose(hessian(f, x, method), H2, tol, method)
}

// ---------------------------------------------------------------------------------------------
// fast-check arbitraries

export interface Range {
  min: number
  max: number
}

export const SAFE: Range = { min: -2, max: 2 }

export function num({ min, max }: Range = SAFE): fc.Arbitrary<number> {
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true })
}

/** Numbers with min <= |x| <= max and either sign: away from 0, for 1/x, abs, log|x|... */
export function awayFromZero({ min, max }: Range): fc.Arbitrary<number> {
  return fc.tuple(num({ min, max }), fc.boolean()).map(([m, negative]) => (negative ? -m : m))
}

/** A tensor of the given shape whose elements come from elem. */
export function tensorOf(shape: Shape, elem: fc.Arbitrary<number> = num()): fc.Arbitrary<Tensor> {
  const n = sizeOf(shape)
  return fc.array(elem, { minLength: n, maxLength: n }).map((xs) => new Tensor(shape, Float64Array.from(xs)))
}

export function vectorOf(n: number, range: Range = SAFE): fc.Arbitrary<Tensor> {
  return tensorOf([n], num(range))
}

export function matrixOf(m: number, n: number, range: Range = SAFE): fc.Arbitrary<Tensor> {
  return tensorOf([m, n], num(range))
}

/** A dimension for randomly shaped tests: small, so each run is cheap. */
export const dim = fc.integer({ min: 1, max: 4 })

/** An n×n matrix comfortably far from singular: entries in [-1, 1] plus (n + 1)·I. */
export function wellConditioned(n: number): fc.Arbitrary<Tensor> {
  return fc.tuple(matrixOf(n, n, { min: -1, max: 1 }), fc.boolean()).map(([m, flip]) => {
    const d = Float64Array.from(m.data)
    for (let i = 0; i < n; i++) d[i * n + i] += (flip && i === 0 ? -1 : 1) * (n + 1)
    return new Tensor([n, n], d)
  })
}
