/**
 * Running notebooks: each code cell's statements in one shared scope, in order; and checking a
 * lesson's exercises at their places in that scope (what `--check` does).
 */
import { concrete, isValue } from '../ad/value.ts'
import { analyzeCell } from '../language/analysis.ts'
import type { ExpectedValue } from '../course/answers.ts'
import { close, describeNumbers } from '../course/answers.ts'
import { describeError, LangError } from '../language/errors.ts'
import type { ExerciseSpec } from '../course/exercises.ts'
import { exerciseExpressions, lessonExercises } from '../course/exercises.ts'
import { Scope, evaluate, parseStatement } from '../language/interpreter.ts'
import type { CodeCell, ExerciseCell, Notebook } from './notebookFile.ts'
import { cellLines, codeCells } from './notebookFile.ts'
import { splitStatements } from '../language/statements.ts'
import type { LangValue } from '../language/values.ts'
import { describe } from '../language/values.ts'

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
      const v = evaluate(parseStatement(st.text), scope)
      value = st.silent ? undefined : v
    } catch (err) {
      if (err instanceof LangError && err.span) {
        // Spans count from the statement's start; the cell's first statement line may hold others before it.
        if (err.span.line === 1 && err.span.column !== undefined)
          err.span.column += st.offset - source.lastIndexOf('\n', st.offset - 1) - 1
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

/** An exercise expression's result as plain numbers, or why it has none (an answer must be numbers). */
export function expectedValue(result: CellResult): ExpectedValue {
  if (!result.ok) return { ok: false, error: result.error }
  if (!isValue(result.value)) return { ok: false, error: `it gives ${describe(result.value)}, not numbers` }
  const t = concrete(result.value)
  const data = Array.from(t.data)
  if (data.some((x) => !Number.isFinite(x))) return { ok: false, error: 'it has an entry that is not a finite number' }
  return { ok: true, value: { shape: [...t.shape], data } }
}

/**
 * Evaluates an exercise expression without letting it change the scope: an assignment would
 * define a name the learner never wrote.
 */
export function evaluateExpression(expr: string, scope: Scope): ExpectedValue {
  if (analyzeCell(expr).defines.length > 0)
    return { ok: false, error: 'it assigns a name; write an expression, such as g(x1), not y = g(x1)' }
  return expectedValue(runCell(expr, scope))
}

export interface ExerciseReport {
  cell: ExerciseCell
  /** The line of the exercise's fence in the file. */
  line: number
  problems: string[]
}

/**
 * What `--check` does: runs the code cells in order and checks each exercise where it stands:
 * its spec reads, its answer evaluates to numbers, and every expected mistake evaluates to
 * numbers that differ from the answer (or it would mark the right answer as a mistake).
 */
export function checkNotebook(
  nb: Notebook,
  scope = new Scope(),
): { results: { cell: CodeCell; result: CellResult }[]; exercises: ExerciseReport[] } {
  const lines = cellLines(nb)
  const specs = new Map(lessonExercises(nb).map((e) => [e.cell, e]))
  const results: { cell: CodeCell; result: CellResult }[] = []
  const exercises: ExerciseReport[] = []
  nb.cells.forEach((cell, i) => {
    if (cell.kind === 'code') results.push({ cell, result: runCell(cell.source, scope) })
    if (cell.kind !== 'exercise') return
    const read = specs.get(cell)!
    const line = lines[i]!
    const problems = read.ok
      ? checkExercise(read.spec, scope)
      : [read.error.line === undefined ? read.error.reason : `line ${line + read.error.line}: ${read.error.reason}`]
    exercises.push({ cell, line, problems })
  })
  return { results, exercises }
}

function checkExercise(spec: ExerciseSpec, scope: Scope): string[] {
  const [answerExpr, ...wrongExprs] = exerciseExpressions(spec)
  if (answerExpr === undefined) return []
  const answer = evaluateExpression(answerExpr, scope)
  if (!answer.ok) return [`answer: ${answerExpr} cannot be checked: ${answer.error}`]
  return wrongExprs.flatMap((expr) => {
    const v = evaluateExpression(expr, scope)
    if (!v.ok) return [`wrong: ${expr} cannot be compared: ${v.error}`]
    if (close(v.value, answer.value, spec.tolerance))
      return [
        `wrong: ${expr} equals the answer (${describeNumbers(v.value.shape)}), so it would call the right answer a mistake`,
      ]
    return []
  })
}
