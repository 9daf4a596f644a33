/** Messages about saved work, links and imports, shown above the notebook until dismissed. */
import type { NoticesSlice, Slice } from './state.ts'

let noticeId = 0

export const noticesSlice: Slice<NoticesSlice> = (set) => ({
  notices: [],

  notify(text, action) {
    set((s) => ({ notices: [...s.notices, { id: ++noticeId, text, ...(action ? { action } : {}) }] }))
  },

  dismiss(id) {
    set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }))
  },
})
