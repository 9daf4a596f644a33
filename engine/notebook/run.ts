/**
 * Running notebooks: each code cell's statements in one shared scope, in order.
 */
import { describeError, LangError } from '../language/errors.ts'
import type { CellLanguage, ParsedStatement } from '../language/frontends/cell.ts'
import { parseCell } from '../language/frontends/cell.ts'
import { Scope, evaluate } from '../language/interpreter.ts'
import { collectPrinted } from '../language/printing.ts'
import type { CodeCell, Notebook } from './notebookFile.ts'
import { codeCells } from './notebookFile.ts'
import type { LangValue } from '../language/values.ts'

export * from './notebookFile.ts'

/** A cell's value or error, and the lines it printed while it ran (println, @show), when it printed any. */
export type CellResult = ({ ok: true; value: LangValue } | { ok: false; error: string; cause: unknown }) & {
  printed?: string[]
}

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
  const { result, printed } = collectPrinted(() => runStatements(statements, source, scope, language))
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
      if (err instanceof LangError && err.span) {
        // Positions kept exactly (Julia): the snippet is the failing expression as typed.
        const at = err.span.at
        if (language !== 'ad' && at !== undefined) err.span.snippet = source.slice(at.offset, at.offset + at.length)
      } else if (err instanceof Error) (err as LangError).span = { ...(err as LangError).span, line: st.line }
      return { ok: false, error: describeError(err), cause: err }
    }
  }
  return { ok: true, value }
}

/** Runs every code cell in order in one shared scope, as the notebook app does on first load. */
export function runNotebook(nb: Notebook, scope = new Scope()): { cell: CodeCell; result: CellResult }[] {
  return codeCells(nb).map((cell) => ({ cell, result: runCell(cell.source, scope, cell.language) }))
}

export function expectsError(cell: CodeCell): boolean {
  return cell.flags.includes('expect-error')
}
