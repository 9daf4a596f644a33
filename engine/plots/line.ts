/**
 * `plot(f, a, b, {derivative: true, tangent: x0, samples: n})`: f sampled on [a, b], with its
 * derivative and a tangent line when asked, and a summary for screen readers (where f starts and
 * ends, its minimum and maximum, the gaps where it is undefined, the tangent's slope).
 */
import type { Value } from '../ad/value.ts'
import { passes } from '../ad/progress.ts'
import { scalar, vector } from '../tensor/tensor.ts'
import type { Fn } from '../transforms/index.ts'
import * as T from '../transforms/index.ts'
import { LangError } from '../language/errors.ts'
import { short } from '../language/numbers.ts'
import type { LangFunction, LangValue } from '../language/values.ts'
import type { Sample } from './sampling.ts'
import {
  attempt,
  extent,
  flag,
  isGap,
  linspace,
  message,
  num,
  options,
  padded,
  sampleable,
  samples,
  scalarOf,
  theFunction,
  title,
} from './sampling.ts'
import type { PlotCurve, PlotMarker, PlotSpec } from './spec.ts'

const LINE_SAMPLES = 201 // 200 intervals: the midpoint of a symmetric range is a sample
const MAX_LINE_SAMPLES = 5001
const PLOT_USAGE = 'plot(f, -2, 2)'
const PLOT_OPTIONS = ['derivative', 'tangent', 'samples']

