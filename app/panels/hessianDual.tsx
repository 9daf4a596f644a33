/**
 * Dual numbers a + bε as the Hessian panel writes them: in sentences (announcements, the H·v
 * check) and in table cells, where each part stays on one line so a long value breaks at the "+".
 */
import type { DualValue, TapeEntry } from '../../engine/panels/hessian.ts'
import { displayNumber } from '../../engine/language/numbers.ts'

/** A tensor's entries as the notebook writes them, shortened past 12 entries. */
export function shortTensorText(shape: readonly number[], data: readonly number[]): string {
  if (shape.length === 0) return displayNumber(data[0]!)
  const max = 12
  const shown = data.slice(0, max).map(displayNumber)
  if (shape.length === 2 && data.length <= max) {
    const [m, n] = shape as [number, number]
    return `[${Array.from({ length: m }, (_, i) => shown.slice(i * n, (i + 1) * n).join(', ')).join('; ')}]`
  }
  return `[${shown.join(', ')}${data.length > max ? `, … (${data.length} entries)` : ''}]`
}

/** a + bε, e.g. "86 + 16ε", "[7, 6, 1] + [0, 1, 2]ε". */
export function dualText(d: DualValue): string {
  if (d.shape.length === 0) {
    const b = d.tangent[0]!
    return `${displayNumber(d.primal[0]!)} ${b < 0 ? '−' : '+'} ${displayNumber(Math.abs(b))}ε`
  }
  return `${shortTensorText(d.shape, d.primal)} + ${shortTensorText(d.shape, d.tangent)}ε`
}

/** a + bε for a table cell: each part kept on one line, so a long value breaks at the "+". */
export function Dual({ d }: { d: DualValue }) {
  const text = dualText(d)
  const cut = text.lastIndexOf(' + ') >= 0 ? text.lastIndexOf(' + ') : text.lastIndexOf(' − ')
  if (d.shape.length === 0 || cut < 0) return <span className="hs-part">{text}</span>
  return (
    <>
      <span className="hs-part">{text.slice(0, cut)}</span> <span className="hs-part">{text.slice(cut + 1)}</span>
    </>
  )
}

export function describeNode(t: TapeEntry): string {
  return t.prim === '' ? 'the input' : `${t.prim}(${t.args.join(', ')})`
}
