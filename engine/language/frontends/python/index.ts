/**
 * The Python front-end: a cell in Python syntax, parsed whole by the Lezer Python grammar (carried
 * in ./grammar with one patch) and lowered into the language's own syntax tree, one statement per
 * top-level statement. A cell whose tree has an error node throws the first one as a syntax
 * error, so nothing of it is evaluated.
 */
import type { ParsedStatement } from '../cell.ts'
import { Cell, kids } from './context.ts'
import { firstError, replPrompt, syntaxError } from './errors.ts'
import { readingFailure } from '../julia/errors.ts'
import { parser } from './grammar/parser.ts'
import { lowerStatements } from './statements.ts'

export { parser as pythonParser } from './grammar/parser.ts'

export function parsePython(source: string): ParsedStatement[] {
  if (source.trim() === '') return []
  const cell = new Cell(source)
  try {
    const prompt = replPrompt(cell)
    if (prompt) throw prompt
    const tree = parser.parse(source)
    const error = firstError(tree)
    if (error) throw syntaxError(cell, error)
    const indented = kids(tree.topNode).find((node) => indentedStatement(source, node.from))
    if (indented)
      throw cell.error(indented, 'unexpected indentation: a statement at the top of a cell starts at the left margin')
    return kids(tree.topNode).flatMap((node) =>
      lowerStatements(cell, node).map((expr) => ({
        expr,
        silent: silenced(source, node.to),
        ...cell.lineColumn(expr.pos.offset),
      })),
    )
  } catch (err) {
    throw readingFailure(err)
  }
}

/** Whether a statement starts its line after spaces (Python refuses that at the top level). */
function indentedStatement(source: string, from: number): boolean {
  const lineStart = source.lastIndexOf('\n', from - 1) + 1
  return from > lineStart && source.slice(lineStart, from).trim() === ''
}

/** A `;` ending a line hides its value, as in Jupyter. */
function silenced(source: string, end: number): boolean {
  const lineEnd = source.indexOf('\n', end)
  const rest = source.slice(end, lineEnd < 0 ? undefined : lineEnd)
  return /^\s*;\s*(#.*)?$/.test(rest) || /;\s*$/.test(source.slice(0, end))
}
