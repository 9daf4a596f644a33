/**
 * Splits a cell's source into statements, remembering where each starts, so an error can say
 * where it is. A statement ends at a newline or ';' outside brackets, strings and comments
 * (inside brackets ';' separates matrix rows and a newline continues the expression).
 *
 * One pass over the text, counting lines as it goes: the work is proportional to the cell's
 * length (a 30,000-line cell once took half a minute, counting each statement's line from the
 * top of the cell).
 */
import type { Position } from './syntax/tree.ts'

export interface Statement {
  text: string
  /** 1-based line in the cell where the statement starts. */
  line: number
  /** 1-based column of its first character on that line. */
  column: number
  /** 0-based offset of the statement's first character in the cell. */
  offset: number
  /** A trailing ';' hides the statement's value, as in Julia and MATLAB. */
  silent: boolean
}

export function splitStatements(source: string): Statement[] {
  const out: Statement[] = []
  let depth = 0
  let inString = false
  /** Line of the character being read, and of the current statement's first character. */
  let line = 1
  let lineStart = 0
  let start = 0
  let startLine = 1
  let startLineStart = 0
  // The statement's text with its comments blanked out (so offsets stay put): the pieces
  // before each comment, then the rest from `rest`.
  let pieces: string[] = []
  let rest = 0
  const flush = (end: number, silent: boolean) => {
    pieces.push(source.slice(rest, end))
    const raw = pieces.join('')
    const text = raw.trim()
    if (text !== '') {
      const lead = raw.length - raw.trimStart().length
      let newlines = 0
      let firstLineStart = startLineStart
      for (let k = 0; k < lead; k++)
        if (raw[k] === '\n') {
          newlines++
          firstLineStart = start + k + 1
        }
      const offset = start + lead
      out.push({ text, line: startLine + newlines, column: offset - firstLineStart + 1, offset, silent })
    } else if (silent && out.length > 0) {
      out[out.length - 1]!.silent = true // "x = 1;;" or "x = 1; # note"
    }
    start = rest = end + 1
    startLine = source[end] === '\n' ? line + 1 : line
    startLineStart = source[end] === '\n' ? end + 1 : lineStart
    pieces = []
  }
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!
    if (inString) {
      if (c === '\\') {
        i++
        if (source[i] === '\n') {
          line++
          lineStart = i + 1
        }
      } else if (c === '"') inString = false
    } else if (c === '"') inString = true
    else if (c === '#') {
      // A comment runs to the end of the line; a # inside a string is no comment.
      let j = i
      while (j + 1 < source.length && source[j + 1] !== '\n') j++
      pieces.push(source.slice(rest, i), ' '.repeat(j - i + 1))
      rest = j + 1
      i = j
    } else if (c === '(' || c === '[' || c === '{') depth++
    else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1)
    else if (depth === 0 && (c === '\n' || c === ';')) flush(i, c === ';')
    if (c === '\n') {
      line++
      lineStart = i + 1
    }
  }
  flush(source.length, false)
  return out
}

/** Where a statement is, for the syntax tree's nodes. */
export function positionOf(st: Statement): Position {
  return { line: st.line, column: st.column, offset: st.offset, length: st.text.length }
}
