/**
 * Plots in the notebook language: `plot(f, a, b)` draws a function of one number, `contour(f,
 * [x0, x1], [y0, y1])` a function of a 2-vector. The engine samples f, its derivative, gradient
 * or Hessian here, without any DOM, and returns a PlotSpec: plain numbers and strings that the
 * worker can post to the page, where PlotView draws them with plotly.
 *
 * A plot is a LangRecord tagged 'plot' whose visible fields are { plot: "line", summary: "..." }
 * (so toJson and toText stay short); the full spec rides along in a WeakMap keyed by the record,
 * which display.ts reads with plotSpecOf.
 *
 * Every spec carries a one-paragraph summary for screen readers, because plotly charts are not
 * keyboard accessible: the range of values, where the minimum is, and what the derivative shows.
 */
import type { Value } from '../ad/value.ts'
import { concrete, isValue } from '../ad/value.ts'
import { passes } from '../ad/progress.ts'
import { EngineError } from '../errors.ts'
import { describeShape, scalar, vector } from '../tensor/tensor.ts'
import type { Fn } from '../transforms/index.ts'
import * as T from '../transforms/index.ts'
import { builtin, functionArg } from '../language/args.ts'
import { LangError } from '../language/errors.ts'
import { short } from '../language/numbers.ts'
import type { LangFunction, LangRecord, LangValue } from '../language/values.ts'
import { describe, isRecord, record } from '../language/values.ts'

// -----------------------------------------------------------------------------------------------
// The spec: what the page draws

/** One line of a line plot. y is null where f is undefined (log of a negative number...): a gap. */
export interface PlotCurve {
  /** The legend entry, e.g. "f", "f′ (derivative)", "tangent at x = 1". */
  name: string
  role: 'function' | 'derivative' | 'tangent'
  x: number[]
  y: (number | null)[]
}

/** A marked point, such as the point of tangency. */
export interface PlotMarker {
  x: number
  y: number
  label: string
}

export interface LinePlotSpec {
  kind: 'line'
  /** The function as written, e.g. "f(x) = x ^ 2", or its name when that is long. */
  title: string
  xLabel: string
  xRange: [number, number]
  /** A y range that fits f (and f′), so a steep tangent line does not squash the curve. */
  yRange: [number, number]
  curves: PlotCurve[]
  markers: PlotMarker[]
  summary: string
}

/**
 * Gradient arrows: drawn from (x[k], y[k]) along scale·(u[k], v[k]), shortened to maxLength when
 * longer, so that a few huge gradients (Rosenbrock's walls) do not shrink all others to dots.
 */
export interface QuiverSpec {
  x: number[]
  y: number[]
  /** The gradient's components, unscaled. */
  u: number[]
  v: number[]
  /** One factor for all arrows: the 90th percentile of the gradient's length fills most of a cell. */
  scale: number
  /** The longest an arrow is drawn, in data units (90% of a cell of the arrow grid). */
  maxLength: number
}

export interface ContourMarker extends PlotMarker {
  /** f at the point. */
  value: number
  /** The gradient at the point, when it is defined there. */
  gradient?: [number, number]
}

export interface ContourPlotSpec {
  kind: 'contour'
  title: string
  xLabel: string
  yLabel: string
  /** Grid coordinates along each axis. */
  x: number[]
  y: number[]
  /** z[j][i] = f([x[i], y[j]]): rows follow y, as plotly expects; null where f is undefined. */
  z: (number | null)[][]
  /** Contour levels shared by f and its model, so their level curves can be compared. */
  levels?: { start: number; end: number; size: number }
  /** A Taylor model of f at the marked point, on the same grid. */
  model?: { kind: 'tangent' | 'quadratic'; z: (number | null)[][] }
  arrows?: QuiverSpec
  markers: ContourMarker[]
  /** Both axes on one scale (when their ranges are comparable), so gradients look perpendicular to contours. */
  equalAspect: boolean
  summary: string
}

export type PlotSpec = LinePlotSpec | ContourPlotSpec

const specs = new WeakMap<LangRecord, PlotSpec>()

/** The spec behind a plot record (undefined for any other value). */
export function plotSpecOf(v: LangValue): PlotSpec | undefined {
  return isRecord(v) && v.tag === 'plot' ? specs.get(v) : undefined
}

function plotRecord(spec: PlotSpec): LangRecord {
  const r = record('plot', { plot: spec.kind, summary: spec.summary })
  specs.set(r, spec)
  return r
}

// -----------------------------------------------------------------------------------------------
// Limits and defaults

const LINE_SAMPLES = 201 // 200 intervals: the midpoint of a symmetric range is a sample
const MAX_LINE_SAMPLES = 5001
const CONTOUR_GRID = 41
const MAX_CONTOUR_GRID = 201
const ARROW_GRID = 12

