/**
 * Syntax errors in a Python cell: the first error node of the tree becomes the cell's error, at
 * its line and column, in plain words: a block whose indentation is off, a header without its
 * colon, a bracket never closed, an operator with nothing after it, or a pasted `>>>` prompt.
 */
import type { LangError } from '../../errors.ts'
import type { Cell, LezerNode } from './context.ts'

// The first error node of a tree: the Julia front-end's search serves any Lezer tree.
export { firstError } from '../julia/errors.ts'

const HEADERS: Record<string, string> = {
  FunctionDefinition: 'def',
  IfStatement: 'if',
  ForStatement: 'for',
  WhileStatement: 'while',
  WithStatement: 'with',
  ClassDefinition: 'class',
}

const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' }

export function syntaxError(cell: Cell, error: LezerNode): LangError {
  return cell.error(error, explain(cell, error))
}

function explain(cell: Cell, error: LezerNode): string {
  const lineStart = cell.source.lastIndexOf('\n', error.from - 1) + 1
  const lineEnd = cell.source.indexOf('\n', error.from)
  const line = cell.source.slice(lineStart, lineEnd < 0 ? undefined : lineEnd)
  const before = cell.source.slice(lineStart, error.from).trimEnd()
  const here = cell.text(error).trim() || cell.source.slice(error.from, error.from + 1).trim()
  // An opening bracket without its closer, anywhere around the error.
  for (let a: LezerNode | null = error.parent; a !== null; a = a.parent) {
    const first = a.firstChild
    const last = a.lastChild
    const opener = first ? cell.text(first) : ''
    const closer = CLOSERS[opener]
    if (closer !== undefined && first!.to - first!.from === 1 && (last === null || cell.text(last) !== closer))
      return `the ${opener} at ${cell.where(first!)} is never closed: a ${closer} is missing`
    const header = HEADERS[a.name]
    if (header !== undefined && !/:\s*(#.*)?$/.test(cell.source.slice(a.from, cell.source.indexOf('\n', a.from) >>> 0)))
      return `the ${header} line at ${cell.where(a)} must end with a colon (:)`
  }
  if (/^\s/.test(line) && before.trim() === '' && error.from - lineStart === line.length - line.trimStart().length)
    return 'unexpected indentation: this line is indented more than the block it belongs to (or a block header above it is missing its colon)'
  if (/:\s*$/.test(before) || /:\s*(#.*)?$/.test(cell.source.slice(0, lineStart).trimEnd().split('\n').pop() ?? ''))
    return 'a block is expected here: indent the lines that belong to the header above (4 spaces is usual)'
  const operator = /(\*\*|\/\/|==|!=|<=|>=|[-+*/%@<>=]|\band|\bor|\bnot)$/.exec(before)?.[1]
  const column = (offset: number) => `column ${offset - lineStart + 1}`
  const next = /^([A-Za-z_]\w*|\d[\w.]*|\*\*|\/\/|[^\s])/.exec(here)?.[1] ?? here
  if (operator !== undefined && (here === '' || /^[)\]},:]/.test(here)))
    return `the ${operator} at ${column(lineStart + before.length - operator.length)} has nothing after it: a value is expected ${here === '' ? 'after it' : `before ${here[0]}`}`
  if (operator !== undefined && /^(\*\*|\/\/|[*/%@<>=|&^])/.test(here))
    return `${next} cannot follow ${operator} (${column(error.from)}): a value is expected between them`
  if (/^[)\]}]/.test(here)) return `this ${here[0]} closes a bracket that was never opened`
  const last = /([A-Za-z_]\w*|\d[\w.]*|[)\]}'"])$/.exec(before)?.[1]
  if (last !== undefined && /^[A-Za-z_\d(['"]/.test(here))
    return `two values in a row at ${column(error.from)}: a comma or an operator is missing between ${last} and ${next}`
  return `this is not valid Python here (${column(error.from)}): "${next.length > 30 ? `${next.slice(0, 27)}...` : next}"`
}

/** A statement pasted with its REPL prompt (`>>> `, `... `, `In [3]:`). */
export function replPrompt(cell: Cell): LangError | null {
  const m = /^(\s*)(>>> ?|In \[\d*\]: ?)/m.exec(cell.source)
  if (!m) return null
  const err = cell.error(
    { from: m.index + m[1]!.length },
    `this looks pasted from a Python prompt: remove the "${m[2]!.trim()}" at the start of each line and paste just the code`,
  )
  return err
}
