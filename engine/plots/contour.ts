/**
 * `contour(f, [x0, x1], [y0, y1], {gradient: true, point: p, model: "quadratic", grid: n})`: a
 * function of a 2-vector sampled on a grid, with gradient arrows, a marked point with its
 * gradient, and a Taylor model of f at that point drawn as dashed contours on the same levels.
 */
import type { Value } from '../ad/value.ts'
import { concrete } from '../ad/value.ts'
import { passes } from '../ad/progress.ts'
import { scalar, vector } from '../tensor/tensor.ts'
import type { Fn } from '../transforms/index.ts'
import * as T from '../transforms/index.ts'
import { LangError } from '../language/errors.ts'
import { short } from '../language/numbers.ts'
import type { LangValue } from '../language/values.ts'
import { describe } from '../language/values.ts'
import {
  attempt,
  extent,
  flag,
  interval,
  isGap,
  linspace,
  message,
  options,
  pair,
  sampleable,
  samples,
  scalarOf,
  theFunction,
  title,
} from './sampling.ts'
import type { ContourMarker, ContourPlotSpec, PlotSpec, QuiverSpec } from './spec.ts'

const CONTOUR_GRID = 41
const MAX_CONTOUR_GRID = 201
const ARROW_GRID = 12
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
  // The arrows sit on their own grid, at (i + 0.5) / ARROW_GRID of each range.
  sampleable(x0, x1, Math.max(n - 1, ARROW_GRID), who, 'the x range')
  sampleable(y0, y1, Math.max(n - 1, ARROW_GRID), who, 'the y range')
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
