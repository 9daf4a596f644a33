/**
 * The properties the fuzzer checks, as functions that return what went wrong (or null), so the
 * vitest test, the long run and the audit share them.
 *
 * Robustness (any cell): running it through parse -> evaluate -> differentiate -> display never
 * throws; a failure is the engine's error type with a message that says what and where (the
 * line, and the expression or operation); the output is plain data that survives
 * structuredClone (what the worker posts to the page); and it finishes within a time bound.
 *
 * Correctness (smooth functions): derivatives agree with central differences of the function
 * itself, evaluated by the same engine without any derivative machinery.
 */
import { EngineError } from '../../engine/errors.ts'
import type { CellResult, Json } from '../../engine/standard.ts'
import type { CellLanguage } from '../../engine/language/frontends/cell.ts'
import { Scope, runCell, toCellOutput, toJson } from '../../engine/standard.ts'
import type { SmoothCase } from './arbitraries.ts'

/** Wall-clock bound for one cell: limits keep the worst case to a few seconds on a quiet machine. */
export const CASE_MS = 15_000

export interface Ran {
  result?: CellResult
  /** The whole check; evalMs is parse and evaluate alone (runCell). */
  ms: number
  evalMs?: number
  /** What broke a property, or null. */
  problem: string | null
}

/** Runs a cell (in `ad` or Julia syntax) and checks the robustness properties. */
export function runRobust(source: string, language: CellLanguage = 'ad'): Ran {
  const t0 = performance.now()
  let result: CellResult
  try {
    result = runCell(source, new Scope(), language)
  } catch (err) {
    return { ms: performance.now() - t0, problem: `uncaught ${describeThrown(err)}` }
  }
  const evalMs = performance.now() - t0
  let problem: string | null = null
  if (!result.ok) problem = checkFailure(source, result)
  if (problem === null) {
    try {
      const out = toCellOutput(result)
      const copy = structuredClone(out)
      problem = plainData(copy, 'output') ?? plainData(out, 'output')
    } catch (err) {
      problem = `the output is not plain data: ${describeThrown(err)}`
    }
  }
  const ms = performance.now() - t0
  if (problem === null && ms > CASE_MS) problem = `took ${Math.round(ms)} ms, more than ${CASE_MS}`
  return { result, ms, evalMs, problem }
}

