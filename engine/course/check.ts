/**
 * Checking a lesson as the app runs it (what `--check` does): the code cells and the exercises'
 * expressions go through the app's reactive notebook, so cells run in dependency order and a
 * name defined in two cells is the same error it is on the page; results come back in file order.
 */
import { concrete, isValue } from '../ad/value.ts'
import type { Tensor } from '../tensor/tensor.ts'
import { vector } from '../tensor/tensor.ts'
import { analyzeCell } from '../language/analysis.ts'
import type { CellLanguage } from '../language/frontends/cell.ts'
import type { LangValue } from '../language/values.ts'
import { describe, isTuple } from '../language/values.ts'
import type { CodeCell, ExerciseCell, Notebook } from '../notebook/notebookFile.ts'
import { cellLines } from '../notebook/notebookFile.ts'
import { chosenCells, fileCellShape, variantOwners } from '../notebook/variants.ts'
import type { CellInput } from '../notebook/reactive.ts'
import { ReactiveNotebook } from '../notebook/reactive.ts'
import type { CellResult } from '../notebook/run.ts'
import type { ExpectedValue } from './answers.ts'
import { close, describeNumbers } from './answers.ts'
import type { ExerciseSpec } from './exercises.ts'
import { exerciseExpressions, exerciseIn, lessonExercises } from './exercises.ts'
import { PASSES_NEEDS, checkOutcomeOf } from './passes.ts'

/**
 * The numbers a value stands for as an answer: a number, vector or matrix itself; a tuple of
 * numbers as the vector of them (Julia's `(3, -4)`); a tuple holding one array as that array
 * (Zygote's `gradient(f, x)` is `(∇f,)`). Anything else has no numbers.
 */
function answerNumbers(v: LangValue): Tensor | undefined {
  if (isValue(v)) return concrete(v)
  if (!isTuple(v)) return undefined
  if (v.items.length === 1 && isValue(v.items[0])) return concrete(v.items[0])
  const items = v.items.map((x) => (isValue(x) ? concrete(x) : undefined))
  if (items.length === 0 || items.some((t) => t === undefined || t.shape.length !== 0)) return undefined
  return vector(items.map((t) => t!.data[0]!))
}

/**
 * An exercise expression's result as plain numbers, or a derivative check's outcome (what a
 * `passes:` exercise waits for), or why it is neither.
 */
export function expectedValue(result: CellResult): ExpectedValue {
  if (!result.ok) return { ok: false, error: result.error }
  const check = checkOutcomeOf(result.value)
  if (check) return { ok: true, check }
  const numbers = answerNumbers(result.value)
  if (numbers === undefined) return { ok: false, error: `it gives ${describe(result.value)}, not numbers` }
  const t = numbers
  const data = Array.from(t.data)
  if (data.some((x) => !Number.isFinite(x))) return { ok: false, error: 'it has an entry that is not a finite number' }
  return { ok: true, value: { shape: [...t.shape], data } }
}

/**
 * Why an exercise expression cannot join the notebook, or undefined when it can: an assignment
 * would define a name the learner never wrote. The page's worker and `--check` both ask this.
 */
export function refusedExpression(expr: string, language: CellLanguage = 'ad'): string | undefined {
  return analyzeCell(expr, language).defines.length > 0
    ? 'it assigns a name; an exercise needs an expression, such as g(x1), not y = g(x1)'
    : undefined
}

/**
 * The language a lesson's exercise expressions (`answer:`, `wrong:`) are written in: that of its
 * code cells, or of most of them when they mix (a tie goes to Julia, then Python); `ad` for a
 * lesson without code. The page's worker gives the exercises' hidden cells this language too,
 * unless the page names the language (an exercise's `answer-python:`).
 */
export function exerciseLanguage(cells: readonly { language?: CellLanguage }[]): CellLanguage {
  const count = (l: CellLanguage) => cells.filter((c) => (c.language ?? 'ad') === l).length
  const [julia, python] = [count('julia'), count('python')]
  if (julia > 0 && julia >= python && julia * 2 >= cells.length) return 'julia'
  return python > 0 && python * 2 >= cells.length ? 'python' : 'ad'
}

/**
 * The hidden cell that evaluates one exercise expression, in the lesson's language, or why it
 * is refused (an assignment). The worker and `--check` both build hidden cells with this.
 */
export function exerciseInput(
  id: string,
  source: string,
  language: CellLanguage,
): { ok: true; input: CellInput } | { ok: false; error: string } {
  const refused = refusedExpression(source, language)
  return refused === undefined ? { ok: true, input: { id, source, language } } : { ok: false, error: refused }
}

export interface ExerciseReport {
  cell: ExerciseCell
  /** The line of the exercise's fence in the file. */
  line: number
  problems: string[]
}

