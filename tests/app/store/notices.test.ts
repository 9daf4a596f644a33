/**
 * The notices slice on the real store: notices are added in order and dismissed one by one; the
 * same notice raised again is shown once; informational notices go away by themselves.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { INFO_MS } from '../../../app/store/notices.ts'
import { useStore } from '../../../app/store/store.ts'

vi.mock('../../../app/worker/client.ts', () => import('./fakeWorker.ts'))

const state = () => useStore.getState()

beforeEach(() => useStore.setState({ notices: [] }))
afterEach(() => vi.useRealTimers())

describe('notices', () => {
  it('are shown in order and dismissed one at a time', () => {
    state().notify('First.')
    state().notify('Second.', { action: 'reset' })
    const [first, second] = state().notices
    expect(first!.text).toBe('First.')
    expect(second).toMatchObject({ text: 'Second.', action: 'reset' })
    state().dismiss(first!.id)
    expect(state().notices.map((n) => n.text)).toEqual(['Second.'])
  })

  it('the same notice raised sixteen times is shown once', () => {
    for (let i = 0; i < 16; i++) state().notify('This share link could not be opened: it is damaged.')
    state().notify('Another.')
    expect(state().notices.map((n) => n.text)).toEqual([
      'This share link could not be opened: it is damaged.',
      'Another.',
    ])
  })

  it('informational notices expire; the others stay until dismissed', () => {
    vi.useFakeTimers()
    state().notify('Share link copied to the clipboard.', { info: true })
    state().notify('Your edits could not be saved.')
    vi.advanceTimersByTime(INFO_MS - 1)
    expect(state().notices).toHaveLength(2)
    vi.advanceTimersByTime(1)
    expect(state().notices.map((n) => n.text)).toEqual(['Your edits could not be saved.'])
    vi.advanceTimersByTime(10 * INFO_MS)
    expect(state().notices).toHaveLength(1)
  })
})
