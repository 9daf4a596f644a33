/**
 * The lesson for an iframe on a course site (embed.html, or `?embed=1` on the app's page): no navigation or toolbar; with `cell=`
 * only that cell, with `panel=n` only the n-th cell whose output is a panel. The other cells
 * still run in the worker, unseen, so the one shown has everything it uses. The page tells its
 * parent how tall it is whenever that changes, so the iframe can fit it without scrolling.
 */
import { useEffect, useRef } from 'react'
import type { RefObject } from 'react'
import { findCell } from '../route.ts'
import { useStore } from '../store/store.ts'
import { useView } from '../store/view.ts'
import { CellView, numberCells } from './CellView.tsx'
import type { CellKind } from './CellView.tsx'
import { ErrorBoundary } from './ErrorBoundary.tsx'
import { Notebook } from './Notebook.tsx'
import { Notices } from './Notices.tsx'

export function Embed() {
  const ref = useView((s) => s.cell)
  const panel = useView((s) => s.panel)
  const root = useRef<HTMLDivElement>(null)
  usePostHeight(root)
  return (
    <div ref={root} className="embed">
      <Notices />
      <ErrorBoundary what="The embedded lesson">
        {ref !== null ? <OneCell find={(cells) => pickCell(cells, ref)} /> : null}
        {ref === null && panel !== null ? <OneCell find={(cells) => pickPanel(cells, panel)} panel /> : null}
        {ref === null && panel === null ? <Notebook /> : null}
      </ErrorBoundary>
    </div>
  )
}

type Cells = ReturnType<typeof useStore.getState>['cells']
/** A cell's id, 'wait' while the outputs needed to decide are still coming, or why there is none. */
type Found = { id: string } | { wait: true } | { missing: string }

function pickCell(cells: Cells, ref: string): Found {
  const cell = findCell(cells, ref)
  return cell ? { id: cell.id } : { missing: `This lesson has no cell called “${ref}”.` }
}

function pickPanel(cells: Cells, n: number): Found {
  const { outputs } = useStore.getState()
  let seen = 0
  for (const c of cells) {
    if (c.kind !== 'code') continue
    const out = outputs[c.id]
    // An earlier cell without its output yet may still turn out to be a panel.
    if (!out) return { wait: true }
    if (out.ok && out.display.kind === 'panel' && ++seen === n) return { id: c.id }
  }
  return { missing: `This lesson has ${seen} panel${seen === 1 ? '' : 's'}, so there is no panel ${n}.` }
}

function OneCell({ find, panel = false }: { find: (cells: Cells) => Found; panel?: boolean }) {
  const slug = useStore((s) => s.slug)
  const loaded = useStore((s) => s.cells.length > 0)
  // Re-evaluated as outputs arrive (for panels); the key keeps re-renders to real changes.
  const key = useStore((s) => {
    const f = find(s.cells)
    return 'id' in f ? `id:${f.id}` : 'wait' in f ? 'wait' : `missing:${f.missing}`
  })
  const cells = useStore.getState().cells
  // The app's own page (the folder's index): from embed.html a bare hash would open an embed again.
  // A shared notebook opens as its link, which works even where the embed's storage is not the app's.
  const origin = useStore.getState().origin
  const full =
    origin?.kind === 'shared' && origin.link ? `./#/shared?nb=${origin.link}` : `./#/${encodeURIComponent(slug)}`
  const link = (
    <p className="embed-open">
      <a href={full} target="_blank" rel="noopener">
        Open the full lesson ↗
      </a>
    </p>
  )
  if (!loaded || key === 'wait') return <p className="embed-loading">Loading…</p>
  if (key.startsWith('missing:'))
    return (
      <>
        <p className="notice">{key.slice('missing:'.length)}</p>
        {link}
      </>
    )
  const id = key.slice(3)
  const index = cells.findIndex((c) => c.id === id)
  const cell = cells[index]!
  const number = numberCells(cells.map((c) => c.kind as CellKind))[index]!
  return (
    <div className={panel ? 'embed-one embed-panel' : 'embed-one'}>
      <CellView kind={cell.kind as CellKind} id={id} index={index} number={number} />
      {link}
    </div>
  )
}

/** Posts { type: 'adnb:height', height } to the parent frame whenever the content's height changes. */
function usePostHeight(root: RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    const el = root.current
    if (!el || window.parent === window) return
    let last = -1
    const post = () => {
      const height = Math.ceil(el.getBoundingClientRect().height)
      if (height === last) return
      last = height
      window.parent.postMessage({ type: 'adnb:height', height }, '*')
    }
    const observer = new ResizeObserver(post)
    observer.observe(el)
    post()
    return () => observer.disconnect()
  }, [root])
}
