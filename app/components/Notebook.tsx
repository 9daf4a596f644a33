import { useEffect } from 'react'
import { findCell } from '../route.ts'
import { useStore } from '../store/store.ts'
import { useView } from '../store/view.ts'
import type { CellKind } from './CellView.tsx'
import { CellView, numberCells } from './CellView.tsx'
import { isScratch } from './scratch.ts'

/** The open notebook: its cells in order, with a way to add a cell between any two. */
export function Notebook() {
  const ids = useStore((s) => s.cells.map((c) => `${c.kind}:${c.id}${isScratch(c) ? ':s' : ''}`).join(' '))
  const addCell = useStore((s) => s.addCell)
  const cells = ids === '' ? [] : ids.split(' ').map((k) => k.split(':') as [CellKind, string, string?])
  const numbers = numberCells(cells.map(([kind]) => kind))
  useScrollToCell()
  return (
    <div className="notebook">
      <AddCell onAdd={(kind) => addCell(null, kind)} />
      {cells.map(([kind, id, scratch], i) => (
        <div key={id} data-cell={id} className={scratch ? 'scratch' : undefined}>
          <CellView kind={kind} id={id} index={i} number={numbers[i]!} />
          <AddCell onAdd={(k) => addCell(id, k)} />
        </div>
      ))}
    </div>
  )
}

/** `?cell=` in the learner's and reader's views: scroll to that cell once it is there, and mark it. */
function useScrollToCell() {
  const ref = useView((s) => s.cell)
  const doc = useStore((s) => s.doc)
  const loaded = useStore((s) => s.cells.length > 0)
  useEffect(() => {
    if (!ref || !loaded) return
    const cell = findCell(useStore.getState().cells, ref)
    if (!cell) {
      useStore.getState().notify(`This lesson has no cell called “${ref}”.`)
      return
    }
    const el = document.querySelector<HTMLElement>(`[data-cell="${cell.id}"]`)
    el?.classList.add('target')
    el?.scrollIntoView({ block: 'start' })
  }, [ref, doc, loaded])
}

function AddCell({ onAdd }: { onAdd(kind: 'code' | 'prose'): void }) {
  return (
    <div className="add-cell">
      <button type="button" onClick={() => onAdd('code')}>
        + code
      </button>
      <button type="button" onClick={() => onAdd('prose')}>
        + text
      </button>
    </div>
  )
}
