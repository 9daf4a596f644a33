/**
 * A plot drawn without plotly, at once: the same figure (plotFigure.ts) that plotly will draw, in
 * plain SVG and one canvas. plotly takes a second or more of the main thread to start (one task
 * that blocks typing and clicking), so it loads later (PlotView); meanwhile the learner sees the
 * plot, never an empty box. Drawn here: lines with their gaps, dashes and markers; a contour's
 * filled bands (canvas) and level lines (marching squares); the arrows; axes with ticks, titles
 * and the legend. Not here: hover labels, which are what plotly adds.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react'
import type { Layout } from 'plotly.js'
import type { PlotFigure } from './plotFigure.ts'
import { INK } from './plotFigure.ts'
import type { ContourTrace, Frame, LineTrace } from './previewGeometry.ts'
import { bandColor, contourLevels, frameOf, isoLines, linePath, ticks, traceShapes } from './previewGeometry.ts'

const FONT = 'system-ui, -apple-system, "Segoe UI", sans-serif'
const DASHES: Record<string, string | undefined> = { dash: '9 9', dot: '3 3', solid: undefined }

export function PlotPreview({ figure }: { figure: PlotFigure }) {
  const box = useRef<HTMLDivElement>(null)
  const [size, setSize] = useState<{ width: number; height: number } | null>(null)
  useLayoutEffect(() => {
    const el = box.current
    if (!el) return
    const measure = () => {
      const { width, height } = el.getBoundingClientRect()
      setSize((s) => (s && s.width === width && s.height === height ? s : { width, height }))
    }
    measure()
    if (typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(measure)
    observer.observe(el)
    return () => observer.disconnect()
  }, [])
  return (
    <div ref={box} className="nb-plot-preview" aria-hidden="true">
      {size && size.width > 0 && size.height > 0 && <Drawing figure={figure} {...size} />}
    </div>
  )
}

function Drawing({ figure, width, height }: { figure: PlotFigure; width: number; height: number }) {
  const clip = useId()
  const layout = figure.layout
  const { lines, contours } = traceShapes(figure.data)
  const frame = frameOf(layout, width, height, contours.length > 0)
  const { px, py, left, right, top, bottom } = frame
  const xTicks = ticks(frame.x0, frame.x1, (right - left) / 90)
  const yTicks = ticks(frame.y0, frame.y1, (bottom - top) / 45)
  const legend = layout.showlegend
    ? [...contours.filter((c) => c.coloring === 'lines'), ...lines.filter((t) => !t.textOnly)].filter((t) => t.name)
    : []
  return (
    <>
      {contours[0] && <Bands trace={contours[0]} frame={frame} width={width} height={height} />}
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} fontFamily={FONT} fontSize={12}>
        <defs>
          <clipPath id={clip}>
            <rect x={left} y={top} width={right - left} height={bottom - top} />
          </clipPath>
        </defs>
        {contours.length === 0 && <rect x={left} y={top} width={right - left} height={bottom - top} fill="#fff" />}
        {/* Grid lines lie under a contour's bands, as in plotly: only a line plot shows them. */}
        <g stroke="#eceff4" strokeWidth={1} display={contours.length > 0 ? 'none' : undefined}>
          {xTicks.map((t) => (
            <line key={`x${t}`} x1={px(t)} x2={px(t)} y1={top} y2={bottom} />
          ))}
          {yTicks.map((t) => (
            <line key={`y${t}`} x1={left} x2={right} y1={py(t)} y2={py(t)} />
          ))}
        </g>
        <g clipPath={`url(#${clip})`}>
          {zeroLines(layout, frame)}
          {contours.map((c, k) => (
            <path
              key={`c${k}`}
              d={isoLines(c, contourLevels(c), frame)}
              fill="none"
              stroke={c.lineColor}
              strokeWidth={c.lineWidth}
              strokeDasharray={DASHES[c.dash]}
            />
          ))}
          {lines.map((t, k) =>
            t.textOnly ? null : (
              <path
                key={`l${k}`}
                d={linePath(t.x, t.y, frame)}
                fill="none"
                stroke={t.color}
                strokeWidth={t.width}
                strokeDasharray={DASHES[t.dash]}
                strokeLinejoin="round"
              />
            ),
          )}
        </g>
        {lines.map((t, k) => (t.marker ? <Markers key={`m${k}`} trace={t} frame={frame} /> : null))}
        <g fill={INK} fontSize={12}>
          {xTicks.map((t) => (
            <text key={`x${t}`} x={px(t)} y={bottom + 16} textAnchor="middle">
              {tickText(t)}
            </text>
          ))}
          {yTicks.map((t) => (
            <text key={`y${t}`} x={left - 6} y={py(t) + 4} textAnchor="end">
              {tickText(t)}
            </text>
          ))}
          <text x={(left + right) / 2} y={bottom + 36} textAnchor="middle" fontSize={13}>
            {axisTitle(layout.xaxis)}
          </text>
          <text
            x={14}
            y={(top + bottom) / 2}
            textAnchor="middle"
            fontSize={13}
            transform={`rotate(-90 14 ${(top + bottom) / 2})`}
          >
            {axisTitle(layout.yaxis)}
          </text>
        </g>
        <Legend entries={legend} x={left} y={top - 12} />
      </svg>
    </>
  )
}

