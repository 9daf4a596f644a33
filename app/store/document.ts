/**
 * The open document: a lesson's edits ("lesson:<slug>") or one of the learner's own notebooks
 * ("nb:<id>": share links, imports, edited copies, recovered work); opening, resetting and
 * saving it. A record that cannot be read is set aside with a notice offering to recover it; one
 * that cannot even be set aside is never saved over.
 */
import { lessons } from '../lessons.ts'
import type { EditableCell } from './cells.ts'
import { fromMarkdown, toMarkdown } from './cells.ts'
import { submitAll } from './editing.ts'
import type { Content, LoadResult } from './persist.ts'
import { changedElsewhere, forget, hashText, load, save, usage } from './persist.ts'
import { decodeShare } from './share.ts'
import type { DocumentSlice, Slice, State } from './state.ts'

/** Warn when this much of the storage budget is used. */
const WARN_AT = 0.8

/** Tells the learner what happened to a record that could not be loaded. */
export function reportUnreadable(get: () => State, what: string, saved: LoadResult): void {
  if (saved.kind === 'set-aside')
    get().notify(
      `${what} could not be loaded because ${saved.why}. It was kept in browser storage under “${saved.key}”; “Recover” makes a notebook of what can be read.`,
      { action: 'recover', key: saved.key },
    )
  if (saved.kind === 'blocked')
    get().notify(
      `${what} could not be loaded because ${saved.why}, and browser storage is too full to copy it aside. It stays under “${saved.key}” and will not be saved over: your changes here are not saved until you export it or free space (delete notebooks you no longer need).`,
      { action: 'recover', key: saved.key },
    )
}

/** A lesson's cells as its file gives them, written out: what "not edited" compares with. */
const originals = new Map<string, string>()
function originalMarkdown(slug: string, text: string): string {
  let md = originals.get(slug)
  if (md === undefined) originals.set(slug, (md = toMarkdown(fromMarkdown(text))))
  return md
}

/**
 * Whether the open lesson's cells differ from the lesson as shipped (typed code, added, moved or
 * hidden cells; or an older version kept because of such edits). Moving a slider is not an edit
 * of the code: it must not keep the learner on an old copy when the lesson is updated.
 */
export function lessonCodeEdited(s: Pick<State, 'doc' | 'slug' | 'base' | 'cells'>): boolean {
  const lesson = s.doc.startsWith('lesson:') ? lessons.find((l) => l.slug === s.slug) : undefined
  if (!lesson) return true
  return s.base !== hashText(lesson.text) || toMarkdown(s.cells) !== originalMarkdown(lesson.slug, lesson.text)
}

/** What the open document saves. */
export const contentOf = (s: State): Content => ({
  base: s.base,
  cells: s.cells,
  sliders: s.sliders,
  ...(s.doc.startsWith('nb:') ? { title: s.title.slice(0, 200) } : {}),
  ...(s.origin ? { origin: s.origin } : {}),
  ...(s.doc.startsWith('lesson:') ? { codeEdited: lessonCodeEdited(s) } : {}),
})

export const documentSlice: Slice<DocumentSlice> = (set, get) => ({
  doc: '',
  slug: '',
  title: '',
  base: '',
  sliders: {},
  origin: null,
  blocked: null,

  openDocument(doc, slug, title, base, cells, sliders, origin = null) {
    set((s) => ({
      // Notices about another document go with it (they are raised again when it is opened).
      notices: s.notices.filter((n) => n.doc === undefined || n.doc === doc),
      doc,
      slug,
      title,
      base,
      cells,
      submitted: submitAll(cells),
      sliders,
      origin,
      blocked: null,
      undoStack: [],
      redoStack: [],
      edited: false,
      dirty: false,
      conflict: false,
    }))
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
    reportUnreadable(get, 'Your saved edits to this lesson', saved)
    if (saved.kind === 'ok' && (saved.saved.base === base || saved.saved.codeEdited !== false)) {
      const { cells, sliders } = saved.saved
      get().openDocument(doc, slug, lesson.title, saved.saved.base, cells, sliders)
      // The notice is this lesson's: it is not shown with, nor resets, another document.
      if (saved.saved.base !== base)
        get().notify('This lesson has been updated since you edited it. Your version is shown.', {
          action: 'reset',
          doc,
        })
      return
    }
    if (saved.kind === 'ok') {
      // Only sliders moved: the updated lesson, with the learner's slider positions.
      get().openDocument(doc, slug, lesson.title, base, fromMarkdown(lesson.text), saved.saved.sliders)
      return
    }
    get().openDocument(doc, slug, lesson.title, base, fromMarkdown(lesson.text), {})
    if (saved.kind === 'blocked') set({ blocked: saved.key })
  },

  openNotebook(id) {
    const doc = `nb:${id}`
    const saved = load(doc)
    reportUnreadable(get, 'This notebook', saved)
    if (saved.kind === 'none') get().notify(`There is no notebook “${id}” saved in this browser.`)
    if (saved.kind !== 'ok') return false
    const { cells, sliders, title, base, origin } = saved.saved
    get().openDocument(doc, `my/${id}`, title ?? 'My notebook', base, cells, sliders, origin ?? null)
    return true
  },

  async resetToOriginal() {
    const { doc, slug, origin, cells } = get()
    if (doc.startsWith('nb:')) {
      const decoded = origin?.link ? await decodeShare(origin.link) : null
      if (!decoded?.ok) {
        get().notify('This notebook has no original to go back to: it was not opened from a share link or a file.')
        return
      }
      if (get().doc !== doc) return
      get().replaceCells(fromMarkdown(decoded.payload.md))
      set({ sliders: decoded.payload.sliders })
      get().restartWorker(decoded.payload.sliders)
      get().evaluate()
      const from = origin?.kind === 'imported' ? 'imported file’s' : 'share link’s'
      get().notify(`The notebook is back to the ${from} version. Undo brings your version back.`, { info: true })
      return
    }
    forget(doc)
    get().openLesson(slug)
    // Reset can be undone like any other destructive edit.
    set({ undoStack: [cells as EditableCell[]] })
    get().notify('The lesson is back to its original. Undo brings your version back.')
  },

  saveNow(overwrite = false) {
    const s = get()
    if (!s.doc || !s.edited || s.conflict) return
    if (s.blocked) {
      reportUnreadable(get, 'Your earlier saved work here', {
        kind: 'blocked',
        why: 'it was unreadable',
        key: s.blocked,
      })
      return
    }
    if (!overwrite && changedElsewhere(s.doc)) {
      get().storageChanged(`adnb:doc:${s.doc}`)
      return
    }
    const result = save(s.doc, contentOf(s))
    if (!result.ok) {
      get().notify(
        `Your edits could not be saved in this browser because ${result.why}. Export the notebook to keep them, or delete notebooks you no longer need under “My notebooks”.`,
        { key: 'storage' },
      )
      return
    }
    set({ dirty: false })
    const { used, budget } = usage()
    if (used > WARN_AT * budget)
      get().notify(
        `Browser storage for this site is ${Math.round((100 * used) / budget)}% full. Export notebooks you want to keep and delete those you no longer need under “My notebooks”, or new edits may not be saved.`,
        { key: 'storage' },
      )
  },
})
