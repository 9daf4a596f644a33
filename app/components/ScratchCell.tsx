/**
 * The scratch cell's header on its slide: what it is (a cell of its own: it reads the lesson's
 * names, and what it defines stays in it) and the templates that put a called-out function on
 * screen in a few keys: the pullbacks panel, the Jacobian, the Hessian panel, each written in the
 * cell's language for the function just typed, then run. Alt+P, Alt+J and Alt+H pick them from
 * the editor (the presentation leaves Alt keys alone); Tab reaches the buttons too.
 */
import { useCallback, useEffect } from 'react'
import { cellLanguage } from '../store/cells.ts'
import { useStore } from '../store/store.ts'
import type { ScratchTemplate } from './scratch.ts'
import { withTemplate } from './scratch.ts'
import './scratch.css'

const TEMPLATES: { template: ScratchTemplate; label: string; code: string }[] = [
  { template: 'pullbacks', label: 'Pullbacks panel', code: 'KeyP' },
  { template: 'jacobian', label: 'Jacobian', code: 'KeyJ' },
  { template: 'hessian', label: 'Hessian panel', code: 'KeyH' },
]

export function ScratchHeader({ id }: { id: string }) {
  const use = useCallback(
    (template: ScratchTemplate) => {
      const { cells, edit, run } = useStore.getState()
      const cell = cells.find((c) => c.id === id)
      if (!cell || cell.kind !== 'code') return
      edit(id, withTemplate(cell.source, template, cellLanguage(cell)))
      run(id)
    },
    [id],
  )

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return
      // By code, not key: on a Mac, Alt changes the letter typed.
      const chosen = TEMPLATES.find((t) => t.code === e.code)
      if (!chosen) return
      e.preventDefault()
      use(chosen.template)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [use])

  return (
    <div className="scratch-header">
      <p className="scratch-label">Scratch cell</p>
      <p className="scratch-note">Reads the lesson&apos;s names; what it defines stays here.</p>
      <div className="scratch-templates" role="group" aria-label="Templates for the function just typed">
        {TEMPLATES.map((t) => (
          <button
            key={t.template}
            type="button"
            onClick={() => use(t.template)}
            aria-keyshortcuts={`Alt+${t.code.slice(3)}`}
            title={`Alt+${t.code.slice(3)}`}
          >
            {t.label} <kbd>Alt+{t.code.slice(3)}</kbd>
          </button>
        ))}
      </div>
    </div>
  )
}
