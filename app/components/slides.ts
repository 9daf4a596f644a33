/**
 * The presentation's slides: one per cell, in notebook order, skipping text cells with nothing to
 * show. A text cell with several sections stays one slide (it is scaled to fit the screen), so a
 * slide always matches a cell the notebook shows and edits the same way.
 *
 * A prediction must not be spoiled by the slide after it: every slide from a prediction exercise
 * up to and including the next code cell (the one whose output the notebook holds back until the
 * prediction is answered, and the text before it that explains the answer) names that exercise in
 * `answers`; the presentation opens such a slide covered, and the next key press uncovers it.
 */
import { parseExercise } from '../../engine/course/exercises.ts'
import { exerciseIdOf } from '../../engine/notebook/notebookFile.ts'
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
  /** The id of the prediction exercise whose answer this slide shows, or null. */
  answers: string | null
}

/** The exercise's id when the cell is an exercise that asks for a prediction, else null. */
function predictionId(cell: EditableCell): string | null {
  if (cell.kind !== 'exercise') return null
  try {
    const spec = parseExercise(exerciseIdOf(cell.info), cell.source)
    return spec.predict ? spec.id : null
  } catch {
    return null // a broken exercise says so on its own slide
  }
}

export function slidesOf(cells: readonly EditableCell[]): Slide[] {
  const numbers = numberCells(cells.map((c) => c.kind as CellKind))
  let pending: string | null = null
  return cells.flatMap((c, index) => {
    const answers = c.kind === 'exercise' ? null : pending
    if (c.kind === 'exercise') pending = predictionId(c)
    else if (c.kind === 'code') pending = null
    if (c.kind === 'prose' && c.source.trim() === '') return []
    return [{ id: c.id, kind: c.kind as CellKind, index, number: numbers[index]!, scratch: isScratch(c), answers }]
  })
}

/** A key that changes only when the slides do (not on every keystroke in a cell). */
export function slidesKey(cells: readonly EditableCell[]): string {
  return slidesOf(cells)
    .map((s) => `${s.kind}:${s.id}:${s.index}:${s.number}:${s.scratch ? 1 : 0}:${s.answers ?? ''}`)
    .join(' ')
}
