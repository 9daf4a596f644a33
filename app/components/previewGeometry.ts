/**
 * The arithmetic of PlotPreview, pure: which traces of a plotly figure it draws and how, the
 * frame (data to pixels), tick positions, paths of lines with gaps, contour levels, band colours
 * and level lines by marching squares.
 */
import type { Data, Layout } from 'plotly.js'

type Num = number | null

export interface LineTrace {
  name: string
  x: Num[]
  y: Num[]
  color: string
  width: number
  dash: string
  /** Only markers and their labels (mode 'text+markers'). */
  textOnly: boolean
  marker?: { size: number; color: string }
  text: string[]
  textposition?: string
}

export interface ContourTrace {
  name: string
  x: number[]
  y: number[]
  z: Num[][]
  coloring: 'fill' | 'lines'
  levels?: { start: number; end: number; size: number }
  colorscale: [number, string][]
  lineColor: string
  lineWidth: number
  dash: string
  /** For the legend (a lines-only contour is listed like a line). */
  color: string
}

/** The traces the preview draws, in plotly's order; anything else is left to plotly. */
export function traceShapes(data: Data[]): { lines: LineTrace[]; contours: ContourTrace[] } {
  const lines: LineTrace[] = []
  const contours: ContourTrace[] = []
  for (const d of data as Record<string, unknown>[]) {
    const line = (d.line ?? {}) as { color?: string; width?: number; dash?: string }
    if (d.type === 'scatter') {
      const marker = d.marker as { size?: number; color?: string } | undefined
      const mode = String(d.mode ?? 'lines')
      lines.push({
        name: String(d.name ?? ''),
        x: (d.x ?? []) as Num[],
        y: (d.y ?? []) as Num[],
        color: line.color ?? '#1f77b4',
        width: line.width ?? 2,
        dash: line.dash ?? 'solid',
        textOnly: !mode.includes('lines'),
        ...(mode.includes('markers') ? { marker: { size: marker?.size ?? 6, color: marker?.color ?? '#1f77b4' } } : {}),
        text: ((d.text ?? []) as string[]).map(String),
        ...(typeof d.textposition === 'string' ? { textposition: d.textposition } : {}),
      })
    } else if (d.type === 'contour') {
      const c = (d.contours ?? {}) as { coloring?: string; start?: number; end?: number; size?: number }
      const scale = (d.colorscale ?? [
        [0, '#ffffff'],
        [1, '#000000'],
      ]) as [number, string][]
      const lineOnly = c.coloring === 'lines'
      contours.push({
        name: String(d.name ?? ''),
        x: d.x as number[],
        y: d.y as number[],
        z: d.z as Num[][],
        coloring: lineOnly ? 'lines' : 'fill',
        ...(c.start !== undefined && c.end !== undefined && c.size
          ? { levels: { start: c.start, end: c.end, size: c.size } }
          : {}),
        colorscale: scale,
        lineColor: lineOnly ? scale[0]![1] : (line.color ?? 'rgba(0,0,0,0.3)'),
        lineWidth: line.width ?? 1,
        dash: line.dash ?? 'solid',
        color: scale[0]![1],
      })
    }
  }
  return { lines, contours }
}

export interface Frame {
  x0: number
  x1: number
  y0: number
  y1: number
  left: number
  right: number
  top: number
  bottom: number
  px(x: number): number
  py(y: number): number
}

/**
 * Data to pixels, with plotly's margins (and room for a contour's colour bar); with the y axis
 * anchored to x (equal scales), the longer side's domain shrinks about its centre, as plotly's
 * constrain: 'domain' does.
 */
export function frameOf(layout: Partial<Layout>, width: number, height: number, colorbar: boolean): Frame {
  const m = { l: 52, r: 16, t: 36, b: 44, ...(layout.margin ?? {}) }
  const [x0, x1] = (layout.xaxis?.range ?? [0, 1]) as [number, number]
  const [y0, y1] = (layout.yaxis?.range ?? [0, 1]) as [number, number]
  let left = m.l
  let right = width - m.r - (colorbar ? 60 : 0)
  let top = m.t
  let bottom = height - m.b
  if (layout.yaxis?.scaleanchor === 'x' && x1 > x0 && y1 > y0) {
    const unit = Math.min((right - left) / (x1 - x0), (bottom - top) / (y1 - y0))
    const w = unit * (x1 - x0)
    const h = unit * (y1 - y0)
    left += (right - left - w) / 2
    right = left + w
    top += (bottom - top - h) / 2
    bottom = top + h
  }
  const sx = (right - left) / (x1 - x0 || 1)
  const sy = (bottom - top) / (y1 - y0 || 1)
  return {
    x0,
    x1,
    y0,
    y1,
    left,
    right,
    top,
    bottom,
    px: (x) => left + (x - x0) * sx,
    py: (y) => bottom - (y - y0) * sy,
  }
}

