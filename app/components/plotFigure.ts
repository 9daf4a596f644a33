/**
 * From the engine's plot spec to plotly's figure: traces, layout and config, pure data. PlotView
 * hands it to plotly; PlotPreview draws the same figure without plotly until plotly has loaded.
 */
import type { Config, Data, Layout } from 'plotly.js'
import type { ContourPlotSpec, LinePlotSpec, PlotSpec, QuiverSpec } from '../../engine/plots/plots.ts'

export interface PlotFigure {
  data: Data[]
  layout: Partial<Layout>
  config: Partial<Config>
}

export const INK = '#1d2330'
export const COLORS = { function: '#2855c8', derivative: '#c2410c', tangent: '#15803d', point: '#b91c1c' }
const DASH = { function: 'solid', derivative: 'dash', tangent: 'dot' } as const

const CONFIG: Partial<Config> = { responsive: true, displaylogo: false, displayModeBar: false, scrollZoom: false }

function baseLayout(): Partial<Layout> {
  return {
    autosize: true,
    margin: { l: 52, r: 16, t: 36, b: 44 },
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: '#ffffff',
    font: { family: 'system-ui, -apple-system, "Segoe UI", sans-serif', size: 13, color: INK },
    legend: { orientation: 'h', x: 0, y: 1.02, xanchor: 'left', yanchor: 'bottom' },
    hovermode: 'closest',
    // No drag-to-zoom: in a notebook a drag (or a swipe on a phone) should scroll the page.
    dragmode: false,
  }
}

export function plotFigure(spec: PlotSpec): PlotFigure {
  return spec.kind === 'line' ? lineFigure(spec) : contourFigure(spec)
}

function lineFigure(spec: LinePlotSpec): PlotFigure {
  const data: Data[] = spec.curves.map((c) => ({
    type: 'scatter',
    mode: 'lines',
    name: c.name,
    x: c.x,
    y: c.y,
    connectgaps: false,
    line: { color: COLORS[c.role], width: c.role === 'function' ? 2.5 : 2, dash: DASH[c.role] },
    hovertemplate: `${c.name}: %{y:.4g} at ${spec.xLabel} = %{x:.4g}<extra></extra>`,
  }))
  if (spec.markers.length > 0) data.push(markerTrace(spec.markers, 'top left', 9, COLORS.tangent))
  return {
    data,
    layout: {
      ...baseLayout(),
      showlegend: spec.curves.length > 1,
      xaxis: { title: { text: spec.xLabel }, range: [...spec.xRange], zeroline: true },
      yaxis: { range: [...spec.yRange], zeroline: true },
    },
    config: CONFIG,
  }
}

