import type { ReactNode, RefObject } from 'react'
import { useEffect, useRef, useState } from 'react'
// languages.ts, not cell.ts: cell.ts imports every parser, which the page must not load and evaluate.
import type { CellLanguage } from '../../engine/language/frontends/languages.ts'
import { CELL_LANGUAGES } from '../../engine/language/frontends/languages.ts'
import { useStore } from '../store/store.ts'
import { LanguageSwitch } from './LanguageSwitch.tsx'

/** What the language menu calls each language. */
const LANGUAGE_NAMES: Record<CellLanguage, string> = { julia: 'Julia', ad: 'ad', python: 'Python' }
/** The menu's order: the lessons' languages first. */
const ORDER: readonly CellLanguage[] = ['julia', 'python', 'ad']

/**
 * Whether the focus is in this cell: in the cell itself or in the add buttons under it (the
 * notebook wraps both in one [data-cell] element).
 */
function useFocusInCell(group: RefObject<HTMLElement | null>): boolean {
  const [inside, setInside] = useState(false)
  useEffect(() => {
    const cell = group.current?.closest('[data-cell]') ?? group.current?.parentElement
    if (!cell) return
    const follow = () => setInside(cell.contains(document.activeElement))
    // focusout fires before the focus lands elsewhere: look once it has.
    const leave = () => setTimeout(follow, 0)
    cell.addEventListener('focusin', follow)
    cell.addEventListener('focusout', leave)
    return () => {
      cell.removeEventListener('focusin', follow)
      cell.removeEventListener('focusout', leave)
    }
  }, [group])
  return inside
}

/**
 * Move, hide and delete buttons shared by code and prose cells; a code cell's language, to switch.
 * They are out of the tab order until the focus is in the cell, so that Tab goes from one cell's
 * editor and Run button straight to the next cell's editor; Shift+Tab from an editor reaches them.
 */
export function CellControls({
  id,
  index,
  label,
  hidden,
  language,
  variants = [],
  children,
}: {
  id: string
  index: number
  label: string
  hidden?: boolean
  /** A code cell's language: shown, and switched from a menu. */
  language?: CellLanguage
  /** A two-variant cell's languages: the switch between them replaces the language menu. */
  variants?: readonly CellLanguage[]
  /** Extra buttons, e.g. a text cell's Edit. */
  children?: ReactNode
}) {
  const { moveCell, deleteCell, toggleHidden, setLanguage } = useStore.getState()
  const last = useStore((s) => s.cells.length - 1)
  const group = useRef<HTMLDivElement>(null)
  const inside = useFocusInCell(group)
  // Every control, a prose cell's own children included; React leaves tabIndex alone otherwise.
  useEffect(() => {
    for (const el of group.current?.querySelectorAll<HTMLElement>('button, select') ?? []) el.tabIndex = inside ? 0 : -1
  })
  return (
    <div ref={group} className="cell-controls" role="group" aria-label={`${label} controls`}>
      {children}
      {variants.length > 1 ? (
        <LanguageSwitch label={`${label} language`} />
      ) : (
        language !== undefined && (
          <select
            value={language}
            onChange={(e) => setLanguage(id, e.target.value as CellLanguage)}
            aria-label={`${label} language`}
            title="The language this cell is written in: Julia, Python (JAX, torch.func, TensorFlow), or ad (the notebook's mathjs syntax)"
          >
            {[...CELL_LANGUAGES]
              .sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b))
              .map((l) => (
                <option key={l} value={l}>
                  {LANGUAGE_NAMES[l]}
                </option>
              ))}
          </select>
        )
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