export function linePlot(args: LangValue[]): PlotSpec {
  const who = 'plot'
  const { f, fn } = theFunction(args[0], who, PLOT_USAGE)
  const a = num(args[1], who, 'the start a of the range')
  const b = num(args[2], who, 'the end b of the range')
  if (!(a < b)) throw new LangError(`plot(f, a, b) needs a < b, but a = ${a} and b = ${b}`)
  const opts = options(args[3], who, PLOT_OPTIONS, '{derivative: true, tangent: 1}')
  const n = opts.has('samples') ? samples(opts.get('samples'), who, 'samples', 2, MAX_LINE_SAMPLES) : LINE_SAMPLES
  sampleable(a, b, n - 1, who, 'the range')
  const showDerivative = opts.has('derivative') && flag(opts.get('derivative'), who, 'derivative')
  const x0 = opts.has('tangent') ? num(opts.get('tangent'), who, 'the tangent point') : undefined
  if (x0 !== undefined && (x0 < a || x0 > b))
    throw new LangError(`plot: the tangent point x = ${x0} is outside the plotted range [${a}, ${b}]`)

  const xs = linspace(a, b, n)
  const raw: Sample[] = []
  const ys: (number | null)[] = []
  const dys: (number | null)[] = []
  let derivativeFailure: unknown
  // One progress-reporting loop (the app's progress bar); the derivatives inside it stay quiet.
  passes(n, (i) => {
    const x = xs[i]!
    const s = attempt(() => fn(scalar(x)))
    const y = scalarOf(s, who, `${f.name}(${short(x)})`)
    raw.push(s)
    ys.push(y)
    if (!showDerivative) return
    if (y === null) return void dys.push(null)
    const d = attempt(() => T.derivative(fn, scalar(x)))
    if (!d.ok) derivativeFailure ??= d.error
    dys.push(scalarOf(d, who, 'the derivative'))
  })
  const fx = extent(ys)
  if (fx === null) throw nowhere(f, fn, xs, raw)

  // The summary names the variable as the learner did: f(t) = ... is described at t = 1.
  const v = f.params[0]!
  const curves: PlotCurve[] = [{ name: f.name, role: 'function', x: xs, y: ys }]
  const markers: PlotMarker[] = []
  let range = { lo: fx.min, hi: fx.max }
  const scale = Math.max(Math.abs(fx.min), Math.abs(fx.max))
  const gaps = ys.filter((y) => y === null).length
  const parts = [
    `Line plot of ${f.name} on [${short(a)}, ${short(b)}]: from ${describePoint(ys[0], scale)} at ${v} = ${short(a)} to ${describePoint(ys[n - 1], scale)} at ${v} = ${short(b)}`,
    `minimum ${short(fx.min, 3, scale)} at ${v} = ${short(xs[fx.argmin]!, 3, b - a)}, maximum ${short(fx.max, 3, scale)} at ${v} = ${short(xs[fx.argmax]!, 3, b - a)}`,
  ]
  if (gaps > 0) parts.push(`${gaps} of ${n} points left out where ${f.name} is undefined`)

  if (showDerivative) {
    const dx = extent(dys)
    if (dx === null) {
      const why = derivativeFailure === undefined ? 'it is not finite anywhere' : message(derivativeFailure)
      throw new LangError(`plot: the derivative of ${f.name} could not be computed at any point: ${why}`)
    }
    curves.push({ name: `${f.name}′ (derivative)`, role: 'derivative', x: xs, y: dys })
    range = { lo: Math.min(range.lo, dx.min), hi: Math.max(range.hi, dx.max) }
    const dscale = Math.max(Math.abs(dx.min), Math.abs(dx.max))
    parts.push(`derivative ${f.name}′ shown, from ${short(dx.min, 3, dscale)} to ${short(dx.max, 3, dscale)}`)
  }

  if (x0 !== undefined) {
    const at = (g: () => Value, what: string): number => {
      let y: number | null
      try {
        y = scalarOf({ ok: true, value: g() }, who, what)
      } catch (err) {
        if (!isGap(err)) throw err
        throw new LangError(`plot: no tangent at x = ${x0}: ${message(err)}`)
      }
      if (y === null) throw new LangError(`plot: no tangent at x = ${x0}: ${what} is not finite there`)
      return y
    }
    const y0 = at(() => fn(scalar(x0)), `${f.name}(${x0})`)
    const slope = at(() => T.derivative(fn, scalar(x0)), `${f.name}′(${x0})`)
    const tx = [...new Set([a, x0, b])]
    curves.push({
      name: `tangent at ${v} = ${short(x0)}`,
      role: 'tangent',
      x: tx,
      y: tx.map((x) => y0 + slope * (x - x0)),
    })
    markers.push({ x: x0, y: y0, label: `(${short(x0)}, ${short(y0, 3, scale)})` })
    parts.push(`tangent at ${v} = ${short(x0)}, where ${f.name} = ${short(y0, 3, scale)}, with slope ${short(slope)}`)
  }

  return {
    kind: 'line',
    title: title(f),
    xLabel: v,
    xRange: [a, b],
    yRange: padded(range.lo, range.hi),
    curves,
    markers,
    summary: parts.join('; ') + '.',
  }
}

function describePoint(y: number | null | undefined, scale: number): string {
  return y === null || y === undefined ? 'undefined' : short(y, 3, scale)
}

/** f is undefined at every sample: say why, and point to contour when f wants a vector. */
function nowhere(f: LangFunction, fn: Fn, xs: number[], raw: Sample[]): LangError {
  const failed = raw.find((s) => !s.ok) as { ok: false; error: unknown } | undefined
  if (!failed)
    return new LangError(`plot: ${f.name} is not finite anywhere on [${short(xs[0]!)}, ${short(xs[xs.length - 1]!)}]`)
  const probe = attempt(() => fn(vector([xs[0]!, xs[0]!])))
  if (probe.ok && probe.value.shape.length === 0) {
    return new LangError(
      `plot draws a function of one number, but ${f.name} needs a vector (at x = ${short(xs[0]!)}: ${message(failed.error)}). For a function of a 2-vector use contour(${f.name}, [x0, x1], [y0, y1])`,
    )
  }
  return new LangError(
    `plot: ${f.name} fails at every point of [${short(xs[0]!)}, ${short(xs[xs.length - 1]!)}]; at x = ${short(xs[0]!)}: ${message(failed.error)}`,
  )
}
