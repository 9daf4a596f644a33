/**
 * A Jacobian that fills in as it is computed: row by row (reverse mode, one pullback per row) or
 * column by column (forward mode, one pushforward per column). Entries not computed yet show a
 * dot; the row or column of the current pass is highlighted by colour and a heavier border, and
 * its header says "now". It is a real table, so a screen reader can walk it; a sentence below
 * lists what has been computed so far.
 */
import { displayNumber, subscript, vectorText } from '../../engine/language/numbers.ts'

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
  return (
    <figure className="pb-matrix">
      <table className="pb-matrix-table" data-order={order}>
        <caption>
          {label} ({m}×{n}): {Math.min(filled, lines)} of {lines} {what}s computed
        </caption>
        <thead>
          <tr>
            <td />
            {Array.from({ length: n }, (_, j) => (
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
          {entries.map((row, i) => (
            <tr key={i} className={order === 'rows' && i === current ? 'pb-current' : undefined}>
              <th
                scope="row"
                aria-label={`output y${subscript(i + 1)}${order === 'rows' && i === current ? ', current row' : ''}`}
              >
                y{subscript(i + 1)}
                {order === 'rows' && i === current && <span className="pb-now-tag"> now</span>}
              </th>
              {row.map((x, j) => {
                const k = known(i, j)
                const cls = [k ? 'pb-known' : 'pb-unknown', isCurrent(i, j) ? 'pb-current' : ''].join(' ')
                return (
                  <td key={j} className={cls}>
                    {k ? displayNumber(x) : <span aria-label="not computed yet">·</span>}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <figcaption className="nb-visually-hidden">
        {done.length === 0 ? `No ${what}s computed yet.` : `Computed so far: ${done.join('; ')}.`}
      </figcaption>
    </figure>
  )
}
