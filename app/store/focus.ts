/**
 * What an embed computes: only the cells its one cell or panel needs (the worker finds them by the
 * notebook's dependency analysis: worker/needed.ts), not the whole lesson. Three embeds of one
 * lesson on a course page otherwise each ran every cell, timing runs included.
 *
 * A panel is named by its place among the lesson's panels (`panel=n`), which only running tells
 * for sure. The guess is the n-th code cell that calls a panel builtin; once its output shows it
 * is not a panel, the embed widens to running every cell and counts the panels it gets.
 */
import { unknownLesson } from '../lessons.ts'
import { findCell } from '../route.ts'
import type { CellSource } from '../worker/protocol.ts'
import type { EditableCell } from './cells.ts'
import { shownNow } from './codeLanguage.ts'
import { useView } from './view.ts'

/** The builtins whose value is a teaching panel (engine/panels/index.ts registers them). */
export const PANEL_CALL = /^[ \t]*(show_[A-Za-z_]+|cost_explorer)\s*\(/m

/** The panel guess turned out wrong for this panel number: run everything. */
let widened: number | null = null

/** The guess for `panel=n` was wrong: from now on the embed runs every cell. */
export function widenPanelFocus(n: number): void {
  widened = n
}

/** The code cells likely to show panels, in order (a call of a panel builtin starts a line). */
export function panelCandidates(cells: readonly EditableCell[]): EditableCell[] {
  return shownNow(cells).filter((c) => c.kind === 'code' && PANEL_CALL.test(c.source))
}

/**
 * The id of the cell an embed shows when it can be told without running; 'none' when the link
 * names nothing (its message needs no run); null when every cell must run to tell.
 */
export function focusTarget(cells: readonly EditableCell[]): string | 'none' | null {
  const { embed, cell, panel } = useView.getState()
  if (!embed) return null
  if (typeof window !== 'undefined' && unknownLesson(window.location.hash) !== null) return 'none'
  if (cell !== null) return findCell(shownNow(cells), cell)?.id ?? 'none'
  if (panel !== null && panel < 1) return 'none'
  if (panel !== null && widened !== panel) return panelCandidates(cells)[panel - 1]?.id ?? null
  return null
}

/**
 * In an embed, the code cells to send to the worker, the one shown marked so (the worker runs only
 * it and what it needs: worker/needed.ts); null means all of them (and the exercises).
 */
export function embedSources(cells: readonly EditableCell[], sources: readonly CellSource[]): CellSource[] | null {
  const target = focusTarget(cells)
  if (target === null) return null
  return target === 'none' ? [] : sources.map((s) => (s.id === target ? { ...s, shown: true as const } : s))
}
