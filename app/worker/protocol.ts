/**
 * Messages between the page and the evaluation worker. Everything is plain data.
 *
 * The page sends the whole list of code cells on every change; the worker's reactive notebook
 * works out what to re-run. Results come back per cell as they finish, so a slow cell does not
 * hold back the others' outputs.
 *
 * Exercises send their answer and expected-mistake expressions; the worker runs each as a hidden
 * cell (id `ex:<exercise cell id>:<k>`), so they follow the learner's edits like any other cell,
 * and sends back plain numbers. The page checks answers itself, even while the worker is busy.
 *
 * A panel can ask for a fresh engine pass (an HVP with a typed v, the pullback of a typed ȳ):
 * the request names the cell and the panel (its place among the panels of the cell's value), and
 * the worker answers with the function the panel was made with (engine/panels/requests.ts).
 */
import type { ExpectedValue } from '../../engine/course/answers.ts'
import type { CellLanguage } from '../../engine/language/frontends/cell.ts'
import type { CellScope } from '../../engine/notebook/reactive.ts'
import type { CellOutput } from '../../engine/output/display.ts'
import type { PanelAnswer, PanelRequest } from '../../engine/panels/requests.ts'

export interface CellSource {
  id: string
  source: string
  /** The cell's language; `ad` when absent. */
  language?: CellLanguage
  /** 'private': the scratch cell, which reads the notebook's names and keeps its own to itself. */
  scope?: CellScope
  /** The cell an embed shows: the worker runs only it and the cells it needs (needed.ts). */
  shown?: true
}

/** The worker's answer to a panel's request: the new panel data, or why there is none. */
export type PanelReply = { ok: true; answer: PanelAnswer } | { ok: false; error: string }

/**
 * An exercise cell's expressions: its answer first, then each `wrong:` expression. They are
 * written in the lesson's language, which the worker works out from the code cells, unless
 * `language` names the learner's (an exercise's `answer-python:`).
 */
export interface ExerciseSource {
  id: string
  expressions: string[]
  language?: CellLanguage
}

/**
 * The names a cell can use without defining them, per language, for the editor's completions:
 * the builtins, a language's own names (Julia's overlay) and its modules' members
 * (`Zygote.gradient`).
 */
export type LanguageNames = Record<CellLanguage, string[]>

/**
 * A cell the page set aside: the learner cancelled it, or the worker failed on it. It stays
 * unrun until the learner edits it or runs it again. error: why the worker failed on it (none for
 * a cancel); unread: it was stopped while being read, before it could run, so the fresh worker
 * must not read it again (it would stall the same way).
 */
export interface SkippedCell {
  id: string
  error?: string
  unread?: boolean
}

export interface SliderValue {
  name: string
  value: number[]
  /** [] for a number, [n] for a vector. */
  shape: number[]
}

export type ToWorker =
  /**
   * The notebook's code cells, in document order. skip: cells not to run (cancelled, or failed
   * the worker); rerun: cells to run again although unchanged (the learner pressed Run).
   */
  | {
      type: 'update'
      seq: number
      cells: CellSource[]
      exercises?: ExerciseSource[]
      skip?: SkippedCell[]
      rerun?: string[]
      /** Slider values to apply before running (a fresh worker after a cancel needs them again). */
      sliders?: SliderValue[]
    }
  /** A slider moved: the variable's new value (a number, or one per component). */
  | ({ type: 'slider'; seq: number } & SliderValue)
  /** Panel `panel` (0: the first) of cell `cell`'s value asks for a fresh pass; `id` numbers the request. */
  | { type: 'panel'; seq: number; id: number; cell: string; panel: number; request: PanelRequest }

export type FromWorker =
  /** Sent once, after the first message's results (before its done): what the editor may complete. */
  | { type: 'names'; names: LanguageNames }
  /** The cells that are about to run, in order (exercises' hidden cells too): the page shows them as running. */
  | { type: 'start'; seq: number; ids: string[] }
  /** The worker is reading (parsing and analysing) this cell, before anything runs. */
  | { type: 'read'; seq: number; id: string }
  /**
   * The worker failed (an uncaught error, such as a stack overflow) while reading or running cell
   * id ('' if none; reading: before it ran): its state can no longer be trusted, and the page
   * replaces it.
   */
  | { type: 'crash'; seq: number; id: string; reading: boolean; error: string }
  /** One cell finished. */
  | { type: 'result'; seq: number; id: string; output: CellOutput; ms: number }
  /** The value of expression `index` of exercise cell `id` (0: the answer, k: the k-th wrong:). */
  | { type: 'expected'; seq: number; id: string; index: number; value: ExpectedValue }
  /** How far a long transform has got (passes done out of the total it will need). */
  | { type: 'progress'; seq: number; id: string; done: number; total: number }
  /** The answer to panel request id. */
  | { type: 'panel'; seq: number; id: number; reply: PanelReply }
  /** Everything from message seq has run. */
  | { type: 'done'; seq: number }

/** The hidden cell that evaluates expression k of an exercise cell. */
export const expressionCellId = (exercise: string, k: number) => `ex:${exercise}:${k}`

/** The exercise cell and expression a hidden cell stands for, or null for an ordinary cell. */
export function parseExpressionCellId(id: string): { exercise: string; index: number } | null {
  const m = /^ex:(.+):(\d+)$/.exec(id)
  return m ? { exercise: m[1]!, index: Number(m[2]) } : null
}
