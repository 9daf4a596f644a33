/**
 * Exercises: the body of an `exercise <id>` block, read into a spec. The body is `key: value`
 * lines; a value continues on following lines indented by two spaces (AUTHORING.md, "Exercises").
 * Malformed blocks give errors that name the line, so an author can fix them from `--check`.
 * No interpreter here: the page reads specs too, and the expressions are evaluated elsewhere.
 */
import type { CellLanguage } from '../language/frontends/languages.ts'
import { CELL_LANGUAGES } from '../language/frontends/languages.ts'
import type { ExerciseCell, Notebook } from '../notebook/notebookFile.ts'
import { exerciseCells } from '../notebook/notebookFile.ts'

export interface ExerciseSpec {
  id: string
  /** Markdown. */
  question: string
  /** An expression in the notebook language; absent for a choice or `passes:` exercise. */
  answer?: string
  /**
   * An expression giving a derivative check (test_rrule(f, x)): the exercise is solved when the
   * check is consistent, after the learner fixes the code it checks (passes.ts). No input box.
   */
  passes?: string
  /** Relative tolerance: right when |given - expected| <= tolerance * max(1, |expected|). */
  tolerance: number
  /** Markdown options; exactly one is right. Empty unless this is a choice exercise. */
  choices: { text: string; right: boolean }[]
  /** Hide the next code cell's output until the exercise is answered or revealed. */
  predict: boolean
  /** Expected mistakes: when the answer equals expr's value, show hint. */
  wrong: { expr: string; hint: string }[]
  /** General hints, one per wrong answer, in order. */
  hints: string[]
  explain?: string
  /**
   * What changes when the learner reads the lesson in another language (`question-python:`,
   * `answer-python:`, `wrong-python:`, `hint-python:`, `explain-python:`): an index is 0-based
   * in Python, 1-based in Julia, and a hint names the language's own calls.
   */
  languages: Partial<Record<CellLanguage, LanguageVersion>>
}

/** An exercise's question and expressions in one language, where they differ from the lesson's. */
export interface LanguageVersion {
  question?: string
  /** An expression in this language; with it, the `wrong:` of this language replace the lesson's. */
  answer?: string
  wrong: { expr: string; hint: string }[]
  /** Hints in this language; when there are any, they replace the lesson's `hint:`s. */
  hints: string[]
  explain?: string
}

export const DEFAULT_TOLERANCE = 1e-6

export class ExerciseError extends Error {
  constructor(
    /** What is wrong, without the line. */
    readonly reason: string,
    /** Line within the block's body (1-based), when the problem has one. */
    readonly line?: number,
  ) {
    super(line === undefined ? reason : `line ${line}: ${reason}`)
  }
}

/** The keys that may be given again per language: `answer-python:`. */
const PER_LANGUAGE = ['question', 'answer', 'wrong', 'hint', 'explain']
const KEYS = [
  'question',
  'answer',
  'passes',
  'tolerance',
  'choice',
  'choice*',
  'predict',
  'wrong',
  'hint',
  'explain',
  ...CELL_LANGUAGES.flatMap((l) => PER_LANGUAGE.map((k) => `${k}-${l}`)),
]
/** The keys as messages list them. */
const KEY_LIST = `${KEYS.slice(0, 10).join(', ')}; per language: question-python, answer-python, wrong-python, hint-python, explain-python`
const ONCE = new Set([
  'question',
  'answer',
  'passes',
  'tolerance',
  'predict',
  'explain',
  'choice*',
  ...CELL_LANGUAGES.flatMap((l) => [`question-${l}`, `answer-${l}`, `explain-${l}`]),
])
const ID = /^[A-Za-z0-9-]+$/

interface Entry {
  key: string
  value: string
  line: number
}

