/**
 * npm run bench [-- --json] [-- --quick] [-- --n=10,100] [-- --clock=cpu]
 *
 * Times the engine against a hand-written Float64Array gradient, TensorFlow.js (tf.grad, CPU)
 * and jax-js (jit(grad), Wasm) on three problems for n = 10, 100, 300 (Rosenbrock also at 2000),
 * in one process and one run, so that the ratios between them are meaningful. Then the four
 * Hessian nestings, unbatched and batched, at n = 10, 40, 100 (hessians.ts), and the gradient
 * of sum(fn, x) with a learner's fn run through a Julia cell at n = 10³, 10⁴, 10⁵
 * (userFunctions.ts). Before timing, every implementation's value and gradient (and the
 * engine's hvp and Hessians) are checked against each other.
 *
 *   --json   print one JSON object on stdout and nothing else (progress goes to stderr)
 *   --quick  n = 10 only (sum(fn, x) at 10², 10³), short measurements: a smoke test of the bench
 *   --n=…    comma-separated sizes for the three problems instead of the default ones
 *   --clock=cpu  base times and ratios on the process's CPU time instead of wall-clock time:
 *            for a machine busy with other work (the report warns when it sees one)
 *   --problems=…  comma-separated problem ids (quadratic, tanh-layer, rosenbrock): only their
 *            gradient tables, without the Hessian and sum(fn, x) sections; for iterating on one
 *
 * Exit code 1 when an implementation disagrees with the others or a peer leaks memory; targets
 * that are not met are reported, not treated as failures.
 */
import { readFileSync } from 'node:fs'
import os from 'node:os'
import type { Value } from '../../engine/index.ts'
import { Tensor, concrete, gradient, hvp } from '../../engine/index.ts'
import type { HessianCase } from './hessians.ts'
import { HESSIAN_QUICK_SIZES, HESSIAN_SIZES, benchHessians, hessiansAgree } from './hessians.ts'
import type { PeerProblem } from './peers.ts'
import { jaxProblem, loadJax, loadTf, tfProblem } from './peers.ts'
import type { ProblemId } from './problems.ts'
import { PROBLEMS, matVec } from './problems.ts'
import type { Clock, Timed, Timing, TimingOptions } from './timing.ts'
import { FULL_TIMING, QUICK_TIMING, formatMs, formatRatio, measureAll, relDiff, sinkValue } from './timing.ts'
import type { SumFnResult } from './userFunctions.ts'
import { SUM_FN_QUICK_SIZES, SUM_FN_SIZES, benchSumOfFunction } from './userFunctions.ts'
import type { AllResults, TargetResult } from './targets.ts'
import { evaluateTargets, targetReport } from './targets.ts'
import { hessianReport, sci, sumFnReport, table } from './report.ts'

// ---------------------------------------------------------------------------------------------
// Options

interface Options {
  json: boolean
  quick: boolean
  sizes: number[]
  /** The problems whose gradient tables run; null: all, with the Hessian and sum(fn, x) sections. */
  problems: ProblemId[] | null
  /** Sizes some problems also run at (Rosenbrock at 2000, for gradient ≤ 5 × f). */
  extra: Partial<Record<ProblemId, number[]>>
  timing: TimingOptions
}

function parseArgs(argv: readonly string[]): Options {
  const json = argv.includes('--json')
  const quick = argv.includes('--quick')
  let sizes = quick ? [10] : [10, 100, 300]
  let extra: Options['extra'] = quick ? {} : { rosenbrock: [2000] }
  let clock: Clock = 'wall'
  let problems: ProblemId[] | null = null
  for (const a of argv) {
    if (a.startsWith('--problems=')) {
      const ids = a.slice(11).split(',')
      const unknown = ids.filter((id) => !PROBLEMS.some((p) => p.id === id))
      if (unknown.length > 0) {
        process.stderr.write(
          `bench: unknown problem ${unknown.join(', ')} (known: ${PROBLEMS.map((p) => p.id).join(', ')})\n`,
        )
        process.exit(2)
      }
      problems = ids as ProblemId[]
    } else if (a.startsWith('--n=')) {
      sizes = a.slice(4).split(',').map(Number)
      extra = {}
    } else if (a === '--clock=cpu' || a === '--clock=wall') clock = a === '--clock=cpu' ? 'cpu' : 'wall'
    else if (!['--json', '--quick'].includes(a)) {
      process.stderr.write(`bench: unknown argument ${a}\n`)
      process.exit(2)
    }
  }
  if (sizes.some((n) => !Number.isInteger(n) || n < 2)) {
    process.stderr.write('bench: --n needs integers ≥ 2\n')
    process.exit(2)
  }
  return { json, quick, sizes, problems, extra, timing: { ...(quick ? QUICK_TIMING : FULL_TIMING), clock } }
}

