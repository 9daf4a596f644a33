/** Saves the open notebook as the learner types (debounced), so a reload loses nothing. */
import { save } from './persist.ts'
import { useStore } from './store.ts'

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
