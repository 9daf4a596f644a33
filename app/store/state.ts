/**
 * The shape of the app's one notebook store, slice by slice. Each slice file (editing, run,
 * document, exchange, notices) builds its part; store.ts combines them. Components read the
 * store through narrow selectors, so a slice can change without the others re-rendering.
 */
import type { StateCreator } from 'zustand'
import type { ExpectedValue } from '../../engine/course/answers.ts'
import type { CellOutput } from '../../engine/output/display.ts'
import type { EditableCell } from './cells.ts'
import type { SharePayload } from './share.ts'

/** The cells as typed, which of them were last run, and the history of structural edits. */
export interface EditingSlice {
  cells: EditableCell[]
  /** The source of each code or exercise cell as last run (edits run on Shift+Enter, or Done). */
  submitted: Record<string, string>
  /** Earlier versions of the cells, the latest last: what Undo brings back. */
  undoStack: EditableCell[][]
  /** Versions Undo left, the latest last: what Redo brings back. A new edit clears it. */
  redoStack: EditableCell[][]
  /** True once the learner changed something; only then is the notebook saved. */
  edited: boolean
  edit(id: string, source: string): void
  run(id?: string): void
  addCell(afterId: string | null, kind: 'code' | 'prose'): string
  deleteCell(id: string): void
  moveCell(id: string, delta: -1 | 1): void
  toggleHidden(id: string): void
  /** Replaces every cell as one structural edit (an import, a reset), so Undo brings them back. */
  replaceCells(cells: EditableCell[]): void
  undo(): void
  redo(): void
}

/** What the worker reported per cell, and the values of exercises' expressions. */
export interface RunSlice {
  outputs: Record<string, CellOutput>
  running: Record<string, boolean>
  progress: { id: string; done: number; total: number } | null
  ms: Record<string, number>
  busy: boolean
  /**
   * Per exercise cell, the values of its answer (0) and `wrong:` expressions (1, 2, ...);
   * undefined while one is being evaluated again.
   */
  expected: Record<string, (ExpectedValue | undefined)[]>
  /** Sends the notebook to the worker; rerun names cells to run although unchanged. */
  evaluate(rerun?: string[]): void
  /** A fresh worker for a newly opened notebook, with its saved slider values. */
  restartWorker(sliders: Record<string, number[]>): void
  setSlider(name: string, value: number[], shape: number[]): void
  cancel(): void
}

/** The open notebook: which saved document it is, and where it came from. */
export interface DocumentSlice {
  /** Where the notebook is saved: "lesson:<slug>", or "nb:<id>" for the learner's own notebooks. */
  doc: string
  slug: string
  title: string
  /** Hash of the text the edits started from (the lesson, the link, the file). */
  base: string
  sliders: Record<string, number[]>
  openLesson(slug: string): void
  /** Replaces the open document; the worker starts over with it. */
  openDocument(
    doc: string,
    slug: string,
    title: string,
    base: string,
    cells: EditableCell[],
    sliders: Record<string, number[]>,
  ): void
  resetToOriginal(): void
}

/** Share links and files: what comes into the notebook from outside, and what goes out. */
export interface ExchangeSlice {
  openShared(payload: SharePayload): void
  importMarkdown(text: string, name: string): void
  exportMarkdown(): string
}

export interface Notice {
  id: number
  text: string
  /** An action the notice offers, e.g. going back to the original lesson. */
  action?: 'reset'
}

export interface NoticesSlice {
  notices: Notice[]
  notify(text: string, action?: Notice['action']): void
  dismiss(id: number): void
}

export type State = EditingSlice & RunSlice & DocumentSlice & ExchangeSlice & NoticesSlice

/** One slice of the store: it may read and call the whole state, and sets only its own part. */
export type Slice<T> = StateCreator<State, [], [], T>
