/**
 * The lesson for an iframe on a course site (embed.html, or `?embed=1` on the app's page): no navigation or toolbar; with `cell=`
 * only that cell, with `panel=n` only the n-th cell whose output is a panel. Only the cells the
 * one shown needs run, unseen (store/focus.ts). A link naming a lesson, cell or panel that does
 * not exist shows what does (Missing.tsx). The page tells its
 * parent how tall it is whenever that changes, so the iframe can fit it without scrolling.
 */
import { useEffect, useRef } from 'react'
import type { RefObject } from 'react'
import { findCell } from '../route.ts'
import { shownNow } from '../store/codeLanguage.ts'
import { PANEL_CALL, focusTarget, panelCandidates, widenPanelFocus } from '../store/focus.ts'
import { useStore } from '../store/store.ts'
import { useView } from '../store/view.ts'
import { CellView, numberCells } from './CellView.tsx'
import type { CellKind } from './CellView.tsx'
import { ErrorBoundary } from './ErrorBoundary.tsx'
import { MissingCell, MissingPanel, UnknownLesson, useUnknownLesson } from './Missing.tsx'
import { Notebook } from './Notebook.tsx'
import { Notices } from './Notices.tsx'

export function Embed() {
  const ref = useView((s) => s.cell)
  const panel = useView((s) => s.panel)
  const unknown = useUnknownLesson()
  const root = useRef<HTMLDivElement>(null)
  usePostHeight(root)
  usePanelAhead()
  // Another cell or panel of the same lesson (a hash link): run what that one needs.
  useEffect(
    () =>
      useView.subscribe((view, prev) => {
        if ((view.cell !== prev.cell || view.panel !== prev.panel) && useStore.getState().cells.length)
          useStore.getState().evaluate()
      }),
    [],
  )
  return (
    <div ref={root} className="embed">
      <Notices />
      <ErrorBoundary what="The embedded lesson">
        {unknown !== null ? <UnknownLesson slug={unknown} /> : null}
        {unknown === null && ref !== null ? <OneCell find={(cells) => pickCell(cells, ref)} /> : null}
        {unknown === null && ref === null && panel !== null ? (
          <OneCell find={(cells) => pickPanel(cells, panel)} panel={panel} />
        ) : null}
        {unknown === null && ref === null && panel === null ? <Notebook /> : null}
      </ErrorBoundary>
    </div>
  )
}

type Cells = ReturnType<typeof useStore.getState>['cells']
/**
 * A cell's id; 'wait' while the outputs needed to decide are still coming; 'widen' when the
 * guessed panel cell is not a panel (every cell must run); or which message to show.
 */
type Found = { id: string } | { wait: true } | { widen: true } | { missing: 'cell' | 'panel'; panels?: string[] }

function pickCell(cells: Cells, ref: string): Found {
  const cell = findCell(shownNow(cells), ref)
  return cell ? { id: cell.id } : { missing: 'cell' }
}

function pickPanel(cells: Cells, n: number): Found {
  const { outputs } = useStore.getState()
  const isPanel = (id: string) => {
    const out = outputs[id]
    return out ? out.ok && out.display.kind === 'panel' : undefined
  }
  if (n < 1) return { missing: 'panel', panels: panelCandidates(cells).map((c) => c.id) }
  // Only the guessed cell and what it needs run (focus.ts).
  const guess = focusTarget(cells)
  if (guess !== null && guess !== 'none') {
    const shown = isPanel(guess)
    return shown === undefined ? { wait: true } : shown ? { id: guess } : { widen: true }
  }
  const panels: string[] = []
  for (const c of shownNow(cells)) {
    if (c.kind !== 'code') continue
    const shown = isPanel(c.id)
    // An earlier cell without its output yet may still turn out to be a panel.
    if (shown === undefined) return { wait: true }
    if (shown) panels.push(c.id)
    if (panels.length === n) return { id: c.id }
  }
  return { missing: 'panel', panels }
}

function OneCell({ find, panel }: { find: (cells: Cells) => Found; panel?: number }) {
  const slug = useStore((s) => s.slug)
  const loaded = useStore((s) => s.cells.length > 0)
  // Re-evaluated as outputs arrive (for panels); the key keeps re-renders to real changes.
  const key = useStore((s) => {
    const f = find(s.cells)
    return 'id' in f ? `id:${f.id}` : 'wait' in f ? 'wait' : 'widen' in f ? 'widen' : `missing:${f.missing}`
  })
  useEffect(() => {
    if (key !== 'widen' || panel === undefined) return
    widenPanelFocus(panel)
    useStore.getState().evaluate()
  }, [key, panel])
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
  if (!loaded || key === 'wait' || key === 'widen') return <p className="embed-loading">Loading…</p>
  if (key.startsWith('missing:')) {
    const found = find(cells)
    const ids = 'panels' in found ? (found.panels ?? []) : []
    return (
      <>
        {panel === undefined ? (
          <MissingCell slug={slug} cell={useView.getState().cell ?? ''} cells={shownNow(cells)} />
        ) : (
          <MissingPanel slug={slug} panel={panel} panels={cells.filter((c) => ids.includes(c.id))} />
        )}
        {link}
      </>
    )
  }
  const id = key.slice(3)
  // Placed and numbered among the cells shown, as the notebook numbers them (a cell's variant in
  // the other language is not one of them).
  const shown = shownNow(cells)
  const index = shown.findIndex((c) => c.id === id)
  const cell = shown[index]!
  const number = numberCells(shown.map((c) => c.kind as CellKind))[index]!
  return (
    <div className={panel !== undefined ? 'embed-one embed-panel' : 'embed-one'}>
      <CellView kind={cell.kind as CellKind} id={id} index={index} number={number} />
      {link}
    </div>
  )
}

/**
 * The component of each panel builtin, as PanelView loads it on first use. An embed knows its
 * cell before the worker answers: loading that cell's panel meanwhile saves a round trip after
 * the result (the same chunk, so PanelView then finds it loaded).
 */
const PANEL_MODULES: Record<string, () => Promise<unknown>> = {
  show_pullbacks: () => import('../panels/PullbacksPanel.tsx'),
  show_hessian: () => import('../panels/HessianPanel.tsx'),
  show_sum_trap: () => import('../panels/SumTrapPanel.tsx'),
  show_confusion: () => import('../panels/ConfusionPanel.tsx'),
  show_backprop: () => import('../panels/BackpropPanel.tsx'),
  cost_explorer: () => import('../panels/CostPanel.tsx'),
}

/** Loads the panel the embedded cell calls for, once the lesson's cells are known. */
function usePanelAhead() {
  const target = useStore((s) => (s.cells.length ? focusTarget(s.cells) : null))
  useEffect(() => {
    const source = useStore.getState().cells.find((c) => c.id === target)?.source
    const call = source === undefined ? undefined : PANEL_CALL.exec(source)?.[1]
    if (call !== undefined) PANEL_MODULES[call]?.().catch(() => {})
  }, [target])
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
