/**
 * Errors of the notebook language, with where they happened: the line and column in the cell
 * (1-based) and the piece of source being evaluated, so the app can mark it.
 */
import { EngineError } from '../errors.ts'
import type { Position } from './syntax/tree.ts'

export interface SourceSpan {
  /** 1-based line of the cell where the statement (or the syntax error) is. */
  line: number
  /** 1-based column, when known exactly (syntax errors). */
  column?: number
  /** The expression being evaluated when the error happened, as written back by the parser. */
  snippet?: string
  /** Where the innermost failing expression is; exact in front-ends that keep positions (Julia). */
  at?: Position
}

export class LangError extends EngineError {
  override name = 'LangError'
  span?: SourceSpan
  constructor(
    message: string,
    readonly kind: 'syntax' | 'name' | 'type' | 'engine' | 'limit' = 'type',
  ) {
    super(message)
  }
}

/** The message with its place, e.g. `line 2, in "gradient(g, x1)": gradient needs ...`. */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err)
  const span = (err as LangError).span
  if (!span) return err.message
  const where = span.column !== undefined ? `line ${span.line}, column ${span.column}` : `line ${span.line}`
  return span.snippet ? `${where}, in ${span.snippet}: ${err.message}` : `${where}: ${err.message}`
}
