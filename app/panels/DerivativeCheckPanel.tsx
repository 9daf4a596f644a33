/**
 * A derivative check, drawn from a DerivativeCheckSpec (engine/panels/derivativeCheck.ts): the
 * verdict in words with its tolerances, a heatmap of each Jacobian block (how far each entry is
 * from finite differences, relative to the tolerance; wrong entries outlined and marked), a
 * table of the entries with the wrong ones first, a page at a time, and the random directions.
 *
 * Nothing is differentiated here: every number comes from the spec.
 */
import { useContext, useLayoutEffect, useMemo, useState } from 'react'
import type { CSSProperties } from 'react'
import type { DerivativeCheckSpec, JacobianBlock } from '../../engine/panels/derivativeCheck.ts'
import { entryLabel } from '../../engine/panels/derivativeCheckIndex.ts'
import { displayNumber, formatNumber } from '../../engine/language/numbers.ts'
import { tolerances } from '../../engine/panels/derivativeCheckText.ts'
import { PanelFrame } from './StepControls.tsx'
import { StepDriverContext } from './stepDriver.ts'
import { useView } from '../store/view.ts'
import './derivativeCheck.css'

/** Entries per page of the table; on a presentation's slide, 4, so they stay large. */
export const PAGE = 12
const SLIDE_PAGE = 4
/** Heatmap cells per side at most; a larger block is drawn in tiles, each its worst entry. */
export const HEATMAP_SIDE = 48

type Status = 'wrong' | 'unchecked' | 'ok'
const statusOf = (ratio: number): Status => (Number.isNaN(ratio) ? 'unchecked' : ratio > 1 ? 'wrong' : 'ok')
const STATUS_WORDS: Record<Status, string> = { wrong: 'off', unchecked: 'not checked', ok: 'ok' }

export interface Entry {
  block: number
  i: number
  j: number
  label: string
  ad: number
  fd: number
  ratio: number
  status: Status
}

/** Every entry of every block, wrong ones first (worst first), then unchecked, then the rest in order. */
export function sortedEntries(spec: DerivativeCheckSpec): Entry[] {
  const out: Entry[] = []
  spec.blocks.forEach((b, k) => {
    const names = { fn: spec.fn, arg: b.arg, yShape: spec.yShape, xShape: b.shape }
    b.ratio.forEach((ratio, e) => {
      const [i, j] = [Math.floor(e / b.cols), e % b.cols]
      const label = entryLabel(names, i, j, spec.indexing)
      out.push({ block: k, i, j, label, ad: b.ad[e]!, fd: b.fd[e]!, ratio, status: statusOf(ratio) })
    })
  })
  const rank = { wrong: 0, unchecked: 1, ok: 2 }
  return out
    .map((e, order) => ({ e, order }))
    .sort(
      (a, b) =>
        rank[a.e.status] - rank[b.e.status] ||
        (a.e.status === 'wrong' ? b.e.ratio - a.e.ratio : 0) ||
        a.order - b.order,
    )
    .map(({ e }) => e)
}

/** A cell's fill: shades of green for how close within tolerance (log scale), red beyond it. */
function fill(ratio: number): string {
  if (Number.isNaN(ratio)) return '#d0d7de'
  if (ratio > 1) return ratio > 100 ? '#a40e26' : '#cf222e'
  const t = Math.min(1, Math.max(0, (Math.log10(Math.max(ratio, 1e-6)) + 6) / 6)) // 1e-6 → 0, 1 → 1
  const light = Math.round(92 - 40 * t)
  return `hsl(137 45% ${light}%)`
}

interface Tile {
  row: number
  col: number
  ratio: number
  title: string
}

/** The block's cells, or tiles of size×size entries (each the worst of its entries) for a large block. */
export function heatmapTiles(
  b: JacobianBlock,
  label: (i: number, j: number) => string,
): { tiles: Tile[]; size: number } {
  const size = Math.max(1, Math.ceil(Math.max(b.rows, b.cols) / HEATMAP_SIDE))
  const tiles = new Map<string, Tile>()
  b.ratio.forEach((ratio, e) => {
    const [i, j] = [Math.floor(e / b.cols), e % b.cols]
    const key = `${Math.floor(i / size)},${Math.floor(j / size)}`
    const t = tiles.get(key)
    const worse = t === undefined || ratio > t.ratio || (Number.isNaN(t.ratio) && !Number.isNaN(ratio))
    if (worse) {
      const words = Number.isNaN(ratio) ? 'not checked' : `${displayNumber(ratio)} × the tolerance`
      tiles.set(key, { row: Math.floor(i / size), col: Math.floor(j / size), ratio, title: `${label(i, j)}: ${words}` })
    }
  })
  return { tiles: [...tiles.values()], size }
}

