/**
 * Notebook files: Markdown in which each fenced code block whose info string starts with `ad`
 * is a code cell. Everything else is prose. `ad expect-error` marks a cell whose error is the
 * point of the lesson. Parsing keeps the original text of every part, so writing a notebook
 * back out reproduces the file exactly.
 */
import { describeError, LangError } from './errors.ts'
import { Scope, evaluate, parseStatement } from './interpreter.ts'
import { splitStatements } from './statements.ts'
import type { LangValue } from './values.ts'

export interface ProseCell {
  kind: 'prose'
  /** The Markdown exactly as written, including line breaks. */
  text: string
}

export interface CodeCell {
  kind: 'code'
  source: string
  /** Words after `ad` in the fence's info string, e.g. ["expect-error"]. */
  flags: string[]
  /** The fence as written (``` or ~~~, possibly longer) and its info string, for an exact round trip. */
  fence: string
  info: string
}

export type Cell = ProseCell | CodeCell

export interface Notebook {
  cells: Cell[]
}

const FENCE = /^( {0,3})(`{3,}|~{3,})[ \t]*([^\n]*)$/

export function parseNotebook(text: string): Notebook {
  const lines = text.split('\n')
  const cells: Cell[] = []
  let prose: string[] = []
  const flushProse = () => {
    if (prose.length > 0) cells.push({ kind: 'prose', text: prose.join('\n') })
    prose = []
  }
  for (let i = 0; i < lines.length; i++) {
    const m = FENCE.exec(lines[i]!)
    if (!m) {
      prose.push(lines[i]!)
      continue
    }
    const [, indent, fence, info] = m
    const words = info!.trim().split(/\s+/)
    // Find the closing fence: same character, at least as long, nothing after it.
    let end = i + 1
    const closes = (l: string) => {
      const c = FENCE.exec(l)
      return c !== null && c[2]![0] === fence![0] && c[2]!.length >= fence!.length && c[3]!.trim() === ''
    }
    while (end < lines.length && !closes(lines[end]!)) end++
    if (words[0] !== 'ad' || indent !== '') {
      // Another language's code block is part of the prose.
      prose.push(...lines.slice(i, end + 1))
      i = end
      continue
    }
    flushProse()
    // Code cells are separated from the prose around them by the fences; the newline that
    // ends the prose before the fence belongs to the fence.
    cells.push({
      kind: 'code',
      source: lines.slice(i + 1, end).join('\n'),
      flags: words.slice(1),
      fence: fence!,
      info: info!,
    })
    i = end
  }
  flushProse()
  return { cells }
}

/** The inverse of parseNotebook: serializeNotebook(parseNotebook(s)) === s. */
export function serializeNotebook(nb: Notebook): string {
  return nb.cells
    .map((c) => {
      if (c.kind === 'prose') return c.text
      const open = `${c.fence}${c.info}`
      return (c.source === '' ? [open, c.fence] : [open, c.source, c.fence]).join('\n')
    })
    .join('\n')
}

export function codeCells(nb: Notebook): CodeCell[] {
  return nb.cells.filter((c): c is CodeCell => c.kind === 'code')
}

export type CellResult = { ok: true; value: LangValue } | { ok: false; error: string; cause: unknown }

/**
 * Runs one cell's statements in a scope; the cell's value is its last statement's value (or
 * nothing when that statement ends with ';'). Errors carry their line within the cell.
 */
export function runCell(source: string, scope: Scope): CellResult {
  let value: LangValue
  for (const st of splitStatements(source)) {
    try {
      const v = evaluate(parseStatement(st.text), scope)
      value = st.silent ? undefined : v
    } catch (err) {
      if (err instanceof LangError && err.span) {
        // Spans count from the statement's start; the cell's first statement line may hold others before it.
        if (err.span.line === 1 && err.span.column !== undefined)
          err.span.column += st.offset - source.lastIndexOf('\n', st.offset - 1) - 1
        err.span.line += st.line - 1
      }
      else if (err instanceof Error) (err as LangError).span = { ...(err as LangError).span, line: st.line }
      return { ok: false, error: describeError(err), cause: err }
    }
  }
  return { ok: true, value }
}

/** Runs every code cell in order in one shared scope, as the notebook app does on first load. */
export function runNotebook(nb: Notebook, scope = new Scope()): { cell: CodeCell; result: CellResult }[] {
  return codeCells(nb).map((cell) => ({ cell, result: runCell(cell.source, scope) }))
}

export function expectsError(cell: CodeCell): boolean {
  return cell.flags.includes('expect-error')
}