/** The `key: value` entries of a body, with continuation lines joined by newlines. */
function entries(body: string): Entry[] {
  const out: Entry[] = []
  let blanks = 0
  body.split('\n').forEach((raw, i) => {
    const text = raw.replace(/\r$/, '')
    const line = i + 1
    if (text.trim() === '') {
      blanks++
      return
    }
    const last = out[out.length - 1]
    if (text.startsWith('  ')) {
      if (!last) throw new ExerciseError('an indented line continues a value, but no key comes before it', line)
      // A blank line inside an indented value is a paragraph break in its Markdown.
      last.value += '\n'.repeat(blanks + 1) + text.slice(2)
    } else {
      const m = /^([A-Za-z*-]+):(.*)$/.exec(text)
      if (!m)
        throw new ExerciseError(
          `expected "key: value" (keys: ${KEY_LIST}); continue a value on the next line indented by two spaces`,
          line,
        )
      const key = m[1]!
      if (!KEYS.includes(key)) throw new ExerciseError(`unknown key "${key}:" (keys: ${KEY_LIST})`, line)
      out.push({ key, value: m[2]!.trim(), line })
    }
    blanks = 0
  })
  return out
}

/** Reads one exercise's body; throws an ExerciseError naming the line of the first problem. */
export function parseExercise(id: string, body: string): ExerciseSpec {
  if (id === '') throw new ExerciseError('the exercise has no id: write ```exercise <id> (letters, digits, -)')
  if (!ID.test(id)) throw new ExerciseError(`the id "${id}" may only have letters, digits and -`)
  const spec: ExerciseSpec = {
    id,
    question: '',
    tolerance: DEFAULT_TOLERANCE,
    choices: [],
    predict: false,
    wrong: [],
    hints: [],
    languages: {},
  }
  const seen = new Map<string, number>()
  for (const { key, value, line } of entries(body)) {
    if (ONCE.has(key) && seen.has(key))
      throw new ExerciseError(`"${key}:" appears a second time here; give it once`, line)
    seen.set(key, line)
    if (value === '') throw new ExerciseError(`"${key}:" has no value`, line)
    const [base, language] = key.split('-') as [string, CellLanguage | undefined]
    if (language !== undefined) {
      const version = (spec.languages[language] ??= { wrong: [], hints: [] })
      if (base === 'question') version.question = value
      else if (base === 'answer') version.answer = value
      else if (base === 'hint') version.hints.push(value)
      else if (base === 'explain') version.explain = value
      else version.wrong.push(wrongEntry(value, line))
      continue
    }
    switch (key) {
      case 'question':
        spec.question = value
        break
      case 'answer':
        spec.answer = value
        break
      case 'passes':
        spec.passes = value
        break
      case 'tolerance': {
        const t = Number(value)
        if (!Number.isFinite(t) || t < 0)
          throw new ExerciseError(`tolerance must be a number of 0 or more, such as 1e-6, not "${value}"`, line)
        spec.tolerance = t
        break
      }
      case 'choice':
      case 'choice*':
        spec.choices.push({ text: value, right: key === 'choice*' })
        break
      case 'predict':
        if (value !== 'yes' && value !== 'no') throw new ExerciseError(`predict: is yes or no, not "${value}"`, line)
        spec.predict = value === 'yes'
        break
      case 'wrong':
        spec.wrong.push(wrongEntry(value, line))
        break
      case 'hint':
        spec.hints.push(value)
        break
      case 'explain':
        spec.explain = value
        break
    }
  }
  if (spec.question === '') throw new ExerciseError('the exercise has no "question:"')
  if (spec.passes !== undefined) {
    // A check is passed or not: there is no value to type, compare or reveal.
    const other = ['answer', 'choice', 'choice*', 'wrong', 'tolerance', 'predict'].find((k) => seen.has(k))
    if (other !== undefined)
      throw new ExerciseError(
        `a "passes:" exercise is solved by its check alone, so it has no "${other}:" (it may have hint: and explain:)`,
        seen.get(other),
      )
    const key = [...seen.keys()].find((k) => /^(answer|wrong)-/.test(k))
    if (key !== undefined)
      throw new ExerciseError(
        `a "passes:" exercise has no "${key}:"; its check runs in the lesson's language`,
        seen.get(key),
      )
    return spec
  }
  if (spec.choices.length > 0) {
    if (spec.answer !== undefined)
      throw new ExerciseError(
        'a choice exercise has no "answer:": mark the right choice with "choice*:"',
        seen.get('answer'),
      )
    if (!seen.has('choice*')) throw new ExerciseError('no choice is marked right: write "choice*:" for the right one')
    if (spec.choices.length < 2)
      throw new ExerciseError(
        'a choice exercise needs at least two choices: add "choice:" options beside the right one',
      )
    if (spec.wrong.length > 0)
      throw new ExerciseError('"wrong:" compares numbers; a choice exercise cannot use it', seen.get('wrong'))
  } else if (spec.answer === undefined) {
    throw new ExerciseError(
      'the exercise needs an "answer:" expression, "choice:" options with one "choice*:", or a "passes:" check',
    )
  }
  for (const [language, version] of Object.entries(spec.languages)) {
    if (spec.choices.length > 0 && (version.answer !== undefined || version.wrong.length > 0))
      throw new ExerciseError(
        `a choice exercise has no "answer-${language}:" or "wrong-${language}:"; it may have "question-${language}:"`,
        seen.get(`answer-${language}`) ?? seen.get(`wrong-${language}`),
      )
    if (version.answer === undefined && version.wrong.length > 0)
      throw new ExerciseError(
        `"wrong-${language}:" is compared with "answer-${language}:": give that too`,
        seen.get(`wrong-${language}`),
      )
  }
  return spec
}

