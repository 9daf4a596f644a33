/**
 * Lets a panel ask the worker for a fresh engine pass (an HVP with the typed v, the pullback of
 * the typed ȳ) and shows the answer. The panel is found by its spec: the cell whose output holds
 * that very spec, and its place among that output's panels (the worker counts them in the same
 * order). A new request, or a new spec (the cell ran again: a slider moved), asks again; an
 * answer to an older request is dropped. Typing is let settle briefly first, so each digit of a
 * number does not cost a pass.
 */
import { useEffect, useState } from 'react'
import type { Display } from '../../engine/output/display.ts'
import type { PanelSpec } from '../../engine/panels/index.ts'
import type { PanelAnswer, PanelRequest } from '../../engine/panels/requests.ts'
import { requestPanel } from '../store/run.ts'
import { useStore } from '../store/store.ts'

export type PanelRequestState =
  | { status: 'idle' }
  | { status: 'asking' }
  | { status: 'answered'; answer: PanelAnswer }
  | { status: 'failed'; error: string }

/** The panels of a display, in the order the worker counts them (engine/output/display.ts's). */
function panelsOf(d: Display, into: PanelSpec[] = []): PanelSpec[] {
  if (d.kind === 'panel') into.push(d.panel)
  else if (d.kind === 'record') for (const [, field] of d.fields) panelsOf(field, into)
  return into
}

/** "cell id" and panel index of the output holding spec, joined by a newline; '' if none. */
function whereIs(outputs: Readonly<Record<string, { ok: boolean; display?: Display } | undefined>>, spec: PanelSpec) {
  for (const [id, output] of Object.entries(outputs)) {
    if (!output?.ok || !output.display) continue
    const k = panelsOf(output.display).indexOf(spec)
    if (k >= 0) return `${id}\n${k}`
  }
  return ''
}

const SETTLE_MS = 250

export function usePanelRequest(spec: PanelSpec, request: PanelRequest | null): PanelRequestState {
  const where = useStore((s) => whereIs(s.outputs, spec))
  const [state, setState] = useState<PanelRequestState>({ status: 'idle' })
  const key = request ? JSON.stringify(request) : ''
  useEffect(() => {
    if (!request || !where) {
      setState({ status: 'idle' })
      return
    }
    let current = true
    setState({ status: 'asking' })
    const [cell, panel] = where.split('\n')
    const timer = setTimeout(() => {
      void requestPanel(cell!, Number(panel), request).then((reply) => {
        if (!current) return
        setState(reply.ok ? { status: 'answered', answer: reply.answer } : { status: 'failed', error: reply.error })
      })
    }, SETTLE_MS)
    return () => {
      current = false
      clearTimeout(timer)
    }
    // The request is compared by its key: a new object with the same vector asks nothing new.
  }, [key, where, spec])
  return state
}
