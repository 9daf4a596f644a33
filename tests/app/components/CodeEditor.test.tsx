// @vitest-environment jsdom
/**
 * The editor in jsdom: CodeMirror mounts and handles keys here (jsdom lacks layout, so nothing
 * that measures is checked; typing goes through view.dispatch, keys through real keydown events).
 */
import { EditorView } from '@codemirror/view'
import { act, cleanup, fireEvent, render } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CodeEditor } from '../../../app/components/CodeEditor.tsx'

afterEach(cleanup)

function mount(props: Partial<Parameters<typeof CodeEditor>[0]> = {}) {
  const onChange = vi.fn()
  const onRun = vi.fn()
  const all = { value: 'x = 1', onChange, onRun, label: 'Code cell 1', ...props }
  const r = render(<CodeEditor {...all} />)
  const content = r.container.querySelector<HTMLElement>('.cm-content')!
  const view = EditorView.findFromDOM(r.container.querySelector('.cm-editor') as HTMLElement)!
  const rerender = (p: Partial<typeof all>) => r.rerender(<CodeEditor {...all} {...p} />)
  return { ...r, content, view, onChange, onRun, rerender }
}

describe('CodeEditor', () => {
  it('mounts with the text and an accessible label', () => {
    const { content, view } = mount()
    expect(view.state.doc.toString()).toBe('x = 1')
    expect(content.getAttribute('aria-label')).toBe('Code cell 1')
    expect(content.getAttribute('contenteditable')).toBe('true')
  })

  it('reports edits through onChange', () => {
    const { view, onChange } = mount()
    act(() => view.dispatch({ changes: { from: 5, insert: '0' } }))
    expect(onChange).toHaveBeenCalledWith('x = 10')
  })

  it('runs on Shift+Enter and Ctrl+Enter without inserting a newline', () => {
    const { content, view, onRun } = mount()
    fireEvent.keyDown(content, { key: 'Enter', shiftKey: true })
    fireEvent.keyDown(content, { key: 'Enter', ctrlKey: true })
    expect(onRun).toHaveBeenCalledTimes(2)
    expect(view.state.doc.toString()).toBe('x = 1')
  })
})

describe('CodeEditor props from outside', () => {
  it('applies a new value as a minimal change: the cursor stays, onChange is not echoed', () => {
    const { view, onChange, rerender } = mount({ value: 'x = 1\ny = 2' })
    act(() => view.dispatch({ selection: { anchor: 3 } }))
    rerender({ value: 'x = 1\ny = 20' })
    expect(view.state.doc.toString()).toBe('x = 1\ny = 20')
    expect(view.state.selection.main.head).toBe(3)
    rerender({ value: 'z = 0\nx = 1\ny = 20' })
    expect(view.state.selection.main.head).toBe(9)
    expect(onChange).not.toHaveBeenCalled()
  })

  it('marks an error from its column to the end of the line, and the line', () => {
    const { container, content, rerender } = mount({ value: 'a = 1\nb = (2 +' })
    expect(container.querySelector('.cm-nb-error')).toBeNull()
    rerender({ value: 'a = 1\nb = (2 +', error: { line: 2, column: 5 } })
    expect(container.querySelector('.cm-nb-error')!.textContent).toBe('(2 +')
    expect(container.querySelector('.cm-nb-error-line')!.textContent).toBe('b = (2 +')
    expect(content.getAttribute('aria-invalid')).toBe('true')
    rerender({ value: 'a = 1\nb = (2 +', error: { line: 1 } })
    expect(container.querySelector('.cm-nb-error')!.textContent).toBe('a = 1')
    rerender({ value: 'a = 1\nb = (2 +', error: null })
    expect(container.querySelector('.cm-nb-error')).toBeNull()
    expect(content.getAttribute('aria-invalid')).toBeNull()
  })

  it('underlines exactly the failing expression when the engine gives its place, and tints that line', () => {
    const value = 'function f(x)\n  return g(x) + 1\nend\nf(2)'
    const offset = value.indexOf('g(x)')
    const { container, rerender } = mount({ value, language: 'julia' })
    // The statement starts on line 1 (the function); the failing call is on line 2.
    rerender({ value, language: 'julia', error: { line: 1, column: 1, at: { offset, length: 4 } } })
    expect(container.querySelector('.cm-nb-error')!.textContent).toBe('g(x)')
    expect(container.querySelector('.cm-nb-error-line')!.textContent).toBe('  return g(x) + 1')
    // A place outside the text (a stale report) falls back to the line and column.
    rerender({ value, language: 'julia', error: { line: 4, column: 1, at: { offset: 999, length: 4 } } })
    expect(container.querySelector('.cm-nb-error')!.textContent).toBe('f(2)')
  })

  it('reads a cell in its language, and in the new one after a switch', () => {
    const value = 'function f(x)\n  2x\nend'
    const { container, rerender } = mount({ value, language: 'julia' })
    const keyword = () => container.querySelector('.cm-line')!.firstElementChild?.textContent
    // Julia's grammar marks `function` as a keyword; the ad mode does not know the word.
    expect(keyword()).toBe('function')
    rerender({ value, language: 'ad' })
    expect(keyword()).not.toBe('function')
    rerender({ value, language: 'julia' })
    expect(keyword()).toBe('function')
  })

  it('colours the names the worker reports in a Julia cell, once they arrive, but not a module member', () => {
    const value = 'y = sum(x) + Zygote.sum(x)'
    const { container, rerender } = mount({ value, language: 'julia' })
    const coloured = () =>
      [...container.querySelectorAll('.cm-line span')]
        .filter((el) => el.textContent === 'sum')
        .map((el) => getComputedStyle(el).color)
    const before = coloured()
    rerender({ value, language: 'julia', names: ['sum'] })
    const after = coloured()
    // The first sum is now a builtin's colour; the field after Zygote. keeps a field's colour.
    expect(after[0]).not.toBe(before[0] ?? '')
    expect(after[0]).toBe('rgb(5, 80, 174)') // #0550ae
    expect(after.at(-1)).not.toBe(after[0])
  })

  it('leaves Esc to the page right after typing in a Julia cell (no completion list is shown)', () => {
    const { content, view } = mount({ value: 'y = 2', language: 'julia', names: ['exp'] })
    act(() => view.dispatch({ changes: { from: 5, insert: ' e' }, userEvent: 'input.type' }))
    // fireEvent returns false when a handler called preventDefault (the presentation would not see it).
    expect(fireEvent.keyDown(content, { key: 'Escape' })).toBe(true)
  })

  it('undoes with Ctrl+Z', () => {
    const { content, view, onChange } = mount()
    act(() => view.dispatch({ changes: { from: 5, insert: '0' }, userEvent: 'input.type' }))
    fireEvent.keyDown(content, { key: 'z', ctrlKey: true })
    expect(view.state.doc.toString()).toBe('x = 1')
    expect(onChange).toHaveBeenLastCalledWith('x = 1')
  })

  it('becomes read-only and takes a new label', () => {
    const { view, content, rerender } = mount()
    rerender({ readOnly: true, label: 'Code cell 2' })
    expect(view.state.readOnly).toBe(true)
    expect(content.getAttribute('aria-label')).toBe('Code cell 2')
  })
})
