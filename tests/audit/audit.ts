/**
 * `npm run audit`: the hardening figures in one run.
 *  - the engine (tests/audit/engine.ts): fuzz cases tried and failures, bad inputs and how each was
 *    answered, the largest problem sizes handled within the limits;
 *  - the hostile review (tests/audit/hostile.ts): issue 17's cases that the engine and the answer
 *    checker answer, each replayed as the app runs it and printed with how it was answered;
 *  - hostile input in Chromium against the production build: every XSS payload by share link,
 *    imported file and typing (tests/browser/security/xssRun.ts), after checking that the
 *    detectors do see script that runs;
 *  - the browser budgets (tests/audit/budgets.ts): initial bundle size, slider-to-output latency,
 *    longest main-thread task.
 * Exits non-zero if any payload ran (or any detector fired), the fuzzer found a failure, or a
 * hostile-review case was answered otherwise than its fix says.
 * Usage: npm run audit [-- --runs N] [--julia-runs J] [--seed S]
 */
import { launchBrowser } from '../browser/browser.ts'
import { xssPayloadCount } from '../browser/fixtures/xss-payloads.ts'
import { probeDetectors, runXssSuite } from '../browser/security/xssRun.ts'
import { budgetLines, measureBudgets, serveBuild } from './budgets.ts'
import { HOSTILE_CASES, hostileReview } from './hostile.ts'

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}

type EngineAudit = (opts: {
  fuzzRuns: number
  juliaRuns?: number
  seed: number
}) => Promise<{ lines: string[]; failures: number }>

let failed = false
const started = Date.now()

// --- The engine --------------------------------------------------------------------------------
const engineModule = './engine.ts'
let why = ''
const engine = (await import(engineModule).catch((err: unknown) => {
  why = err instanceof Error ? err.message.split('\n')[0]! : String(err)
  return null
})) as { engineAudit?: EngineAudit } | null
if (engine?.engineAudit) {
  const report = await engine.engineAudit({
    fuzzRuns: arg('runs', 1000),
    juliaRuns: arg('julia-runs', arg('runs', 1000)),
    seed: arg('seed', 20240601),
  })
  for (const l of report.lines) console.log(l)
  console.log(`Engine failures: ${report.failures}`)
  if (report.failures > 0) failed = true
} else {
  console.log(`engine audit not available${why ? ` (${why})` : ''}`)
}

// --- The hostile review (issue 17) -------------------------------------------------------------
console.log('')
console.log(
  `Hostile review (issue 17): ${HOSTILE_CASES.length} cases replayed as the app runs them, each answered with:`,
)
const hostile = hostileReview((l) => console.log(`  ${l}`))
console.log(`Hostile review failures: ${hostile.failures}`)
if (hostile.failures > 0) failed = true

// --- The browser -------------------------------------------------------------------------------
console.log('')
console.log('Building the app and serving it on loopback…')
const served = await serveBuild(4398)
const browser = await launchBrowser()
try {
  const missed = await probeDetectors(browser, served.url)
  console.log(
    `XSS detectors checked on script run on purpose: ${missed.length === 0 ? 'all fired' : `${missed.length} did not fire`}`,
  )
  for (const m of missed) console.log(`  missed: ${m}`)
  if (missed.length > 0) failed = true

  const runs = await runXssSuite(browser, served.url)
  const executed = new Set(runs.flatMap((r) => r.report.executed))
  const findings = runs.reduce((n, r) => n + r.report.findings.length, 0)
  console.log(`XSS payloads: ${xssPayloadCount} distinct, tried ${runs.reduce((n, r) => n + r.tried, 0)} times in all`)
  for (const r of runs) {
    console.log(
      `  ${r.route}: ${r.tried} tried, ${r.report.executed.length} executed, ${r.report.findings.length} other findings, ${r.notShown.length} not shown as text`,
    )
    for (const f of r.report.findings) console.log(`    finding: ${f}`)
    for (const f of r.notShown) console.log(`    not shown: ${f}`)
  }
  console.log(`XSS payloads executed: ${executed.size}${executed.size ? ` (${[...executed].join(', ')})` : ''}`)
  if (executed.size > 0 || findings > 0) failed = true

  console.log('')
  console.log('Browser budgets (production build, seed lesson, Chromium):')
  const budgets = await measureBudgets(browser, served.url, served.dist)
  for (const l of budgetLines(budgets)) console.log(`  ${l}`)
} finally {
  await browser.close()
  served.stop()
}

console.log('')
console.log(`Audit ${failed ? 'FAILED' : 'passed'} in ${((Date.now() - started) / 1000).toFixed(0)} s`)
process.exitCode = failed ? 1 : 0
