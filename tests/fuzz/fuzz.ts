/**
 * The long fuzz run: `npm run fuzz -- --runs N --julia-runs J --python-runs P --seed S` (defaults:
 * 2000 runs, 20000 Julia runs, 20000 Python runs, seed 20240601). Runs the robustness property on
 * N `ad` cells (hostile text, token soup, programs, nearly valid programs), on J Julia cells and on
 * P Python cells (text, token soup, programs, mutated cells of a corpus), and the finite-difference properties on N/10 smooth functions of
 * each kind, prints each failure with its shrunk counterexample, and exits 1 if any failed.
 *
 * `runFuzz` is also what the audit (tests/audit/engine.ts) calls.
 */
import fc from 'fast-check'
import { pathToFileURL } from 'node:url'
import { anyCell, smoothScalarOfScalar, smoothScalarOfVector, smoothVectorOfVector } from './arbitraries.ts'
import type { SmoothCase } from './arbitraries.ts'
import { anyJuliaCell } from './julia.ts'
import { anyPythonCell } from './python.ts'
import { checkDerivatives, checkGradient, checkHessian, checkJacobian, runRobust } from './properties.ts'

export interface FuzzReport {
  /** One line per property: name, cases tried, outcome. */
  lines: string[]
  /** Cases tried over all properties. */
  cases: number
  /** Properties that failed (each with its shrunk counterexample in lines). */
  failures: number
  /** The slowest robustness case, in ms. */
  slowestMs: number
}

export function runFuzz(opts: {
  runs: number
  /** Julia cells for the robustness property (default: as many as runs). */
  juliaRuns?: number
  /** Python cells for the robustness property (default: as many as runs). */
  pythonRuns?: number
  seed: number
  log?: (line: string) => void
}): FuzzReport {
  const lines: string[] = []
  const say = (l: string) => {
    lines.push(l)
    opts.log?.(l)
  }
  let cases = 0
  let failures = 0
  let slowestMs = 0
  let errorsAnswered = 0

  const property = <T>(name: string, arb: fc.Arbitrary<T>, runs: number, check: (v: T) => string | null) => {
    let tried = 0
    const t0 = performance.now()
    const r = fc.check(
      fc.property(arb, (v) => {
        tried++
        const problem = check(v)
        if (problem !== null) throw new Error(problem)
      }),
      { numRuns: runs, seed: opts.seed, endOnFailure: false },
    )
    cases += tried
    const secs = ((performance.now() - t0) / 1000).toFixed(1)
    if (r.failed) {
      failures++
      const example = JSON.stringify(r.counterexample?.[0])
      say(`FAIL ${name}: ${tried} cases in ${secs} s; shrunk counterexample ${example}`)
      say(`     ${String(r.errorInstance instanceof Error ? r.errorInstance.message : r.errorInstance).split('\n')[0]}`)
    } else say(`ok   ${name}: ${tried} cases in ${secs} s`)
  }

  property('robustness (text, tokens, programs)', anyCell, opts.runs, (src) => {
    const ran = runRobust(src)
    slowestMs = Math.max(slowestMs, ran.ms)
    if (ran.result && !ran.result.ok) errorsAnswered++
    return ran.problem
  })
  property(
    'robustness of Julia cells (text, tokens, programs, mutated corpus)',
    anyJuliaCell,
    opts.juliaRuns ?? opts.runs,
    (src) => {
      const ran = runRobust(src, 'julia')
      slowestMs = Math.max(slowestMs, ran.ms)
      if (ran.result && !ran.result.ok) errorsAnswered++
      return ran.problem
    },
  )
  property(
    'robustness of Python cells (text, tokens, programs, mutated corpus)',
    anyPythonCell,
    opts.pythonRuns ?? opts.runs,
    (src) => {
      const ran = runRobust(src, 'python')
      slowestMs = Math.max(slowestMs, ran.ms)
      if (ran.result && !ran.result.ok) errorsAnswered++
      return ran.problem
    },
  )
  const smoothRuns = Math.max(1, Math.round(opts.runs / 10))
  const guard = (check: (c: SmoothCase) => string | null) => (c: SmoothCase) => {
    try {
      return check(c)
    } catch (err) {
      return `a smooth function failed to evaluate: ${err instanceof Error ? err.message : String(err)}`
    }
  }
  property('gradient = differences (f: Rⁿ → R)', smoothScalarOfVector, smoothRuns, guard(checkGradient))
  property('jacobian = differences (F: Rⁿ → Rⁿ)', smoothVectorOfVector, smoothRuns, guard(checkJacobian))
  property('hessian (4 nestings), jacobian of gradient, hvp', smoothScalarOfVector, smoothRuns, guard(checkHessian))
  property('derivative, nested and mixed (g: R → R)', smoothScalarOfScalar, smoothRuns, guard(checkDerivatives))
  say(
    `${cases} cases, ${failures} failing properties; ${errorsAnswered} robustness cases were answered with an error message; slowest case ${Math.round(slowestMs)} ms`,
  )
  return { lines, cases, failures, slowestMs }
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback
  if (!Number.isFinite(v)) throw new Error(`--${name} needs a number`)
  return v
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const runs = arg('runs', 2000)
  const juliaRuns = arg('julia-runs', 20000)
  const pythonRuns = arg('python-runs', 20000)
  const seed = arg('seed', 20240601)
  console.log(`fuzzing with ${runs} runs, ${juliaRuns} Julia cells and ${pythonRuns} Python cells, seed ${seed}`)
  const report = runFuzz({ runs, juliaRuns, pythonRuns, seed, log: (l) => console.log(l) })
  process.exitCode = report.failures > 0 ? 1 : 0
}
