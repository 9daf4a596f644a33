import type { ReactNode } from 'react'
import { useStore } from '../store/store.ts'

/** Move, hide and delete buttons shared by code and prose cells. */
export function CellControls({
  id,
  index,
  label,
  hidden,
  children,
}: {
  id: string
  index: number
  label: string
  hidden?: boolean
  /** Extra buttons, e.g. a text cell's Edit. */
  children?: ReactNode
}) {
  const { moveCell, deleteCell, toggleHidden } = useStore.getState()
  const last = useStore((s) => s.cells.length - 1)
  return (
    <div className="cell-controls" role="group" aria-label={`${label} controls`}>
      {children}
      <button type="button" onClick={() => moveCell(id, -1)} disabled={index === 0} aria-label={`Move ${label} up`}>
        ↑
      </button>
      <button type="button" onClick={() => moveCell(id, 1)} disabled={index === last} aria-label={`Move ${label} down`}>
        ↓
      </button>
      {hidden !== undefined && (
        <button type="button" onClick={() => toggleHidden(id)} aria-pressed={hidden}>
          {hidden ? 'Show code' : 'Hide code'}
        </button>
      )}
      <button type="button" onClick={() => deleteCell(id)} aria-label={`Delete ${label}`}>
        Delete
      </button>
    </div>
  )
}
