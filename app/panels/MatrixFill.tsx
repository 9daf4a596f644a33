/**
 * A Jacobian that fills in as it is computed: row by row (reverse mode, one pullback per row) or
 * column by column (forward mode, one pushforward per column). Entries not computed yet show a
 * dot; the row or column of the current pass is highlighted by colour and a heavier border, and
 * its header says "now". It is a real table, so a screen reader can walk it; a sentence below
 * lists what has been computed so far.
 *
 * On a presentation's slide a matrix over 4 × 4 shows a window of it (matrixWindow.ts), with
 * buttons and the presenter's keys to page; on paper and in the notebook it is whole, and a
 * matrix wider than the screen scrolls inside its own marked box.
 */
import { useContext, useLayoutEffect, useRef, useState } from 'react'
import type { RefObject } from 'react'
import { displayNumber, subscript, vectorText } from '../../engine/language/numbers.ts'
import { useView } from '../store/view.ts'
import type { Span, Window } from './matrixWindow.ts'
import { SIZE, followedPage, neighbour, spanOf, spanText } from './matrixWindow.ts'
import { StepDriverContext } from './stepDriver.ts'

export type FillOrder = 'rows' | 'columns'

export interface MatrixFillProps {
  /** The whole matrix, m rows of n numbers (only the filled part is shown). */
  entries: readonly (readonly number[])[]
  order: FillOrder
  /** How many rows (or columns) are computed. */
  filled: number
  /** The row (or column) of the current pass, 0-based, or null before the first step. */
  current: number | null
  /** E.g. "J, the Jacobian of g at x". */
  label: string
}