function Heatmap({ spec, block }: { spec: DerivativeCheckSpec; block: JacobianBlock }) {
  const { tiles, size } = useMemo(() => {
    const names = { fn: spec.fn, arg: block.arg, yShape: spec.yShape, xShape: block.shape }
    return heatmapTiles(block, (i, j) => entryLabel(names, i, j, spec.indexing))
  }, [spec, block])
  const rows = Math.ceil(block.rows / size)
  const cols = Math.ceil(block.cols / size)
  const cell = Math.max(6, Math.min(28, Math.floor(240 / Math.max(rows, cols))))
  // Indices along the edges (in the cell language's base) when each square is one entry and big enough.
  const labelled = size === 1 && cell >= 18
  const pad = labelled ? 18 : 1
  const base = spec.indexing.base
  const wrong = block.ratio.filter((r) => r > 1).length
  const name = `∂${spec.fn}/∂${block.arg}`
  return (
    <figure className="dc-heatmap">
      <svg
        width={cols * cell + pad + 1}
        height={rows * cell + pad + 1}
        viewBox={`0 0 ${cols * cell + pad + 1} ${rows * cell + pad + 1}`}
        style={{ '--dc-width': cols * cell + pad + 1 } as CSSProperties}
        role="img"
        aria-label={`Heatmap of ${name}, ${block.rows} by ${block.cols}: ${wrong === 0 ? 'no entry is off' : `${wrong} ${wrong === 1 ? 'entry is' : 'entries are'} off`}`}
      >
        {labelled &&
          Array.from({ length: cols }, (_, j) => (
            <text key={`c${j}`} className="dc-index" x={pad + (j + 0.5) * cell} y={12} textAnchor="middle">
              {j + base}
            </text>
          ))}
        {labelled &&
          Array.from({ length: rows }, (_, i) => (
            <text key={`r${i}`} className="dc-index" x={pad - 4} y={pad + (i + 0.5) * cell + 4} textAnchor="end">
              {i + base}
            </text>
          ))}
        {tiles.map((t) => (
          <rect
            key={`${t.row},${t.col}`}
            className={`dc-cell dc-${statusOf(t.ratio)}`}
            x={pad + t.col * cell}
            y={pad + t.row * cell}
            width={cell}
            height={cell}
            fill={fill(t.ratio)}
          >
            <title>{t.title}</title>
          </rect>
        ))}
      </svg>
      <figcaption>
        {name}, {block.rows} × {block.cols}
        {size > 1 ? ` (each square the worst of ${size} × ${size} entries)` : ''}
      </figcaption>
    </figure>
  )
}

