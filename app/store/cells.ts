/**
 * The notebook as the app edits it: a list of cells with stable ids. Conversions to and from
 * the notebook file format keep every byte of the original (fences, info strings), so export
 * after import changes nothing.
 */
import type { Cell, Notebook } from '../../engine/notebook/notebookFile.ts'
import { exerciseIdOf, languageOf, parseNotebook, serializeNotebook } from '../../engine/notebook/notebookFile.ts'

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
      /** Words after `ad` in the fence: expect-error, hidden, ... */
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

export function newCodeCell(source = ''): EditableCell {
  return { id: newId(), kind: 'code', source, flags: [], fence: '```', info: 'ad' }
}

export function newProseCell(source = ''): EditableCell {
  return { id: newId(), kind: 'prose', source }
}

/** Sets or clears a flag, rewriting the info string the way an author would write it. */
export function withFlag(cell: EditableCell, flag: string, on: boolean): EditableCell {
  if (cell.kind !== 'code') return cell
  const flags = on ? [...new Set([...cell.flags, flag])] : cell.flags.filter((f) => f !== flag)
  return { ...cell, flags, info: ['ad', ...flags].join(' ') }
}
