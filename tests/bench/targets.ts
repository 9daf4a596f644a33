/**
 * Issue 13's targets, checked on one bench run's ratios, plus a few earlier ones for context.
 */
import type { CaseResult, RatioKey } from './bench.ts'
import type { HessianCase } from './hessians.ts'
import { perGradient, row } from './hessians.ts'
import { formatRatio } from './timing.ts'
import type { SumFnResult } from './userFunctions.ts'

export interface AllResults {
  cases: CaseResult[]
  hessians: HessianCase[]
  sumFn: SumFnResult[]
}

interface Entry {
  label: string
  n: number
  ratio: number | null
}

interface Target {
  text: string
  limit: number
  /** Strictly below the limit ("faster than") rather than at most. */
  strict?: boolean
  /** Reported for context, not one of the targets. */
  informational?: boolean
  entries: (all: AllResults) => Entry[]
}

export interface TargetResult {
  text: string
  informational: boolean
  limit: number
  /** null: nothing measured that the target applies to (e.g. n = 300 in --quick). */
  met: boolean | null
  entries: (Entry & { met: boolean | null })[]
}

const DENSE = ['quadratic', 'tanh-layer']

/** A ratio of the main table, for the cases `where` picks. */
const ratio =
  (key: RatioKey, where: (c: CaseResult) => boolean) =>
  (all: AllResults): Entry[] =>
    all.cases.filter(where).map((c) => ({ label: c.problem, n: c.n, ratio: c.ratios[key] ?? null }))

const hessianRatio =
  (where: (c: HessianCase) => boolean, of: (c: HessianCase) => number | null) =>
  (all: AllResults): Entry[] =>
    all.hessians.filter(where).map((c) => ({ label: c.problem, n: c.n, ratio: of(c) }))

const ms = (t: SumFnResult['gradient'] | undefined): number | null => (t === undefined || 'error' in t ? null : t.ms)

const TARGETS: readonly Target[] = [
  {
    text: 'forward-over-reverse Hessian no slower than reverse-over-reverse (both batched), every n ≥ 10',
    limit: 1,
    entries: hessianRatio(
      (c) => c.n >= 10,
      (c) => {
        const a = row(c, 'forward-over-reverse', 'batched').timing
        const b = row(c, 'reverse-over-reverse', 'batched').timing
        return a && b ? a.ms / b.ms : null
      },
    ),
  },
  {
    text: 'forward-over-reverse Hessian (batched) ≤ 0.5 · n gradients at n = 100, dense problems',
    limit: 0.5,
    entries: hessianRatio(
      (c) => c.n === 100 && DENSE.includes(c.problem),
      (c) => perGradient(c, row(c, 'forward-over-reverse', 'batched')),
    ),
  },
  {
    text: 'engine gradient / hand-written gradient ≤ 1.5 on the dense problems at n = 300',
    limit: 1.5,
    entries: ratio('gradient/hand', (c) => c.n === 300 && DENSE.includes(c.problem)),
  },
  {
    text: 'Rosenbrock: engine gradient / hand-written gradient ≤ 10 at n = 300',
    limit: 10,
    entries: ratio('gradient/hand', (c) => c.n === 300 && c.problem === 'rosenbrock'),
  },
  {
    text: 'Rosenbrock: engine gradient / hand-written gradient ≤ 25 at n = 10',
    limit: 25,
    entries: ratio('gradient/hand', (c) => c.n === 10 && c.problem === 'rosenbrock'),
  },
  {
    text: 'Rosenbrock: engine gradient ≤ 5 × engine f at n = 2000',
    limit: 5,
    entries: ratio('gradient/f', (c) => c.n === 2000 && c.problem === 'rosenbrock'),
  },
  {
    text: 'sum(fn, x) gradient through a Julia cell: time(10⁵) / time(10⁴) ≤ 12',
    limit: 12,
    entries: (all) => {
      if (!all.sumFn.some((r) => r.n === 1e5)) return []
      const growth = (which: 'gradient' | 'perElement') => {
        const t4 = ms(all.sumFn.find((r) => r.n === 1e4)?.[which])
        const t5 = ms(all.sumFn.find((r) => r.n === 1e5)?.[which])
        return t4 !== null && t5 !== null ? t5 / t4 : null
      }
      return [
        { label: 'sum(sq, x)', n: 1e5, ratio: growth('gradient') },
        { label: 'sum(kink, x), per element', n: 1e5, ratio: growth('perElement') },
      ]
    },
  },
  {
    text: 'engine gradient faster than tfjs tf.grad at every n',
    limit: 1,
    strict: true,
    entries: ratio('gradient/tfjs', () => true),
  },
  {
    text: 'engine gradient faster than jax-js jit(grad) (float64, like the engine) at n ≤ 100',
    limit: 1,
    strict: true,
    entries: ratio('gradient/jax64', (c) => c.n <= 100),
  },
  {
    informational: true,
    text: '(informational) … and than jax-js jit(grad) in float32, its default, at n ≤ 100',
    limit: 1,
    strict: true,
    entries: ratio('gradient/jax32', (c) => c.n <= 100),
  },
  {
    informational: true,
    text: '(informational, an earlier target) engine gradient / engine f ≤ 3',
    limit: 3,
    entries: ratio('gradient/f', () => true),
  },
  {
    informational: true,
    text: '(informational, an earlier target) engine hvp / gradient ≤ 2.5',
    limit: 2.5,
    entries: ratio('hvp/gradient', () => true),
  },
]

export function evaluateTargets(all: AllResults): TargetResult[] {
  return TARGETS.map((t) => {
    const entries = t.entries(all).map((e) => {
      const met = e.ratio === null ? null : t.strict ? e.ratio < t.limit : e.ratio <= t.limit
      return { ...e, met }
    })
    const measured = entries.filter((e) => e.met !== null)
    const met = measured.length === 0 ? null : measured.every((e) => e.met)
    return { text: t.text, informational: t.informational ?? false, limit: t.limit, met, entries }
  })
}

export function targetReport(targets: readonly TargetResult[]): string[] {
  const out = ['Targets (issue 13; ratios from this one run)']
  for (const t of targets) {
    const mark = t.informational ? ' · ' : t.met === null ? '[?]' : t.met ? '[x]' : '[ ]'
    const status = t.met === null ? 'not measured' : t.met ? 'met' : t.informational ? 'no' : 'NOT met'
    out.push(`${mark} ${t.text}: ${status}`)
    const labels = [...new Set(t.entries.map((e) => e.label))]
    for (const label of labels) {
      const parts = t.entries
        .filter((e) => e.label === label)
        .map((e) => `n=${e.n} ${formatRatio(e.ratio ?? NaN)}${e.met === null ? ' ?' : e.met ? ' ✓' : ' ✗'}`)
      out.push(`      ${label.padEnd(11)} ${parts.join('   ')}`)
    }
  }
  const required = targets.filter((t) => !t.informational)
  const unmeasured = required.filter((t) => t.met === null).length
  out.push(
    '',
    `${required.filter((t) => t.met === true).length} of ${required.length} targets met` +
      (unmeasured > 0 ? ` (${unmeasured} not measured)` : '') +
      '.',
  )
  return out
}
