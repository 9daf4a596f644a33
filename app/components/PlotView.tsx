/**
 * A plot from the notebook language (plot, contour): the engine computed every number; this view
 * only draws them with plotly (plotly.js-dist-min, the stack's choice). It is loaded on first use
 * (its own file, never in the first bundle), only once the page has painted and gone idle, and
 * shared by every plot on the page; until then the plot's summary stands in for it.
 *
 * Plotly charts are not keyboard accessible: the figure is an image labelled with the engine's
 * text summary, and the same summary is shown as its caption.
 */
import { useEffect, useRef, useState } from 'react'
import type { Config, Data, Layout } from 'plotly.js'
import type { ContourPlotSpec, LinePlotSpec, PlotSpec, QuiverSpec } from '../../engine/plots/plots.ts'
import type { Plotly } from './plotlyScript.ts'
import { plotlyScript } from './plotlyScript.ts'
import './plot.css'

let loading: Promise<Plotly> | null = null
/** The API once imported, so unmounting can purge without importing anything. */
let loaded: Plotly | null = null

let painted: Promise<void> | null = null

/**
 * Resolves once the page has loaded and painted and the browser has a moment to spare (at most
 * 3 s later). Evaluating plotly is one long task of the main thread (seconds on a busy machine),
 * so it waits until the lesson is on screen and answering input, never before.
 */
function afterFirstPaint(): Promise<void> {
  painted ??= new Promise((done) => {
    const idle = () =>
      window.requestIdleCallback ? window.requestIdleCallback(() => done(), { timeout: 3000 }) : setTimeout(done, 50)
    // A task after load: by then the first paint has happened.
    const start = () => setTimeout(idle, 0)
    if (document.readyState === 'complete') start()
    else window.addEventListener('load', start, { once: true })
  })
  return painted
}

/**
 * plotly, loaded once for the whole page after the first paint (afterFirstPaint); a failed load
 * may be retried by the next plot.
 */
export function loadPlotly(): Promise<Plotly> {
  loading ??= afterFirstPaint()
    .then(plotlyScript)
    .then(
      (api) => (loaded = api),
      (err: unknown) => {
        loading = null
        throw err
      },
    )
  return loading
}

/**
 * Gives plotly's drawings a viewBox of their own size: nothing changes on screen, but paper
 * (print.css) can then shrink a plot drawn for a wide window to the page instead of cutting it.
 */
function scalable(el: HTMLElement): void {
  for (const svg of el.querySelectorAll('svg.main-svg')) {
    const w = svg.getAttribute('width')
    const h = svg.getAttribute('height')
    if (w && h) svg.setAttribute('viewBox', `0 0 ${w} ${h}`)
  }
}

export interface PlotViewProps {
  plot: PlotSpec
}

type State = { status: 'loading' } | { status: 'ready' } | { status: 'failed'; message: string }

export function PlotView({ plot }: PlotViewProps) {
  const canvas = useRef<HTMLDivElement>(null)
  const [state, setState] = useState<State>({ status: 'loading' })

  useEffect(() => {
    const el = canvas.current
    if (!el) return
    let live = true
    let observer: ResizeObserver | undefined
    const { data, layout, config } = plotFigure(plot)
    // Follow the notebook column's width (not just the window's): plotly's own responsive mode
    // only listens to the window, so it is used only where ResizeObserver is missing.
    const observe = typeof ResizeObserver !== 'undefined'
    loadPlotly()
      .then(async (Plotly) => {
        if (!live) return
        await Plotly.react(el, data, layout, { ...config, responsive: !observe })
        if (!live) return
        scalable(el)
        setState({ status: 'ready' })
        if (!observe) return
        // A redraw costs tens of milliseconds: only when the width really changed, once a frame.
        let width = el.clientWidth
        let frame = 0
        observer = new ResizeObserver(() => {
          if (el.clientWidth === width || frame) return
          frame = requestAnimationFrame(() => {
            frame = 0
            width = el.clientWidth
            if (!live) return
            void Promise.resolve(Plotly.Plots.resize(el)).then(() => scalable(el))
          })
        })
        observer.observe(el)
      })
      .catch((err: unknown) => {
        if (live) setState({ status: 'failed', message: err instanceof Error ? err.message : String(err) })
      })
    return () => {
      live = false
      observer?.disconnect()
    }
  }, [plot])

  // A new spec is drawn over the old one by Plotly.react; only unmounting frees plotly's listeners.
  useEffect(() => {
    const el = canvas.current
    return () => {
      if (el) loaded?.purge(el)
    }
  }, [])

  return (
    <figure className="nb-plot" data-kind={plot.kind} data-status={state.status}>
      <div ref={canvas} className="nb-plot-canvas" role="img" aria-label={plot.summary} />
      {state.status === 'loading' && <p className="nb-plot-loading">Loading plot…</p>}
      {state.status === 'failed' && (
        <p className="nb-plot-error" role="alert">
          The plot could not be drawn: {state.message}. Its summary is below.
        </p>
      )}
      <figcaption className="nb-plot-summary">{plot.summary}</figcaption>
    </figure>
  )
}

// -----------------------------------------------------------------------------------------------
// From the engine's spec to plotly's figure (pure, exported for tests)

export interface PlotFigure {
  data: Data[]
  layout: Partial<Layout>
  config: Partial<Config>
}

const INK = '#1d2330'
const COLORS = { function: '#2855c8', derivative: '#c2410c', tangent: '#15803d', point: '#b91c1c' }
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
