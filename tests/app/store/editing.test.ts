// @vitest-environment jsdom
/**
 * The editing slice on the real store: structural edits (add, delete, move, hide) each undone
 * and redone, a new edit clearing Redo, and the worker asked to run what is left.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { newCodeCell, withFlag } from '../../../app/store/cells.ts'
import { movableUnits } from '../../../app/store/editing.ts'
import { useStore } from '../../../app/store/store.ts'
import { sent } from './fakeWorker.ts'

vi.mock('../../../app/worker/client.ts', () => import('./fakeWorker.ts'))

const state = () => useStore.getState()
const sources = () => state().cells.map((c) => c.source.trim())
const lastRun = () => sent.at(-1)!.cells.map((c) => c.source.trim())

beforeEach(() => {
  localStorage.clear()
  state().openDocument('lesson:t', 't', 'T', 'b', [], {})
  const a = state().addCell(null, 'code')
  state().edit(a, 'a = 1')
  const b = state().addCell(a, 'code')
  state().edit(b, 'b = a + 1')
  const c = state().addCell(b, 'code')
  state().edit(c, 'c = b * 2')
  state().run()
  // The three additions are not what these tests undo.
  useStore.setState({ undoStack: [], redoStack: [] })
})

const idOf = (source: string) => state().cells.find((c) => c.source === source)!.id

describe('undo and redo of structural edits', () => {
  it('undo after delete brings the cell back where it was, and runs it again', () => {
    state().deleteCell(idOf('b = a + 1'))
    expect(sources()).toEqual(['a = 1', 'c = b * 2'])
    expect(lastRun()).toEqual(['a = 1', 'c = b * 2'])
    state().undo()
    expect(sources()).toEqual(['a = 1', 'b = a + 1', 'c = b * 2'])
    expect(lastRun()).toEqual(['a = 1', 'b = a + 1', 'c = b * 2'])
    expect(state().undoStack).toEqual([])
  })

  it('move then undo restores the order; redo moves it again', () => {
    state().moveCell(idOf('c = b * 2'), -1)
    expect(sources()).toEqual(['a = 1', 'c = b * 2', 'b = a + 1'])
    state().undo()
    expect(sources()).toEqual(['a = 1', 'b = a + 1', 'c = b * 2'])
    state().redo()
    expect(sources()).toEqual(['a = 1', 'c = b * 2', 'b = a + 1'])
    expect(state().redoStack).toEqual([])
    state().undo()
    expect(sources()).toEqual(['a = 1', 'b = a + 1', 'c = b * 2'])
  })

  it('a move past either end is no edit at all', () => {
    state().moveCell(idOf('a = 1'), -1)
    state().moveCell(idOf('c = b * 2'), 1)
    expect(state().undoStack).toEqual([])
  })

  it('undoes several edits in reverse order and redoes them in order', () => {
    state().deleteCell(idOf('a = 1'))
    state().toggleHidden(idOf('b = a + 1'))
    state().moveCell(idOf('c = b * 2'), -1)
    const after = state().cells
    state().undo()
    state().undo()
    state().undo()
    expect(sources()).toEqual(['a = 1', 'b = a + 1', 'c = b * 2'])
    expect(state().cells.every((c) => c.kind !== 'code' || c.flags.length === 0)).toBe(true)
    state().redo()
    state().redo()
    state().redo()
    expect(state().cells).toEqual(after)
    expect(state().cells.find((c) => c.source === 'b = a + 1')).toMatchObject({ flags: ['hidden'], info: 'ad hidden' })
  })

  it('a new edit after undo clears redo: structural or typed', () => {
    state().deleteCell(idOf('a = 1'))
    state().undo()
    expect(state().redoStack).toHaveLength(1)
    state().addCell(null, 'prose')
    expect(state().redoStack).toEqual([])
    state().redo()
    expect(state().cells).toHaveLength(4)

    state().deleteCell(idOf('c = b * 2'))
    state().undo()
    state().edit(idOf('a = 1'), 'a = 5')
    expect(state().redoStack).toEqual([])
    state().redo()
    expect(sources()).toContain('c = b * 2')
  })

  it('undo and redo with nothing to undo or redo change nothing', () => {
    const before = state().cells
    state().undo()
    state().redo()
    expect(state().cells).toBe(before)
  })

  it('a deleted cell that was run keeps what was run after undo; edits made since are kept as run', () => {
    const a = idOf('a = 1')
    state().edit(a, 'a = 2')
    state().run(a)
    expect(state().submitted[a]).toBe('a = 2')
    state().deleteCell(idOf('b = a + 1'))
    state().undo()
    expect(state().submitted[a]).toBe('a = 2')
    expect(state().submitted[idOf('b = a + 1')]).toBe('b = a + 1')
  })
})

describe('moving a cell that has a variant in the other language', () => {
  it('moves the cell and its variant together, past one neighbour', () => {
    const julia = newCodeCell('g = 1', 'julia')
    const python = withFlag(newCodeCell('g = 1.0', 'python'), 'variant', true)
    const other = newCodeCell('h = 2', 'julia')
    state().replaceCells([other, julia, python])
    expect(movableUnits(state().cells)).toEqual([
      [0, 1],
      [1, 3],
    ])
    state().moveCell(julia.id, -1)
    expect(sources()).toEqual(['g = 1', 'g = 1.0', 'h = 2'])
    // Moving it back by its variant's id moves the same logical cell.
    state().moveCell(python.id, 1)
    expect(sources()).toEqual(['h = 2', 'g = 1', 'g = 1.0'])
  })

  it('deletes the cell with its variant, and undo brings both back', () => {
    const julia = newCodeCell('g = 1', 'julia')
    const python = withFlag(newCodeCell('g = 1.0', 'python'), 'variant', true)
    const other = newCodeCell('h = 2', 'julia')
    state().replaceCells([julia, python, other])
    state().deleteCell(julia.id)
    expect(sources()).toEqual(['h = 2'])
    state().undo()
    expect(sources()).toEqual(['g = 1', 'g = 1.0', 'h = 2'])
  })
})
