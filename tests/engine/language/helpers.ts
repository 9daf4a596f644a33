/**
 * Test helpers that speak the notebook language: run a cell's source in a fresh scope (or in a
 * session's shared one) and get its value as JSON, or the error message it stops with. Closeness
 * checks work on JSON values (numbers and nested arrays), and a separate mathjs instance gives
 * symbolic derivatives of scalar expressions as an oracle the engine never uses.
 */
import { derivative, evaluate, parse } from 'mathjs'
import { expect } from 'vitest'
import type { CellResult, Json, LangError, LangValue } from '../../../engine/standard.ts'
import { Scope, runCell, toJson } from '../../../engine/standard.ts'
import type { Nested } from '../../../engine/index.ts'
import { expectClose } from '../helpers.ts'

export { matmulPlain, transposePlain } from '../helpers.ts'

/** The seed session's fixed matrix and point, and the cell that defines them with f. */
export const A = [
  [0, 3, 2],
  [1, 0, 3],
  [2, 1, 0],
]
export const X1 = [0, 1, 2]
export const SEED_PRELUDE = 'A = [0, 3, 2; 1, 0, 3; 2, 1, 0]\nx1 = [0, 1, 2]\nf(x) = sum(abs2, A * x)'

function ok(source: string, result: CellResult): LangValue {
  if (!result.ok) expect.fail(`the cell failed: ${result.error}\n--- source ---\n${source}`)
  return result.value
}

function failed(source: string, result: CellResult): { error: string; cause: LangError } {
  if (result.ok)
    expect.fail(`the cell was expected to fail, but gave ${JSON.stringify(toJson(result.value))}\n${source}`)
  return { error: result.error, cause: result.cause as LangError }
}

/** A scope shared by several cells, as in a notebook. */
export interface Session {
  scope: Scope
  run(source: string): Json
  value(source: string): LangValue
  runError(source: string): string
  failure(source: string): { error: string; cause: LangError }
}

export function session(): Session {
  const scope = new Scope()
  return {
    scope,
    run: (source) => toJson(ok(source, runCell(source, scope))),
    value: (source) => ok(source, runCell(source, scope)),
    runError: (source) => failed(source, runCell(source, scope)).error,
    failure: (source) => failed(source, runCell(source, scope)),
  }
}

/** The JSON of a cell's value, run in a fresh scope; fails the test if the cell errs. */
export function run(source: string): Json {
  return session().run(source)
}

/** The raw value of a cell, run in a fresh scope. */
export function value(source: string): LangValue {
  return session().value(source)
}

/** The error message (with its place) a cell stops with, run in a fresh scope. */
export function runError(source: string): string {
  return session().runError(source)
}

/** The message and the thrown error itself, for its kind and span. */
export function failure(source: string): { error: string; cause: LangError } {
  return session().failure(source)
}

/** A cell's value as a number; fails unless it is one. */
export function num(source: string): number {
  const v = run(source)
  if (typeof v !== 'number') expect.fail(`expected a number from ${source}, got ${JSON.stringify(v)}`)
  return v
}

/** Closeness of a JSON value to numbers or nested arrays, relative tolerance tol. */
export function expectNear(actual: Json, expected: Nested, tol = 1e-9): void {
  expect(isNested(actual), `not numbers: ${JSON.stringify(actual)}`).toBe(true)
  expectClose(actual as Nested, expected, tol)
}

function isNested(v: Json): boolean {
  return typeof v === 'number' || (Array.isArray(v) && v.every(isNested))
}

/** The language's and the text's form of a number, so oracles can be spliced into sources. */
export function lit(x: Nested): string {
  return typeof x === 'number' ? String(x) : `[${x.map(lit).join(', ')}]`
}

// ---------------------------------------------------------------------------------------------
// mathjs as an independent symbolic oracle (used only here, never by the engine)

/** The value of a scalar expression in x (or in the named variables) by mathjs. */
export function mathValue(expr: string, at: Record<string, number>): number {
  return evaluate(expr, { ...at }) as number
}

/** d expr / d v (repeated for each variable listed), evaluated at a point, symbolically by mathjs. */
export function mathDerivative(expr: string, vars: string[], at: Record<string, number>): number {
  let node = parse(expr)
  for (const v of vars) node = derivative(node, v, { simplify: false })
  return node.evaluate({ ...at }) as number
}
