/**
 * The engine's half of `npm run audit`: the fuzzer's cases and failures, a fixed list of bad
 * inputs and how each was answered (first line of the message, and how fast), and the largest
 * problem sizes handled within the limits with the time each took. tests/audit/audit.ts imports
 * engineAudit and prints its lines; `tsx tests/audit/engine.ts [--runs N] [--seed S]` runs it alone.
 */
import { pathToFileURL } from 'node:url'
import { LIMITS } from '../../engine/limits.ts'
import { runFuzz } from '../fuzz/fuzz.ts'
import { runRobust } from '../fuzz/properties.ts'

/** A bad input and whether the engine should answer it with an error or a value. */
interface BadInput {
  what: string
  source: string
  expect?: 'error' | 'ok'
}

const deepParens = `${'('.repeat(5000)}1${')'.repeat(5000)}`
const deepBrackets = `${'['.repeat(3000)}1${']'.repeat(3000)}`

export const BAD_INPUTS: BadInput[] = [
  { what: 'syntax: dangling operator', source: '1 +' },
  { what: 'syntax: unclosed bracket', source: '[1, 2' },
  { what: 'syntax: empty definition', source: 'f(x) =' },
  { what: 'syntax: unterminated string', source: '"unterminated' },
  { what: 'unknown name', source: 'foo(1)' },
  { what: 'misspelt builtin', source: 'gradent(sin, 1)' },
  { what: 'shape: vector + longer vector', source: '[1, 2] + [1, 2, 3]' },
  { what: 'shape: matrix times wrong vector', source: '[1, 2; 3, 4] * [1, 2, 3]' },
  { what: 'index out of range', source: 'x = [1, 2, 3]\nx[4]' },
  { what: 'gradient of a vector output', source: 'gradient(h(x) = x .* 2, [1, 2])' },
  { what: 'derivative of a vector input', source: 'derivative(h(x) = sum(x), [1, 2])' },
  { what: 'unknown hessian method', source: 'hessian(h(x) = sum(x .^ 2), [1, 2], "sideways")' },
  { what: 'log(-1)', source: 'log(-1)' },
  { what: '0/0', source: '0/0' },
  { what: '1/0', source: '1/0' },
  { what: 'exp overflow', source: 'exp(1000)' },
  { what: 'sqrt of a negative', source: 'sqrt(-4)' },
  { what: 'derivative of sqrt at 0', source: 'derivative(sqrt, 0)' },
  { what: 'abs at 0 (answered, with a note)', source: 'derivative(abs, 0)', expect: 'ok' },
  { what: 'Inf - Inf (answered, flagged NaN)', source: '[1, Inf] - Inf', expect: 'ok' },
  { what: 'singular inverse', source: 'inv([1, 2; 2, 4])' },
  { what: 'recursion without end', source: 'f(x) = f(x)\nf(1)' },
  { what: 'branching recursion', source: 'fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)\nfib(40)' },
  { what: 'huge tensor', source: 'zeros(1e5, 1e5)' },
  { what: 'huge tensor, shape as a vector', source: 'zeros([1e5, 1e5])' },
  { what: 'huge identity', source: 'identity(1e6)' },
  { what: 'outer product of long vectors', source: "x = ones(1e6)\nx * x'" },
  { what: 'matrix product too large', source: 'ones(1000, 1000) * ones(1000, 1000)' },
  { what: 'runaway map', source: 'k(t) = t + 1\nmap(1:1e6, k)' },
  { what: 'range too long', source: '1:1e9' },
  { what: 'range with step 0', source: '1:0:5' },
  { what: 'huge hessian (too large to hold)', source: 'hessian(h(x) = sum(x .^ 2), zeros(5000))' },
  {
    what: 'huge hessian (too many passes)',
    source: 'A = ones(900, 900)\nhessian(h(x) = sum(abs2, A * x), zeros(900))',
  },
  { what: 'huge jacobian', source: 'x = ones(1e5)\njacobian(h(y) = y .* 2, x)' },
  { what: 'prod of ten million', source: 'prod(ones(1e7))' },
  { what: 'huge matrix power (answered by squaring)', source: '[1, 1; 0, 1] ^ 1e9', expect: 'ok' },
  { what: 'plot with too many samples', source: 'plot(sin, 0, 1, {samples: 1e6})' },
  { what: 'slider with step 0', source: 'slider(0, 1, 0, 0.5)' },
  { what: 'redefining a builtin', source: 'sin = 3' },
  { what: 'a field named __proto__', source: '{__proto__: 1}' },
  { what: 'JavaScript names', source: 'constructor.prototype' },
  { what: 'unicode garbage', source: '∂f/∂x = ∇·Ω ≠ ∞ 🙂' },
  { what: 'control characters', source: '\u0000\u0007\u202e\uffff\ud800' },
  { what: 'very long input (200 kB, flat)', source: `[${'1, '.repeat(66000)}1]`, expect: 'ok' },
  { what: 'very long sum (nests deeply)', source: `1${' + 1'.repeat(40000)}` },
  { what: 'deeply nested parentheses', source: deepParens },
  { what: 'deeply nested brackets', source: deepBrackets },
]

const oneLine = (s: string, n: number) => {
  const first = s.split('\n')[0]!
  return first.length > n ? `${first.slice(0, n - 1)}…` : first
}

