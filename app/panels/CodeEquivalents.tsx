/**
 * What a panel computes, written for the tools learners will use next: Julia (Zygote,
 * ForwardDiff), JAX and PyTorch. Three ARIA tabs (← → Home End move between them, as in the
 * WAI-ARIA tabs pattern) inside a closed <details>, so the code is one click away but never in
 * the way. Each snippet has its own Copy button, and a Run button that puts it in the notebook
 * as a cell in its language (Julia, or Python for JAX and PyTorch) right after the panel's cell,
 * or in the presentation's scratch cell. That cell is marked scratch, so it runs in a scope of
 * its own: it reads the lesson's `g`, and its `x`, `J`, `y` never clash with the lesson's.
 *
 * Styles are inline: every panel uses this, and it should not depend on any panel's stylesheet.
 */
import type { CSSProperties, KeyboardEvent } from 'react'
import { useId, useRef, useState } from 'react'
import { useView } from '../store/view.ts'

export interface CodeSnippets {
  julia: string
  jax: string
  pytorch: string
}

const TABS: { key: keyof CodeSnippets; label: string }[] = [
  { key: 'julia', label: 'Julia' },
  { key: 'jax', label: 'JAX' },
  { key: 'pytorch', label: 'PyTorch' },
]

const tabStyle = (selected: boolean): CSSProperties => ({
  minHeight: 44,
  minWidth: 44,
  borderBottomWidth: 3,
  borderBottomColor: selected ? 'var(--accent, #2855c8)' : 'transparent',
  fontWeight: selected ? 600 : 400,
})
const preStyle: CSSProperties = {
  margin: '0.4rem 0',
  padding: '0.5rem 0.75rem',
  overflowX: 'auto',
  background: 'var(--panel, #f0f2f7)',
  borderRadius: 6,
  fontSize: '0.85rem',
  contain: 'inline-size', // long lines scroll here instead of widening the page
}

export function CodeEquivalents({ snippets }: { snippets: CodeSnippets }) {
  const id = useId()
  // The reader's view and embeds have nothing to edit: Copy only.
  const editable = useView((s) => s.mode !== 'reader' && !s.embed)
  const [active, setActive] = useState(0)
  const [status, setStatus] = useState('')
  const tabs = useRef<(HTMLButtonElement | null)[]>([])

  const select = (i: number) => {
    const k = (i + TABS.length) % TABS.length
    setActive(k)
    setStatus('')
    tabs.current[k]?.focus()
  }
  const onKey = (e: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowRight: active + 1, ArrowLeft: active - 1, Home: 0, End: -1 }
    if (!(e.key in moves)) return
    e.preventDefault()
    e.stopPropagation() // a panel's own arrow-key stepping must not also fire
    select(moves[e.key]!)
  }
  const copy = (label: string, text: string) => {
    const done = (ok: boolean) =>
      setStatus(ok ? `Copied the ${label} code` : 'Copying is not allowed here: select the code and copy it')
    if (!navigator.clipboard) return done(false)
    navigator.clipboard.writeText(text).then(
      () => done(true),
      () => done(false),
    )
  }

  return (
    <details className="code-equivalents panel-extra" style={{ marginTop: '0.5rem' }}>
      <summary style={{ padding: '10px 0', cursor: 'pointer' }}>Equivalent code in Julia, JAX and PyTorch</summary>
      <div role="tablist" aria-label="Equivalent code" onKeyDown={onKey} style={{ display: 'flex', gap: '0.25rem' }}>
        {TABS.map((t, i) => (
          <button
            key={t.key}
            ref={(el) => {
              tabs.current[i] = el
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${t.key}`}
            aria-selected={i === active}
            aria-controls={`${id}-panel-${t.key}`}
            tabIndex={i === active ? 0 : -1}
            onClick={() => select(i)}
            style={tabStyle(i === active)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {TABS.map((t, i) => (
        <div
          key={t.key}
          role="tabpanel"
          id={`${id}-panel-${t.key}`}
          aria-labelledby={`${id}-tab-${t.key}`}
          hidden={i !== active}
          tabIndex={0}
        >
          <pre style={preStyle}>
            <code>{snippets[t.key]}</code>
          </pre>
          <button
            type="button"
            className="nb-button"
            style={{ minHeight: 44 }}
            onClick={() => copy(t.label, snippets[t.key])}
          >
            Copy {t.label} code
          </button>
          {editable && (
            <button
              type="button"
              className="nb-button"
              style={{ minHeight: 44, marginLeft: '0.5rem' }}
              onClick={(e) => {
                const from = e.currentTarget
                // Loaded on use: a panel's chunk stays free of the notebook's store.
                void import('./runSnippet.ts').then(({ runSnippet }) =>
                  setStatus(runSnippet(t.key, t.label, snippets[t.key], from)),
                )
              }}
            >
              Run {t.label} code in a cell
            </button>
          )}
        </div>
      ))}
      <span role="status" style={{ marginLeft: '0.5rem', fontSize: '0.85rem' }}>
        {status}
      </span>
    </details>
  )
}
