/**
 * Messages between the page and the evaluation worker. Everything is plain data.
 *
 * The page sends the whole list of code cells on every change; the worker's reactive notebook
 * works out what to re-run. Results come back per cell as they finish, so a slow cell does not
 * hold back the others' outputs.
 */
import type { CellOutput } from '../../engine/lang/display.ts'

export interface CellSource {
  id: string
  source: string
}

export interface SliderValue {
  name: string
  value: number[]
  /** [] for a number, [n] for a vector. */
  shape: number[]
}

export type ToWorker =
  /**
   * The notebook's code cells, in document order. skip: cells not to run (after a cancel);
   * rerun: cells to run again although unchanged (the learner pressed Run).
   */
  | {
      type: 'update'
      seq: number
      cells: CellSource[]
      skip?: string[]
      rerun?: string[]
      /** Slider values to apply before running (a fresh worker after a cancel needs them again). */
      sliders?: SliderValue[]
    }
  /** A slider moved: the variable's new value (a number, or one per component). */
  | ({ type: 'slider'; seq: number } & SliderValue)

export type FromWorker =
  /** The cells that are about to run, in order: the page shows them as running. */
  | { type: 'start'; seq: number; ids: string[] }
  /** One cell finished. */
  | { type: 'result'; seq: number; id: string; output: CellOutput; ms: number }
  /** How far a long transform has got (passes done out of the total it will need). */
  | { type: 'progress'; seq: number; id: string; done: number; total: number }
  /** Everything from message seq has run. */
  | { type: 'done'; seq: number }
