/**
 * A tensor as the learner should read it: a number, a vector [a, b, c] (written as it is typed in
 * a cell, so it is not mistaken for a 1×n matrix), or a matrix in brackets; up to 6 significant
 * digits on screen, every digit on "Copy" (in the notebook's own syntax, ready to paste into a
 * cell). Matrices can switch to a heatmap, which is a real table for screen readers. Vectors and
 * matrices carry a spoken form ("matrix 3 by 3: row 1: 10, 4, 6; ...") as their label.
 *
 * Large tensors show their first and last rows and columns with ellipses; Copy still has all.
 */
import 'katex/dist/katex.min.css'
import { useMemo, useState } from 'react'
import './components.css'
import { displayNumber, exactNumber, tensorText } from '../../engine/language/numbers.ts'
import { renderTex } from './markdownMath.ts'

export interface TensorViewProps {
  shape: number[]
  /** Row-major entries. */
  data: number[]
  /** What the tensor is called (a variable or field name), used in its spoken label. */
  label?: string
}

function texNumber(x: number): string {
  const s = displayNumber(x)
  if (s === 'NaN') return '\\mathrm{NaN}'
  if (s === 'Inf' || s === '-Inf') return s.replace('Inf', '\\infty')
  const [m, e] = s.split('e')
  return e === undefined ? s : `${m} \\times 10^{${e}}`
}

/** Indices to show along an axis of length n; -1 stands for an ellipsis. */
function visible(n: number, max = 10): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i)
  const head = max - 4
  return [...Array.from({ length: head }, (_, i) => i), -1, n - 3, n - 2, n - 1]
}

function vectorTex(data: number[]): string {
  const items = visible(data.length).map((i) => (i < 0 ? '\\cdots' : texNumber(data[i]!)))
  return `\\left[\\,${items.join(',\\ ')}\\,\\right]`
}

function matrixTex(m: number, n: number, data: number[]): string {
  const cols = visible(n)
  const rows = visible(m).map((i) =>
    cols
      .map((j) => (i < 0 ? (j < 0 ? '\\ddots' : '\\vdots') : j < 0 ? '\\cdots' : texNumber(data[i * n + j]!)))
      .join(' & '),
  )
  return `\\begin{bmatrix}${rows.join(' \\\\ ')}\\end{bmatrix}`
}

function spokenVector(data: number[]): string {
  const items = visible(data.length).map((i) => (i < 0 ? '…' : displayNumber(data[i]!)))
  return `vector of ${data.length}: ${items.join(', ')}`
}

function spokenMatrix(m: number, n: number, data: number[]): string {
  const cols = visible(n)
  const rows = visible(m).map((i) =>
    i < 0 ? '…' : `row ${i + 1}: ${cols.map((j) => (j < 0 ? '…' : displayNumber(data[i * n + j]!))).join(', ')}`,
  )
  return `matrix ${m} by ${n}: ${rows.join('; ')}`
}

const WHITE = [255, 255, 255] as const
const RED = [178, 24, 43] as const // ColorBrewer RdBu ends
const BLUE = [33, 102, 172] as const

function luminance([r, g, b]: readonly number[]): number {
  const lin = (c: number) => {
    const s = c / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!)
}