/** Progress and notes: always stderr, so that stdout holds only the report (or the JSON). */
function note(msg: string): void {
  process.stderr.write(msg + '\n')
}

/** In --json mode anything a library prints with console.* is sent to stderr. */
function consoleToStderr(): void {
  const toErr = (...args: unknown[]) => process.stderr.write(args.map(String).join(' ') + '\n')
  console.log = toErr
  console.info = toErr
  console.debug = toErr
  console.warn = toErr
}

// ---------------------------------------------------------------------------------------------
// What is measured

/** Keys of the measurements, in table order. */
const MEASUREMENTS = [
  ['engine.f', 'engine f (plain tensors)'],
  ['engine.gradient', 'engine gradient'],
  ['hand.f', 'hand-written f'],
  ['hand.gradient', 'hand-written gradient'],
  ['tfjs.gradient', 'tfjs tf.grad (cpu, f32)'],
  ['jax64.gradient', 'jax-js jit(grad) (wasm, f64)'],
  ['jax32.gradient', 'jax-js jit(grad) (wasm, f32)'],
  ['engine.hvp', 'engine hvp'],
] as const

type MeasurementKey = (typeof MEASUREMENTS)[number][0]

const RATIOS = [
  ['gradient/f', 'gradient / f', 'engine.gradient', 'engine.f', 1],
  ['gradient/hand', 'gradient / hand-written gradient', 'engine.gradient', 'hand.gradient', 1],
  ['gradient/tfjs', 'gradient / tfjs', 'engine.gradient', 'tfjs.gradient', 1],
  ['gradient/jax64', 'gradient / jax-js f64', 'engine.gradient', 'jax64.gradient', 1],
  ['gradient/jax32', 'gradient / jax-js f32', 'engine.gradient', 'jax32.gradient', 1],
  ['hvp/gradient', 'hvp / gradient', 'engine.hvp', 'engine.gradient', 1],
  ['hand.gradient/hand.f', '(hand-written gradient / hand-written f)', 'hand.gradient', 'hand.f', 1],
] as const

export type RatioKey = (typeof RATIOS)[number][0]

type Measurement = ({ ok: true } & Timing) | { ok: false; skipped: string }

interface Check {
  /** What was compared: 'f', 'gradient', 'hvp', 'hessian <method>'. */
  quantity: string
  against: string
  relDiff: number
  tolerance: number
  ok: boolean
}

export interface CaseResult {
  problem: ProblemId
  formula: string
  n: number
  times: Partial<Record<MeasurementKey, Measurement>>
  ratios: Partial<Record<RatioKey, number | null>>
  checks: Check[]
  memory: { tfjs: { before: number; after: number }; jax: Record<string, { before: number; after: number }> }
  leaks: string[]
}

/** Tolerances for max|a-b|/max|b|: float64 implementations agree to rounding, float32 ones loosely. */
const TOL_F64 = 1e-10
const TOL_F32 = 1e-4
/**
 * jax-js in float64 computes exp and tanh with float32-grade approximations (relative error
 * about 1e-8 to 1e-7, measured against Math.tanh), so its float64 results for the tanh layer
 * differ from exact float64 at about 1e-8; its arithmetic agrees to rounding.
 */
const TOL_JAX_F64 = 1e-6

// ---------------------------------------------------------------------------------------------
// One problem at one n

