/**
 * What the notebook runner prints for a lesson, as data: its text or JSON output, its messages
 * and its exit status. The command (notebook.ts) reads the file and writes these out; tests call
 * this directly, without starting a process per case. Both load engine/standard.ts first, so
 * that the plots' and panels' builtins are registered.
 */
import { notesOf } from '../ad/notes.ts'
import { checkNotebook } from '../course/check.ts'
import { toJson, toText } from '../language/format.ts'
import type { CellLanguage } from '../language/frontends/cell.ts'
import type { Notebook } from '../notebook/notebookFile.ts'
import { cellLines } from '../notebook/notebookFile.ts'
import { expectsError } from '../notebook/run.ts'
import { fileCellShape, variantLanguages, variantProblems } from '../notebook/variants.ts'

export interface RunnerOptions {
  /** One JSON array, an entry per code cell: {index, ok, value, notes?, printed?} or {index, ok, error, printed?}. */
  json: boolean
  /** Exit 1 if a cell errs unexpectedly, an `ad expect-error` cell does not err, or an exercise is malformed. */
  check: boolean
}

export interface RunnerReport {
  stdout: string
  stderr: string
  status: number
}

const LANGUAGE_NAMES: Record<CellLanguage, string> = { ad: 'ad', julia: 'Julia', python: 'Python' }

/**
 * Runs the lesson as the app does (checkNotebook) and reports each cell in file order; a lesson
 * with two-variant cells runs once more per variant language, each run on its own (as a learner
 * who switched languages would see it), and --check fails if any run does.
 */
export function report(file: string, nb: Notebook, options: RunnerOptions): RunnerReport {
  const shapes = nb.cells.map(fileCellShape)
  const runs = [null, ...variantLanguages(shapes)].map((language) => ({
    language,
    ...reportRun(file, nb, language, options),
  }))
  const lines = cellLines(nb)
  const misplaced = variantProblems(shapes).map(
    ({ index, problem }) => `the cell at line ${lines[index]}: ${problem}\n`,
  )
  const several = runs.length > 1
  const title = (language: CellLanguage | null) => (language ? `${LANGUAGE_NAMES[language]} variants` : 'main cells')
  // JSON stays one array, of the main cells' run, as before variants; the text shows every run.
  const stdout = options.json
    ? runs[0]!.stdout
    : runs.map((r) => (several ? `══ ${title(r.language)} ══\n` : '') + r.stdout).join('')
  const stderr =
    misplaced.join('') +
    runs
      .map((r) => (several && r.language ? r.stderr.replace(/^(?=.)/gm, `(${title(r.language)}) `) : r.stderr))
      .join('')
  const status = Math.max(options.check && misplaced.length > 0 ? 1 : 0, ...runs.map((r) => r.status))
  return { stdout, stderr, status }
}

/** One run: the main cells (language null) or, per two-variant cell, its variant in `language`. */
function reportRun(file: string, nb: Notebook, language: CellLanguage | null, options: RunnerOptions): RunnerReport {
  const { results, exercises } = checkNotebook(nb, language)
  const malformed = exercises.filter((e) => e.problems.length > 0)
  const unexpected = results
    .map(({ cell, result }, index) => ({ index, expected: expectsError(cell), ok: result.ok }))
    .filter((r) => r.ok === r.expected)
  let stdout = ''
  let stderr = ''

  if (options.json) {
    const json = results.map(({ cell, result }, index) => {
      // What the cell printed (println, @show), in order, before its value or error.
      const printed = result.printed?.length ? { printed: result.printed } : {}
      if (!result.ok)
        return { index, ok: false, error: result.error, ...(expectsError(cell) ? { expected: true } : {}), ...printed }
      // Notes (a branch differentiated at its switch point, a NaN met) are part of the answer.
      const notes = notesOf(result.value)
      return { index, ok: true, value: toJson(result.value), ...(notes.length > 0 ? { notes } : {}), ...printed }
    })
    stdout += JSON.stringify(json) + '\n'
  } else {
    results.forEach(({ cell, result }, index) => {
      const tag = expectsError(cell) ? ' (expects an error)' : ''
      stdout += `── cell ${index + 1}${tag} ${'─'.repeat(40)}\n${cell.source}\n`
      for (const line of result.printed ?? []) stdout += `│ ${line}\n`
      if (result.ok) {
        const notes = notesOf(result.value).map((n) => `  note: ${n}\n`)
        stdout += `→ ${toText(result.value).replace(/\n/g, '\n  ')}\n${notes.join('')}\n`
      } else stdout += `${expectsError(cell) ? '✓ error, as expected' : '✗ error'}: ${result.error}\n\n`
    })
    for (const e of exercises) {
      const verdict = e.problems.length === 0 ? '✓ checks' : e.problems.map((p) => `✗ ${p}`).join('\n')
      stdout += `── exercise ${e.cell.id || '(no id)'}, line ${e.line} ${'─'.repeat(30)}\n${verdict}\n\n`
    }
  }

  if (!options.check) return { stdout, stderr, status: 0 }
  for (const u of unexpected) {
    stderr += u.expected
      ? `cell ${u.index + 1} is marked expect-error but ran without error\n`
      : `cell ${u.index + 1} failed unexpectedly\n`
  }
  for (const e of malformed) {
    for (const p of e.problems) stderr += `exercise ${e.cell.id || '(no id)'} at line ${e.line}: ${p}\n`
  }
  stderr += `${file}: ${results.length} cells, ${unexpected.length} unexpected; ${exercises.length} exercises, ${malformed.length} malformed\n`
  return { stdout, stderr, status: unexpected.length === 0 && malformed.length === 0 ? 0 : 1 }
}
