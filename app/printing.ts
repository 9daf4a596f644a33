/**
 * Tells the view when the page is printed (the print dialog, or print media emulated by a test)
 * so that panels can show their last step on paper. flushSync: the browser lays the page out for
 * print right after beforeprint, so the panels must have re-rendered by then.
 */
import { useEffect } from 'react'
import { flushSync } from 'react-dom'
import { useView } from './store/view.ts'

export function usePrinting(): void {
  useEffect(() => {
    const set = (printing: boolean) => {
      if (useView.getState().printing !== printing) flushSync(() => useView.setState({ printing }))
    }
    const media = window.matchMedia?.('print')
    const before = () => set(true)
    // A print may end while print media is still emulated (a test's PDF, a print preview):
    // the page stays printed until the media says otherwise.
    const after = () => set(media?.matches ?? false)
    const change = (e: MediaQueryListEvent) => set(e.matches)
    window.addEventListener('beforeprint', before)
    window.addEventListener('afterprint', after)
    media?.addEventListener('change', change)
    return () => {
      window.removeEventListener('beforeprint', before)
      window.removeEventListener('afterprint', after)
      media?.removeEventListener('change', change)
    }
  }, [])
}