async function runCase(problemIndex: number, n: number, opt: Options): Promise<CaseResult> {
  const problem = PROBLEMS[problemIndex]!
  const tf = await loadTf()
  const jax = await loadJax()
  const d = problem.data(n)
  const f = problem.engine(d)
  const hand = problem.hand(d)
  const x = new Tensor([n], d.x)
  const v = new Tensor([n], d.v)
  const data = (y: Value) => concrete(y).data

  const tfTensorsBefore = tf.memory().numTensors
  const peers: Record<'tfjs' | 'jax64' | 'jax32', PeerProblem> = {
    tfjs: tfProblem(tf, problem.id, d),
    jax64: jaxProblem(jax, problem.id, d, 'float64'),
    jax32: jaxProblem(jax, problem.id, d, 'float32'),
  }

  // ---- Agreement, before any timing
  const checks: Check[] = []
  const check = (quantity: string, against: string, a: ArrayLike<number>, b: ArrayLike<number>, tol: number) => {
    const r = relDiff(a, b)
    checks.push({ quantity, against, relDiff: r, tolerance: tol, ok: r <= tol })
  }
  const fE = [concrete(f(x)).item()]
  check('f', 'hand-written', fE, [hand.f(d.x)], TOL_F64)
  check('f', 'tfjs', [peers.tfjs.value()], fE, TOL_F32)
  check('f', 'jax-js f64', [peers.jax64.value()], fE, TOL_JAX_F64)
  check('f', 'jax-js f32', [peers.jax32.value()], fE, TOL_F32)
  const gE = data(gradient(f, x))
  check('gradient', 'hand-written', gE, hand.gradient(d.x), TOL_F64)
  check('gradient', 'tfjs', peers.tfjs.gradient(), gE, TOL_F32)
  check('gradient', 'jax-js f64', peers.jax64.gradient(), gE, TOL_JAX_F64)
  check('gradient', 'jax-js f32', peers.jax32.gradient(), gE, TOL_F32)
  const H = hand.hessian(d.x)
  check('hvp', 'hand-written H·v', data(hvp(f, x, v)), matVec(H, d.v), TOL_F64)

  // After the checks, which compiled the jitted functions (jit keeps references to constants).
  const jaxBefore = { jax64: peers.jax64.live(), jax32: peers.jax32.live() }

  // ---- Timing
  const fns: Partial<Record<MeasurementKey, Timed>> = {
    'engine.f': () => data(f(x)),
    'engine.gradient': () => data(gradient(f, x)),
    'hand.f': () => hand.f(d.x),
    'hand.gradient': () => hand.gradient(d.x),
    'tfjs.gradient': () => peers.tfjs.gradient(),
    'jax64.gradient': () => peers.jax64.gradient(),
    'jax32.gradient': () => peers.jax32.gradient(),
    'engine.hvp': () => data(hvp(f, x, v)),
  }
  const times: Partial<Record<MeasurementKey, Measurement>> = {}
  const timings = measureAll(fns, opt.timing)
  for (const [key] of MEASUREMENTS) {
    const t = timings[key]
    if (t) times[key] = { ok: true, ...t }
  }

  const ratios: Partial<Record<RatioKey, number | null>> = {}
  for (const [key, , num, den] of RATIOS) {
    const a = times[num]
    const b = times[den]
    ratios[key] = a?.ok && b?.ok ? a.ms / b.ms : null
  }

  // ---- Memory: nothing may be left behind by the timing loops
  const jaxAfter = { jax64: peers.jax64.live(), jax32: peers.jax32.live() }
  const leaks: string[] = []
  for (const [name, p] of Object.entries(peers)) leaks.push(...p.dispose().map((s) => `${name}: ${s}`))
  const tfTensorsAfter = tf.memory().numTensors
  if (tfTensorsAfter !== tfTensorsBefore) leaks.push(`tfjs: ${tfTensorsAfter - tfTensorsBefore} tensors left`)
  const jaxMemory: CaseResult['memory']['jax'] = {}
  for (const k of ['jax64', 'jax32'] as const) {
    for (const [name, before] of Object.entries(jaxBefore[k])) {
      const after = jaxAfter[k][name]!
      jaxMemory[`${k}.${name}`] = { before, after }
      if (after !== before) leaks.push(`jax-js ${k}: ${name} went from ${before} to ${after}`)
    }
  }

  return {
    problem: problem.id,
    formula: problem.formula,
    n,
    times,
    ratios,
    checks,
    memory: { tfjs: { before: tfTensorsBefore, after: tfTensorsAfter }, jax: jaxMemory },
    leaks,
  }
}

// ---------------------------------------------------------------------------------------------
// Text output

function timeCell(m: Measurement | undefined): string {
  if (m === undefined) return ''
  if (!m.ok) return 'skipped'
  return formatMs(m.ms) + (m.calls < 3 ? '¹' : '')
}

