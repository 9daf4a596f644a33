/**
 * Splits a cell's source into statements, remembering where each starts, so an error can say
 * where it is. A statement ends at a newline or ';' outside brackets, strings and comments
 * (inside brackets ';' separates matrix rows and a newline continues the expression).
 *
 * One pass over the text, counting lines as it goes: the work is proportional to the cell's
 * length (a 30,000-line cell once took half a minute, counting each statement's line from the
 * top of the cell).
 */

export interface Statement {
  text: string
  /** 1-based line in the cell where the statement starts. */
  line: number
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
  let start = 0
  let startLine = 1
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
      for (let k = 0; k < lead; k++) if (raw[k] === '\n') newlines++
      out.push({ text, line: startLine + newlines, offset: start + lead, silent })
    } else if (silent && out.length > 0) {
      out[out.length - 1]!.silent = true // "x = 1;;" or "x = 1; # note"
    }
    start = rest = end + 1
    startLine = source[end] === '\n' ? line + 1 : line
    pieces = []
  }
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!
    if (inString) {
      if (c === '\\') {
        i++
        if (source[i] === '\n') line++
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
    if (c === '\n') line++
  }
  flush(source.length, false)
  return out
}
