import { useStore } from '../store/store.ts'
import { CodeCellView } from './CodeCellView.tsx'
import { ErrorBoundary } from './ErrorBoundary.tsx'
import { ProseCellView } from './ProseCellView.tsx'

/** The open notebook: its cells in order, with a way to add a cell between any two. */
export function Notebook() {
  const ids = useStore((s) => s.cells.map((c) => `${c.kind}:${c.id}`).join(' '))
  const addCell = useStore((s) => s.addCell)
  const cells = ids === '' ? [] : ids.split(' ').map((k) => k.split(':') as ['code' | 'prose', string])
  // Code cells are numbered among code cells (as the notebook's messages count them), text apart.
  const counts = { code: 0, prose: 0 }
  const numbers = cells.map(([kind]) => ++counts[kind])
  return (
    <div className="notebook">
      <AddCell onAdd={(kind) => addCell(null, kind)} />
      {cells.map(([kind, id], i) => (
        <div key={id}>
          <ErrorBoundary what={kind === 'code' ? `Cell ${numbers[i]}` : `Text ${numbers[i]}`}>
            {kind === 'code' ? (
              <CodeCellView id={id} index={i} number={numbers[i]!} />
            ) : (
              <ProseCellView id={id} index={i} number={numbers[i]!} />
            )}
          </ErrorBoundary>
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