function EntryTable({ spec }: { spec: DerivativeCheckSpec }) {
  const entries = useMemo(() => sortedEntries(spec), [spec])
  const [wanted, setPage] = useState(0)
  const driver = useContext(StepDriverContext)
  const printing = useView((s) => s.printing)
  const size = driver && !printing ? SLIDE_PAGE : PAGE
  const pages = Math.max(1, Math.ceil(entries.length / size))
  const page = Math.min(wanted, pages - 1)
  const shown = entries.slice(page * size, (page + 1) * size)
  // On a slide the presenter's → and ← page the table (stepDriver.ts).
  useLayoutEffect(() => {
    if (!driver || pages < 2) return
    const pager = {
      next: () => page < pages - 1 && (setPage(page + 1), true),
      back: () => page > 0 && (setPage(page - 1), true),
    }
    driver.pager = pager
    return () => {
      if (driver.pager === pager) driver.pager = null
    }
  })
  return (
    <div className="dc-table-wrap">
      <table className="dc-table">
        <caption>
          Entries of the Jacobian{entries.some((e) => e.status === 'wrong') ? ', the ones that are off first' : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">entry</th>
            <th scope="col">AD</th>
            <th scope="col">finite difference</th>
            <th scope="col">absolute error</th>
            <th scope="col">relative error</th>
            <th scope="col">verdict</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((e) => {
            const abs = Math.abs(e.ad - e.fd)
            const rel = abs === 0 ? 0 : abs / Math.max(Math.abs(e.ad), Math.abs(e.fd))
            return (
              <tr key={`${e.block},${e.i},${e.j}`} className={`dc-${e.status}`}>
                <th scope="row">{e.label}</th>
                <td>{formatNumber(e.ad)}</td>
                <td>{e.status === 'unchecked' ? '—' : formatNumber(e.fd)}</td>
                <td>{e.status === 'unchecked' ? '—' : displayNumber(abs)}</td>
                <td>{e.status === 'unchecked' ? '—' : displayNumber(rel)}</td>
                <td>{STATUS_WORDS[e.status]}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
      {pages > 1 && (
        <div className="dc-pages">
          <button type="button" onClick={() => setPage(page - 1)} disabled={page === 0}>
            Previous
          </button>
          <span aria-live="polite">
            entries {page * size + 1}–{Math.min(entries.length, (page + 1) * size)} of {entries.length}
          </span>
          <button type="button" onClick={() => setPage(page + 1)} disabled={page === pages - 1}>
            Next
          </button>
        </div>
      )}
    </div>
  )
}

/** Why finite differences could not check some columns (a kink, a point outside f's domain). */
function Unchecked({ spec }: { spec: DerivativeCheckSpec }) {
  const reasons = spec.blocks.flatMap((b) => b.unchecked.map((u) => u.reason))
  if (reasons.length <= 1) return null // the verdict says the one there is
  return (
    <ul className="dc-unchecked-list">
      {reasons.map((r, k) => (
        <li key={k}>{r}</li>
      ))}
    </ul>
  )
}

const vec = (xs: number[]) => `[${xs.map(displayNumber).join(', ')}]`

function directionsVerdict(spec: DerivativeCheckSpec): string {
  const statuses = spec.directions.map((d) => statusOf(d.ratio))
  if (statuses.includes('wrong')) return 'some are off'
  if (statuses.every((st) => st === 'unchecked')) return 'finite differences could not check them'
  return statuses.includes('unchecked') ? 'those checked agree' : 'all agree'
}

function Directions({ spec }: { spec: DerivativeCheckSpec }) {
  if (spec.directions.length === 0) return null
  const reverse = spec.mode === 'reverse'
  return (
    <details className="dc-directions panel-extra">
      <summary>
        {spec.directions.length} random {reverse ? 'cotangents ȳ pulled back' : 'tangents ẋ pushed forward'} (seed{' '}
        {spec.options.seed}): {directionsVerdict(spec)}
      </summary>
      <ul>
        {spec.directions.map((d, k) => (
          <li key={k} className={`dc-${statusOf(d.ratio)}`}>
            {reverse ? 'ȳ' : 'ẋ'} = {vec(d.direction)}: AD {vec(d.ad)}, finite differences{reverse ? ' (ȳᵀJ)' : ''}{' '}
            {vec(d.fd)} — {STATUS_WORDS[statusOf(d.ratio)]}
          </li>
        ))}
      </ul>
    </details>
  )
}

/**
 * The summary without its last sentence, the verdict: the verdict box below says it (and is a
 * status a screen reader announces), so the panel says it once. "test_rrule(f, x) compares …".
 */
export function whatIsCompared(spec: DerivativeCheckSpec): string {
  const verdict = ` ${spec.verdict}.`
  return spec.summary.endsWith(verdict) ? spec.summary.slice(0, -verdict.length) : spec.summary
}

export default function DerivativeCheckPanel({ panel: spec }: { panel: DerivativeCheckSpec }) {
  return (
    <PanelFrame title={spec.title} summary={whatIsCompared(spec)}>
      <p className={`dc-verdict dc-${spec.status}`} role="status">
        {spec.verdict}
      </p>
      <p className="dc-how">
        {spec.mode === 'reverse'
          ? 'Reverse mode (pullbacks of each basis cotangent)'
          : 'Forward mode (pushforwards of each basis tangent)'}{' '}
        against 5-point central finite differences of {spec.fn} run without AD. An entry passes when |AD − FD| ≤ atol +
        rtol·max(|AD|, |FD|) {tolerances(spec.options)}; random directions from seed {spec.options.seed}.
      </p>
      <div className="dc-heatmaps">
        {spec.blocks.map((b, k) => (
          <Heatmap key={k} spec={spec} block={b} />
        ))}
      </div>
      <p className="dc-legend">
        <span className="dc-swatch dc-ok" /> within tolerance (lighter: closer) <span className="dc-swatch dc-wrong" />{' '}
        off <span className="dc-swatch dc-unchecked" /> not checked
      </p>
      <Unchecked spec={spec} />
      <EntryTable spec={spec} />
      <Directions spec={spec} />
    </PanelFrame>
  )
}
