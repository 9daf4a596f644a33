/**
 * Running notebooks: each code cell's statements in one shared scope, in order.
 */
import { describeError, LangError } from '../language/errors.ts'
import { parseStatement } from '../language/frontends/ad.ts'
import { Scope, evaluate } from '../language/interpreter.ts'
import type { CodeCell, Notebook } from './notebookFile.ts'
import { codeCells } from './notebookFile.ts'
import { positionOf, splitStatements } from '../language/statements.ts'
import type { LangValue } from '../language/values.ts'

export * from './notebookFile.ts'

export type CellResult = { ok: true; value: LangValue } | { ok: false; error: string; cause: unknown }

/**
 * Runs one cell's statements in a scope; the cell's value is its last statement's value (or
 * nothing when that statement ends with ';'). Errors carry their line within the cell.
 */
export function runCell(source: string, scope: Scope): CellResult {
  let value: LangValue
  for (const st of splitStatements(source)) {
    try {
      const v = evaluate(parseStatement(st.text, positionOf(st)), scope)
      value = st.silent ? undefined : v
    } catch (err) {
      if (err instanceof LangError && err.span) {
        // Spans count from the statement's start; the cell's first statement line may hold others before it.
        if (err.span.line === 1 && err.span.column !== undefined) err.span.column += st.column - 1
        err.span.line += st.line - 1
      } else if (err instanceof Error) (err as LangError).span = { ...(err as LangError).span, line: st.line }
      return { ok: false, error: describeError(err), cause: err }
    }
  }
  return { ok: true, value }
}

/** Runs every code cell in order in one shared scope, as the notebook app does on first load. */
export function runNotebook(nb: Notebook, scope = new Scope()): { cell: CodeCell; result: CellResult }[] {
  return codeCells(nb).map((cell) => ({ cell, result: runCell(cell.source, scope) }))
}

export function expectsError(cell: CodeCell): boolean {
  return cell.flags.includes('expect-error')
}
