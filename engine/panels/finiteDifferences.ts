/**
 * Finite differences, the independent oracle the derivative checks (derivativeCheck.ts) compare
 * the engine's AD with. They only evaluate f at nearby points, with no transform, so they run f's
 * own body and know nothing of rules, tangents or tapes.
 *
 * The method: one Richardson extrapolation of central differences, which is the 5-point central
 * stencil (FiniteDifferences.jl's central_fdm(5, 1) with a fixed step):
 *   D(h) = (f(x+h) − f(x−h)) / 2h,   f'(x) ≈ (4·D(h) − D(2h)) / 3,
 * whose truncation error is O(h⁴), so the step that balances it against rounding is
 * h ≈ eps^(1/5)·max(1, |xⱼ|) ≈ 7e-4 at scale 1: about 12 correct digits for a smooth f.
 *
 * The same four evaluations also say when f is not differentiable at x (or within 2h of it): the
 * gap between the one-sided slopes shrinks with the step for a smooth f (it is about f''·h) and
 * does not for a kink (or grows for a jump), so a gap that does not halve with the step is a kink.
 */

import { EngineError, LimitError } from '../errors.ts'

/** eps^(1/5): the step, relative to max(1, |x|), that suits a fourth-order stencil. */
export const FD_STEP = Math.pow(Number.EPSILON, 1 / 5)

/** f as plain numbers: the packed point in, vec(f(x)) out. */
export type PlainFn = (z: Float64Array) => Float64Array

/** What finite differences say about one input direction. */
export interface FdColumn {
  /** ∂vec(f)/∂ along the direction, one entry per output; NaN where it could not be measured. */
  derivative: Float64Array
  /** The step used (along the direction, in units of its length). */
  step: number
  /** Where f is not finite (or not defined: the error's message) along the stencil: x + k·h·v, k in {−2, −1, 1, 2}. */
  nonFinite?: { k: number; message?: string }
  /** The first output whose one-sided slopes differ as at a kink or a jump. */
  kink?: { output: number; left: number; right: number; jump: boolean }
}

/**
 * The step for moving x along v: eps^(1/5) times the scale of the entries v moves, rounded to a
 * power of 2 so that x ± h and x ± 2h are exact along a basis vector (1e6 + 7.4e-4 is not, and
 * that alone would cost 7 digits).
 */
export function stepFor(x: Float64Array, v: Float64Array): number {
  let scale = 1
  let size = 0
  for (let i = 0; i < x.length; i++) {
    if (v[i] === 0) continue
    scale = Math.max(scale, Math.abs(x[i]!))
    size = Math.max(size, Math.abs(v[i]!))
  }
  return powerOf2(size === 0 ? FD_STEP : (FD_STEP * scale) / size)
}

const powerOf2 = (h: number) => Math.pow(2, Math.round(Math.log2(h)))

/** x + t·v. */
function moved(x: Float64Array, v: Float64Array, t: number): Float64Array {
  const out = new Float64Array(x.length)
  for (let i = 0; i < x.length; i++) out[i] = x[i]! + t * v[i]!
  return out
}

/** How many times the step may be cut by 8 (a power of 2) before finite differences give up on a direction. */
const SHRINKS = 10

/**
 * The derivative of f at x along v by the 5-point stencil; f(x) is given (y0) since every
 * direction shares it. The first step suits f only when f varies on the scale of x (sin at 1e6
 * does not, and a step of 1024 even aliases with its period; log at 1e-4 leaves its domain), so
 * the step is cut by 8 until two successive stencils agree (to 1e-8, plus what rounding in f can
 * explain), with every point defined and finite and no kink; the larger step's answer is kept,
 * since it has less rounding. A kink at x itself survives every cut and is reported at the
 * smallest step; a direction that never settles gives the closest pair's answer.
 */
export function directionalDerivative(f: PlainFn, x: Float64Array, v: Float64Array, y0: Float64Array): FdColumn {
  let h = stepFor(x, v)
  let first: FdColumn | undefined
  let previous: FdColumn | undefined
  let closest: { column: FdColumn; distance: number } | undefined
  let last: FdColumn | undefined
  for (let k = 0; k <= SHRINKS; k++, h /= 8) {
    const column = stencil(f, x, v, y0, h)
    first ??= column
    last = column
    if (usable(column) && previous && usable(previous)) {
      const distance = disagreement(previous, column, y0)
      if (distance <= 1) return previous
      if (closest === undefined || distance < closest.distance) closest = { column: previous, distance }
    }
    previous = column
  }
  if (last?.kink) return last
  return closest?.column ?? first!
}

