/**
 * Notebook files: Markdown in which each fenced code block whose info string starts with `ad`
 * is a code cell. Everything else is prose. `ad expect-error` marks a cell whose error is the
 * point of the lesson. Parsing keeps the original text of every part, so writing a notebook
 * back out reproduces the file exactly. (No interpreter here: the page imports this alone.)
 */

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

export type Cell = ProseCell | CodeCell

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
    if (words[0] !== 'ad' || indent !== '') {
      // Another language's code block is part of the prose.
      prose.push(...lines.slice(i, end + 1))
      i = end
      continue
    }
    flushProse()
    // Code cells are separated from the prose around them by the fences; the newline that
    // ends the prose before the fence belongs to the fence.
    const body = lines.slice(i + 1, end)
    const after = [...(body.length === 1 && body[0] === '' ? [''] : []), ...lines.slice(end, end + 1)]
    const close = after.length > 0 ? after.join('\n') : null
    cells.push({
      kind: 'code',
      source: body.join('\n'),
      flags: words.slice(1),
      fence: fence!,
      info: info!,
      ...(close === fence ? {} : { close }),
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
      const close = c.close === undefined ? [c.fence] : c.close === null ? [] : [c.close]
      return (c.source === '' ? [open, ...close] : [open, c.source, ...close]).join('\n')
    })
    .join('\n')
}

export function codeCells(nb: Notebook): CodeCell[] {
  return nb.cells.filter((c): c is CodeCell => c.kind === 'code')
}
