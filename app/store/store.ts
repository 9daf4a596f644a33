/**
 * The app's state, in small slices combined into one zustand store:
 *  - document: the open notebook's cells (as typed), which of them were last run, slider values,
 *    and an undo history of structural edits;
 *  - run: what the worker reported per cell (outputs, running, progress, timing) and the values
 *    of exercises' expressions, with which the page checks answers;
 *  - notices: messages about saved work and links.
 * Components read it through narrow selectors; slider drags go straight to the worker.
 */
import { create } from 'zustand'
import type { ExpectedValue } from '../../engine/course/answers.ts'
import type { CellOutput } from '../../engine/output/display.ts'
import { exerciseExpressions, parseExercise } from '../../engine/course/exercises.ts'
import { exerciseIdOf } from '../../engine/notebook/notebookFile.ts'
import { lessons } from '../lessons.ts'
import { Evaluator } from '../worker/client.ts'
import type { EditableCell } from './cells.ts'
import { fromMarkdown, newCodeCell, newProseCell, toMarkdown, withFlag } from './cells.ts'
import { forget, hashText, load, save } from './persist.ts'
import type { SharePayload } from './share.ts'

export interface Notice {
  id: number
  text: string
  /** An action the notice offers, e.g. going back to the original lesson. */
  action?: 'reset'
}

interface DocumentSlice {
  /** Where the notebook is saved: "lesson:<slug>" or "shared". */
  doc: string
  slug: string
  title: string
  /** Hash of the lesson text the edits started from. */
  base: string
  cells: EditableCell[]
  /** The source of each code or exercise cell as last run (edits run on Shift+Enter, or Done). */
  submitted: Record<string, string>
  sliders: Record<string, number[]>
  undoStack: EditableCell[][]
  /** True once the learner changed something; only then is the notebook saved. */
  edited: boolean
}

interface RunSlice {
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
}

interface NoticeSlice {
  notices: Notice[]
}

interface Actions {
  openLesson(slug: string): void
  openShared(payload: SharePayload): void
  edit(id: string, source: string): void
  run(id?: string): void
  addCell(afterId: string | null, kind: 'code' | 'prose'): string
  deleteCell(id: string): void
  moveCell(id: string, delta: -1 | 1): void
  toggleHidden(id: string): void
  undo(): void
  resetToOriginal(): void
  importMarkdown(text: string, name: string): void
  exportMarkdown(): string
  setSlider(name: string, value: number[], shape: number[]): void
  cancel(): void
  notify(text: string, action?: Notice['action']): void
  dismiss(id: number): void
}

export type State = DocumentSlice & RunSlice & NoticeSlice & Actions

let evaluator: Evaluator | null = null
let noticeId = 0

const codeSources = (cells: readonly EditableCell[], submitted: Record<string, string>) =>
  cells.filter((c) => c.kind === 'code').map((c) => ({ id: c.id, source: submitted[c.id] ?? c.source }))

/** The expressions of each readable exercise; a malformed one shows its error and has none. */
const exerciseSources = (cells: readonly EditableCell[], submitted: Record<string, string>) =>
  cells.flatMap((c) => {
    if (c.kind !== 'exercise') return []
    try {
      return [
        {
          id: c.id,
          expressions: exerciseExpressions(parseExercise(exerciseIdOf(c.info), submitted[c.id] ?? c.source)),
        },
      ]
    } catch {
      return []
    }
  })

const submitAll = (cells: readonly EditableCell[]) =>
  Object.fromEntries(cells.filter((c) => c.kind !== 'prose').map((c) => [c.id, c.source]))

/** A copy of an exercise's values with some forgotten (about to be evaluated again) or set. */
function withExpected(
  all: Record<string, (ExpectedValue | undefined)[]>,
  exercise: string,
  index: number,
  value: ExpectedValue | undefined,
): Record<string, (ExpectedValue | undefined)[]> {
  const values = [...(all[exercise] ?? [])]
  values[index] = value
  return { ...all, [exercise]: values }
}

