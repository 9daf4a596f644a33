/**
 * Pages for the store's tests: each page() is a fresh copy of the store's modules (as after a
 * reload, or a second tab) over the same jsdom localStorage, with autosave running. The worker
 * is the fake one (each test file mocks app/worker/client.ts with fakeWorker.ts).
 */
import { vi } from 'vitest'

const stops: (() => void)[] = []

export async function page() {
  vi.resetModules()
  const { useStore } = await import('../../../app/store/store.ts')
  const { startAutosave } = await import('../../../app/store/autosave.ts')
  const worker = await import('./fakeWorker.ts')
  const stop = startAutosave()
  stops.push(stop)
  const state = () => useStore.getState()
  return {
    useStore,
    state,
    worker,
    /** Leaving the page: autosave writes what is pending. */
    leave() {
      state().saveNow()
      stop()
    },
    /** The text of the notices shown. */
    notices: () => state().notices.map((n) => n.text),
  }
}

/** Stops every page's autosave (call in afterEach). */
export function closePages(): void {
  for (const stop of stops.splice(0)) stop()
}

export const stored = (doc: string): unknown => JSON.parse(localStorage.getItem(`adnb:doc:${doc}`) ?? 'null')