function report(all: AllResults, targets: readonly TargetResult[], opt: Options, meta: Meta): string {
  const results = all.cases
  const out: string[] = []
  const clock = opt.timing.clock === 'wall' ? 'wall-clock time' : 'process CPU time (--clock=cpu)'
  out.push(`Benchmark (${opt.quick ? 'quick' : 'full'} run): median ${clock} per call; ratios from this one run.`)
  if (opt.quick)
    out.push('--quick is a smoke test of the bench: its short measurements are noisy, not for judging targets.')
  out.push(
    `Node ${meta.node}, ${meta.cpus}; tfjs ${meta.tfjs} backend ${meta.tfjsBackend}; jax-js ${meta.jax} device ${meta.jaxDevice}.`,
  )
  out.push(
    `Each time is the median over ${opt.timing.batches} batches of ~${(opt.timing.targetMs / opt.timing.batches).toFixed(0)} ms ` +
      `after warm-up, the implementations' batches interleaved in rounds; a discarded pass at n = 10 warms V8 up first.`,
  )
  out.push(`Load average (1 min) at start ${meta.loadStart.toFixed(2)}, at end ${meta.loadEnd.toFixed(2)}.`)
  if (meta.busy) {
    out.push(
      `WARNING: the machine was busy (load average above its ${os.cpus().length} CPUs): other processes took CPU time ` +
        (opt.timing.clock === 'wall'
          ? `from the bench, so wall-clock times and ratios are unreliable. Run it again on a quiet machine, or with --clock=cpu.`
          : `from the bench; CPU time excludes their share, but contention for caches still adds noise.`),
    )
  }
  for (const p of PROBLEMS) {
    const rs = results.filter((r) => r.problem === p.id)
    if (rs.length === 0) continue
    out.push('', `■ ${p.id}: f(x) = ${p.formula}`)
    const header = ['', ...rs.map((r) => `n = ${r.n}`)]
    const rows: (string[] | null)[] = MEASUREMENTS.map(([key, label]) => [
      label,
      ...rs.map((r) => timeCell(r.times[key])),
    ])
    rows.push(null)
    for (const [key, label] of RATIOS) {
      rows.push([label, ...rs.map((r) => formatRatio(r.ratios[key] ?? NaN))])
    }
    out.push(table(header, rows))
  }
  const notes: string[] = []
  if (results.some((r) => Object.values(r.times).some((m) => m?.ok && m.calls < 3)))
    notes.push('¹ slow call: fewer than 3 timed calls (time budget).')
  const skips = new Set(results.flatMap((r) => Object.values(r.times).flatMap((m) => (m && !m.ok ? [m.skipped] : []))))
  for (const s of skips) notes.push(`skipped: ${s}.`)
  notes.push('— : not measured. Ratios below 1 mean the engine is faster.')
  out.push('', ...notes)

  // Agreement
  out.push('', 'Agreement (max|a-b| / max|b|, checked before timing)')
  const against = [
    ['f', 'hand-written', 'f hand'],
    ['f', 'tfjs', 'f tfjs'],
    ['f', 'jax-js f64', 'f jax64'],
    ['f', 'jax-js f32', 'f jax32'],
    ['gradient', 'hand-written', '∇ hand'],
    ['gradient', 'tfjs', '∇ tfjs'],
    ['gradient', 'jax-js f64', '∇ jax64'],
    ['gradient', 'jax-js f32', '∇ jax32'],
    ['hvp', 'hand-written H·v', 'hvp hand'],
  ] as const
  const vrows = results.map((r) => {
    const cells = against.map(([q, a]) => {
      const c = r.checks.find((k) => k.quantity === q && k.against === a)
      return c ? sci(c.relDiff) + (c.ok ? '' : ' ✗') : '—'
    })
    return [`${r.problem} n=${r.n}`, ...cells]
  })
  out.push(table(['', ...against.map(([, , h]) => h)], vrows))
  const failed = results.flatMap((r) => r.checks.filter((c) => !c.ok).map((c) => ({ r, c })))
  out.push(
    failed.length === 0
      ? `All implementations agree (tolerance ${TOL_F64} for float64, ${TOL_F32} for the float32 peers, ` +
          `${TOL_JAX_F64} for jax-js float64, whose exp/tanh kernels are float32-accurate).`
      : failed
          .map(
            ({ r, c }) => `✗ ${r.problem} n=${r.n}: ${c.quantity} vs ${c.against}: ${sci(c.relDiff)} > ${c.tolerance}`,
          )
          .join('\n'),
  )
  const leaks = results.flatMap((r) => r.leaks.map((l) => `${r.problem} n=${r.n}: ${l}`))
  out.push(
    leaks.length === 0
      ? 'Memory: no tfjs tensors left behind; jax-js reference counts unchanged by the timing loops and back to one after jit disposal.'
      : `Memory leaks:\n  ${leaks.join('\n  ')}`,
  )

  // Left out when --problems= skipped them.
  if (all.hessians.length > 0) out.push('', ...hessianReport(all.hessians))
  if (all.sumFn.length > 0) out.push('', ...sumFnReport(all.sumFn))
  out.push('', ...targetReport(targets), '', `Total run ${(meta.totalMs / 1000).toFixed(1)} s.`)
  return out.join('\n')
}

