/**
 * Checking a lesson's exercises at their places in the notebook's scope (what `--check` does),
 * and evaluating an exercise's expected answer there.
 */
import { concrete, isValue } from '../ad/value.ts'
import { analyzeCell } from '../language/analysis.ts'
import { Scope } from '../language/interpreter.ts'
import { describe } from '../language/values.ts'
import type { CodeCell, ExerciseCell, Notebook } from '../notebook/notebookFile.ts'
import { cellLines } from '../notebook/notebookFile.ts'
import type { CellResult } from '../notebook/run.ts'
import { runCell } from '../notebook/run.ts'
import type { ExpectedValue } from './answers.ts'
import { close, describeNumbers } from './answers.ts'
import type { ExerciseSpec } from './exercises.ts'
import { exerciseExpressions, lessonExercises } from './exercises.ts'

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
