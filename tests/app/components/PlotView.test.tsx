// @vitest-environment jsdom
/**
 * PlotView in jsdom with plotly mocked: the script the app would load lazily (plotlyScript.ts), so
 * the view first draws the plot itself (PlotPreview: no plotly, no empty box), then hands the
 * engine's numbers to Plotly.react; the summary is the figure's label and caption throughout, and
 * a failed load leaves the drawing and the summary.
 */
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Data } from 'plotly.js'
import { PlotView, arrowTrace, plotFigure } from '../../../app/components/PlotView.tsx'
import type { ContourPlotSpec, LinePlotSpec, PlotSpec } from '../../../engine/plots/plots.ts'
import { plotSpecOf } from '../../../engine/plots/plots.ts'
import { session } from '../../engine/language/helpers.ts'

const plotly = vi.hoisted(() => ({
  react: vi.fn((..._args: unknown[]) => Promise.resolve()),
  purge: vi.fn(),
  Plots: { resize: vi.fn() },
}))
vi.mock('../../../app/components/plotlyScript.ts', () => ({ plotlyScript: () => Promise.resolve(plotly) }))

afterEach(cleanup)
beforeEach(() => {
  plotly.react.mockReset().mockImplementation(() => Promise.resolve())
  plotly.purge.mockReset()
})

function spec(source: string): PlotSpec {
  const s = plotSpecOf(session().value(source))
  if (!s) expect.fail(`no plot from ${source}`)
  return s
}

const LINE = spec('plot(f(x) = x^2, -2, 2, {derivative: true, tangent: 1, samples: 9})') as LinePlotSpec
const CONTOUR = spec(
  'contour(q(v) = v[1]^2 + 2 * v[2]^2, [-1, 1], [-1, 1], {grid: 5, gradient: true, point: [0.5, 0.5], model: "quadratic"})',
) as ContourPlotSpec

describe('PlotView', () => {
  it('draws the plot itself first, then draws the spec with Plotly.react in its place', async () => {
    const { container } = render(<PlotView plot={LINE} />)
    const figure = container.querySelector('figure')!
    expect(figure.getAttribute('data-status')).toBe('preview')
    expect(container.querySelector('.nb-plot-preview')).toBeTruthy()
    await waitFor(() => expect(plotly.react).toHaveBeenCalledTimes(1))
    await waitFor(() => expect(figure.getAttribute('data-status')).toBe('ready'))
    expect(container.querySelector('.nb-plot-preview')).toBeNull()

    const [el, data, layout, config] = plotly.react.mock.calls[0]! as [
      HTMLElement,
      Data[],
      Record<string, unknown>,
      Record<string, unknown>,
    ]
    expect(el).toBe(container.querySelector('.nb-plot-canvas'))
    const curves = data as { x: number[]; y: (number | null)[]; name: string }[]
    expect(curves[0]!.x).toEqual(LINE.curves[0]!.x)
    expect(curves[0]!.y).toEqual([4, 2.25, 1, 0.25, 0, 0.25, 1, 2.25, 4])
    expect(curves.map((c) => c.name)).toEqual(['f', 'f′ (derivative)', 'tangent at x = 1', 'point'])
    expect(config).toMatchObject({ displaylogo: false, responsive: true, displayModeBar: false })
    expect(layout).toMatchObject({ xaxis: { range: [-2, 2] } })
  })

  it('labels the figure with the summary and shows it as a caption', () => {
    render(<PlotView plot={LINE} />)
    const img = screen.getByRole('img')
    expect(img.getAttribute('aria-label')).toBe(LINE.summary)
    expect(LINE.summary).toContain('minimum 0 at x = 0')
    expect(screen.getByText(LINE.summary).tagName).toBe('FIGCAPTION')
  })

  it('redraws in place when the spec changes, and purges on unmount', async () => {
    const { rerender, unmount } = render(<PlotView plot={LINE} />)
    await waitFor(() => expect(plotly.react).toHaveBeenCalledTimes(1))
    rerender(<PlotView plot={CONTOUR} />)
    await waitFor(() => expect(plotly.react).toHaveBeenCalledTimes(2))
    expect(plotly.purge).not.toHaveBeenCalled()
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe(CONTOUR.summary)
    const el = plotly.react.mock.calls[1]![0]
    unmount()
    expect(plotly.purge).toHaveBeenCalledWith(el)
  })

  it('keeps its own drawing, the summary and says why when plotly cannot draw', async () => {
    plotly.react.mockImplementation(() => Promise.reject(new Error('no WebGL here')))
    const { container } = render(<PlotView plot={CONTOUR} />)
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('The interactive plot could not be drawn (no WebGL here)')
    expect(screen.getByText(CONTOUR.summary)).toBeTruthy()
    expect(container.querySelector('.nb-plot-preview')).toBeTruthy()
  })

  it('does not draw after it has gone', async () => {
    const { unmount } = render(<PlotView plot={LINE} />)
    unmount()
    await act(() => Promise.resolve())
    expect(plotly.react).not.toHaveBeenCalled()
  })
})

describe('plotFigure', () => {
  it('draws f and its model as contours on shared levels, with arrows and the point', () => {
    const { data, layout } = plotFigure(CONTOUR)
    const [f, model, arrows, pointArrow, point] = data as Record<string, unknown>[]
    expect(f).toMatchObject({ type: 'contour', x: CONTOUR.x, y: CONTOUR.y, z: CONTOUR.z, contours: CONTOUR.levels })
    expect(model).toMatchObject({
      type: 'contour',
      z: CONTOUR.model!.z,
      contours: { coloring: 'lines', ...CONTOUR.levels },
    })
    expect(arrows).toMatchObject({ type: 'scatter', mode: 'lines', name: 'gradient' })
    expect(pointArrow).toMatchObject({ name: 'gradient direction at the point' })
    expect(point).toMatchObject({ x: [0.5], y: [0.5] })
    expect(layout).toMatchObject({ yaxis: { scaleanchor: 'x' }, dragmode: false })
  })

  it('turns each arrow into a shaft and two barbs that end at the tip', () => {
    const trace = arrowTrace({ x: [1], y: [2], u: [3], v: [4], scale: 0.5, maxLength: 10 }, 'black', 1) as {
      x: (number | null)[]
      y: (number | null)[]
    }
    // Shaft from (1, 2) to (1 + 1.5, 2 + 2), then two barbs from the tip, each ended by a gap.
    expect(trace.x.slice(0, 3)).toEqual([1, 2.5, null])
    expect(trace.y.slice(0, 3)).toEqual([2, 4, null])
    expect(trace.x.length).toBe(9)
    expect([trace.x[3], trace.y[3], trace.x[6], trace.y[6]]).toEqual([2.5, 4, 2.5, 4])
    for (const k of [4, 7]) {
      const back = Math.hypot(trace.x[k]! - 2.5, trace.y[k]! - 4)
      expect(back).toBeCloseTo(0.3 * 2.5)
      // Each barb points backwards (against the arrow).
      expect((trace.x[k]! - 2.5) * 1.5 + (trace.y[k]! - 4) * 2).toBeLessThan(0)
    }
  })

  it('shortens arrows longer than maxLength, keeps their direction, and skips zero gradients', () => {
    const q = { x: [0, 5], y: [0, 5], u: [30, 0], v: [40, 0], scale: 1, maxLength: 2 }
    const trace = arrowTrace(q, 'black', 1) as { x: (number | null)[]; y: (number | null)[] }
    expect(trace.x.length).toBe(9)
    expect(trace.x[1]).toBeCloseTo(1.2)
    expect(trace.y[1]).toBeCloseTo(1.6)
  })
})