export function MatrixFill({ entries, order, filled, current, label }: MatrixFillProps) {
  const m = entries.length
  const n = entries[0]?.length ?? 0
  const lines = order === 'rows' ? m : n
  const known = (i: number, j: number) => (order === 'rows' ? i : j) < filled
  const isCurrent = (i: number, j: number) => (order === 'rows' ? i : j) === current
  const what = order === 'rows' ? 'row' : 'column'
  const line = (k: number) => (order === 'rows' ? [...entries[k]!] : entries.map((r) => r[k]!)) // row k or column k
  const done = Array.from({ length: Math.min(filled, lines) }, (_, k) => `${what} ${k + 1} = ${vectorText(line(k))}`)
  const { rows, cols, pager } = useMatrixWindow(m, n, order, current)
  const box = useRef<HTMLDivElement>(null)
  const scrolls = useScrolls(box)
  const rowIds = range(rows)
  const colIds = range(cols)
  return (
    <figure className="pb-matrix">
      {pager}
      <div
        ref={box}
        className="pb-matrix-box"
        data-scrolls={scrolls ? '' : undefined}
        tabIndex={scrolls ? 0 : undefined}
        role={scrolls ? 'region' : undefined}
        aria-label={scrolls ? `${label}, scrolls sideways` : undefined}
      >
        {/* Paged by columns, every window is as wide as a full one: the slide was fitted to it. */}
        <table
          className="pb-matrix-table"
          data-order={order}
          style={cols.pages > 1 ? { minWidth: `${3 + SIZE * 5}rem` } : undefined}
        >
          <caption>
            {label} ({m}×{n}): {Math.min(filled, lines)} of {lines} {what}s computed
          </caption>
          <thead>
            <tr>
              <td />
              {colIds.map((j) => (
                <th
                  key={j}
                  scope="col"
                  className={order === 'columns' && j === current ? 'pb-current' : undefined}
                  aria-label={`input x${subscript(j + 1)}${order === 'columns' && j === current ? ', current column' : ''}`}
                >
                  x{subscript(j + 1)}
                  {order === 'columns' && j === current && <span className="pb-now-tag"> now</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rowIds.map((i) => (
              <tr key={i} className={order === 'rows' && i === current ? 'pb-current' : undefined}>
                <th
                  scope="row"
                  aria-label={`output y${subscript(i + 1)}${order === 'rows' && i === current ? ', current row' : ''}`}
                >
                  y{subscript(i + 1)}
                  {order === 'rows' && i === current && <span className="pb-now-tag"> now</span>}
                </th>
                {colIds.map((j) => {
                  const k = known(i, j)
                  const cls = [k ? 'pb-known' : 'pb-unknown', isCurrent(i, j) ? 'pb-current' : ''].join(' ')
                  return (
                    <td key={j} className={cls}>
                      {k ? displayNumber(entries[i]![j]!) : <span aria-label="not computed yet">·</span>}
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {scrolls && <p className="pb-matrix-scroll-hint">Wider than the screen: swipe the matrix sideways.</p>}
      <figcaption className="nb-visually-hidden">
        {done.length === 0 ? `No ${what}s computed yet.` : `Computed so far: ${done.join('; ')}.`}
      </figcaption>
    </figure>
  )
}

/** Whether the box's content is wider than the box (a phone), so it scrolls and says so. */
function useScrolls(box: RefObject<HTMLDivElement | null>): boolean {
  const [scrolls, setScrolls] = useState(false)
  useLayoutEffect(() => {
    const el = box.current
    if (!el || typeof ResizeObserver === 'undefined') return
    const check = () => setScrolls(el.scrollWidth > el.clientWidth + 1)
    check()
    const observer = new ResizeObserver(check)
    observer.observe(el)
    // The table widens as entries fill in, inside a box of the same width.
    if (el.firstElementChild) observer.observe(el.firstElementChild)
    return () => observer.disconnect()
  }, [box])
  return scrolls
}

const range = (s: Span) => Array.from({ length: s.end - s.start }, (_, k) => s.start + k)

/**
 * The window of an m × n matrix shown now, and its page controls. Whole unless on a slide (a
 * presentation provides a step driver) and not printing. The followed dimension's page is the
 * current pass's until the learner or the presenter pages it; it follows again at the next pass.
 */
function useMatrixWindow(m: number, n: number, order: FillOrder, current: number | null) {
  const driver = useContext(StepDriverContext)
  const printing = useView((s) => s.printing)
  const size = driver && !printing ? SIZE : Math.max(m, n, 1)
  const followLength = order === 'rows' ? m : n
  const otherLength = order === 'rows' ? n : m
  // `at`: the pass this choice was made at; a new pass lets the followed page follow it again.
  const [chosen, setChosen] = useState<Window & { at: number | null; moves: number }>({
    follow: 0,
    other: 0,
    at: null,
    moves: 0,
  })
  const fresh = chosen.at !== current
  const follow = spanOf(followLength, size, fresh ? followedPage(current, size, chosen.follow) : chosen.follow)
  const other = spanOf(otherLength, size, chosen.other)
  const shown: Window = { follow: follow.page, other: other.page }
  const moves = fresh ? 0 : chosen.moves
  const go = (w: Window | null, move: number) => {
    if (!w) return false
    setChosen({ ...w, at: current, moves: moves + move })
    return true
  }
  const step = (dir: 1 | -1) => neighbour(shown, follow.pages, other.pages, dir)

  // The presenter's keys page once the panel is complete; back returns only through pages they showed.
  const paged = follow.pages > 1 || other.pages > 1
  useLayoutEffect(() => {
    if (!driver || !paged) return
    const pager = {
      next: () => go(step(1), 1),
      back: () => moves > 0 && go(step(-1), -1),
    }
    driver.pager = pager
    return () => {
      if (driver.pager === pager) driver.pager = null
    }
  })

  const rows = order === 'rows' ? follow : other
  const cols = order === 'rows' ? other : follow
  const setRows = (page: number) =>
    go(order === 'rows' ? { follow: page, other: other.page } : { follow: follow.page, other: page }, 0)
  const setCols = (page: number) =>
    go(order === 'rows' ? { follow: follow.page, other: page } : { follow: page, other: other.page }, 0)
  const pager = paged ? (
    <div className="pb-matrix-pager" role="group" aria-label="Pages of the matrix">
      <PageButtons what="rows" span={rows} length={m} set={setRows} />
      <PageButtons what="columns" span={cols} length={n} set={setCols} />
    </div>
  ) : null
  return { rows, cols, pager }
}

function PageButtons({
  what,
  span,
  length,
  set,
}: {
  what: 'rows' | 'columns'
  span: Span
  length: number
  set: (page: number) => void
}) {
  if (span.pages < 2) return null
  return (
    <span className="pb-matrix-page">
      <span className="pb-matrix-page-label">{spanText(what, span, length)}</span>
      <button
        type="button"
        onClick={() => set(span.page - 1)}
        disabled={span.page === 0}
        aria-label={`previous ${what}`}
      >
        ‹
      </button>
      <button
        type="button"
        onClick={() => set(span.page + 1)}
        disabled={span.page === span.pages - 1}
        aria-label={`next ${what}`}
      >
        next ›
      </button>
    </span>
  )
}
