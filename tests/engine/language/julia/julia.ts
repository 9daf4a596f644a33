/**
 * Running Julia cells in tests: a session whose cells share one scope, as in a notebook, the
 * thread's seed (A = reshape(0:8, 3, 3) .% 4, x1, f) as a prelude, and closeness on JSON values
 * (tuples included) so that each case states its expected value as plain data.
 */
import { expect } from 'vitest'
import type { Json, LangFunction, LangValue } from '../../../../engine/standard.ts'
import { Scope, runCell, toJson } from '../../../../engine/standard.ts'

export const SEED = "A = reshape(0:8, 3, 3) .% 4\nx1 = collect(0:2)\nf(x) = sum(abs2, A*x)\nH = 2*A'*A"

export interface JuliaSession {
  scope: Scope
  value(source: string): LangValue
  run(source: string): Json
  error(source: string): string
  fn(name: string): LangFunction
}

export function julia(prelude = SEED): JuliaSession {
  const scope = new Scope()
  const value = (source: string): LangValue => {
    const r = runCell(source, scope, 'julia')
    if (!r.ok) expect.fail(`the Julia cell failed: ${r.error}\n--- source ---\n${source}`)
    return r.value
  }
  if (prelude) value(prelude)
  return {
    scope,
    value,
    run: (source) => toJson(value(source)),
    error(source) {
      const r = runCell(source, scope, 'julia')
      if (r.ok)
        expect.fail(`the Julia cell was expected to fail, but gave ${JSON.stringify(toJson(r.value))}\n${source}`)
      return r.error
    },
    fn(name) {
      const f = scope.lookup(name)
      if (typeof f !== 'object' || f === null || (f as LangFunction).kind !== 'function')
        expect.fail(`${name} is not a function`)
      return f as LangFunction
    },
  }
}

/** Equal structure, numbers within tol·(1 + |expected|). */
export function expectJsonClose(actual: Json, expected: Json, tol = 1e-9, path = 'value'): void {
  if (typeof expected === 'number') {
    if (typeof actual !== 'number')
      expect.fail(`${path}: expected the number ${expected}, got ${JSON.stringify(actual)}`)
    if (!(Math.abs(actual - expected) <= tol * (1 + Math.abs(expected))))
      expect.fail(`${path}: expected ${expected}, got ${actual}`)
    return
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length)
      expect.fail(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`)
    expected.forEach((e, i) => expectJsonClose(actual[i]!, e, tol, `${path}[${i}]`))
    return
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual))
      expect.fail(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`)
    expect(Object.keys(actual).sort(), path).toEqual(Object.keys(expected).sort())
    for (const k of Object.keys(expected)) expectJsonClose(actual[k]!, expected[k]!, tol, `${path}.${k}`)
    return
  }
  expect(actual, path).toEqual(expected)
}
