/**
 * What an embed computes: only the cells its one cell or panel needs, found by the notebook's
 * dependency analysis (the names each cell defines and uses), not the whole lesson. Three embeds
 * of one lesson on a course page otherwise each ran every cell, timing runs included.
 *
 * A panel is named by its place among the lesson's panels (`panel=n`), which only running tells
 * for sure. The guess is the n-th code cell that calls a panel builtin; once its output shows it
 * is not a panel, the embed widens to running every cell and counts the panels it gets.
 */
import { analyzeCell } from '../../engine/language/analysis.ts'
import type { CellLanguage } from '../../engine/language/frontends/cell.ts'
import { unknownLesson } from '../lessons.ts'
import { findCell } from '../route.ts'
import type { CellSource } from '../worker/protocol.ts'
import type { EditableCell } from './cells.ts'
import { useView } from './view.ts'

/** The builtins whose value is a teaching panel (engine/panels/index.ts registers them). */
const PANEL_CALL = /^[ \t]*(show_[A-Za-z_]+|cost_explorer)\s*\(/m

/** The panel guess turned out wrong for this panel number: run everything. */
let widened: number | null = null

/** The guess for `panel=n` was wrong: from now on the embed runs every cell. */
export function widenPanelFocus(n: number): void {
  widened = n
}

/** The code cells likely to show panels, in order (a call of a panel builtin starts a line). */
export function panelCandidates(cells: readonly EditableCell[]): EditableCell[] {
  return cells.filter((c) => c.kind === 'code' && PANEL_CALL.test(c.source))
}

/**
 * The id of the cell an embed shows when it can be told without running; 'none' when the link
 * names nothing (its message needs no run); null when every cell must run to tell.
 */
export function focusTarget(cells: readonly EditableCell[]): string | 'none' | null {
  const { embed, cell, panel } = useView.getState()
  if (!embed) return null
  if (typeof window !== 'undefined' && unknownLesson(window.location.hash) !== null) return 'none'
  if (cell !== null) return findCell(cells, cell)?.id ?? 'none'
  if (panel !== null && panel < 1) return 'none'
  if (panel !== null && widened !== panel) return panelCandidates(cells)[panel - 1]?.id ?? null
  return null
}

const analyses = new Map<string, { defines: string[]; uses: string[] }>()
function analysis(source: string, language: CellLanguage | undefined) {
  const key = `${language ?? 'ad'}\n${source}`
  let a = analyses.get(key)
  if (!a) {
    const { defines, uses } = analyzeCell(source, language)
    a = { defines, uses }
    if (analyses.size > 500) analyses.clear()
    analyses.set(key, a)
  }
  return a
}

/**
 * The cells target needs, itself included, in document order: the cells defining the names it
 * uses, and theirs in turn (cells are linked by names, in any order, as the worker links them).
 */
export function neededCells(sources: readonly CellSource[], target: string): CellSource[] {
  const definers = new Map<string, string[]>()
  for (const s of sources)
    for (const name of analysis(s.source, s.language).defines) definers.set(name, [...(definers.get(name) ?? []), s.id])
  const byCell = new Map(sources.map((s) => [s.id, s]))
  const needed = new Set<string>()
  const todo = [target]
  while (todo.length) {
    const id = todo.pop()!
    const s = byCell.get(id)
    if (!s || needed.has(id)) continue
    needed.add(id)
    for (const name of analysis(s.source, s.language).uses) todo.push(...(definers.get(name) ?? []))
  }
  return sources.filter((s) => needed.has(s.id))
}

/** In an embed, the code cells to send to the worker; null means all of them (and the exercises). */
export function embedSources(cells: readonly EditableCell[], sources: readonly CellSource[]): CellSource[] | null {
  const target = focusTarget(cells)
  return target === null ? null : target === 'none' ? [] : neededCells(sources, target)
}
