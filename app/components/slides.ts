/**
 * The presentation's slides: one per cell, in notebook order, skipping text cells with nothing to
 * show. A text cell with several sections stays one slide (it is scaled to fit the screen), so a
 * slide always matches a cell the notebook shows and edits the same way.
 */
import type { EditableCell } from '../store/cells.ts'
import type { CellKind } from './CellView.tsx'
import { numberCells } from './CellView.tsx'
import { isScratch } from './scratch.ts'

export interface Slide {
  id: string
  kind: CellKind
  /** The cell's place in the notebook, and its number as the notebook shows it ("Cell 3"). */
  index: number
  number: number
  scratch: boolean
}

export function slidesOf(cells: readonly EditableCell[]): Slide[] {
  const numbers = numberCells(cells.map((c) => c.kind as CellKind))
  return cells.flatMap((c, index) =>
    c.kind === 'prose' && c.source.trim() === ''
      ? []
      : [{ id: c.id, kind: c.kind as CellKind, index, number: numbers[index]!, scratch: isScratch(c) }],
  )
}

/** A key that changes only when the slides do (not on every keystroke in a cell). */
export function slidesKey(cells: readonly EditableCell[]): string {
  return slidesOf(cells)
    .map((s) => `${s.kind}:${s.id}:${s.index}:${s.number}:${s.scratch ? 1 : 0}`)
    .join(' ')
}