export const useStore = create<State>()((set, get) => {
  const worker = (): Evaluator => {
    evaluator ??= new Evaluator({
      start: (ids, expressions) =>
        set((s) => ({
          running: { ...s.running, ...Object.fromEntries(ids.map((id) => [id, true])) },
          expected: expressions.reduce((all, e) => withExpected(all, e.exercise, e.index, undefined), s.expected),
        })),
      expected: (exercise, index, value) =>
        set((s) => ({ expected: withExpected(s.expected, exercise, index, value) })),
      result: (id, output, ms) =>
        set((s) => {
          const running = { ...s.running }
          delete running[id]
          return { outputs: { ...s.outputs, [id]: output }, running, ms: { ...s.ms, [id]: ms }, progress: null }
        }),
      progress: (id, done, total) => set({ progress: { id, done, total } }),
      idle: () => set({ busy: false, running: {}, progress: null }),
    })
    return evaluator
  }

  /** Sends the notebook to the worker; rerun names cells to run although unchanged. */
  const evaluate = (rerun: string[] = []) => {
    const { cells, submitted } = get()
    set({ busy: true })
    worker().update(codeSources(cells, submitted), exerciseSources(cells, submitted), rerun)
  }

  /** Replaces the open document; the worker starts over with it. */
  const openDocument = (
    doc: string,
    slug: string,
    title: string,
    base: string,
    cells: EditableCell[],
    sliders: Record<string, number[]>,
  ) => {
    set({
      doc,
      slug,
      title,
      base,
      cells,
      submitted: submitAll(cells),
      sliders,
      undoStack: [],
      edited: false,
      outputs: {},
      running: {},
      ms: {},
      progress: null,
      expected: {},
    })
    // A fresh worker: nothing from the previous notebook may leak into this one.
    evaluator?.dispose()
    evaluator = null
    worker().presetSliders(
      Object.entries(sliders).map(([name, value]) => ({
        name,
        value,
        shape: value.length === 1 ? [] : [value.length],
      })),
    )
    evaluate()
  }

  /** Records a structural edit so that undo can bring the previous cells back. */
  const structural = (cells: EditableCell[]) =>
    set((s) => ({
      cells,
      edited: true,
      undoStack: [...s.undoStack.slice(-49), s.cells],
      submitted: { ...submitAll(cells), ...keep(s.submitted, cells) },
    }))

  return {
    doc: '',
    slug: '',
    title: '',
    base: '',
    cells: [],
    submitted: {},
    sliders: {},
    undoStack: [],
    edited: false,
    outputs: {},
    running: {},
    progress: null,
    ms: {},
    busy: false,
    expected: {},
    notices: [],

    openLesson(slug) {
      const lesson = lessons.find((l) => l.slug === slug)
      if (!lesson) {
        get().notify(`There is no lesson called “${slug}”. Pick one from the list.`)
        return
      }
      const doc = `lesson:${slug}`
      const base = hashText(lesson.text)
      const saved = load(doc)
      if (saved.kind === 'set-aside') {
        get().notify(
          `Your saved edits to this lesson could not be loaded because ${saved.why}. They were kept in browser storage under “${saved.key}”, and the original lesson is shown.`,
        )
      }
      if (saved.kind === 'ok') {
        openDocument(
          doc,
          slug,
          lesson.title,
          saved.saved.base,
          saved.saved.cells as EditableCell[],
          saved.saved.sliders,
        )
        if (saved.saved.base !== base)
          get().notify('This lesson has been updated since you edited it. Your version is shown.', 'reset')
        return
      }
      openDocument(doc, slug, lesson.title, base, fromMarkdown(lesson.text), {})
    },

    openShared(payload) {
      const cells = fromMarkdown(payload.md)
      const title = /^#\s+(.+)$/m.exec(payload.md)?.[1]?.slice(0, 120) ?? 'Shared notebook'
      openDocument('shared', 'shared', title, hashText(payload.md), cells, payload.sliders)
      save('shared', hashText(payload.md), cells, payload.sliders)
    },

    edit(id, source) {
      set((s) => ({ edited: true, cells: s.cells.map((c) => (c.id === id ? { ...c, source } : c)) }))
    },

    run(id) {
      const { cells } = get()
      const targets = id === undefined ? cells.filter((c) => c.kind === 'code').map((c) => c.id) : [id]
      set((s) => ({
        submitted: {
          ...s.submitted,
          ...Object.fromEntries(targets.map((t) => [t, cells.find((c) => c.id === t)!.source])),
        },
      }))
      evaluate(targets)
    },

    addCell(afterId, kind) {
      const cell = kind === 'code' ? newCodeCell() : newProseCell()
      const cells = [...get().cells]
      const at = afterId === null ? 0 : cells.findIndex((c) => c.id === afterId) + 1
      cells.splice(at, 0, cell)
      structural(cells)
      return cell.id
    },

    deleteCell(id) {
      structural(get().cells.filter((c) => c.id !== id))
      evaluate()
    },

    moveCell(id, delta) {
      const cells = [...get().cells]
      const i = cells.findIndex((c) => c.id === id)
      const j = i + delta
      if (i < 0 || j < 0 || j >= cells.length) return
      ;[cells[i], cells[j]] = [cells[j]!, cells[i]!]
      structural(cells)
      evaluate()
    },

    toggleHidden(id) {
      structural(
        get().cells.map((c) =>
          c.id === id && c.kind === 'code' ? withFlag(c, 'hidden', !c.flags.includes('hidden')) : c,
        ),
      )
    },

    undo() {
      const { undoStack } = get()
      const previous = undoStack[undoStack.length - 1]
      if (!previous) return
      set({
        cells: previous,
        edited: true,
        undoStack: undoStack.slice(0, -1),
        submitted: { ...submitAll(previous), ...keep(get().submitted, previous) },
      })
      evaluate()
    },

    resetToOriginal() {
      const { doc, slug } = get()
      forget(doc)
      if (doc === 'shared') {
        get().notify('A shared notebook has no original here; open a lesson from the list instead.')
        return
      }
      const previous = get().cells
      get().openLesson(slug)
      // Reset can be undone like any other destructive edit.
      set({ undoStack: [previous] })
      get().notify('The lesson is back to its original. Undo brings your version back.')
    },

    importMarkdown(text, name) {
      const cells = fromMarkdown(text)
      if (!cells.some((c) => c.kind === 'code')) {
        get().notify(`${name} has no code cells (fenced blocks marked \`ad\`), so nothing was imported.`)
        return
      }
      structural(cells)
      const title = /^#\s+(.+)$/m.exec(text)?.[1]?.slice(0, 120)
      set({ submitted: submitAll(cells), outputs: {}, ...(title ? { title } : {}) })
      evaluate()
      get().notify(`Imported ${name}. Undo brings the previous notebook back.`)
    },

    exportMarkdown() {
      return toMarkdown(get().cells)
    },

    setSlider(name, value, shape) {
      set((s) => ({ sliders: { ...s.sliders, [name]: value }, busy: true, edited: true }))
      worker().slider({ name, value, shape })
    },

    cancel() {
      const stopped = worker().cancel()
      set({ progress: null, running: {} })
      if (stopped) get().notify('Stopped the running cell. Run it again (Shift+Enter) when you are ready.')
    },

    notify(text, action) {
      set((s) => ({ notices: [...s.notices, { id: ++noticeId, text, ...(action ? { action } : {}) }] }))
    },

    dismiss(id) {
      set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }))
    },
  }
})

/** Submitted sources of cells that still exist. */
function keep(submitted: Record<string, string>, cells: readonly EditableCell[]): Record<string, string> {
  const ids = new Set(cells.map((c) => c.id))
  return Object.fromEntries(Object.entries(submitted).filter(([id]) => ids.has(id)))
}

/** Saves the open notebook as the learner types (debounced), so a reload loses nothing. */
export function startAutosave(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  const unsubscribe = useStore.subscribe((s, prev) => {
    if (s.cells === prev.cells && s.sliders === prev.sliders) return
    if (!s.doc || !s.edited) return
    clearTimeout(timer)
    timer = setTimeout(() => {
      if (!save(s.doc, s.base, s.cells, s.sliders)) {
        s.notify(
          'Your edits could not be saved in this browser (storage is full or disabled). Export the notebook to keep them.',
        )
      }
    }, 250)
  })
  // Leaving the page must not lose the last keystrokes.
  const flush = () => {
    const s = useStore.getState()
    if (s.doc && s.edited) save(s.doc, s.base, s.cells, s.sliders)
  }
  window.addEventListener('pagehide', flush)
  return () => {
    unsubscribe()
    window.removeEventListener('pagehide', flush)
  }
}
