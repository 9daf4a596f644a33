/**
 * The arithmetic of the plot preview (drawn before plotly loads), against hand-worked cases: data
 * to pixels with plotly's margins and equal scales, round ticks, gaps in lines, contour levels and
 * level lines found by marching squares where a linear function crosses them.
 */
import { describe, expect, it } from 'vitest'
import type { ContourTrace } from '../../../app/components/previewGeometry.ts'
import {
  bandColor,
  contourLevels,
  frameOf,
  isoLines,
  linePath,
  ticks,
  traceShapes,
} from '../../../app/components/previewGeometry.ts'
import { plotFigure } from '../../../app/components/plotFigure.ts'
import { plotSpecOf } from '../../../engine/plots/plots.ts'
import { session } from '../../engine/language/helpers.ts'

/** A 3 × 3 grid of z = x on [0, 2] × [0, 2]. */
const RAMP: ContourTrace = {
  name: 'z',
  x: [0, 1, 2],
  y: [0, 1, 2],
  z: [
    [0, 1, 2],
    [0, 1, 2],
    [0, 1, 2],
  ],
  coloring: 'fill',
  levels: { start: 0.5, end: 1.5, size: 0.5 },
  colorscale: [
    [0, '#000000'],
    [1, '#ffffff'],
  ],
  lineColor: 'black',
  lineWidth: 1,
  dash: 'solid',
  color: 'black',
}

describe('the preview frame', () => {
  it('maps the ranges onto the plot area inside plotly’s margins', () => {
    const f = frameOf({ xaxis: { range: [0, 10] }, yaxis: { range: [-1, 1] } }, 568, 380, false)
    expect([f.left, f.right, f.top, f.bottom]).toEqual([52, 552, 36, 336])
    expect(f.px(5)).toBe(302)
    expect(f.py(1)).toBe(36)
    expect(f.py(-1)).toBe(336)
  })

  it('gives both axes one scale when y is anchored to x, centring the shorter side', () => {
    const f = frameOf({ xaxis: { range: [0, 2] }, yaxis: { range: [0, 1], scaleanchor: 'x' } }, 468, 480, false)
    // 400 px wide for 2 units, so 1 unit of y is 200 px, centred in the 400 px of height.
    expect(f.px(2) - f.px(0)).toBe(400)
    expect(f.py(0) - f.py(1)).toBe(200)
    expect(f.top).toBe(36 + 100)
  })
})

describe('ticks', () => {
  it('steps by 1, 2 or 5 times a power of ten, inside the range', () => {
    expect(ticks(-2.5, 2.5, 5)).toEqual([-2, -1, 0, 1, 2])
    expect(ticks(0, 31.3, 7)).toEqual([0, 5, 10, 15, 20, 25, 30])
    expect(ticks(0, 31.3, 6)).toEqual([0, 10, 20, 30])
    expect(ticks(0.001, 0.0042, 4)).toEqual([0.001, 0.002, 0.003, 0.004])
    expect(ticks(1, 1, 5)).toEqual([])
  })
})

describe('lines', () => {
  it('breaks a line where a value is missing, as plotly does without connectgaps', () => {
    const f = frameOf({ xaxis: { range: [0, 3] }, yaxis: { range: [0, 3] } }, 368, 380, false)
    const d = linePath([0, 1, 2, 3], [0, 1, null, 3], f)
    expect(d.match(/M/g)?.length).toBe(2)
    expect(d.match(/L/g)?.length).toBe(1)
  })

  it('reads the figure PlotView gives plotly: curves, their styles, and the marked point', () => {
    const spec = plotSpecOf(session().value('plot(f(x) = x^2, -2, 2, {derivative: true, tangent: 1, samples: 9})'))!
    const { lines, contours } = traceShapes(plotFigure(spec).data)
    expect(contours).toEqual([])
    expect(lines.map((l) => [l.name, l.dash, l.textOnly])).toEqual([
      ['f', 'solid', false],
      ['f′ (derivative)', 'dash', false],
      ['tangent at x = 1', 'dot', false],
      ['point', 'solid', true],
    ])
    expect(lines[3]!.x).toEqual([1])
    expect(lines[3]!.y).toEqual([1])
  })
})

describe('contours', () => {
  it('takes the trace’s own levels, or about fifteen round ones', () => {
    expect(contourLevels(RAMP)).toEqual([0.5, 1, 1.5])
    const { levels: _, ...auto } = RAMP
    const z = Array.from({ length: 3 }, () => [0, 15, 30])
    expect(contourLevels({ ...auto, z })).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28])
  })

  it('draws the level line x = c of z = x where the grid crosses it', () => {
    const f = frameOf({ xaxis: { range: [0, 2] }, yaxis: { range: [0, 2] } }, 268, 280, false)
    const d = isoLines(RAMP, [0.5], f)
    // Two grid rows, one crossing each: segments from y = 0 to 1 and 1 to 2, all at x = 0.5.
    const points = [...d.matchAll(/[ML]([\d.]+),([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])])
    expect(points).toHaveLength(4)
    for (const [x] of points) expect(x).toBeCloseTo(f.px(0.5), 1)
    expect(new Set(points.map(([, y]) => y))).toEqual(
      new Set([f.py(0), f.py(1), f.py(2)].map((y) => Number(y.toFixed(1)))),
    )
  })

  it('colours a value by the band it lies in, darkest to lightest along the scale', () => {
    const levels = [0.5, 1, 1.5]
    expect(bandColor(0, levels, RAMP.colorscale)).toBe('rgb(0,0,0)')
    expect(bandColor(2, levels, RAMP.colorscale)).toBe('rgb(255,255,255)')
    const middle = bandColor(0.75, levels, RAMP.colorscale)
    expect(middle).toBe(bandColor(0.9, levels, RAMP.colorscale))
    expect(middle).not.toBe(bandColor(1.2, levels, RAMP.colorscale))
  })
})
