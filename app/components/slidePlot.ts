/**
 * A plot on a presentation's slide, read from the back of the room: its text (ticks, axis titles,
 * legend, marker labels, contour labels) at 0.8rem, 24 px on a 1920 × 1080 projector, so that it
 * stays at 18 px or more on a slide fitted down to 0.75; its margins grow with the text. Outside a
 * presentation the figure is unchanged. PlotView calls it where it builds the figure.
 */
import type { PlotFigure } from './plotFigure.ts'

/** Plot text on a slide, in rem: as large as the slide's labels. */
const SLIDE_TEXT_REM = 0.8

export function forSlide(figure: PlotFigure): PlotFigure {
  if (typeof document === 'undefined' || document.documentElement.dataset.mode !== 'present') return figure
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16
  const size = Math.round(SLIDE_TEXT_REM * rem)
  const layout = figure.layout
  const ratio = size / (layout.font?.size ?? 13)
  const margin = layout.margin ?? {}
  const grown = (x: number | undefined, fallback: number) => Math.round((x ?? fallback) * ratio)
  return {
    ...figure,
    data: figure.data.map((d) => {
      const trace = d as Record<string, unknown>
      const contours = trace.contours as Record<string, unknown> | undefined
      return {
        ...d,
        ...(trace.mode === 'text+markers' ? { textfont: { size } } : {}),
        ...(contours?.labelfont
          ? { contours: { ...contours, labelfont: { ...(contours.labelfont as object), size } } }
          : {}),
      } as typeof d
    }),
    layout: {
      ...layout,
      font: { ...layout.font, size },
      margin: {
        ...margin,
        l: grown(margin.l, 52),
        r: grown(margin.r, 16),
        t: grown(margin.t, 36),
        b: grown(margin.b, 44),
      },
    },
  }
}
