/**
 * Running Julia cells in tests: each case is a cell as a learner types it, run by the Julia
 * front-end and the interpreter in one notebook scope, and its value as plain data (numbers,
 * nested arrays for vectors and matrices, true/false) or its error message.
 */
import { expect } from 'vitest'
import '../../../../engine/standard.ts'
import { toJson } from '../../../../engine/language/format.ts'
import { Scope } from '../../../../engine/language/interpreter.ts'
import type { LangValue } from '../../../../engine/language/values.ts'
import { runCell } from '../../../../engine/notebook/run.ts'

export { Scope }

/** The cell's value (as the notebook holds it); fails the test with the message if it errs. */
export function juliaValue(source: string, scope = new Scope()): LangValue {
  const r = runCell(source, scope, 'julia')
  if (!r.ok) expect.fail(`the cell failed: ${r.error}\n${source}`)
  return r.value
}

/** The cell's value as plain data. */
export function julia(source: string, scope = new Scope()): unknown {
  return toJson(juliaValue(source, scope))
}

/** The cell's error message; fails the test if it runs. */
export function juliaError(source: string, scope = new Scope()): string {
  const r = runCell(source, scope, 'julia')
  if (r.ok) expect.fail(`the cell was expected to fail:\n${source}`)
  return r.error
}

/** Nested arrays of numbers compared entry by entry within tol·(1 + |expected|). */
export function expectNear(actual: unknown, expected: unknown, tol = 1e-6): void {
  if (typeof expected === 'number') {
    expect(typeof actual, `expected a number, got ${JSON.stringify(actual)}`).toBe('number')
    expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(tol * (1 + Math.abs(expected)))
    return
  }
  expect(Array.isArray(actual), `expected an array, got ${JSON.stringify(actual)}`).toBe(true)
  const a = actual as unknown[]
  const e = expected as unknown[]
  expect(a.length).toBe(e.length)
  a.forEach((x, i) => expectNear(x, e[i], tol))
}

/** Central differences of a plain function of a vector: its gradient. */
export function fdGradient(f: (x: number[]) => number, x: number[], h = 1e-6): number[] {
  return x.map((_, i) => {
    const plus = [...x]
    const minus = [...x]
    plus[i]! += h
    minus[i]! -= h
    return (f(plus) - f(minus)) / (2 * h)
  })
}

/** Central differences of a plain function of a vector with vector values: its Jacobian (rows are outputs). */
export function fdJacobian(f: (x: number[]) => number[], x: number[], h = 1e-6): number[][] {
  const columns = x.map((_, i) => {
    const plus = [...x]
    const minus = [...x]
    plus[i]! += h
    minus[i]! -= h
    const a = f(plus)
    const b = f(minus)
    return a.map((v, k) => (v - b[k]!) / (2 * h))
  })
  return f(x).map((_, k) => columns.map((c) => c[k]!))
}
