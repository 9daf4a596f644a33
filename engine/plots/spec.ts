/**
 * What a plot hands the page: a PlotSpec, plain numbers and strings the worker can post, drawn by
 * PlotView with plotly. A plot is a LangRecord tagged 'plot' whose visible fields are { plot:
 * "line", summary: "..." } (so toJson and toText stay short); the full spec rides along in a
 * WeakMap keyed by the record, which display.ts reads with plotSpecOf.
 */
import type { LangRecord, LangValue } from '../language/values.ts'
import { isRecord, record } from '../language/values.ts'

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

/** The record a plot builtin returns, with its spec beside it. */
export function plotRecord(spec: PlotSpec): LangRecord {
  const r = record('plot', { plot: spec.kind, summary: spec.summary })
  specs.set(r, spec)
  return r
}
