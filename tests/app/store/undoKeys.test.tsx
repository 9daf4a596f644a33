// @vitest-environment jsdom
/**
 * Undo and Redo from the keyboard and the toolbar, on the real store: Ctrl+Z, Ctrl+Shift+Z and
 * Ctrl+Y outside an editor; inside a text field the keys are left to the field.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Toolbar } from '../../../app/components/Toolbar.tsx'
import { useStore } from '../../../app/store/store.ts'

vi.mock('../../../app/worker/client.ts', () => import('./fakeWorker.ts'))

const state = () => useStore.getState()
const count = () => state().cells.length
const key = (init: KeyboardEventInit, target: Element = document.body) =>
  fireEvent.keyDown(target, { bubbles: true, cancelable: true, ...init })

beforeEach(() => {
  state().openDocument('lesson:t', 't', 'T', 'b', [], {})
  state().addCell(null, 'code')
  state().addCell(null, 'code')
  render(<Toolbar />)
})
afterEach(cleanup)

describe('undo and redo keys', () => {
  it('Ctrl+Z undoes; Ctrl+Shift+Z and Ctrl+Y redo', () => {
    key({ key: 'z', ctrlKey: true })
    expect(count()).toBe(1)
    key({ key: 'z', ctrlKey: true })
    expect(count()).toBe(0)
    key({ key: 'Z', ctrlKey: true, shiftKey: true })
    expect(count()).toBe(1)
    key({ key: 'y', ctrlKey: true })
    expect(count()).toBe(2)
    key({ key: 'z', metaKey: true })
    expect(count()).toBe(1)
  })

  it('leave the keys to a text field or an editor', () => {
    const input = document.createElement('textarea')
    document.body.append(input)
    key({ key: 'z', ctrlKey: true }, input)
    expect(count()).toBe(2)
    input.remove()
  })

  it('the Redo button is enabled only when there is something to redo', () => {
    const redo = screen.getByRole('button', { name: 'Redo' }) as HTMLButtonElement
    expect(redo.disabled).toBe(true)
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }))
    expect(count()).toBe(1)
    expect(redo.disabled).toBe(false)
    fireEvent.click(redo)
    expect(count()).toBe(2)
    expect(redo.disabled).toBe(true)
  })
})
