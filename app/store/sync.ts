/**
 * Two tabs on one document. When another tab saves the open document (the `storage` event), a
 * tab with no unsaved edits loads it; a tab with its own unsaved edits stops saving and asks the
 * learner: keep mine (save over theirs) or load theirs (Undo brings mine back). Before every
 * save, document.ts checks that storage still holds what this tab last read or wrote.
 */
import { keyOf } from './persist.ts'
import type { Slice, SyncSlice } from './state.ts'

export const syncSlice: Slice<SyncSlice> = (set, get) => {
  /** Opens the open document again from storage. */
  const reload = () => {
    const { doc } = get()
    if (doc.startsWith('lesson:')) get().openLesson(doc.slice('lesson:'.length))
    else if (doc.startsWith('nb:')) get().openNotebook(doc.slice('nb:'.length))
  }

  return {
    dirty: false,
    conflict: false,

    storageChanged(key) {
      if (key.startsWith('adnb:doc:nb:') || key.startsWith('adnb:set-aside:')) get().refreshLibrary()
      const s = get()
      if (!s.doc || key !== keyOf(s.doc) || s.conflict) return
      if (!s.dirty) {
        reload()
        get().notify('This notebook was changed in another tab; its latest version is shown.', { info: true })
        return
      }
      set({ conflict: true })
      get().notify(
        'This notebook was also changed in another tab. Your edits here are not saved until you choose: keep yours (the other tab’s changes are replaced) or load theirs (Undo brings yours back).',
        { action: 'conflict' },
      )
    },

    keepMine() {
      set({ conflict: false, dirty: true, edited: true })
      // Saving over the other tab's version is now the learner's choice.
      get().saveNow(true)
    },

    loadTheirs() {
      const mine = get().cells
      set({ conflict: false })
      reload()
      set({ undoStack: [mine] })
    },
  }
}
