/**
 * The Julia front-end: a cell in Julia syntax, parsed whole by the Lezer grammar Pluto's editor
 * uses (parser.ts) and lowered into the language's own syntax tree (lower.ts and the files it
 * calls), one statement per top-level statement of the cell. A cell whose tree has an error
 * node throws the first one as a syntax error (errors.ts), so nothing of it is evaluated.
 */
import type { ParsedStatement } from '../cell.ts'
import { Cell, kids } from './context.ts'
import { firstError, readingFailure, replPrompt, syntaxError } from './errors.ts'
import { lowerExpr } from './lower.ts'
import { juliaParser } from './parser.ts'

export { juliaParser } from './parser.ts'

export function parseJulia(source: string): ParsedStatement[] {
  if (source.trim() === '') return []
  const cell = new Cell(source)
  try {
    const prompt = replPrompt(cell)
    if (prompt) throw prompt
    const tree = juliaParser.parse(source)
    const error = firstError(tree)
    if (error) throw syntaxError(cell, error)
    return kids(tree.topNode).map((node) => ({
      expr: lowerExpr(cell, node),
      silent: silenced(source, node.to),
      ...cell.lineColumn(node.from),
    }))
  } catch (err) {
    throw readingFailure(err)
  }
}

/** A `;` after a statement, on its line, hides its value (Julia's REPL). */
function silenced(source: string, end: number): boolean {
  for (let i = end; i < source.length; i++) {
    const c = source[i]
    if (c === ';') return true
    if (c !== ' ' && c !== '\t') return false
  }
  return false
}
