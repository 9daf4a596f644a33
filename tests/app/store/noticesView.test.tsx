// @vitest-environment jsdom
/**
 * The notices as the learner sees them, on the real store: the choice between two tabs' edits,
 * a link to an edited copy, and the same message raised many times shown once.
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Notices } from '../../../app/components/Notices.tsx'
import { useStore } from '../../../app/store/store.ts'

vi.mock('../../../app/worker/client.ts', () => import('./fakeWorker.ts'))

const state = () => useStore.getState()

beforeEach(() => useStore.setState({ notices: [] }))
afterEach(cleanup)

describe('notices on the page', () => {
  it('offer keep mine and load theirs, each calling the store and closing the notice', () => {
    const keepMine = vi.fn()
    const loadTheirs = vi.fn()
    useStore.setState({ keepMine, loadTheirs })
    state().notify('Changed in another tab.', { action: 'conflict' })
    render(<Notices />)
    fireEvent.click(screen.getByRole('button', { name: 'Keep mine' }))
    expect(keepMine).toHaveBeenCalledOnce()
    expect(state().notices).toEqual([])
    act(() => state().notify('Changed in another tab.', { action: 'conflict' }))
    fireEvent.click(screen.getByRole('button', { name: 'Load theirs' }))
    expect(loadTheirs).toHaveBeenCalledOnce()
  })

  it('link to an edited copy, and show a repeated message once', () => {
    for (let i = 0; i < 16; i++)
      state().notify('Your edited copy is kept.', { href: '#/my/c-1', link: 'Open your edited copy' })
    render(<Notices />)
    expect(screen.getByRole('link', { name: 'Open your edited copy' }).getAttribute('href')).toBe('#/my/c-1')
    expect(screen.getAllByText('Your edited copy is kept.')).toHaveLength(1)
  })
})