const usable = (c: FdColumn) => !c.nonFinite && !c.kink

/** How far apart two stencils' answers are, in units of what they should agree to (over 1: apart). */
function disagreement(a: FdColumn, b: FdColumn, y0: Float64Array): number {
  let worst = 0
  for (let i = 0; i < y0.length; i++) {
    const allowed =
      1e-8 * Math.max(1, Math.abs(b.derivative[i]!)) + (1e3 * Number.EPSILON * Math.max(1, Math.abs(y0[i]!))) / b.step
    worst = Math.max(worst, Math.abs(a.derivative[i]! - b.derivative[i]!) / allowed)
  }
  return worst
}

/** One stencil of step h. */
function stencil(f: PlainFn, x: Float64Array, v: Float64Array, y0: Float64Array, h: number): FdColumn {
  let message: string | undefined
  const at = (k: number) => {
    try {
      return f(moved(x, v, k * h))
    } catch (err) {
      // Outside f's domain (log of a negative number): this point cannot be used. Limits still stop.
      if (!(err instanceof EngineError) || err instanceof LimitError || (err as { kind?: string }).kind === 'limit')
        throw err
      message ??= err.message
      return new Float64Array(y0.length).fill(NaN)
    }
  }
  const [m2, m1, p1, p2] = [at(-2), at(-1), at(1), at(2)]
  const derivative = new Float64Array(y0.length)
  const bad = [m2, m1, p1, p2].findIndex((y) => !y.every(Number.isFinite))
  if (bad >= 0) {
    const k = [-2, -1, 1, 2][bad]!
    const nonFinite = message === undefined ? { k } : { k, message }
    return { derivative: derivative.fill(NaN), step: h, nonFinite }
  }
  let kink: FdColumn['kink']
  for (let i = 0; i < y0.length; i++) {
    const d1 = (p1[i]! - m1[i]!) / (2 * h)
    const d2 = (p2[i]! - m2[i]!) / (4 * h)
    derivative[i] = (4 * d1 - d2) / 3
    kink ??= kinkAt(i, y0[i]!, m2[i]!, m1[i]!, p1[i]!, p2[i]!, h, derivative[i]!)
  }
  return kink ? { derivative, step: h, kink } : { derivative, step: h }
}

/**
 * A kink or jump at (or within 2h of) x in output i: the one-sided slopes differ by more than
 * rounding could explain, and the difference does not shrink when the step is halved (for a
 * smooth f it is about f''·h, so halving h halves it).
 */
function kinkAt(
  i: number,
  y: number,
  m2: number,
  m1: number,
  p1: number,
  p2: number,
  h: number,
  slope: number,
): FdColumn['kink'] {
  const right = (p1 - y) / h
  const left = (y - m1) / h
  const gap1 = right - left
  const gap2 = (p2 - y) / (2 * h) - (y - m2) / (2 * h)
  // Rounding in f is about eps·|f| per value, so eps·|f|/h per slope; allow a wide margin.
  const noise = 1e-6 * Math.max(1, Math.abs(slope)) + (1e3 * Number.EPSILON * Math.max(1, Math.abs(y))) / h
  if (!(Math.abs(gap1) > noise)) return undefined
  // A jump's one-sided slopes are about jump/h, so the gap halves when the step doubles.
  return Math.abs(gap2) < 1.5 * Math.abs(gap1)
    ? { output: i, left, right, jump: Math.abs(gap2) < 0.75 * Math.abs(gap1) }
    : undefined
}

/** The whole Jacobian by columns: column j is the derivative along the j-th basis vector. */
export function fdJacobian(f: PlainFn, x: Float64Array, y0: Float64Array): FdColumn[] {
  return Array.from({ length: x.length }, (_, j) => {
    const e = new Float64Array(x.length)
    e[j] = 1
    return directionalDerivative(f, x, e, y0)
  })
}
