import type { ReactNode } from 'react'
import type { CellLanguage } from '../../engine/language/frontends/cell.ts'
import { useStore } from '../store/store.ts'

/** What the language menu calls each language. */
const LANGUAGE_NAMES: Record<CellLanguage, string> = { julia: 'Julia', ad: 'ad' }

/** Move, hide and delete buttons shared by code and prose cells; a code cell's language, to switch. */
export function CellControls({
  id,
  index,
  label,
  hidden,
  language,
  children,
}: {
  id: string
  index: number
  label: string
  hidden?: boolean
  /** A code cell's language: shown, and switched from a menu. */
  language?: CellLanguage
  /** Extra buttons, e.g. a text cell's Edit. */
  children?: ReactNode
}) {
  const { moveCell, deleteCell, toggleHidden, setLanguage } = useStore.getState()
  const last = useStore((s) => s.cells.length - 1)
  return (
    <div className="cell-controls" role="group" aria-label={`${label} controls`}>
      {children}
      {language !== undefined && (
        <select
          value={language}
          onChange={(e) => setLanguage(id, e.target.value as CellLanguage)}
          aria-label={`${label} language`}
          title="The language this cell is written in: Julia, or ad (the notebook's mathjs syntax)"
        >
          {(['julia', 'ad'] as const).map((l) => (
            <option key={l} value={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
      )}
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