/** The filled bands of a contour plot, on a canvas under the drawing (one pixel each, no DOM nodes). */
function Bands({ trace, frame, width, height }: { trace: ContourTrace; frame: Frame; width: number; height: number }) {
  const canvas = useRef<HTMLCanvasElement>(null)
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d')
    if (!ctx || trace.coloring !== 'fill') return
    ctx.clearRect(0, 0, width, height)
    const levels = contourLevels(trace)
    const { px, py } = frame
    // One rectangle per grid cell, centred on its point, in the colour of the band its value is in.
    for (let j = 0; j < trace.y.length; j++) {
      const yA = py((trace.y[Math.max(0, j - 1)]! + trace.y[j]!) / 2)
      const yB = py((trace.y[Math.min(trace.y.length - 1, j + 1)]! + trace.y[j]!) / 2)
      for (let i = 0; i < trace.x.length; i++) {
        const z = trace.z[j]?.[i]
        if (z === null || z === undefined) continue
        const xA = px((trace.x[Math.max(0, i - 1)]! + trace.x[i]!) / 2)
        const xB = px((trace.x[Math.min(trace.x.length - 1, i + 1)]! + trace.x[i]!) / 2)
        ctx.fillStyle = bandColor(z, levels, trace.colorscale)
        ctx.fillRect(
          Math.floor(xA),
          Math.floor(Math.min(yA, yB)),
          Math.ceil(xB - xA) + 1,
          Math.ceil(Math.abs(yB - yA)) + 1,
        )
      }
    }
  }, [trace, frame, width, height])
  return <canvas ref={canvas} width={width} height={height} className="nb-plot-preview-bands" />
}

function Markers({ trace, frame }: { trace: LineTrace; frame: Frame }) {
  const m = trace.marker!
  const right = trace.textposition === 'top right'
  return (
    <g>
      {trace.x.map((x, k) => {
        const y = trace.y[k]
        if (x === null || y === null || y === undefined) return null
        const cx = frame.px(x)
        const cy = frame.py(y)
        return (
          <g key={k}>
            <circle cx={cx} cy={cy} r={m.size / 2} fill={m.color} stroke="#fff" strokeWidth={1.5} />
            {trace.text[k] && (
              <text x={cx + (right ? 6 : -6)} y={cy - 8} textAnchor={right ? 'start' : 'end'} fill={INK} fontSize={12}>
                {trace.text[k]}
              </text>
            )}
          </g>
        )
      })}
    </g>
  )
}

function Legend({ entries, x, y }: { entries: { name: string; color: string; dash: string }[]; x: number; y: number }) {
  let at = x
  return (
    <g fontSize={12} fill={INK}>
      {entries.map((e, k) => {
        const start = at
        at += 46 + 6.5 * e.name.length
        return (
          <g key={k}>
            <line
              x1={start}
              x2={start + 28}
              y1={y}
              y2={y}
              stroke={e.color}
              strokeWidth={2}
              strokeDasharray={DASHES[e.dash]}
            />
            <text x={start + 34} y={y + 4}>
              {e.name}
            </text>
          </g>
        )
      })}
    </g>
  )
}

function zeroLines(layout: Partial<Layout>, f: Frame) {
  const lines = []
  if (layout.xaxis?.zeroline && f.x0 < 0 && f.x1 > 0)
    lines.push(<line key="zx" x1={f.px(0)} x2={f.px(0)} y1={f.top} y2={f.bottom} stroke="#444" strokeWidth={1} />)
  if (layout.yaxis?.zeroline && f.y0 < 0 && f.y1 > 0)
    lines.push(<line key="zy" x1={f.left} x2={f.right} y1={f.py(0)} y2={f.py(0)} stroke="#444" strokeWidth={1} />)
  return lines
}

function axisTitle(axis: Partial<Layout['xaxis']> | undefined): string {
  const t = axis?.title
  return typeof t === 'string' ? t : (t?.text ?? '')
}

/** A tick's label: three significant digits at most, with a true minus sign as plotly writes it. */
function tickText(t: number): string {
  const s = String(Number(t.toPrecision(3)))
  return s.startsWith('-') ? `\u2212${s.slice(1)}` : s
}
