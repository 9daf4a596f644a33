/**
 * What both plots share: their arguments checked (numbers, ranges, options, the function to draw),
 * sampling where an error means "f is undefined here" (a gap in the curve) rather than a failure,
 * and the small measures their summaries use (extent, padded ranges, titles).
 */
import type { Value } from '../ad/value.ts'
import { concrete, isValue } from '../ad/value.ts'
import { EngineError } from '../errors.ts'
import { describeShape } from '../tensor/tensor.ts'
import type { Fn } from '../transforms/index.ts'
import { functionArg } from '../language/args.ts'
import { LangError } from '../language/errors.ts'
import type { LangFunction, LangValue } from '../language/values.ts'
import { describe, isRecord } from '../language/values.ts'

// -----------------------------------------------------------------------------------------------
// Arguments

export function num(v: LangValue, who: string, what: string): number {
  if (!isValue(v)) throw new LangError(`${who}: ${what} must be a number, but got ${describe(v)}`)
  if (v.shape.length !== 0) throw new LangError(`${who}: ${what} must be a number, but got a ${describeShape(v.shape)}`)
  const x = concrete(v).item()
  if (!Number.isFinite(x)) throw new LangError(`${who}: ${what} must be a finite number, but is ${x}`)
  return x
}

export function pair(v: LangValue, who: string, what: string): [number, number] {
  if (!isValue(v) || v.shape.length !== 1 || v.shape[0] !== 2) {
    const got = isValue(v) ? `a ${describeShape(v.shape)}` : describe(v)
    throw new LangError(`${who}: ${what} must be a 2-vector such as [-2, 2], but got ${got}`)
  }
  const [a, b] = Array.from(concrete(v).data) as [number, number]
  if (!Number.isFinite(a) || !Number.isFinite(b))
    throw new LangError(`${who}: ${what} must be finite, but is [${a}, ${b}]`)
  return [a, b]
}

/** [lo, hi] with lo < hi: the range an axis spans. */
export function interval(lo: number, hi: number, who: string, what: string): void {
  if (!(lo < hi))
    throw new LangError(`${who}: ${what} must go from a smaller to a larger number, but is [${lo}, ${hi}]`)
}

/**
 * Refuses a range too wide to sample in float64: its width, or the width times the number of steps
 * the samples are spaced by, would overflow to Infinity (plot(sin, -1e308, 1e308)), and the
 * samples would come out infinite or NaN.
 */
export function sampleable(lo: number, hi: number, steps: number, who: string, what: string): void {
  const width = hi - lo
  if (Number.isFinite(width * steps)) return
  const why = Number.isFinite(width)
    ? `its width, ${width}, times the ${steps} steps between samples,`
    : `its width, ${hi} − (${lo}),`
  throw new LangError(
    `${who}: ${what} [${lo}, ${hi}] is too wide to sample: ${why} is beyond the largest float64 number (about 1.8e308); use a narrower range`,
  )
}

export function flag(v: LangValue, who: string, what: string): boolean {
  if (typeof v === 'boolean') return v
  if (isValue(v) && v.shape.length === 0) return concrete(v).item() !== 0
  throw new LangError(`${who}: the option ${what} must be true or false, but got ${describe(v)}`)
}

export function samples(v: LangValue, who: string, what: string, min: number, max: number): number {
  const n = num(v, who, `the option ${what}`)
  if (!Number.isInteger(n) || n < min)
    throw new LangError(`${who}: ${what} must be a whole number of at least ${min}, but is ${n}`)
  if (n > max) throw new LangError(`${who}: ${what} = ${n} is too many samples; the limit is ${max}`, 'limit')
  return n
}

/** The options record, checked against the names the builtin knows. */
export function options(v: LangValue, who: string, known: string[], example: string): ReadonlyMap<string, LangValue> {
  if (v === undefined) return new Map()
  if (!isRecord(v) || v.tag !== 'record') {
    throw new LangError(`${who}: the options must be a record such as ${example}, but got ${describe(v)}`)
  }
  for (const k of v.fields.keys()) {
    if (!known.includes(k)) throw new LangError(`${who} has no option ${k}; its options are ${known.join(', ')}`)
  }
  return v.fields
}

/** The function to draw, as the language value (its name and source) and as an engine function. */
export function theFunction(f: LangValue, who: string, usage: string): { f: LangFunction; fn: Fn } {
  // A function of two numbers is a function of a 2-vector to contour: say how to write it.
  const instead = (g: LangFunction) =>
    who === 'plot' && g.params.length === 2
      ? `for a function of two numbers write it of one 2-vector, g(v) = ${g.name}(v[1], v[2]), and use contour(g, [x0, x1], [y0, y1])`
      : ''
  return functionArg(f, who, { usage, verb: 'draws', instead, returns: 'a number' })
}

// -----------------------------------------------------------------------------------------------
// Sampling: errors where f is undefined become gaps, other errors stop the plot

/** Errors that mean "f is undefined here" (log(-1), 1/0, a bad index): a gap, not a failure. */
export function isGap(err: unknown): boolean {
  if (!(err instanceof EngineError)) return false
  return !(err instanceof LangError && (err.kind === 'limit' || err.kind === 'name'))
}

export type Sample = { ok: true; value: Value } | { ok: false; error: unknown }

export function attempt(fn: () => Value): Sample {
  try {
    return { ok: true, value: fn() }
  } catch (error) {
    if (!isGap(error)) throw error
    return { ok: false, error }
  }
}

/** A finite number from a sample, or null for a gap; a non-scalar result stops the plot. */
export function scalarOf(s: Sample, who: string, what: string): number | null {
  if (!s.ok) return null
  if (s.value.shape.length !== 0)
    throw new LangError(`${who}: ${what} must be one number, but it is a ${describeShape(s.value.shape)}`)
  const y = concrete(s.value).item()
  return Number.isFinite(y) ? y : null
}

export function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/** x evenly spaced from a to b, both included, with b exact. */
export function linspace(a: number, b: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? b : a + ((b - a) * i) / (n - 1)))
}

// -----------------------------------------------------------------------------------------------
// Numbers in summaries

export function extent(ys: (number | null)[]): { min: number; max: number; argmin: number; argmax: number } | null {
  let r: { min: number; max: number; argmin: number; argmax: number } | null = null
  ys.forEach((y, i) => {
    if (y === null) return
    if (r === null) r = { min: y, max: y, argmin: i, argmax: i }
    if (y < r.min) [r.min, r.argmin] = [y, i]
    if (y > r.max) [r.max, r.argmax] = [y, i]
  })
  return r
}

export function padded(lo: number, hi: number): [number, number] {
  if (lo === hi) return [lo - 1, hi + 1]
  const pad = (hi - lo) * 0.05
  return [lo - pad, hi + pad]
}

export function title(f: LangFunction): string {
  return f.source.length <= 60 ? f.source : f.name
}
