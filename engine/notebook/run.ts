/**
 * Running notebooks: each code cell's statements in one shared scope, in order.
 */
import type { NonFinitePolicy } from '../ad/domain.ts'
import { withNonFinitePolicy } from '../ad/domain.ts'
import type { SourceSpan } from '../language/errors.ts'
import { describeError, LangError } from '../language/errors.ts'
import type { Expr, Position, SyntaxNode } from '../language/syntax/tree.ts'
import { children } from '../language/syntax/walk.ts'
import type { CellLanguage, ParsedStatement } from '../language/frontends/cell.ts'
import { parseCell } from '../language/frontends/cell.ts'
import { Scope, evaluate } from '../language/interpreter.ts'
import { collectPrinted } from '../language/printing.ts'
import type { CodeCell, Notebook } from './notebookFile.ts'
import { chosenCells, fileCellShape } from './variants.ts'
import type { LangValue } from '../language/values.ts'

export * from './notebookFile.ts'

/** A cell's value or error, and the lines it printed while it ran (println, @show), when it printed any. */
export type CellResult = ({ ok: true; value: LangValue } | { ok: false; error: string; cause: unknown }) & {
  printed?: string[]
}

/**
 * What a fresh NaN or infinity is in each language (engine/ad/domain.ts): Julia's and the Python
 * libraries' IEEE values (with a note), Julia's DomainError where Julia throws one; an error
 * always in the engine's own `ad` cells.
 */
const NON_FINITE: Record<CellLanguage, NonFinitePolicy> = { ad: 'error', julia: 'julia', python: 'ieee' }

/**
 * Runs one cell's statements in a scope; the cell's value is its last statement's value (or
 * nothing when that statement ends with ';'). A cell with a syntax error runs nothing. Errors
 * carry their line within the cell.
 */
export function runCell(source: string, scope: Scope, language: CellLanguage = 'ad'): CellResult {
  let statements: ParsedStatement[]
  try {
    statements = parseCell(source, language)
  } catch (err) {
    return { ok: false, error: describeError(err), cause: err }
  }
  const { result, printed } = collectPrinted(() =>
    withNonFinitePolicy(NON_FINITE[language], () => runStatements(statements, source, scope, language)),
  )
  return printed.length > 0 ? { ...result, printed } : result
}

function runStatements(
  statements: ParsedStatement[],
  source: string,
  scope: Scope,
  language: CellLanguage,
): CellResult {
  let value: LangValue
  for (const st of statements) {
    try {
      const v = evaluate(st.expr, scope)
      value = st.silent ? undefined : v
    } catch (err) {
      if (err instanceof LangError && err.span) placeInCell(err.span, st, source, language)
      else if (err instanceof Error) (err as LangError).span = { ...(err as LangError).span, line: st.line }
      return { ok: false, error: describeError(err), cause: err }
    }
  }
  return { ok: true, value }
}

/**
 * Where an error is in this cell. The failing expression may be in a function another cell (or
 * an earlier statement) defined: its position is then not in this statement, and the error is
 * placed on the statement that called it (the message says "inside g"). Otherwise, in a cell
 * whose front-end keeps positions (Julia), the snippet is the expression as typed and the
 * column is exact.
 */
function placeInCell(span: SourceSpan, st: ParsedStatement, source: string, language: CellLanguage): void {
  const at = span.at
  if (at === undefined) return
  if (!holds(st.expr, at)) {
    span.line = st.line
    delete span.at
    return
  }
  if (language === 'ad') return
  span.snippet = source.slice(at.offset, at.offset + at.length)
  span.line = at.line
  span.column = at.column
}

/** Whether one of the statement's own nodes is at that position (the same object, not equal numbers). */
function holds(statement: Expr, at: Position): boolean {
  const stack: SyntaxNode[] = [statement]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.pos === at) return true
    stack.push(...children(node))
  }
  return false
}

/**
 * Runs every code cell in order in one shared scope, as the notebook app does on first load; of a
 * two-variant cell only its main cell, or its variant in `language` (variants.ts).
 */
export function runNotebook(
  nb: Notebook,
  scope = new Scope(),
  language: CellLanguage | null = null,
): { cell: CodeCell; result: CellResult }[] {
  const chosen = chosenCells(nb.cells.map(fileCellShape), language)
  return nb.cells.flatMap((cell, i) =>
    cell.kind === 'code' && chosen.has(i) ? [{ cell, result: runCell(cell.source, scope, cell.language) }] : [],
  )
}

export function expectsError(cell: CodeCell): boolean {
  return cell.flags.includes('expect-error')
}