// -----------------------------------------------------------------------------------------------
// Arguments

function num(v: LangValue, who: string, what: string): number {
  if (!isValue(v)) throw new LangError(`${who}: ${what} must be a number, but got ${describe(v)}`)
  if (v.shape.length !== 0) throw new LangError(`${who}: ${what} must be a number, but got a ${describeShape(v.shape)}`)
  const x = concrete(v).item()
  if (!Number.isFinite(x)) throw new LangError(`${who}: ${what} must be a finite number, but is ${x}`)
  return x
}

function pair(v: LangValue, who: string, what: string): [number, number] {
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
function interval(lo: number, hi: number, who: string, what: string): void {
  if (!(lo < hi))
    throw new LangError(`${who}: ${what} must go from a smaller to a larger number, but is [${lo}, ${hi}]`)
}

function flag(v: LangValue, who: string, what: string): boolean {
  if (typeof v === 'boolean') return v
  if (isValue(v) && v.shape.length === 0) return concrete(v).item() !== 0
  throw new LangError(`${who}: the option ${what} must be true or false, but got ${describe(v)}`)
}

function samples(v: LangValue, who: string, what: string, min: number, max: number): number {
  const n = num(v, who, `the option ${what}`)
  if (!Number.isInteger(n) || n < min)
    throw new LangError(`${who}: ${what} must be a whole number of at least ${min}, but is ${n}`)
  if (n > max) throw new LangError(`${who}: ${what} = ${n} is too many samples; the limit is ${max}`, 'limit')
  return n
}

/** The options record, checked against the names the builtin knows. */
function options(v: LangValue, who: string, known: string[], example: string): ReadonlyMap<string, LangValue> {
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
function theFunction(f: LangValue, who: string, usage: string): { f: LangFunction; fn: Fn } {
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
function isGap(err: unknown): boolean {
  if (!(err instanceof EngineError)) return false
  return !(err instanceof LangError && (err.kind === 'limit' || err.kind === 'name'))
}

type Sample = { ok: true; value: Value } | { ok: false; error: unknown }

function attempt(fn: () => Value): Sample {
  try {
    return { ok: true, value: fn() }
  } catch (error) {
    if (!isGap(error)) throw error
    return { ok: false, error }
  }
}

/** A finite number from a sample, or null for a gap; a non-scalar result stops the plot. */
function scalarOf(s: Sample, who: string, what: string): number | null {
  if (!s.ok) return null
  if (s.value.shape.length !== 0)
    throw new LangError(`${who}: ${what} must be one number, but it is a ${describeShape(s.value.shape)}`)
  const y = concrete(s.value).item()
  return Number.isFinite(y) ? y : null
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/** x evenly spaced from a to b, both included, with b exact. */
function linspace(a: number, b: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? b : a + ((b - a) * i) / (n - 1)))
}

// -----------------------------------------------------------------------------------------------
// Numbers in summaries

function extent(ys: (number | null)[]): { min: number; max: number; argmin: number; argmax: number } | null {
  let r: { min: number; max: number; argmin: number; argmax: number } | null = null
  ys.forEach((y, i) => {
    if (y === null) return
    if (r === null) r = { min: y, max: y, argmin: i, argmax: i }
    if (y < r.min) [r.min, r.argmin] = [y, i]
    if (y > r.max) [r.max, r.argmax] = [y, i]
  })
  return r
}

function padded(lo: number, hi: number): [number, number] {
  if (lo === hi) return [lo - 1, hi + 1]
  const pad = (hi - lo) * 0.05
  return [lo - pad, hi + pad]
}

function title(f: LangFunction): string {
  return f.source.length <= 60 ? f.source : f.name
}

// -----------------------------------------------------------------------------------------------
// plot(f, a, b, {derivative: true, tangent: x0, samples: n})

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

// -----------------------------------------------------------------------------------------------
// contour(f, [x0, x1], [y0, y1], {gradient: true, point: p, model: "quadratic", grid: n})

const CONTOUR_USAGE = 'contour(f, [-2, 2], [-2, 2])'
const CONTOUR_OPTIONS = ['gradient', 'point', 'model', 'grid']

export function contourPlot(args: LangValue[]): PlotSpec {
  const who = 'contour'
  const { f, fn } = theFunction(args[0], who, CONTOUR_USAGE)
  const [x0, x1] = pair(args[1], who, 'the x range')
  const [y0, y1] = pair(args[2], who, 'the y range')
  interval(x0, x1, who, 'the x range')
  interval(y0, y1, who, 'the y range')
  const opts = options(args[3], who, CONTOUR_OPTIONS, '{gradient: true, point: [1, 1], model: "quadratic"}')
  const n = opts.has('grid') ? samples(opts.get('grid'), who, 'grid', 3, MAX_CONTOUR_GRID) : CONTOUR_GRID
  const showGradient = opts.has('gradient') && flag(opts.get('gradient'), who, 'gradient')
  const p = opts.has('point') ? pair(opts.get('point'), who, 'the point') : undefined
  if (p && (p[0] < x0 || p[0] > x1 || p[1] < y0 || p[1] > y1))
    throw new LangError(
      `contour: the point [${p[0]}, ${p[1]}] is outside the plotted region [${x0}, ${x1}] × [${y0}, ${y1}]`,
    )
  let model: 'tangent' | 'quadratic' | undefined
  if (opts.has('model')) {
    const m = opts.get('model')
    if (m !== 'tangent' && m !== 'quadratic')
      throw new LangError(
        `contour: the model must be "tangent" or "quadratic", but got ${typeof m === 'string' ? `"${m}"` : describe(m)}`,
      )
    if (!p)
      throw new LangError(
        `contour: a ${m} model is taken at a point: add the option point, as in {point: [1, 1], model: "${m}"}`,
      )
    model = m
  }

  const at = (x: number, y: number) => fn(vector([x, y]))
  const xs = linspace(x0, x1, n)
  const ys = linspace(y0, y1, n)
  let firstFailure: unknown
  const z: (number | null)[][] = []
  const arrows: QuiverSpec | undefined = showGradient
    ? { x: [], y: [], u: [], v: [], scale: 0, maxLength: 0 }
    : undefined
  // One progress-reporting loop over the grid's rows, then the arrows' rows (gradients inside stay quiet).
  passes(n + (arrows ? ARROW_GRID : 0), (j) => {
    if (j >= n) return addArrowRow(arrows!, fn, j - n, [x0, x1], [y0, y1])
    const y = ys[j]!
    z.push(
      xs.map((x) => {
        const s = attempt(() => at(x, y))
        if (!s.ok) firstFailure ??= s.error
        return scalarOf(s, who, `${f.name}([${short(x)}, ${short(y)}])`)
      }),
    )
  })
  const flat = z.flat()
  const fz = extent(flat)
  if (fz === null) {
    if (firstFailure === undefined) throw new LangError(`contour: ${f.name} is not finite anywhere on the grid`)
    const probe = attempt(() => fn(scalar(x0)))
    const hint =
      probe.ok && probe.value.shape.length === 0
        ? ` ${f.name} looks like a function of one number: draw it with plot(${f.name}, a, b)`
        : ''
    throw new LangError(
      `contour evaluates ${f.name} at 2-vectors [x, y], but it fails at every point; at [${short(x0)}, ${short(y0)}]: ${message(firstFailure)}.${hint}`,
    )
  }
  const scale = Math.max(Math.abs(fz.min), Math.abs(fz.max))
  const where = (k: number) => `(${short(xs[k % n]!, 3, x1 - x0)}, ${short(ys[Math.floor(k / n)]!, 3, y1 - y0)})`
  const gaps = flat.filter((v) => v === null).length
  const parts = [
    `Contour plot of ${f.name} on [${short(x0)}, ${short(x1)}] × [${short(y0)}, ${short(y1)}] (${n} × ${n} grid): values from ${short(fz.min, 3, scale)} to ${short(fz.max, 3, scale)}`,
    `lowest grid value ${short(fz.min, 3, scale)} at ${where(fz.argmin)}, highest ${short(fz.max, 3, scale)} at ${where(fz.argmax)}`,
  ]
  if (gaps > 0) parts.push(`${gaps} of ${n * n} grid points left out where ${f.name} is undefined`)

  const spec: ContourPlotSpec = {
    kind: 'contour',
    title: title(f),
    xLabel: `${f.params[0]}[1]`,
    yLabel: `${f.params[0]}[2]`,
    x: xs,
    y: ys,
    z,
    markers: [],
    equalAspect: (x1 - x0) / (y1 - y0) <= 3 && (y1 - y0) / (x1 - x0) <= 3,
    summary: '',
  }
  const levels = contourLevels(fz.min, fz.max)
  if (levels) spec.levels = levels

  if (showGradient) {
    spec.arrows = scaleArrows(arrows!, [x0, x1], [y0, y1])
    parts.push(`gradient arrows on a ${ARROW_GRID} × ${ARROW_GRID} grid, pointing uphill`)
  }

  // The Hessian's passes count as one step, so the progress bar does not start over.
  if (p)
    passes(1, () => {
      const [px, py] = p
      const s = attempt(() => at(px, py))
      const value = scalarOf(s, who, `${f.name}([${px}, ${py}])`)
      if (value === null)
        throw new LangError(
          `contour: ${f.name} is undefined at the point [${px}, ${py}]${s.ok ? '' : `: ${message(s.error)}`}`,
        )
      const marker: ContourMarker = { x: px, y: py, value, label: `[${short(px)}, ${short(py)}]` }
      const g = attempt(() => T.gradient(fn, vector(p)))
      const grad = g.ok ? (Array.from(concrete(g.value).data) as [number, number]) : undefined
      let text = `at the point [${short(px)}, ${short(py)}]: ${f.name} = ${short(value, 3, scale)}`
      if (grad && grad.every(Number.isFinite)) {
        marker.gradient = grad
        const gs = Math.hypot(...grad)
        text += `, gradient [${short(grad[0], 3, gs)}, ${short(grad[1], 3, gs)}] (length ${short(gs)})`
      } else text += `, gradient undefined there`
      spec.markers.push(marker)
      parts.push(text)

      if (model) {
        if (!marker.gradient)
          throw new LangError(
            `contour: no ${model} model at [${px}, ${py}]: the gradient of ${f.name} is undefined there${g.ok ? '' : ` (${message(g.error)})`}`,
          )
        const [gx, gy] = marker.gradient
        let h = [0, 0, 0, 0]
        if (model === 'quadratic') {
          let H: Value
          try {
            H = T.hessian(fn, vector(p))
          } catch (err) {
            if (!isGap(err)) throw err
            throw new LangError(`contour: no quadratic model at [${px}, ${py}]: ${message(err)}`)
          }
          h = Array.from(concrete(H).data)
          if (!h.every(Number.isFinite))
            throw new LangError(`contour: no quadratic model at [${px}, ${py}]: the Hessian is not finite there`)
        }
        const [hxx, hxy, hyx, hyy] = h as [number, number, number, number]
        spec.model = {
          kind: model,
          z: ys.map((y) =>
            xs.map((x) => {
              const dx = x - px
              const dy = y - py
              const m = value + gx * dx + gy * dy + 0.5 * (hxx * dx * dx + (hxy + hyx) * dx * dy + hyy * dy * dy)
              return Number.isFinite(m) ? m : null
            }),
          ),
        }
        parts.push(
          model === 'tangent'
            ? `dashed contours: the tangent plane (first-order Taylor model) at the point`
            : `dashed contours: the quadratic (second-order Taylor) model at the point, Hessian [${short(hxx)}, ${short(hxy)}; ${short(hyx)}, ${short(hyy)}]`,
        )
      }
    })
  spec.summary = parts.join('; ') + '.'
  return spec
}

/** Row j of the gradient arrows: the gradient at the centres of a coarse grid's cells. */
function addArrowRow(q: QuiverSpec, fn: Fn, j: number, [x0, x1]: [number, number], [y0, y1]: [number, number]): void {
  const y = y0 + ((j + 0.5) * (y1 - y0)) / ARROW_GRID
  for (let i = 0; i < ARROW_GRID; i++) {
    const x = x0 + ((i + 0.5) * (x1 - x0)) / ARROW_GRID
    const g = attempt(() => T.gradient(fn, vector([x, y])))
    if (!g.ok) continue
    const [u, v] = Array.from(concrete(g.value).data) as [number, number]
    if (!Number.isFinite(u) || !Number.isFinite(v)) continue
    q.x.push(x)
    q.y.push(y)
    q.u.push(u)
    q.v.push(v)
  }
}

/**
 * One scale for all arrows: the 90th percentile of the gradient's length fills 90% of a cell, and
 * the longer 10% are drawn that long too (a robust scale; by the largest, most arrows vanish).
 */
function scaleArrows(q: QuiverSpec, [x0, x1]: [number, number], [y0, y1]: [number, number]): QuiverSpec {
  const lengths = q.u.map((u, k) => Math.hypot(u, q.v[k]!)).sort((a, b) => a - b)
  const typical = lengths[Math.ceil(0.9 * (lengths.length - 1))] || lengths[lengths.length - 1] || 0
  const maxLength = (0.9 * Math.min(x1 - x0, y1 - y0)) / ARROW_GRID
  return { ...q, scale: typical > 0 ? maxLength / typical : 0, maxLength }
}

/** About 15 evenly spaced levels at round numbers between lo and hi. */
function contourLevels(lo: number, hi: number): ContourPlotSpec['levels'] {
  if (!(hi > lo)) return undefined
  const raw = (hi - lo) / 15
  const power = 10 ** Math.floor(Math.log10(raw))
  const size = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw)!
  return { start: Math.ceil(lo / size) * size, end: Math.floor(hi / size) * size, size }
}

// -----------------------------------------------------------------------------------------------
// The builtins

export function plotBuiltins(): LangFunction[] {
  return [
    builtin('plot', ['f', 'a', 'b', 'options'], (args) => plotRecord(linePlot(args)), { arity: [3, 4] }),
    builtin('contour', ['f', 'xrange', 'yrange', 'options'], (args) => plotRecord(contourPlot(args)), {
      arity: [3, 4],
    }),
  ]
}