/** Round tick values in [a, b], about `count` of them, stepping by 1, 2 or 5 times a power of ten. */
export function ticks(a: number, b: number, count: number): number[] {
  if (!(b > a) || !Number.isFinite(a) || !Number.isFinite(b)) return []
  const step = niceStep((b - a) / Math.max(2, count))
  const out: number[] = []
  for (let k = Math.ceil(a / step - 1e-9); k * step <= b + step * 1e-9; k++)
    out.push(Number((k * step).toPrecision(12)))
  return out
}

function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw))
  const f = raw / power
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power
}

/** A polyline through the points, broken where a coordinate is missing (plotly's connectgaps: false). */
export function linePath(x: Num[], y: Num[], f: Frame): string {
  let d = ''
  let open = false
  for (let k = 0; k < x.length; k++) {
    const a = x[k]
    const b = y[k]
    if (a === null || a === undefined || b === null || b === undefined || !Number.isFinite(a) || !Number.isFinite(b)) {
      open = false
      continue
    }
    d += `${open ? 'L' : 'M'}${f.px(a).toFixed(1)},${f.py(b).toFixed(1)}`
    open = true
  }
  return d
}

/** The levels drawn: the trace's own, or about fifteen round ones across its values (plotly's ncontours: 15). */
export function contourLevels(c: ContourTrace): number[] {
  if (c.levels) {
    const { start, end, size } = c.levels
    const out: number[] = []
    for (let v = start; v <= end + size * 1e-9 && out.length < 1000; v += size) out.push(v)
    return out
  }
  let lo = Infinity
  let hi = -Infinity
  for (const row of c.z)
    for (const v of row) if (v !== null && Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)]
  if (!(hi > lo)) return []
  const step = niceStep((hi - lo) / 15)
  const out: number[] = []
  for (let v = Math.ceil(lo / step) * step; v < hi; v += step) out.push(Number(v.toPrecision(12)))
  return out
}

/** The colour of the band a value lies in: the colour scale at the band's middle. */
export function bandColor(z: number, levels: number[], scale: [number, string][]): string {
  if (levels.length < 2) return scale[0]![1]
  const lo = levels[0]!
  const hi = levels[levels.length - 1]!
  const size = (hi - lo) / (levels.length - 1)
  const band = Math.min(levels.length, Math.max(0, Math.floor((z - lo) / size) + 1))
  // Bands run from below the first level to above the last: band k's middle, scaled to [0, 1].
  const t = Math.min(1, Math.max(0, band / levels.length))
  return colorAt(scale, t)
}

function colorAt(scale: [number, string][], t: number): string {
  let k = 0
  while (k < scale.length - 2 && t > scale[k + 1]![0]) k++
  const [t0, c0] = scale[k]!
  const [t1, c1] = scale[Math.min(k + 1, scale.length - 1)]!
  const u = t1 > t0 ? (t - t0) / (t1 - t0) : 0
  const a = rgb(c0)
  const b = rgb(c1)
  return `rgb(${a.map((v, i) => Math.round(v + (b[i]! - v) * u)).join(',')})`
}

function rgb(hex: string): number[] {
  const m = /^#([0-9a-f]{6})$/i.exec(hex)
  if (!m) return [128, 128, 128]
  const n = parseInt(m[1]!, 16)
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255]
}

/**
 * The level lines of a gridded function, as one SVG path: marching squares, each grid cell's
 * crossings joined by a segment (a saddle cell takes one of its two readings).
 */
export function isoLines(c: ContourTrace, levels: number[], f: Frame): string {
  const parts: string[] = []
  const { x, y, z } = c
  const at = (i: number, j: number) => z[j]?.[i]
  for (const level of levels) {
    for (let j = 0; j + 1 < y.length; j++) {
      for (let i = 0; i + 1 < x.length; i++) {
        const corners = [at(i, j), at(i + 1, j), at(i + 1, j + 1), at(i, j + 1)]
        if (corners.some((v) => v === null || v === undefined || !Number.isFinite(v))) continue
        const [a, b, cc, d] = corners as number[]
        // Crossings on the four edges: bottom (a-b), right (b-c), top (d-c), left (a-d).
        const cross = (p: number, q: number) => p < level !== q < level
        const mix = (p: number, q: number) => (level - p) / (q - p)
        const points: [number, number][] = []
        if (cross(a!, b!)) points.push([x[i]! + mix(a!, b!) * (x[i + 1]! - x[i]!), y[j]!])
        if (cross(b!, cc!)) points.push([x[i + 1]!, y[j]! + mix(b!, cc!) * (y[j + 1]! - y[j]!)])
        if (cross(d!, cc!)) points.push([x[i]! + mix(d!, cc!) * (x[i + 1]! - x[i]!), y[j + 1]!])
        if (cross(a!, d!)) points.push([x[i]!, y[j]! + mix(a!, d!) * (y[j + 1]! - y[j]!)])
        for (let k = 0; k + 1 < points.length; k += 2) {
          const [p, q] = [points[k]!, points[k + 1]!]
          parts.push(
            `M${f.px(p[0]).toFixed(1)},${f.py(p[1]).toFixed(1)}L${f.px(q[0]).toFixed(1)},${f.py(q[1]).toFixed(1)}`,
          )
        }
      }
    }
  }
  return parts.join('')
}
