/**
 * Saves the open notebook as the learner types (debounced) and when the page is hidden, so a
 * reload loses nothing; and listens for other tabs saving the same document (sync.ts).
 */
import { useStore } from './store.ts'

export function startAutosave(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  const unsubscribe = useStore.subscribe((s, prev) => {
    if (s.cells === prev.cells && s.sliders === prev.sliders) return
    if (!s.doc || !s.edited || s.doc !== prev.doc) return
    if (!s.dirty) useStore.setState({ dirty: true })
    clearTimeout(timer)
    timer = setTimeout(() => useStore.getState().saveNow(), 250)
  })
  // Leaving the page must not lose the last keystrokes.
  const flush = () => {
    clearTimeout(timer)
    useStore.getState().saveNow()
  }
  const onStorage = (e: StorageEvent) => {
    if (e.key) useStore.getState().storageChanged(e.key)
  }
  window.addEventListener('pagehide', flush)
  window.addEventListener('storage', onStorage)
  return () => {
    unsubscribe()
    window.removeEventListener('pagehide', flush)
    window.removeEventListener('storage', onStorage)
  }
}