function contourFigure(spec: ContourPlotSpec): PlotFigure {
  const levels = spec.levels
  const data: Data[] = [
    {
      type: 'contour',
      name: spec.title,
      x: spec.x,
      y: spec.y,
      z: spec.z,
      connectgaps: false,
      colorscale: [
        [0, '#f7fbff'],
        [0.5, '#bcd7ee'],
        [1, '#5b9bd5'],
      ],
      ...(levels ? { autocontour: false } : { ncontours: 15 }),
      contours: {
        coloring: 'fill',
        // Labels cost plotly most of its drawing time next to overlays; the colour bar reads the same.
        showlabels: !spec.model && !spec.arrows,
        labelfont: { size: 10, color: INK },
        ...(levels ?? {}),
      },
      line: { color: 'rgba(29,35,48,0.35)', width: 0.8 },
      colorbar: { thickness: 12, outlinewidth: 0 },
      hovertemplate: `${spec.xLabel} = %{x:.3g}, ${spec.yLabel} = %{y:.3g}<br>value %{z:.4g}<extra></extra>`,
    },
  ]
  if (spec.model) {
    data.push({
      type: 'contour',
      name: spec.model.kind === 'tangent' ? 'tangent plane at the point' : 'quadratic model at the point',
      x: spec.x,
      y: spec.y,
      z: spec.model.z,
      showlegend: true,
      showscale: false,
      hoverinfo: 'skip',
      colorscale: [
        [0, COLORS.point],
        [1, COLORS.point],
      ],
      ...(levels ? { autocontour: false } : { ncontours: 15 }),
      contours: { coloring: 'lines', showlabels: false, ...(levels ?? {}) },
      line: { dash: 'dash', width: 1.5 },
    })
  }
  if (spec.arrows) {
    data.push({ ...arrowTrace(spec.arrows, INK, 1.1), name: 'gradient' })
    // The gradient at the marked point: its direction, drawn one and a half arrow-cells long.
    const at = spec.markers.filter((m) => m.gradient && (m.gradient[0] !== 0 || m.gradient[1] !== 0))
    if (at.length > 0) {
      const length = 1.5 * spec.arrows.maxLength
      const unit = at.map((m) => Math.hypot(...m.gradient!))
      const q: QuiverSpec = {
        x: at.map((m) => m.x),
        y: at.map((m) => m.y),
        u: at.map((m, k) => m.gradient![0] / unit[k]!),
        v: at.map((m, k) => m.gradient![1] / unit[k]!),
        scale: length,
        maxLength: length,
      }
      data.push({ ...arrowTrace(q, COLORS.point, 2.5), name: 'gradient direction at the point' })
    }
  }
  if (spec.markers.length > 0) {
    const hover = spec.markers.map((m) => `${m.label}: value ${m.value.toPrecision(4)}`)
    data.push(markerTrace(spec.markers, 'top right', 10, COLORS.point, hover))
  }
  const x = spec.x
  const y = spec.y
  return {
    data,
    layout: {
      ...baseLayout(),
      showlegend: data.length > 1 + (spec.markers.length > 0 ? 1 : 0),
      xaxis: { title: { text: spec.xLabel }, range: [x[0]!, x[x.length - 1]!], constrain: 'domain' },
      yaxis: {
        title: { text: spec.yLabel },
        range: [y[0]!, y[y.length - 1]!],
        constrain: 'domain',
        ...(spec.equalAspect ? { scaleanchor: 'x' as const, scaleratio: 1 } : {}),
      },
    },
    config: CONFIG,
  }
}

/**
 * Arrows as one line trace: each is a shaft and two barbs, separated from the next by a gap
 * (null). Hundreds of arrows cost one trace, unlike one annotation each.
 */
export function arrowTrace(q: QuiverSpec, color: string, width: number): Data {
  const xs: (number | null)[] = []
  const ys: (number | null)[] = []
  const barb = 0.3
  const spread = (25 * Math.PI) / 180
  q.x.forEach((x0, k) => {
    let dx = q.scale * q.u[k]!
    let dy = q.scale * q.v[k]!
    const length = Math.hypot(dx, dy)
    if (length === 0) return
    if (length > q.maxLength) [dx, dy] = [(dx * q.maxLength) / length, (dy * q.maxLength) / length]
    const x1 = x0 + dx
    const y1 = q.y[k]! + dy
    xs.push(x0, x1, null)
    ys.push(q.y[k]!, y1, null)
    for (const s of [spread, -spread]) {
      // The barbs point back from the tip, rotated by ±25°.
      const bx = -barb * (dx * Math.cos(s) - dy * Math.sin(s))
      const by = -barb * (dx * Math.sin(s) + dy * Math.cos(s))
      xs.push(x1, x1 + bx, null)
      ys.push(y1, y1 + by, null)
    }
  })
  return { type: 'scatter', mode: 'lines', x: xs, y: ys, line: { color, width }, hoverinfo: 'skip' }
}

/** The marked points of a plot (a tangent point, the point of a contour), labelled in place. */
function markerTrace(
  markers: readonly { x: number; y: number; label: string }[],
  textposition: 'top left' | 'top right',
  size: number,
  color: string,
  hovertext?: string[],
): Data {
  return {
    ...(hovertext ? { hovertext } : {}),
    type: 'scatter',
    mode: 'text+markers',
    name: 'point',
    showlegend: false,
    x: markers.map((m) => m.x),
    y: markers.map((m) => m.y),
    text: markers.map((m) => m.label),
    textposition,
    marker: { size, color, line: { color: '#ffffff', width: 1.5 } },
    hoverinfo: 'text',
  }
}
