/**
 * "My notebooks": the learner's own notebooks (opened from share links, imported, edited copies,
 * recovered work), each under its own key "adnb:doc:nb:<id>", and the set-aside records that
 * could not be loaded, with a way to recover what can be read from them.
 */
import type { EditableCell } from './cells.ts'
import { languageOf } from '../../engine/notebook/notebookFile.ts'
import { newCodeCell, newId, newProseCell } from './cells.ts'
import { MAX_CELL_CHARS, MAX_CELLS, forget, keyOf, load, save, storage } from './persist.ts'
import type { LibrarySlice, NotebookSummary, SetAsideSummary, Slice } from './state.ts'

const NOTEBOOK_KEY = /^adnb:doc:nb:([a-z]-[A-Za-z0-9-]{1,80})$/
const ASIDE_KEY = /^adnb:set-aside:(.+):(\d+)$/

/** The notebooks and set-aside records in storage, newest first. */
export function readLibrary(): { notebooks: NotebookSummary[]; setAsides: SetAsideSummary[] } {
  const s = storage()
  const notebooks: NotebookSummary[] = []
  const setAsides: SetAsideSummary[] = []
  const keys: string[] = []
  for (let i = 0; s && i < s.length; i++) keys.push(s.key(i) ?? '')
  for (const key of keys) {
    const nb = NOTEBOOK_KEY.exec(key)
    if (nb) {
      try {
        const data = JSON.parse(s!.getItem(key) ?? '') as {
          title?: unknown
          origin?: { kind?: unknown }
          savedAt?: unknown
        }
        notebooks.push({
          id: nb[1]!,
          title: typeof data.title === 'string' ? data.title : 'Untitled notebook',
          kind: (['shared', 'imported', 'copy', 'recovered'] as const).find((k) => k === data.origin?.kind) ?? 'shared',
          savedAt: typeof data.savedAt === 'number' ? data.savedAt : 0,
        })
      } catch {
        // Unreadable: opening it sets it aside with a notice.
        notebooks.push({ id: nb[1]!, title: 'Unreadable notebook', kind: 'shared', savedAt: 0 })
      }
    }
    const aside = ASIDE_KEY.exec(key)
    if (aside && aside[1] !== 'progress') setAsides.push({ key, doc: aside[1]!, at: Number(aside[2]) })
  }
  notebooks.sort((a, b) => b.savedAt - a.savedAt)
  setAsides.sort((a, b) => b.at - a.at)
  return { notebooks, setAsides }
}

/** The cells that can be read from a record the schema refused, each as plain as it needs to be. */
export function salvage(raw: string): EditableCell[] | null {
  let data: unknown
  try {
    data = JSON.parse(raw)
  } catch {
    return null
  }
  const cells = (data as { cells?: unknown } | null)?.cells
  if (!Array.isArray(cells)) return null
  return cells.flatMap((c: unknown): EditableCell[] => {
    const { kind, source, info } = (c ?? {}) as { kind?: unknown; source?: unknown; info?: unknown }
    if (typeof source !== 'string') return []
    const text = source.slice(0, MAX_CELL_CHARS)
    if (kind === 'code')
      return [newCodeCell(text, typeof info === 'string' && languageOf(info) === 'julia' ? 'julia' : 'ad')]
    if (kind === 'exercise' && typeof info === 'string' && /^exercise\s+[A-Za-z0-9-]{1,64}$/.test(info))
      return [{ id: newId(), kind: 'exercise', source: text, fence: '```', info }]
    // An exercise without a readable id, or anything else, keeps its text as prose.
    return [newProseCell(text)]
  })
}

export const librarySlice: Slice<LibrarySlice> = (set, get) => ({
  notebooks: [],
  setAsides: [],

  refreshLibrary() {
    // A shared notebook saved by an earlier version under the one key "shared" joins the list.
    const legacy = storage()?.getItem(keyOf('shared'))
    if (legacy != null) {
      const old = load('shared')
      if (old.kind === 'ok' && save(`nb:s-${old.saved.base}`, { ...old.saved, origin: { kind: 'shared' } }).ok)
        storage()?.removeItem(keyOf('shared'))
    }
    set(readLibrary())
  },

  openLatestShared() {
    get().refreshLibrary()
    const latest = get().notebooks[0]
    return latest ? get().openNotebook(latest.id) : false
  },

  recover(key) {
    const raw = storage()?.getItem(key)
    const cells = raw == null ? null : salvage(raw)
    if (!cells?.length) {
      get().notify(
        `Nothing in “${key}” can be read as notebook cells. It stays in browser storage; “Download” under My notebooks gives its text.`,
      )
      return null
    }
    const id = `r-${newId()}`
    const doc = get().setAsides.find((a) => a.key === key)?.doc ?? 'saved work'
    const title = `Recovered ${doc.replace(/^lesson:/, '')}`
    const kept = cells.slice(0, MAX_CELLS)
    const saved = save(`nb:${id}`, { base: '', cells: kept, sliders: {}, title, origin: { kind: 'recovered' } })
    if (!saved.ok) {
      get().notify(`The set-aside work could not be recovered because ${saved.why}; it stays under “${key}”.`)
      return null
    }
    // The record goes only when all of it is in the new notebook.
    if (kept.length === cells.length) storage()?.removeItem(key)
    get().openNotebook(id)
    get().notify(
      kept.length === cells.length
        ? `Recovered ${cells.length} cells into “${title}” under My notebooks.`
        : `Recovered the first ${MAX_CELLS} of ${cells.length} cells into “${title}”; the rest stay under “${key}”.`,
    )
    get().refreshLibrary()
    return id
  },

  deleteNotebook(id) {
    const title = get().notebooks.find((n) => n.id === id)?.title ?? id
    forget(`nb:${id}`)
    // Open, it must not be saved back by the next keystroke.
    if (get().doc === `nb:${id}`) set({ edited: false, dirty: false })
    get().refreshLibrary()
    get().notify(`Deleted “${title}” from this browser.`, { info: true })
  },
})
