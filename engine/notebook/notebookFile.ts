/**
 * Notebook files: Markdown in which each fenced code block whose info string starts with `ad`
 * (mathjs syntax), `julia` or `python` is a code cell in that language, and each one whose info
 * string is `exercise <id>` is an exercise (its body is read by exercises.ts). Everything else is
 * prose. `julia expect-error` marks a cell whose error is the point of the lesson; `python
 * variant` one that is another language's version of the code cell before it (variants.ts). Parsing keeps the original text of every part, so writing a notebook
 * back out reproduces the file exactly. (No interpreter here: the page imports this alone.)
 */
import type { CellLanguage } from '../language/frontends/languages.ts'
import { CELL_LANGUAGES } from '../language/frontends/languages.ts'

export interface ProseCell {
  kind: 'prose'
  /** The Markdown exactly as written, including line breaks. */
  text: string
}

export interface CodeCell {
  kind: 'code'
  source: string
  /** The first word of the fence's info string. */
  language: CellLanguage
  /** Words after the language in the fence's info string, e.g. ["expect-error"]. */
  flags: string[]
  /**
   * The fence as written (``` or ~~~, possibly longer) and its info string with any spaces before
   * it, for an exact round trip.
   */
  fence: string
  info: string
  /**
   * What follows the source when it is not just `fence`: the closing fence as written (indented,
   * longer, trailing spaces), after a blank line when that blank line is the cell's only line
   * (source '' cannot tell it from no line), or null when the file ends before the cell closes.
   */
  close?: string | null
}

/** A fenced block `exercise <id>`: a checked question. Fences are kept as in CodeCell. */
export interface ExerciseCell {
  kind: 'exercise'
  /** The word after `exercise` ('' when missing: exercises.ts reports it). */
  id: string
  /** The block's body: `key: value` lines. */
  source: string
  fence: string
  info: string
  close?: string | null
}

export type Cell = ProseCell | CodeCell | ExerciseCell

export interface Notebook {
  cells: Cell[]
}

const FENCE = /^( {0,3})(`{3,}|~{3,})([^\n]*)$/

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
    const language = languageOf(info!)
    const kind = language !== null ? 'code' : words[0] === 'exercise' ? 'exercise' : null
    if (kind === null || indent !== '') {
      // Another language's code block is part of the prose.
      prose.push(...lines.slice(i, end + 1))
      i = end
      continue
    }
    flushProse()
    // Cells are separated from the prose around them by the fences; the newline that
    // ends the prose before the fence belongs to the fence.
    const body = lines.slice(i + 1, end)
    const after = [...(body.length === 1 && body[0] === '' ? [''] : []), ...lines.slice(end, end + 1)]
    const close = after.length > 0 ? after.join('\n') : null
    const fenced = { source: body.join('\n'), fence: fence!, info: info!, ...(close === fence ? {} : { close }) }
    cells.push(
      kind === 'code'
        ? { kind, language: language!, flags: words.slice(1), ...fenced }
        : { kind, id: exerciseIdOf(info!), ...fenced },
    )
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
      const close = c.close === undefined ? [c.fence] : c.close === null ? [] : [c.close]
      return (c.source === '' ? [open, ...close] : [open, c.source, ...close]).join('\n')
    })
    .join('\n')
}

export function codeCells(nb: Notebook): CodeCell[] {
  return nb.cells.filter((c): c is CodeCell => c.kind === 'code')
}

export function exerciseCells(nb: Notebook): ExerciseCell[] {
  return nb.cells.filter((c): c is ExerciseCell => c.kind === 'exercise')
}

/** The language a fence's info string names (`julia expect-error` gives julia), or null for none of ours. */
export function languageOf(info: string): CellLanguage | null {
  const word = info.trim().split(/\s+/)[0]
  return CELL_LANGUAGES.find((l) => l === word) ?? null
}

/** The id in an exercise fence's info string: `exercise tf-grad` gives "tf-grad". */
export function exerciseIdOf(info: string): string {
  return info.trim().split(/\s+/)[1] ?? ''
}

/** The line (1-based) on which each cell starts in the file that serializeNotebook writes. */
export function cellLines(nb: Notebook): number[] {
  let line = 1
  return nb.cells.map((c) => {
    const start = line
    line += serializeNotebook({ cells: [c] }).split('\n').length
    return start
  })
}