// ---------------------------------------------------------------------------------------------
// Main

interface Meta {
  node: string
  cpus: string
  tfjs: string
  tfjsBackend: string
  jax: string
  jaxDevice: string
  totalMs: number
  sink: number
  loadStart: number
  loadEnd: number
  /** The load average exceeded the number of CPUs at the start or the end: numbers are unreliable. */
  busy: boolean
}

function packageVersion(name: string): string {
  try {
    const url = new URL(`../../node_modules/${name}/package.json`, import.meta.url)
    return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version
  } catch {
    return 'unknown'
  }
}

async function main(): Promise<void> {
  const opt = parseArgs(process.argv.slice(2))
  if (opt.json) consoleToStderr()
  const start = performance.now()
  const loadStart = os.loadavg()[0]!
  const tf = await loadTf()
  const jax = await loadJax()

  // A discarded pass over every problem at n = 10 first, so that V8 has compiled the engine's
  // hot paths (and the peers theirs) before the first measurement that counts.
  const prewarm = { ...opt, timing: { ...QUICK_TIMING, clock: opt.timing.clock } }
  for (let p = 0; p < PROBLEMS.length; p++) await runCase(p, Math.min(10, ...opt.sizes), prewarm)
  note(`bench: peers loaded and warm-up pass done in ${((performance.now() - start) / 1000).toFixed(1)} s`)

  const results: CaseResult[] = []
  for (let p = 0; p < PROBLEMS.length; p++) {
    if (opt.problems !== null && !opt.problems.includes(PROBLEMS[p]!.id)) continue
    for (const n of [...opt.sizes, ...(opt.extra[PROBLEMS[p]!.id] ?? [])]) {
      const t0 = performance.now()
      const r = await runCase(p, n, opt)
      results.push(r)
      const bad = r.checks.filter((c) => !c.ok).length + r.leaks.length
      note(
        `bench: ${r.problem} n=${n} done in ${((performance.now() - t0) / 1000).toFixed(1)} s${bad ? ` (${bad} problems)` : ''}`,
      )
    }
  }
  const hessians: HessianCase[] = []
  for (const p of opt.problems === null ? PROBLEMS : [])
    for (const n of opt.quick ? HESSIAN_QUICK_SIZES : HESSIAN_SIZES) {
      const t0 = performance.now()
      hessians.push(benchHessians(p, n, opt.timing))
      note(`bench: hessians of ${p.id} n=${n} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
    }
  const t0 = performance.now()
  const sumFn: SumFnResult[] =
    opt.problems === null ? benchSumOfFunction(opt.quick ? SUM_FN_QUICK_SIZES : SUM_FN_SIZES, opt.timing) : []
  note(`bench: sum(fn, x) done in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
  const all: AllResults = { cases: results, hessians, sumFn }
  const targets = evaluateTargets(all)
  const cpus = os.cpus()
  const meta: Meta = {
    node: process.versions.node,
    cpus: `${cpus.length} × ${cpus[0]?.model ?? 'cpu'}`,
    tfjs: tf.version.tfjs,
    tfjsBackend: tf.getBackend(),
    jax: packageVersion('@jax-js/jax'),
    jaxDevice: jax.defaultDevice(),
    totalMs: performance.now() - start,
    sink: sinkValue(),
    loadStart,
    loadEnd: os.loadavg()[0]!,
    busy: false,
  }
  meta.busy = Math.max(meta.loadStart, meta.loadEnd) > cpus.length
  const ok =
    results.every((r) => r.checks.every((c) => c.ok) && r.leaks.length === 0) &&
    hessians.every(hessiansAgree) &&
    sumFn.every((r) => r.relDiff <= 1e-12)
  if (opt.json) {
    const json = {
      meta: { ...meta, quick: opt.quick, sizes: opt.sizes, extra: opt.extra, timing: opt.timing, unit: 'ms' },
      results,
      hessians,
      sumFn,
      targets,
      agreement: ok,
    }
    process.stdout.write(JSON.stringify(json, (_k, v: unknown) => (v === Infinity ? 'Infinity' : v)) + '\n')
  } else {
    process.stdout.write(report(all, targets, opt, meta) + '\n')
  }
  process.exitCode = ok ? 0 : 1
}

await main()
