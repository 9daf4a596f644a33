/**
 * Reverse mode through a learner's own function: the gradient of sum(fn, x) with fn defined in a
 * Julia cell, run through the language as a learner's cell runs (runCell), at n = 10³, 10⁴, 10⁵.
 * Each element is one call of fn, read with x[i]; the reverse sweep must add those reads'
 * cotangents into one buffer, so that the time grows linearly with n (issue 13: time(10⁵) /
 * time(10⁴) ≤ 12). Evaluating sum(fn, x) alone is timed beside it, for the gradient / f ratio.
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

export interface SumFnResult {
  n: number
  gradient: Timing | { error: string }
  value: Timing | { error: string }
  /** max|g - 2x| / max|2x|: the gradient against its closed form. */
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
    run(`${SUM_FN_DEFINITION}\nx = collect(range(-1.0, 1.0, length=${n}))`, scope)
    const x = run('x', scope)
    let diff = Infinity
    const gradient = timeOrError(
      () => {
        const g = run(SUM_FN_GRADIENT, scope)
        diff = relDiff(
          g,
          x.map((v) => 2 * v),
        )
        return g
      },
      calls,
      opt,
    )
    return { n, gradient, value: timeOrError(() => run(SUM_FN_VALUE, scope), calls, opt), relDiff: diff }
  })
}
