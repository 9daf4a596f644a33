/**
 * The notebook as the app edits it: a list of cells with stable ids. Conversions to and from
 * the notebook file format keep every byte of the original (fences, info strings), so export
 * after import changes nothing.
 */
import type { CellLanguage } from '../../engine/language/frontends/cell.ts'
import type { Cell, Notebook } from '../../engine/notebook/notebookFile.ts'
import { exerciseIdOf, languageOf, parseNotebook, serializeNotebook } from '../../engine/notebook/notebookFile.ts'
import type { VariantShape } from '../../engine/notebook/variants.ts'
import { chosenCells, variantOwners } from '../../engine/notebook/variants.ts'

/** How a fenced cell's fences were written, kept for an exact export. */
interface Fenced {
  fence: string
  info: string
  close?: string | null
}

export type EditableCell =
  | { id: string; kind: 'prose'; source: string }
  | ({
      id: string
      kind: 'code'
      source: string
      /** Words after the language (`ad`, `julia`) in the fence: expect-error, hidden, ... */
      flags: string[]
    } & Fenced)
  /** An exercise: source is the block's body; its exercise id is in info (`exercise <id>`). */
  | ({ id: string; kind: 'exercise'; source: string } & Fenced)

let counter = 0
/** Ids unique within a page session; saved with the notebook so they survive a reload. */
export function newId(): string {
  counter++
  return `c${Date.now().toString(36)}${counter.toString(36)}`
}

export function fromNotebook(nb: Notebook): EditableCell[] {
  return nb.cells.map((c): EditableCell => {
    if (c.kind === 'prose') return { id: newId(), kind: 'prose', source: c.text }
    const fenced = { fence: c.fence, info: c.info, ...(c.close !== undefined ? { close: c.close } : {}) }
    return c.kind === 'code'
      ? { id: newId(), kind: 'code', source: c.source, flags: c.flags, ...fenced }
      : { id: newId(), kind: 'exercise', source: c.source, ...fenced }
  })
}

export function fromMarkdown(text: string): EditableCell[] {
  return fromNotebook(parseNotebook(text))
}

export function toMarkdown(cells: readonly EditableCell[]): string {
  const nb: Notebook = {
    cells: cells.map((c): Cell => {
      if (c.kind === 'prose') return { kind: 'prose', text: c.source }
      const fenced = {
        source: c.source,
        fence: c.fence,
        info: c.info,
        ...(c.close !== undefined ? { close: c.close } : {}),
      }
      return c.kind === 'code'
        ? { kind: 'code', language: languageOf(c.info) ?? 'ad', flags: c.flags, ...fenced }
        : { kind: 'exercise', id: exerciseIdOf(c.info), ...fenced }
    }),
  }
  return serializeNotebook(nb)
}

/** A code or exercise cell's language: the first word of its fence; `ad` when it names none (saved before Julia). */
export function cellLanguage(cell: EditableCell): CellLanguage {
  return cell.kind === 'prose' ? 'ad' : (languageOf(cell.info) ?? 'ad')
}

/**
 * The language of a notebook's code: Julia when at least half its code cells are Julia, else
 * `ad` (a notebook without code cells, and everything saved before Julia cells). New cells and
 * the scratch cell are written in it; it is the rule the worker and `--check` read exercises'
 * expressions by (exerciseLanguage in engine/course/check.ts, which the page cannot import
 * without the whole engine).
 */
export function notebookLanguage(cells: readonly EditableCell[]): CellLanguage {
  // Main cells only: a lesson's Python variants do not make it a Python lesson.
  const owners = variantOwners(cells.map(variantShape))
  const code = cells.filter((c, i) => c.kind === 'code' && owners[i] === i)
  const count = (l: CellLanguage) => code.filter((c) => cellLanguage(c) === l).length
  const [julia, python] = [count('julia'), count('python')]
  if (julia > 0 && julia >= python && julia * 2 >= code.length) return 'julia'
  return python > 0 && python * 2 >= code.length ? 'python' : 'ad'
}

/** A cell as the grouping of two-variant cells sees it (engine/notebook/variants.ts). */
export function variantShape(cell: EditableCell): VariantShape {
  return cell.kind === 'code'
    ? { kind: 'code', language: cellLanguage(cell), flags: cell.flags, blank: false }
    : { kind: cell.kind, language: null, flags: [], blank: cell.kind === 'prose' && cell.source.trim() === '' }
}

/**
 * The cells shown and run when the learner reads the lessons in `language`: every cell but the
 * other variants of a two-variant cell. A variant shown answers to its main cell's `id=` name,
 * so `?cell=seed` names the seed cell in either language.
 */
export function shownCells(cells: readonly EditableCell[], language: CellLanguage): EditableCell[] {
  const shapes = cells.map(variantShape)
  const owners = variantOwners(shapes)
  const chosen = chosenCells(shapes, language)
  return cells.flatMap((c, i): EditableCell[] => {
    if (c.kind !== 'code') return [c]
    if (!chosen.has(i)) return []
    const main = cells[owners[i]!]!
    if (main === c || main.kind !== 'code') return [c]
    const names = main.flags.filter((f) => f.startsWith('id='))
    return [{ ...c, flags: [...c.flags.filter((f) => !f.startsWith('id=')), ...names] }]
  })
}

/** The languages a code cell comes in (its own first, then its group's others); one for most cells. */
export function cellVariants(cells: readonly EditableCell[], id: string): CellLanguage[] {
  const owners = variantOwners(cells.map(variantShape))
  const i = cells.findIndex((c) => c.id === id)
  if (i < 0 || owners[i]! < 0) return []
  const group = cells.filter((_, j) => owners[j] === owners[i]).map(cellLanguage)
  const own = cellLanguage(cells[i]!)
  return [own, ...group.filter((l) => l !== own)]
}

export function newCodeCell(source = '', language: CellLanguage = 'ad'): EditableCell {
  return { id: newId(), kind: 'code', source, flags: [], fence: '```', info: language }
}

export function newProseCell(source = ''): EditableCell {
  return { id: newId(), kind: 'prose', source }
}

/** Sets or clears a flag, rewriting the info string the way an author would write it. */
export function withFlag(cell: EditableCell, flag: string, on: boolean): EditableCell {
  if (cell.kind !== 'code') return cell
  const flags = on ? [...new Set([...cell.flags, flag])] : cell.flags.filter((f) => f !== flag)
  return { ...cell, flags, info: [cellLanguage(cell), ...flags].join(' ') }
}

/** The cell in another language: its fence's first word changes, its flags stay. */
export function withLanguage(cell: EditableCell, language: CellLanguage): EditableCell {
  if (cell.kind !== 'code' || cellLanguage(cell) === language) return cell
  return { ...cell, info: [language, ...cell.flags].join(' ') }
}
