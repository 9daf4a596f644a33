/**
 * The shape of the app's one notebook store, slice by slice. Each slice file (editing, run,
 * document, exchange, notices) builds its part; store.ts combines them. Components read the
 * store through narrow selectors, so a slice can change without the others re-rendering.
 */
import type { StateCreator } from 'zustand'
import type { ExpectedValue } from '../../engine/course/answers.ts'
import type { CellOutput } from '../../engine/output/display.ts'
import type { CellLanguage } from '../../engine/language/frontends/cell.ts'
import type { LanguageNames } from '../worker/protocol.ts'
import type { EditableCell } from './cells.ts'
import type { Origin } from './persist.ts'
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
  /** Rewrites a code cell in another language (its fence's first word) and runs it as such. */
  setLanguage(id: string, language: CellLanguage): void
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
  /** The names the editor may complete, per language, as the worker reported them. */
  names: LanguageNames
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
  /** The lesson's slug, or "my/<id>" for one of the learner's own (its route; progress is kept by it). */
  slug: string
  title: string
  /** Hash of the text the edits started from (the lesson, the link, the file). */
  base: string
  sliders: Record<string, number[]>
  /** Where one of the learner's own notebooks came from (a share link's text, to reset to). */
  origin: Origin | null
  /** The storage key of an unreadable record that could not be copied aside: never saved over. */
  blocked: string | null
  openLesson(slug: string): void
  /** Opens one of the learner's own notebooks ("nb:<id>"); false when there is none by that id. */
  openNotebook(id: string): boolean
  /** Replaces the open document; the worker starts over with it. */
  openDocument(
    doc: string,
    slug: string,
    title: string,
    base: string,
    cells: EditableCell[],
    sliders: Record<string, number[]>,
    origin?: Origin | null,
  ): void
  resetToOriginal(): Promise<void>
  /**
   * Writes the open document if it was edited, unless that would overwrite another tab's save
   * (overwrite: the learner chose to keep theirs) or an unreadable record.
   */
  saveNow(overwrite?: boolean): void
}

/** The learner's own notebooks and their set-aside work, as listed under "My notebooks". */
export interface NotebookSummary {
  id: string
  title: string
  kind: Origin['kind']
  savedAt: number
}

export interface SetAsideSummary {
  key: string
  /** The document it was set aside from. */
  doc: string
  at: number
}

export interface LibrarySlice {
  notebooks: NotebookSummary[]
  setAsides: SetAsideSummary[]
  /** Reads the lists again from storage (after a save, an import, another tab's save). */
  refreshLibrary(): void
  /** Opens the most recently saved shared notebook; false when there is none. */
  openLatestShared(): boolean
  /** Turns set-aside work into a notebook of its own; its id, or null when nothing was readable. */
  recover(key: string): string | null
  /** Removes one of the learner's own notebooks from storage (to free space). */
  deleteNotebook(id: string): void
}

/** Two tabs on one document: the other tab's save is loaded, or the learner chooses. */
export interface SyncSlice {
  /** Changed since the last save or load. */
  dirty: boolean
  /** Another tab saved this document while this one had unsaved edits: saving waits for a choice. */
  conflict: boolean
  /** Another tab wrote this storage key. */
  storageChanged(key: string): void
  keepMine(): void
  loadTheirs(): void
}

/** Share links and files: what comes into the notebook from outside, and what goes out. */
export interface ExchangeSlice {
  /** Opens a share link's notebook as one of the learner's own; link is the compressed payload. */
  openShared(payload: SharePayload, link: string): void
  /** Imports a file as a new notebook of the learner's own, opens it and returns its id. */
  importMarkdown(text: string, name: string): string | null
  exportMarkdown(): string
}

export interface Notice {
  id: number
  text: string
  /**
   * An action the notice offers: going back to the original lesson, recovering set-aside work
   * (key), choosing between this tab's edits and another tab's.
   */
  action?: 'reset' | 'recover' | 'conflict'
  /** What the notice is about (the set-aside record to recover, "storage"): one notice per key. */
  key?: string
  /** A link the notice offers (e.g. to an edited copy), with its words. */
  href?: string
  link?: string
  /** Informational: it goes away by itself. */
  info?: boolean
  /** The document it is about (a lesson's "updated" notice): shown and acted on only there. */
  doc?: string
}

export interface NoticesSlice {
  notices: Notice[]
  /** Shows a notice; the same text already shown is not shown twice. */
  notify(text: string, extra?: Omit<Notice, 'id' | 'text'>): void
  dismiss(id: number): void
}

export type State = EditingSlice & RunSlice & DocumentSlice & ExchangeSlice & NoticesSlice & LibrarySlice & SyncSlice

/** One slice of the store: it may read and call the whole state, and sets only its own part. */
export type Slice<T> = StateCreator<State, [], [], T>
