/**
 * A plot from the notebook language (plot, contour): the engine computed every number; this view
 * only draws them. PlotPreview draws the figure at once, without plotly; plotly
 * (plotly.js-dist-min, the stack's choice, for hover values) replaces it once loaded, which
 * happens only after the first paint and when a plot wants it (plotlyLoading.ts): its evaluation
 * is one long main-thread task, so it must not come while the learner is typing.
 *
 * Plotly charts are not keyboard accessible: the figure is an image labelled with the engine's
 * text summary, and the same summary is shown as its caption.
 */
import { useEffect, useMemo, useRef, useState } from 'react'
import type { PlotSpec } from '../../engine/plots/plots.ts'
import { plotFigure } from './plotFigure.ts'
import { forSlide } from './slidePlot.ts'
import { loadedPlotly, plotlyReady, wantPlotly } from './plotlyLoading.ts'
import { PlotPreview } from './PlotPreview.tsx'
import './plot.css'

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

/** preview: drawn by PlotPreview; ready: by plotly; failed: plotly could not draw it (the preview stays). */
type State = { status: 'preview' } | { status: 'ready' } | { status: 'failed'; message: string }

export function PlotView({ plot }: PlotViewProps) {
  const canvas = useRef<HTMLDivElement>(null)
  const [state, setState] = useState<State>({ status: 'preview' })
  const figure = useMemo(() => forSlide(plotFigure(plot)), [plot])

  useEffect(() => {
    const el = canvas.current
    if (!el) return
    return wantPlotly(el.parentElement ?? el)
  }, [])

  useEffect(() => {
    const el = canvas.current
    if (!el) return
    let live = true
    let observer: ResizeObserver | undefined
    const { data, layout, config } = figure
    // Follow the notebook column's width (not just the window's): plotly's own responsive mode
    // only listens to the window, so it is used only where ResizeObserver is missing.
    const observe = typeof ResizeObserver !== 'undefined'
    plotlyReady()
      .then(async (Plotly) => {
        // Each plot in a task of its own: plotly takes tens of milliseconds per plot.
        await new Promise((resume) => setTimeout(resume, 0))
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
  }, [figure])

  // A new spec is drawn over the old one by Plotly.react; only unmounting frees plotly's listeners.
  useEffect(() => {
    const el = canvas.current
    return () => {
      if (el) loadedPlotly()?.purge(el)
    }
  }, [])

  return (
    <figure className="nb-plot" data-kind={plot.kind} data-status={state.status}>
      <div ref={canvas} className="nb-plot-canvas" role="img" aria-label={plot.summary} />
      {state.status !== 'ready' && <PlotPreview figure={figure} />}
      {state.status === 'failed' && (
        <p className="nb-plot-error" role="alert">
          The interactive plot could not be drawn ({state.message}): the drawing above shows the same numbers, without
          values on hover, and its summary is below.
        </p>
      )}
      <figcaption className="nb-plot-summary">{plot.summary}</figcaption>
    </figure>
  )
}

export type { PlotFigure } from './plotFigure.ts'
export { arrowTrace, plotFigure } from './plotFigure.ts'