/** Diverging colour (blue below 0, white at 0, red above), and the text colour that reads best on it. */
function heatColor(x: number, scale: number): { backgroundColor: string; color: string } {
  if (Number.isNaN(x)) return { backgroundColor: '#d0d7de', color: '#1d2330' }
  const t = scale > 0 ? Math.max(-1, Math.min(1, x / scale)) : 0
  const end = t > 0 ? RED : BLUE
  const rgb = WHITE.map((w, k) => Math.round(w + Math.abs(t) * (end[k]! - w)))
  const l = luminance(rgb)
  // Whichever of black and white contrasts more; one of them is always above 4.5:1.
  const color = (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000000' : '#ffffff'
  return { backgroundColor: `rgb(${rgb.join(', ')})`, color }
}

function Heatmap({ m, n, data, label }: { m: number; n: number; data: number[]; label?: string }) {
  const scale = data.reduce((s, x) => (Number.isFinite(x) ? Math.max(s, Math.abs(x)) : s), 0)
  const cols = visible(n)
  return (
    <div className="nb-heatmap-wrap">
      <table className="nb-heatmap">
        <caption className="nb-visually-hidden">
          Heatmap of {label ? `${label}, ` : 'the '}matrix {m} by {n}
        </caption>
        <thead>
          <tr>
            <td />
            {cols.map((j, k) => (
              <th key={k} scope="col">
                {j < 0 ? '⋯' : j + 1}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {visible(m).map((i, r) => (
            <tr key={r}>
              <th scope="row">{i < 0 ? '⋮' : i + 1}</th>
              {cols.map((j, k) => {
                if (i < 0 || j < 0) return <td key={k}>{i < 0 && j < 0 ? '⋱' : i < 0 ? '⋮' : '⋯'}</td>
                const x = data[i * n + j]!
                return (
                  <td key={k} style={heatColor(x, scale)} title={exactNumber(x)}>
                    {displayNumber(x)}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="nb-heatmap-legend">
        Blue below 0, white at 0, red above 0; full colour at ±{displayNumber(scale)}.
      </p>
    </div>
  )
}

type CopyState = 'idle' | 'copied' | 'failed'

export function TensorView({ shape, data, label }: TensorViewProps) {
  const [heatmap, setHeatmap] = useState(false)
  const [copy, setCopy] = useState<CopyState>('idle')
  const rank = shape.length
  const view = useMemo(() => {
    if (rank === 1) return { html: renderTex(vectorTex(data)), spoken: spokenVector(data) }
    if (rank === 2) {
      const [m, n] = shape as [number, number]
      return { html: renderTex(matrixTex(m, n, data), true), spoken: spokenMatrix(m, n, data) }
    }
    return null
  }, [rank, shape, data])
  const exact = rank === 0 ? exactNumber(data[0]!) : ''

  const doCopy = () => {
    const text = tensorText({ shape, data }, exactNumber)
    const done = (ok: boolean) => {
      setCopy(ok ? 'copied' : 'failed')
      if (ok) window.setTimeout(() => setCopy('idle'), 2000)
    }
    if (!navigator.clipboard) return done(false)
    navigator.clipboard.writeText(text).then(
      () => done(true),
      () => done(false),
    )
  }

  const showCopy = rank > 0 || displayNumber(data[0]!) !== exact
  const tools = (
    <div className="nb-tensor-tools">
      {rank === 2 && (
        <button type="button" className="nb-button" aria-pressed={heatmap} onClick={() => setHeatmap((h) => !h)}>
          Heatmap
        </button>
      )}
      {showCopy && (
        <button
          type="button"
          className="nb-button"
          aria-label="Copy exact values"
          title="Copy every digit"
          onClick={doCopy}
        >
          Copy
        </button>
      )}
      <span role="status" className="nb-copy-status">
        {copy === 'copied' ? 'Copied' : ''}
      </span>
    </div>
  )
  const fallback = copy === 'failed' && (
    <div className="nb-exact">
      <p>Copying is not allowed here; select the exact values below and copy them.</p>
      <pre tabIndex={0}>{tensorText({ shape, data }, exactNumber)}</pre>
    </div>
  )

  if (rank === 0) {
    return (
      <div className="nb-tensor nb-tensor-scalar">
        <span className="nb-scalar" title={exact}>
          {displayNumber(data[0]!)}
        </span>
        {showCopy && tools}
        {fallback}
      </div>
    )
  }
  const spokenLabel = view && (label ? `${label}, ${view.spoken}` : view.spoken)
  return (
    <div className="nb-tensor">
      {rank === 2 && heatmap ? (
        <Heatmap m={shape[0]!} n={shape[1]!} data={data} label={label} />
      ) : view ? (
        <div
          className="nb-tensor-value"
          role="img"
          aria-label={spokenLabel!}
          dangerouslySetInnerHTML={{ __html: view.html }}
        />
      ) : (
        <pre className="nb-tensor-value">
          {`tensor ${shape.join('×')}\n`}
          {tensorText({ shape, data })}
        </pre>
      )}
      {tools}
      {fallback}
    </div>
  )
}
