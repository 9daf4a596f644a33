/**
 * The cells and their editing: typing, running, adding, deleting, moving and hiding cells, with
 * Undo and Redo over structural edits (typing has the editor's own undo). A new edit after Undo
 * clears what Redo would bring back, as in every editor.
 */
import type { EditableCell } from './cells.ts'
import { newCodeCell, newProseCell, notebookLanguage, variantShape, withFlag, withLanguage } from './cells.ts'
import { variantOwners } from '../../engine/notebook/variants.ts'
import { MAX_CELLS } from './persist.ts'
import { byId } from './records.ts'
import type { EditingSlice, Slice } from './state.ts'

/** How many structural edits Undo can go back. */
const HISTORY = 50

/** The sources of code and exercise cells, as they are run when a notebook opens. */
export const submitAll = (cells: readonly EditableCell[]): Record<string, string> =>
  byId(cells.filter((c) => c.kind !== 'prose').map((c) => [c.id, c.source] as const))

/** Submitted sources of cells that still exist. */
function keep(submitted: Record<string, string>, cells: readonly EditableCell[]): Record<string, string> {
  const ids = new Set(cells.map((c) => c.id))
  return byId(Object.entries(submitted).filter(([id]) => ids.has(id)))
}

export const editingSlice: Slice<EditingSlice> = (set, get) => {
  /** Shows another version of the cells, keeping what was run of cells that stay. */
  const show = (cells: EditableCell[], undoStack: EditableCell[][], redoStack: EditableCell[][]) => {
    set((s) => ({
      cells,
      edited: true,
      undoStack,
      redoStack,
      submitted: byId(Object.entries(submitAll(cells)), Object.entries(keep(s.submitted, cells))),
    }))
  }

  /** Records a structural edit so that Undo can bring the previous cells back. */
  const structural = (cells: EditableCell[]) => {
    const s = get()
    show(cells, [...s.undoStack.slice(-(HISTORY - 1)), s.cells], [])
  }

  return {
    cells: [],
    submitted: byId(),
    undoStack: [],
    redoStack: [],
    edited: false,

    edit(id, source) {
      set((s) => ({
        edited: true,
        cells: s.cells.map((c) => (c.id === id ? { ...c, source } : c)),
        redoStack: s.redoStack.length ? [] : s.redoStack,
      }))
    },

    run(id) {
      const { cells } = get()
      const targets = id === undefined ? cells.filter((c) => c.kind === 'code').map((c) => c.id) : [id]
      set((s) => ({
        submitted: byId(
          Object.entries(s.submitted),
          targets.map((t) => [t, cells.find((c) => c.id === t)!.source] as const),
        ),
      }))
      get().evaluate(targets)
    },

    addCell(afterId, kind) {
      if (get().cells.length >= MAX_CELLS) {
        get().notify(`A notebook holds at most ${MAX_CELLS} cells; delete one to add another.`)
        return ''
      }
      // A new code cell is written in the notebook's language (Julia in a Julia notebook).
      const cell = kind === 'code' ? newCodeCell('', notebookLanguage(get().cells)) : newProseCell()
      const cells = [...get().cells]
      const at = afterId === null ? 0 : cells.findIndex((c) => c.id === afterId) + 1
      cells.splice(at, 0, cell)
      structural(cells)
      return cell.id
    },

    deleteCell(id) {
      // A cell goes with its variants in the other language: left alone, one would take its place.
      const cells = get().cells
      const i = cells.findIndex((c) => c.id === id)
      const unit = movableUnits(cells).find(([a, b]) => a <= i && i < b)
      if (!unit) return
      structural([...cells.slice(0, unit[0]), ...cells.slice(unit[1])])
      get().evaluate()
    },

    moveCell(id, delta) {
      // A cell moves with its variants in the other language (one logical cell), past one neighbour.
      const cells = get().cells
      const units = movableUnits(cells)
      const i = cells.findIndex((c) => c.id === id)
      const u = units.findIndex(([a, b]) => a <= i && i < b)
      const v = u + delta
      if (u < 0 || v < 0 || v >= units.length) return
      const [first, second] = delta < 0 ? [units[v]!, units[u]!] : [units[u]!, units[v]!]
      structural([
        ...cells.slice(0, first[0]),
        ...cells.slice(second[0], second[1]),
        ...cells.slice(first[0], first[1]),
        ...cells.slice(second[1]),
      ])
      get().evaluate()
    },

    toggleHidden(id) {
      structural(
        get().cells.map((c) =>
          c.id === id && c.kind === 'code' ? withFlag(c, 'hidden', !c.flags.includes('hidden')) : c,
        ),
      )
    },

    setLanguage(id, language) {
      const cells = get().cells
      const cell = cells.find((c) => c.id === id)
      if (!cell || withLanguage(cell, language) === cell) return
      structural(cells.map((c) => (c.id === id ? withLanguage(c, language) : c)))
      get().evaluate()
    },

    replaceCells(cells) {
      structural(cells)
    },

    undo() {
      const { undoStack, redoStack, cells } = get()
      const previous = undoStack.at(-1)
      if (!previous) return
      show(previous, undoStack.slice(0, -1), [...redoStack, cells])
      get().evaluate()
    },

    redo() {
      const { undoStack, redoStack, cells } = get()
      const next = redoStack.at(-1)
      if (!next) return
      show(next, [...undoStack.slice(-(HISTORY - 1)), cells], redoStack.slice(0, -1))
      get().evaluate()
    },
  }
}

/**
 * The notebook as the units a move works on, [start, end) ranges: a main code cell with its
 * variants (and the blank text between them), or any other single cell.
 */
export function movableUnits(cells: readonly EditableCell[]): [number, number][] {
  const shapes = cells.map(variantShape)
  const owners = variantOwners(shapes)
  const units: [number, number][] = []
  for (let k = 0; k < cells.length;) {
    let last = k
    if (owners[k] === k)
      for (let m = k + 1; m < cells.length; m++) {
        if (owners[m] === k) last = m
        else if (!(owners[m] === -1 && shapes[m]!.blank)) break
      }
    units.push([k, last + 1])
    k = last + 1
  }
  return units
}
