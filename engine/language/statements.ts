/**
 * Splits a cell's source into statements, remembering where each starts, so an error can say
 * where it is. A statement ends at a newline or ';' outside brackets, strings and comments
 * (inside brackets ';' separates matrix rows and a newline continues the expression).
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
  let start = 0
  let inString = false
  // The source with comments blanked out, so offsets stay put; a # inside a string is no comment.
  const code = source.split('')
  const flush = (end: number, silent: boolean) => {
    const raw = code.slice(start, end).join('')
    const text = raw.trim()
    if (text !== '') {
      const offset = start + (raw.length - raw.trimStart().length)
      out.push({ text, line: source.slice(0, offset).split('\n').length, offset, silent })
    } else if (silent && out.length > 0) {
      out[out.length - 1]!.silent = true // "x = 1;;" or "x = 1; # note"
    }
    start = end + 1
  }
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
    } else if (c === '"') inString = true
    else if (c === '#') {
      code[i] = ' '
      while (i + 1 < source.length && source[i + 1] !== '\n') code[++i] = ' '
    } else if (c === '(' || c === '[' || c === '{') depth++
    else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1)
    else if (depth === 0 && (c === '\n' || c === ';')) flush(i, c === ';')
  }
  flush(source.length, false)
  return out
}
