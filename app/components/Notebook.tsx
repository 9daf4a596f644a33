import { useStore } from '../store/store.ts'
import { CodeCellView } from './CodeCellView.tsx'
import { ProseCellView } from './ProseCellView.tsx'

/** The open notebook: its cells in order, with a way to add a cell between any two. */
export function Notebook() {
  const ids = useStore((s) => s.cells.map((c) => `${c.kind}:${c.id}`).join(' '))
  const addCell = useStore((s) => s.addCell)
  const cells = ids === '' ? [] : ids.split(' ').map((k) => k.split(':') as ['code' | 'prose', string])
  return (
    <div className="notebook">
      <AddCell onAdd={(kind) => addCell(null, kind)} />
      {cells.map(([kind, id], i) => (
        <div key={id}>
          {kind === 'code' ? <CodeCellView id={id} index={i} /> : <ProseCellView id={id} index={i} />}
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
