import { useState } from 'react'
import { useStore } from '../store/store.ts'
import { CellControls } from './CellControls.tsx'
import { Markdown } from './Markdown.tsx'

/** A text cell: rendered Markdown with math; Edit shows its source. */
export function ProseCellView({ id, index, number }: { id: string; index: number; number: number }) {
  const source = useStore((s) => s.cells.find((c) => c.id === id)?.source ?? '')
  const edit = useStore((s) => s.edit)
  const [editing, setEditing] = useState(false)
  const label = `Text ${number}`
  // Blank lines between two code blocks are kept for an exact export, but show as nothing.
  if (!editing && source.trim() === '') return null
  return (
    <section className="cell prose-cell" aria-label={label}>
      <CellControls id={id} index={index} label={label}>
        <button type="button" onClick={() => setEditing(!editing)}>
          {editing ? 'Done' : 'Edit text'}
        </button>
      </CellControls>
      {editing ? (
        <textarea
          className="prose-editor"
          aria-label={`${label} Markdown`}
          value={source}
          rows={Math.max(3, source.split('\n').length + 1)}
          onChange={(e) => edit(id, e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && e.shiftKey) {
              e.preventDefault()
              setEditing(false)
            }
          }}
        />
      ) : (
        <Markdown text={source} />
      )}
    </section>
  )
}
