import { useStore } from '../store/store.ts'
import type { CellKind } from './CellView.tsx'
import { CellView, numberCells } from './CellView.tsx'

/** The open notebook: its cells in order, with a way to add a cell between any two. */
export function Notebook() {
  const ids = useStore((s) => s.cells.map((c) => `${c.kind}:${c.id}`).join(' '))
  const addCell = useStore((s) => s.addCell)
  const cells = ids === '' ? [] : ids.split(' ').map((k) => k.split(':') as [CellKind, string])
  const numbers = numberCells(cells.map(([kind]) => kind))
  return (
    <div className="notebook">
      <AddCell onAdd={(kind) => addCell(null, kind)} />
      {cells.map(([kind, id], i) => (
        <div key={id}>
          <CellView kind={kind} id={id} index={i} number={numbers[i]!} />
          <AddCell onAdd={(k) => addCell(id, k)} />
        </div>
      ))}
    </div>
  )
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
