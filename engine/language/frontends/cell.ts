/**
 * A cell's source, in its language, as statements of the language's own syntax tree: the one
 * seam every front-end plugs into (`ad` is mathjs syntax, `julia` Julia syntax, `python` Python syntax).
 * The interpreter, the cell analysis and the runners call this and never a front-end directly.
 */
import { LangError } from '../errors.ts'
import { positionOf, splitStatements } from '../statements.ts'
import type { Expr, SyntaxNode } from '../syntax/tree.ts'
import { children } from '../syntax/walk.ts'
import { parseStatement } from './ad.ts'
import { parseJulia } from './julia/index.ts'
import { parsePython } from './python/index.ts'
import type { CellLanguage } from './languages.ts'

export type { CellLanguage } from './languages.ts'
export { CELL_LANGUAGES } from './languages.ts'

export interface ParsedStatement {
  expr: Expr
  /** A trailing ';' hides the statement's value, as in Julia and MATLAB. */
  silent: boolean
  /** 1-based line and column in the cell where the statement starts. */
  line: number
  column: number
}

/**
 * Parses a whole cell. A syntax error throws a LangError whose span is the line and column in
 * the cell (not in the statement), so nothing of a cell with an error is ever evaluated.
 */
export function parseCell(source: string, language: CellLanguage = 'ad'): ParsedStatement[] {
  if (language === 'julia') return withDefinitionText(parseJulia(source), source)
  if (language === 'python') return parsePython(source)
  return splitStatements(source).map((st) => {
    try {
      return { expr: parseStatement(st.text, positionOf(st)), silent: st.silent, line: st.line, column: st.column }
    } catch (err) {
      if (err instanceof LangError && err.span) {
        // Spans count from the statement's start; its first line may hold other statements before it.
        if (err.span.line === 1 && err.span.column !== undefined) err.span.column += st.column - 1
        err.span.line += st.line - 1
      } else if (err instanceof LangError) err.span = { line: st.line }
      throw err
    }
  })
}

/**
 * A function shows its definition as the learner typed it (`function g(x) ... end`, not a
 * printer's rewrite), read from the cell by the exact positions the Julia front-end keeps. An
 * explicit stack: a long chain of operators must not overflow a worker's small one.
 */
function withDefinitionText(statements: ParsedStatement[], source: string): ParsedStatement[] {
  const stack: SyntaxNode[] = statements.map((st) => st.expr)
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.kind === 'function') node.text = source.slice(node.pos.offset, node.pos.offset + node.pos.length)
    stack.push(...children(node))
  }
  return statements
}
