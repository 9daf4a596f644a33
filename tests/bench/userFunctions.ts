/**
 * Reverse mode through a learner's own function: the gradient of sum(fn, x) with fn defined in a
 * Julia cell, run through the language as a learner's cell runs (runCell), at n = 10³, 10⁴, 10⁵.
 * Each element is one call of fn, read with x[i]; the reverse sweep must add those reads'
 * cotangents into one buffer, so that the time grows linearly with n (issue 13: time(10⁵) /
 * time(10⁴) ≤ 12). Evaluating sum(fn, x) alone is timed beside it, for the gradient / f ratio, and
 * so is the gradient through a function with a branch, which goes element by element.
 */
import { concrete, isValue } from '../../engine/index.ts'
import type { LangValue } from '../../engine/standard.ts'
import { Scope, runCell } from '../../engine/standard.ts'
import type { Timing, TimingOptions } from './timing.ts'
import { measureEach, relDiff } from './timing.ts'

export const SUM_FN_SIZES = [1_000, 10_000, 100_000] as const
export const SUM_FN_QUICK_SIZES = [100, 1_000] as const

/** The cells, as a learner would type them. */
export const SUM_FN_DEFINITION = 'sq(t) = t^2'
export const SUM_FN_GRADIENT = 'Zygote.gradient(x -> sum(sq, x), x)[1]'
export const SUM_FN_VALUE = 'sum(sq, x)'
/**
 * sq's body only combines elements, so sum(sq, x) runs it once on the whole array, as sq.(x)
 * does (engine/language/functions.ts). A function with a branch is called once per element,
 * each element read with x[i]: that path is timed too, so that its growth stays in sight.
 */
export const PER_ELEMENT_DEFINITION = 'kink(t) = t > 0 ? t^2 : -t'
export const PER_ELEMENT_GRADIENT = 'Zygote.gradient(x -> sum(kink, x), x)[1]'

export interface SumFnResult {
  n: number
  gradient: Timing | { error: string }
  value: Timing | { error: string }
  /** The gradient of sum(kink, x), one call per element. */
  perElement: Timing | { error: string }
  /** max|g - g_exact| / max|g_exact| over both gradients, against their closed forms. */
  relDiff: number
}

/** One cell's value as numbers; a cell that fails throws its message. */
function run(source: string, scope: Scope): Float64Array {
  const r = runCell(source, scope, 'julia')
  if (!r.ok) throw new Error(r.error)
  const v: LangValue = r.value
  if (!isValue(v)) throw new Error(`${source} gave no tensor`)
  return concrete(v).data
}

/**
 * The cell run once (checked, and warming up), then `calls` timed runs, each on its own: at
 * n = 10⁵ one run takes seconds, so batches of calls would take minutes.
 */
function timeOrError(fn: () => Float64Array, calls: number, opt: TimingOptions): Timing | { error: string } {
  try {
    fn()
  } catch (err) {
    return { error: (err as Error).message }
  }
  return measureEach(fn, calls, opt.clock)
}

export function benchSumOfFunction(sizes: readonly number[], opt: TimingOptions, calls = 3): SumFnResult[] {
  return sizes.map((n) => {
    const scope = new Scope()
    run(`${SUM_FN_DEFINITION}\n${PER_ELEMENT_DEFINITION}\nx = collect(range(-1.0, 1.0, length=${n}))`, scope)
    const x = run('x', scope)
    let diff = 0
    const checked = (source: string, exact: (t: number) => number) => () => {
      const g = run(source, scope)
      diff = Math.max(diff, relDiff(g, x.map(exact)))
      return g
    }
    const gradient = timeOrError(
      checked(SUM_FN_GRADIENT, (t) => 2 * t),
      calls,
      opt,
    )
    const perElement = timeOrError(
      checked(PER_ELEMENT_GRADIENT, (t) => (t > 0 ? 2 * t : -1)),
      calls,
      opt,
    )
    if ('error' in gradient || 'error' in perElement) diff = Infinity
    return { n, gradient, value: timeOrError(() => run(SUM_FN_VALUE, scope), calls, opt), perElement, relDiff: diff }
  })
}