/** A `wrong:` value: `<expression> => <hint>`. */
function wrongEntry(value: string, line: number): { expr: string; hint: string } {
  const at = value.indexOf('=>')
  const expr = at < 0 ? '' : value.slice(0, at).trim()
  const hint = at < 0 ? '' : value.slice(at + 2).trim()
  if (expr === '' || hint === '')
    throw new ExerciseError(
      'wrong: is "<expression> => <hint>", e.g. wrong: J\' * ones(3) => Those are column sums.',
      line,
    )
  return { expr, hint }
}

/**
 * The exercise as a learner reading the lesson in `language` sees it: that language's question,
 * answer and expected mistakes where the author gave them, and the language its expressions are
 * written in (undefined: the lesson's own, as exerciseLanguage in check.ts decides).
 */
export function exerciseIn(
  spec: ExerciseSpec,
  language: CellLanguage | null,
): { spec: ExerciseSpec; language: CellLanguage | undefined } {
  const version = language === null ? undefined : spec.languages[language]
  if (!version) return { spec, language: undefined }
  const words = {
    question: version.question ?? spec.question,
    hints: version.hints.length > 0 ? version.hints : spec.hints,
    explain: version.explain ?? spec.explain,
  }
  if (version.answer === undefined) return { spec: { ...spec, ...words }, language: undefined }
  return { spec: { ...spec, ...words, answer: version.answer, wrong: version.wrong }, language: language! }
}

export type LessonExercise =
  { cell: ExerciseCell; ok: true; spec: ExerciseSpec } | { cell: ExerciseCell; ok: false; error: ExerciseError }

/** Every exercise of a lesson, read; a repeated id is an error on its second use. */
export function lessonExercises(nb: Notebook): LessonExercise[] {
  const ids = new Set<string>()
  return exerciseCells(nb).map((cell) => {
    try {
      // Progress is saved by id: two exercises with one id would share it.
      if (ids.has(cell.id))
        throw new ExerciseError(`the id "${cell.id}" is used by another exercise in this lesson; ids must be unique`)
      if (cell.id !== '') ids.add(cell.id)
      return { cell, ok: true, spec: parseExercise(cell.id, cell.source) }
    } catch (err) {
      if (!(err instanceof ExerciseError)) throw err
      return { cell, ok: false, error: err }
    }
  })
}

/**
 * The expressions to evaluate for an exercise: its answer first, then each expected mistake; a
 * `passes:` exercise's check alone.
 */
export function exerciseExpressions(spec: ExerciseSpec): string[] {
  if (spec.passes !== undefined) return [spec.passes]
  return spec.answer === undefined ? [] : [spec.answer, ...spec.wrong.map((w) => w.expr)]
}
