/**
 * The open document: which saved notebook it is (a lesson's edits or a shared notebook), its
 * title, the text its edits started from, and its slider values; opening one and resetting it.
 * Saving as the learner types is in autosave.ts.
 */
import { lessons } from '../lessons.ts'
import { fromMarkdown } from './cells.ts'
import type { EditableCell } from './cells.ts'
import { submitAll } from './editing.ts'
import { forget, hashText, load } from './persist.ts'
import type { DocumentSlice, Slice } from './state.ts'

export const documentSlice: Slice<DocumentSlice> = (set, get) => ({
  doc: '',
  slug: '',
  title: '',
  base: '',
  sliders: {},

  openDocument(doc, slug, title, base, cells, sliders) {
    set({
      doc,
      slug,
      title,
      base,
      cells,
      submitted: submitAll(cells),
      sliders,
      undoStack: [],
      redoStack: [],
      edited: false,
    })
    get().restartWorker(sliders)
    get().evaluate()
  },

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
      const { cells, sliders } = saved.saved
      get().openDocument(doc, slug, lesson.title, saved.saved.base, cells as EditableCell[], sliders)
      if (saved.saved.base !== base)
        get().notify('This lesson has been updated since you edited it. Your version is shown.', 'reset')
      return
    }
    get().openDocument(doc, slug, lesson.title, base, fromMarkdown(lesson.text), {})
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
})