export function checkFailure(source: string, result: Extract<CellResult, { ok: false }>): string | null {
  const cause = result.cause
  if (!(cause instanceof EngineError)) return `failed with ${describeThrown(cause)}, not an engine error`
  if (cause.message.trim() === '') return 'an error with an empty message'
  if (
    /\[object |Cannot read propert|undefined is not an? |is not iterable|Maximum call stack|Invalid (typed )?array length|Array buffer allocation/.test(
      result.error,
    )
  )
    return `a JavaScript message leaked out: ${result.error}`
  const where = /^line (\d+)/.exec(result.error)
  if (!where) return `the message does not say where: ${result.error}`
  const lines = source.split('\n').length
  if (Number(where[1]) < 1 || Number(where[1]) > lines) return `line ${where[1]} is outside the cell: ${result.error}`
  return null
}

function describeThrown(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`.slice(0, 300)
  return String(err)
}

/** Only arrays, plain objects and primitives (no functions, class instances, or typed arrays). */
export function plainData(v: unknown, path: string): string | null {
  if (v === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof v)) return null
  if (typeof v !== 'object') return `${path} is a ${typeof v}`
  const proto = Object.getPrototypeOf(v)
  if (Array.isArray(v)) {
    // A tensor's data: a tight loop, not a call per number (ten million of them, in the audit).
    let numbers = true
    for (let i = 0; i < v.length && numbers; i++) numbers = typeof v[i] === 'number'
    if (numbers) return null
    for (let i = 0; i < v.length; i++) {
      const p = plainData(v[i], `${path}[${i}]`)
      if (p) return p
    }
    return null
  }
  if (proto !== Object.prototype && proto !== null)
    return `${path} is a ${proto?.constructor?.name ?? 'class instance'}`
  for (const [k, x] of Object.entries(v)) {
    const p = plainData(x, `${path}.${k}`)
    if (p) return p
  }
  return null
}

// -----------------------------------------------------------------------------------------------
// Finite differences

/** One scope per case: the prelude, then expressions evaluated in it. */
function caseScope(prelude: string): { value(src: string): Json } {
  const scope = new Scope()
  const run = (src: string): Json => {
    const r = runCell(src, scope)
    if (!r.ok) throw new Error(`${r.error}\n--- in ---\n${src}`)
    return toJson(r.value)
  }
  run(prelude)
  return { value: run }
}

const vec = (xs: number[]) => `[${xs.map((x) => String(x)).join(', ')}]`
const shift = (x: number[], i: number, h: number) => x.map((v, k) => (k === i ? v + h : v))
const nums = (j: Json): number[] => (typeof j === 'number' ? [j] : (j as Json[]).flat(3).map(Number))

/**
 * Whether an AD value agrees with a central difference: the difference is taken at steps h and
 * h/2, extrapolated (Richardson), and the gap between the two steps bounds its own error.
 */
function agrees(ad: number, fd1: number, fd2: number, scale: number, h: number): boolean {
  const rich = (4 * fd2 - fd1) / 3
  const err = Math.abs(fd1 - fd2)
  const roundoff = (1e-13 * (1 + scale)) / h
  return Math.abs(ad - rich) <= 2 * err + roundoff + 1e-7 * (1 + Math.abs(rich))
}

/** Central differences of a function given as an expression template f(point) -> scalar or vector. */
function centralDiffs(
  s: { value(src: string): Json },
  call: (p: number[]) => string,
  x0: number[],
  h: number,
): { d: number[][]; scale: number } {
  // All points in one cell: [f(p1), f(p2), ...] is one parse instead of 4n.
  const points: number[][] = []
  for (let i = 0; i < x0.length; i++) for (const step of [h, -h, h / 2, -h / 2]) points.push(shift(x0, i, step))
  const values = points.map((p) => nums(s.value(call(p))))
  const scale = Math.max(...values.flat().map(Math.abs))
  // d[i] = [column i at h..., column i at h/2...] per output
  const d = x0.map((_, i) => {
    const [a, b, c, e] = values.slice(4 * i, 4 * i + 4) as [number[], number[], number[], number[]]
    return a.map((_, k) => [(a[k]! - b[k]!) / (2 * h), (c[k]! - e[k]!) / h]).flat()
  })
  return { d, scale }
}

/** gradient(f, x0) against central differences of f; returns the mismatch or null. */
export function checkGradient(c: SmoothCase): string | null {
  const s = caseScope(c.prelude)
  const g = nums(s.value(`gradient(f, ${vec(c.x0)})`))
  const h = 1e-4
  const { d, scale } = centralDiffs(s, (p) => `f(${vec(p)})`, c.x0, h)
  for (let i = 0; i < c.n; i++) {
    const [fd1, fd2] = d[i] as [number, number]
    if (!agrees(g[i]!, fd1, fd2, scale, h)) return `gradient entry ${i + 1}: AD ${g[i]}, differences ${fd1} / ${fd2}`
  }
  return null
}

/** jacobian, jacfwd and jacrev of F at x0 against central differences (column by column). */
export function checkJacobian(c: SmoothCase): string | null {
  const s = caseScope(c.prelude)
  const h = 1e-4
  const { d, scale } = centralDiffs(s, (p) => `F(${vec(p)})`, c.x0, h)
  for (const t of ['jacobian', 'jacfwd', 'jacrev']) {
    const J = nums(s.value(`${t}(F, ${vec(c.x0)})`)) // row-major m × n
    const m = J.length / c.n
    for (let j = 0; j < c.n; j++)
      for (let k = 0; k < m; k++) {
        const fd1 = d[j]![2 * k]!
        const fd2 = d[j]![2 * k + 1]!
        if (!agrees(J[k * c.n + j]!, fd1, fd2, scale, h))
          return `${t} entry (${k + 1}, ${j + 1}): AD ${J[k * c.n + j]}, differences ${fd1} / ${fd2}`
      }
  }
  return null
}

/**
 * The Hessian by each nesting against differences of the gradient; the Jacobian of the gradient
 * and hvp against it (the gradient itself is checked against f above).
 */
export function checkHessian(c: SmoothCase): string | null {
  const s = caseScope(c.prelude)
  const h = 1e-4
  const { d, scale } = centralDiffs(s, (p) => `gradient(f, ${vec(p)})`, c.x0, h)
  const n = c.n
  const methods = ['forward-over-reverse', 'reverse-over-reverse', 'forward-over-forward', 'reverse-over-forward']
  const H = nums(s.value(`hessian(f, ${vec(c.x0)})`))
  for (const m of methods) {
    const Hm = nums(s.value(`hessian(f, ${vec(c.x0)}, "${m}")`))
    for (let j = 0; j < n; j++)
      for (let i = 0; i < n; i++) {
        const fd1 = d[j]![2 * i]!
        const fd2 = d[j]![2 * i + 1]!
        if (!agrees(Hm[i * n + j]!, fd1, fd2, scale, h))
          return `hessian (${m}) entry (${i + 1}, ${j + 1}): AD ${Hm[i * n + j]}, differences ${fd1} / ${fd2}`
      }
  }
  const close = (a: number[], b: number[]) =>
    a.length === b.length && a.every((x, k) => Math.abs(x - b[k]!) <= 1e-9 * (1 + Math.abs(b[k]!) + scale))
  const JG = nums(s.value(`jacobian(gy(y) = gradient(f, y), ${vec(c.x0)})`))
  if (!close(JG, H))
    return `jacobian of the gradient ${JSON.stringify(JG)} differs from the hessian ${JSON.stringify(H)}`
  const v = c.x0.map((_, k) => ((k * 7) % 5) - 2)
  const Hv = nums(s.value(`hvp(f, ${vec(c.x0)}, ${vec(v)})`))
  const expected = Array.from({ length: n }, (_, i) => v.reduce((acc, vj, j) => acc + H[i * n + j]! * vj, 0))
  if (!close(Hv, expected)) return `hvp ${JSON.stringify(Hv)} differs from H·v ${JSON.stringify(expected)}`
  return null
}

/**
 * derivative of g, the nested second derivative, and a mixed nested derivative in which the
 * inner function closes over the outer variable (where perturbation confusion would show).
 */
export function checkDerivatives(c: SmoothCase): string | null {
  const s = caseScope(c.prelude)
  const t0 = c.x0[0]!
  const h = 1e-4
  const at = (x: number) => `g(${x})`
  const first = nums(s.value(`derivative(g, ${t0})`))[0]!
  const values = [t0 + h, t0 - h, t0 + h / 2, t0 - h / 2].map((x) => nums(s.value(at(x)))[0]!)
  const scale = Math.max(...values.map(Math.abs))
  const [a, b, cc, e] = values as [number, number, number, number]
  if (!agrees(first, (a - b) / (2 * h), (cc - e) / h, scale, h))
    return `derivative: AD ${first}, differences ${(a - b) / (2 * h)}`

  const second = nums(s.value(`derivative(d1(u) = derivative(g, u), ${t0})`))[0]!
  const dAt = (x: number) => nums(s.value(`derivative(g, ${x})`))[0]!
  const fd1 = (dAt(t0 + h) - dAt(t0 - h)) / (2 * h)
  const fd2 = (dAt(t0 + h / 2) - dAt(t0 - h / 2)) / h
  if (!agrees(second, fd1, fd2, scale, h)) return `second derivative: AD ${second}, differences ${fd1} / ${fd2}`

  // E(a, b) = a·g(b) + g(a·b); d/da d/db E at (t0, 1/2) by nesting, against differences of d/db.
  const b0 = 0.5
  const mixed = nums(s.value(`derivative(da(a) = derivative(db(b) = a * g(b) + g(a * b), ${b0}), ${t0})`))[0]!
  const dE = (x: number) => nums(s.value(`derivative(db(b) = ${x} * g(b) + g(${x} * b), ${b0})`))[0]!
  const m1 = (dE(t0 + h) - dE(t0 - h)) / (2 * h)
  const m2 = (dE(t0 + h / 2) - dE(t0 - h / 2)) / h
  if (!agrees(mixed, m1, m2, scale, h)) return `mixed nested derivative: AD ${mixed}, differences ${m1} / ${m2}`
  return null
}
