/**
 * Plots in the notebook language: `plot(f, a, b)` draws a function of one number (line.ts),
 * `contour(f, [x0, x1], [y0, y1])` a function of a 2-vector (contour.ts). The engine samples f,
 * its derivative, gradient or Hessian, without any DOM, and returns a PlotSpec (spec.ts) that
 * PlotView draws with plotly.
 *
 * Every spec carries a one-paragraph summary for screen readers, because plotly charts are not
 * keyboard accessible: the range of values, where the minimum is, and what the derivative shows.
 */
import { builtin } from '../language/args.ts'
import type { LangFunction } from '../language/values.ts'
import { contourPlot } from './contour.ts'
import { linePlot } from './line.ts'
import { plotRecord } from './spec.ts'

export { plotSpecOf } from './spec.ts'
export type {
  ContourMarker,
  ContourPlotSpec,
  LinePlotSpec,
  PlotCurve,
  PlotMarker,
  PlotSpec,
  QuiverSpec,
} from './spec.ts'

export function plotBuiltins(): LangFunction[] {
  return [
    builtin('plot', ['f', 'a', 'b', 'options'], (args) => plotRecord(linePlot(args)), { arity: [3, 4] }),
    builtin('contour', ['f', 'xrange', 'yrange', 'options'], (args) => plotRecord(contourPlot(args)), {
      arity: [3, 4],
    }),
  ]
}
