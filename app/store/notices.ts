/**
 * Messages about saved work, links and imports, shown above the notebook. The same message is
 * shown once however often it is raised (a session of bad links gave 16 stacked copies), and
 * informational ones go away by themselves. A notice about one document (a lesson's "updated")
 * is shown only with that document, and opening another removes it (document.ts).
 */
import type { NoticesSlice, Slice } from './state.ts'

let noticeId = 0
/** How long an informational notice stays, in milliseconds. */
export const INFO_MS = 8000

export const noticesSlice: Slice<NoticesSlice> = (set, get) => ({
  notices: [],

  notify(text, extra = {}) {
    // The same text, or news about the same thing (its key): one notice, with the latest words.
    // The same text about another document is another notice.
    const shown = get().notices.find(
      (n) => (n.text === text && n.doc === extra.doc) || (extra.key !== undefined && n.key === extra.key),
    )
    const id = shown?.id ?? ++noticeId
    if (!shown) set((s) => ({ notices: [...s.notices, { id, text, ...extra }] }))
    else if (shown.text !== text) set((s) => ({ notices: s.notices.map((n) => (n.id === id ? { ...n, text } : n)) }))
    if (extra.info) {
      // Raised again: it stays for the full time from now.
      clearTimeout(timers.get(id))
      timers.set(
        id,
        setTimeout(() => get().dismiss(id), INFO_MS),
      )
    }
  },

  dismiss(id) {
    clearTimeout(timers.get(id))
    timers.delete(id)
    set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }))
  },
})

const timers = new Map<number, ReturnType<typeof setTimeout>>()
