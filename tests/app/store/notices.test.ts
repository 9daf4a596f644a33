/** The notices slice on the real store: notices are added in order and dismissed one by one. */
import { describe, expect, it, vi } from 'vitest'
import { useStore } from '../../../app/store/store.ts'

vi.mock('../../../app/worker/client.ts', () => import('./fakeWorker.ts'))

const state = () => useStore.getState()

describe('notices', () => {
  it('are shown in order and dismissed one at a time', () => {
    state().notify('First.')
    state().notify('Second.', 'reset')
    const [first, second] = state().notices
    expect(first!.text).toBe('First.')
    expect(second).toMatchObject({ text: 'Second.', action: 'reset' })
    state().dismiss(first!.id)
    expect(state().notices.map((n) => n.text)).toEqual(['Second.'])
  })
})
