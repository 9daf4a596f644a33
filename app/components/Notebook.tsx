import { useEffect, useRef, useState } from 'react'
import { findCell } from '../route.ts'
import { shownCells } from '../store/cells.ts'
import { shownNow, useCodeLanguage } from '../store/codeLanguage.ts'
import { useStore } from '../store/store.ts'
import { useView } from '../store/view.ts'
import type { CellKind } from './CellView.tsx'
import { CellView, numberCells } from './CellView.tsx'
import { isScratch } from './scratch.ts'

/**
 * The open notebook: its cells in order (of a two-variant cell, the one in the learner's
 * language), with a way to add a cell between any two.
 */
export function Notebook() {
  const language = useCodeLanguage((s) => s.language)
  const ids = useStore((s) =>
    shownCells(s.cells, language)
      .map((c) => `${c.kind}:${c.id}${isScratch(c) ? ':s' : ''}`)
      .join(' '),
  )
  const addCell = useStore((s) => s.addCell)
  const cells = ids === '' ? [] : ids.split(' ').map((k) => k.split(':') as [CellKind, string, string?])
  const numbers = numberCells(cells.map(([kind]) => kind))
  const shown = useReveal(cells.map(([, id]) => id))
  useScrollToCell(shown)
  return (
    <div className="notebook">
      <AddCell onAdd={(kind) => addCell(null, kind)} />
      {cells.map(([kind, id, scratch], i) =>
        shown.has(id) ? (
          <div key={id} data-cell={id} className={scratch ? 'scratch' : undefined}>
            <CellView kind={kind} id={id} index={i} number={numbers[i]!} />
            <AddCell onAdd={(k) => addCell(id, k)} />
          </div>
        ) : null,
      )}
    </div>
  )
}

/** New cells shown per task: about a screenful. */
const CHUNK = 4

/**
 * The cells to render. A lesson arrives as dozens of new cells at once, and rendering them all
 * (Markdown, math, outputs) in one go would block the page for hundreds of milliseconds; so new
 * cells appear a few per task, top first, and the browser can paint and answer input in between.
 * A cell added by the learner is one new cell and shows at once; cells already shown stay. When
 * the page is printed, everything shows.
 */
function useReveal(ids: readonly string[]): ReadonlySet<string> {
  const printing = useView((s) => s.printing)
  const [seen, setSeen] = useState<ReadonlySet<string>>(() => new Set())
  let fresh = 0
  const shown = new Set(ids.filter((id) => seen.has(id) || printing || fresh++ < CHUNK))
  const all = shown.size === ids.length
  const key = [...shown].join(' ')
  useEffect(() => {
    const done = [...seen].every((id) => shown.has(id)) && seen.size === shown.size
    if (done && all) return
    const remember = () => setSeen(new Set(key === '' ? [] : key.split(' ')))
    // Once all is shown, just remember it; otherwise the next few follow in a task of their own.
    if (all) return remember()
    const timer = setTimeout(remember, 0)
    return () => clearTimeout(timer)
    // (key and all stand for shown, a new Set each render)
  }, [key, all, seen])
  return shown
}

/** `?cell=` in the learner's and reader's views: scroll to that cell once it is there, and mark it. */
function useScrollToCell(shown: ReadonlySet<string>) {
  const ref = useView((s) => s.cell)
  const doc = useStore((s) => s.doc)
  const loaded = useStore((s) => s.cells.length > 0)
  const cell = ref && loaded ? findCell(shownNow(useStore.getState().cells), ref) : undefined
  const there = cell !== undefined && shown.has(cell.id)
  // Once per cell and document: later reveals must not pull the page back.
  const done = useRef('')
  useEffect(() => {
    if (!ref || !loaded) return
    if (!cell) {
      useStore.getState().notify(`This lesson has no cell called “${ref}”.`)
      return
    }
    if (!there || done.current === `${doc} ${cell.id}`) return
    done.current = `${doc} ${cell.id}`
    const el = document.querySelector<HTMLElement>(`[data-cell="${cell.id}"]`)
    el?.classList.add('target')
    el?.scrollIntoView({ block: 'start' })
    // (cell follows from ref, doc and loaded)
  }, [ref, doc, loaded, there])
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