/**
 * Runs a lesson as the app does and checks each exercise: its spec reads, its answer evaluates to
 * numbers, and every expected mistake evaluates to numbers that differ from the answer (or it
 * would mark the right answer as a mistake). Exercises' expressions are hidden cells after the
 * code cells, as in the worker, so they run after what they use. `chosen` picks each two-variant
 * cell's variant in that language (variants.ts), and each exercise's expressions in it where the
 * exercise gives them (`answer-python:`); null runs every main cell.
 */
export function checkNotebook(
  nb: Notebook,
  chosen: CellLanguage | null = null,
): {
  results: { cell: CodeCell; result: CellResult }[]
  exercises: ExerciseReport[]
} {
  const lines = cellLines(nb)
  const shapes = nb.cells.map(fileCellShape)
  const runs = chosenCells(shapes, chosen)
  const owners = variantOwners(shapes)
  // The lesson's language is that of its main cells, whichever variants run.
  const lessonLanguage = exerciseLanguage(nb.cells.filter((c, i) => c.kind === 'code' && owners[i] === i) as CodeCell[])
  const code: { id: string; cell: CodeCell }[] = []
  const read: {
    cell: ExerciseCell
    line: number
    spec?: ExerciseSpec
    language: CellLanguage
    problem?: string
    ids: string[]
  }[] = []
  const reads = new Map(lessonExercises(nb).map((e) => [e.cell, e]))
  nb.cells.forEach((cell, i) => {
    if (cell.kind === 'code' && runs.has(i)) code.push({ id: `cell:${owners[i]}`, cell })
    if (cell.kind !== 'exercise') return
    const r = reads.get(cell)!
    const line = lines[i]!
    if (!r.ok) {
      const { line: at, reason } = r.error
      const problem = at === undefined ? reason : `line ${line + at}: ${reason}`
      read.push({ cell, line, problem, ids: [], language: lessonLanguage })
    } else {
      const seen = exerciseIn(r.spec, chosen)
      const ids = exerciseExpressions(seen.spec).map((_, k) => `ex:${i}:${k}`)
      read.push({ cell, line, spec: seen.spec, ids, language: seen.language ?? lessonLanguage })
    }
  })

  const hidden: CellInput[] = read.flatMap(({ spec, ids, language }) =>
    spec
      ? exerciseExpressions(spec).flatMap((source, k) => {
          const made = exerciseInput(ids[k]!, source, language)
          return made.ok ? [made.input] : []
        })
      : [],
  )
  const notebook = new ReactiveNotebook()
  notebook.update([...code.map(({ id, cell }) => ({ id, source: cell.source, language: cell.language })), ...hidden])

  const valueOf = (id: string, source: string, language: CellLanguage): ExpectedValue => {
    const refused = refusedExpression(source, language)
    return refused ? { ok: false, error: refused } : expectedValue(notebook.result(id)!)
  }
  return {
    results: code.map(({ id, cell }) => ({ cell, result: notebook.result(id)! })),
    exercises: read.map(({ cell, line, spec, problem, ids, language }) => ({
      cell,
      line,
      problems: spec ? checkExercise(spec, (k, source) => valueOf(ids[k]!, source, language)) : [problem!],
    })),
  }
}

/** Why a value is not numbers to compare, or undefined when it is. */
const notNumbers = (v: ExpectedValue): string | undefined =>
  !v.ok ? v.error : 'check' in v ? 'it gives a derivative check, not numbers' : undefined

function checkExercise(spec: ExerciseSpec, valueOf: (k: number, expr: string) => ExpectedValue): string[] {
  const [answerExpr, ...wrongExprs] = exerciseExpressions(spec)
  if (answerExpr === undefined) return []
  const answer = valueOf(0, answerExpr)
  if (spec.passes !== undefined) {
    // The lesson starts with the rule broken, so any status will do; it must be a check.
    const why = !answer.ok ? answer.error : 'check' in answer ? undefined : 'it gives numbers'
    return why === undefined ? [] : [`passes: ${answerExpr} ${PASSES_NEEDS}, but ${why}`]
  }
  const whyNot = notNumbers(answer)
  if (whyNot !== undefined || !('value' in answer)) return [`answer: ${answerExpr} cannot be checked: ${whyNot}`]
  return wrongExprs.flatMap((expr, k) => {
    const v = valueOf(k + 1, expr)
    const why = notNumbers(v)
    if (why !== undefined || !('value' in v)) return [`wrong: ${expr} cannot be compared: ${why}`]
    if (close(v.value, answer.value, spec.tolerance))
      return [
        `wrong: ${expr} equals the answer (${describeNumbers(v.value.shape)}), so it would call the right answer a mistake`,
      ]
    return []
  })
}