/** Each bad input with its answer; a failure is an answer of the wrong kind or a broken property. */
function badInputs(): { lines: string[]; failures: number } {
  const lines: string[] = []
  let failures = 0
  for (const b of BAD_INPUTS) {
    const ran = runRobust(b.source)
    const ms = ran.ms.toFixed(ran.ms < 10 ? 1 : 0)
    const answer = !ran.result
      ? '(no result)'
      : ran.result.ok
        ? 'answered with a value'
        : oneLine(ran.result.error, 150)
    const wrong =
      ran.problem ??
      (ran.result && ran.result.ok !== ((b.expect ?? 'error') === 'ok') ? 'unexpected kind of answer' : null)
    if (wrong) failures++
    lines.push(`${wrong ? 'FAIL' : 'ok  '} ${b.what} (${ms} ms): ${answer}${wrong ? ` — ${wrong}` : ''}`)
  }
  return { lines, failures }
}

// -----------------------------------------------------------------------------------------------
// Largest sizes within the limits

interface Ladder {
  what: string
  sizes: number[]
  source: (n: number) => string
}

const LADDERS: Ladder[] = [
  {
    what: 'gradient, elementwise f(x) = sum(sin(x) .* x), n',
    sizes: [1e5, 1e6, 3e6, 1e7],
    source: (n) => `gradient(h(x) = sum(sin(x) .* x), ones(${n}))`,
  },
  {
    what: 'gradient, dense f(x) = sum(abs2, A * x), n',
    sizes: [300, 1000, 2000, 3000, 3162],
    source: (n) => `A = ones(${n}, ${n})\ngradient(h(x) = sum(abs2, A * x), ones(${n}))`,
  },
  {
    what: 'hessian (forward-over-reverse), dense f(x) = sum(abs2, A * x), n',
    sizes: [50, 100, 200, 300, 400, 500, 600, 700],
    source: (n) => `A = ones(${n}, ${n})\nhessian(h(x) = sum(abs2, A * x), ones(${n}))`,
  },
  {
    what: 'hessian (forward-over-reverse), elementwise f(x) = sum(x .^ 3), n',
    sizes: [100, 300, 1000, 2000, 3000, 3163],
    source: (n) => `hessian(h(x) = sum(x .^ 3), ones(${n}))`,
  },
  {
    what: 'jacobian, dense F(x) = tanh(A * x), n = m',
    sizes: [100, 200, 300, 400, 500, 700],
    source: (n) => `A = ones(${n}, ${n}) / ${n}\njacobian(h(x) = tanh(A * x), ones(${n}))`,
  },
  {
    what: 'matrix product n×n times n×n, n',
    sizes: [200, 400, 600, 793, 794],
    source: (n) => `ones(${n}, ${n}) * ones(${n}, ${n})`,
  },
  {
    what: 'map with a user function over 1:n, n',
    sizes: [1e3, 1e4, 5e4, 1e5, 2e5],
    source: (n) => `k(t) = t ^ 2 + 1\nmap(1:${n}, k)`,
  },
]

/** Climbs each ladder until a size is refused; reports the largest handled and the refusal. */
function largestSizes(): string[] {
  const lines: string[] = []
  for (const l of LADDERS) {
    let best: { n: number; ms: number; evalMs: number } | null = null
    let refusal = ''
    for (const n of l.sizes) {
      const ran = runRobust(l.source(n))
      if (ran.result?.ok) best = { n, ms: ran.ms, evalMs: ran.evalMs ?? ran.ms }
      else {
        const msg = ran.result && !ran.result.ok ? oneLine(ran.result.error, 110) : (ran.problem ?? '')
        refusal = `; n = ${n} refused in ${ran.ms.toFixed(0)} ms: ${msg}`
        break
      }
    }
    const handled = best
      ? `${best.n} in ${best.evalMs.toFixed(0)} ms (${best.ms.toFixed(0)} ms with display data and checks)`
      : 'none'
    lines.push(`${l.what}: ${handled}${refusal}`)
  }
  return lines
}

export async function engineAudit(opts: {
  fuzzRuns: number
  /** Julia cells for the robustness property (default: as many as fuzzRuns). */
  juliaRuns?: number
  seed: number
}): Promise<{ lines: string[]; failures: number }> {
  const lines: string[] = []
  const juliaRuns = opts.juliaRuns ?? opts.fuzzRuns
  lines.push(
    `Engine fuzzing (${opts.fuzzRuns} robustness cases, ${juliaRuns} Julia cells, ${Math.round(opts.fuzzRuns / 10)} per derivative property, seed ${opts.seed}):`,
  )
  const fuzz = runFuzz({ runs: opts.fuzzRuns, juliaRuns, seed: opts.seed })
  lines.push(...fuzz.lines.map((l) => `  ${l}`))
  const bad = badInputs()
  lines.push(`Bad inputs (${BAD_INPUTS.length}), each answered with:`, ...bad.lines.map((l) => `  ${l}`))
  lines.push(
    `Limits: ${LIMITS.elements} elements per tensor; ${LIMITS.matmul} multiply-adds per matrix product or LU; ${LIMITS.steps} evaluation steps and ${LIMITS.work} element operations per statement of a cell; 200 nested calls.`,
    'Largest sizes handled within the limits (time on this machine), and the next size refused:',
    ...largestSizes().map((l) => `  ${l}`),
  )
  return { lines, failures: fuzz.failures + bad.failures }
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const report = await engineAudit({
    fuzzRuns: arg('runs', 1000),
    juliaRuns: arg('julia-runs', arg('runs', 1000)),
    seed: arg('seed', 20240601),
  })
  for (const l of report.lines) console.log(l)
  console.log(`${report.failures} failures`)
  process.exitCode = report.failures > 0 ? 1 : 0
}
