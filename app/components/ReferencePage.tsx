/**
 * The language reference page (#/reference, #/reference/<name>): every builtin, transform,
 * Julia name and syntax form with one line and an example that runs as typed, generated from
 * the engine's tables (engine/language/reference/), searchable, grouped by what they are for.
 */
import { useEffect, useMemo, useRef, useState } from 'react'
import '../../engine/standard.ts' // registers the plots and panels (and languages' overlays) in the tables
import type { ReferenceEntry } from '../../engine/language/reference/index.ts'
import { referenceEntries } from '../../engine/language/reference/index.ts'
import './reference.css'

interface Section {
  title: string
  note?: string
  holds: (e: ReferenceEntry) => boolean
}

const SECTIONS: Section[] = [
  { title: 'Transforms', holds: (e) => e.language === 'ad' && e.kind === 'transform' },
  {
    title: 'Functions',
    note: 'In both kinds of cell, unless Julia gives the name its own meaning (below).',
    holds: (e) => e.language === 'ad' && e.kind === 'function',
  },
  { title: 'Sliders, plots and panels', holds: (e) => e.language === 'ad' && e.kind === 'notebook' },
  { title: 'Constants', holds: (e) => e.language === 'ad' && e.kind === 'constant' },
  {
    title: 'In Julia cells',
    note: 'What these names mean in a Julia cell, as after using Zygote, ForwardDiff, LinearAlgebra.',
    holds: (e) => e.language === 'julia' && e.kind !== 'syntax' && e.kind !== 'package' && !e.name.includes('.'),
  },
  {
    title: 'Julia packages',
    holds: (e) => e.language === 'julia' && e.kind !== 'syntax' && (e.kind === 'package' || e.name.includes('.')),
  },
  { title: 'Syntax of ad cells', holds: (e) => e.language === 'ad' && e.kind === 'syntax' },
  { title: 'Syntax of Julia cells', holds: (e) => e.language === 'julia' && e.kind === 'syntax' },
]

/** Whether an entry matches every word of the search, in its name, usage, words or members. */
function matches(e: ReferenceEntry, words: string[]): boolean {
  const text = [e.name, e.usage, e.summary, ...(e.members ?? [])].join(' ').toLowerCase()
  return words.every((w) => text.includes(w))
}

export default function ReferencePage({ anchor }: { anchor: string }) {
  const entries = useMemo(() => referenceEntries(), [])
  const [query, setQuery] = useState('')
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  const shown = entries.filter((e) => matches(e, words))
  const top = useRef<HTMLHeadingElement>(null)

  useEffect(() => {
    const before = document.title
    document.title = 'Language reference · Differentiation notebook'
    return () => {
      document.title = before
    }
  }, [])

  // #/reference/<name>: that entry (both languages' when both have it) is brought into view.
  useEffect(() => {
    const target = [...document.querySelectorAll<HTMLElement>('[data-anchor]')].find(
      (el) => el.dataset.anchor === anchor,
    )
    if (target) target.scrollIntoView?.({ block: 'start' })
    else window.scrollTo?.(0, 0)
    ;(target ?? top.current)?.focus({ preventScroll: true })
  }, [anchor])

  return (
    <div className="reference">
      <h1 ref={top} tabIndex={-1}>
        Language reference
      </h1>
      <p className="ref-intro">
        Every function, transform and piece of syntax of the notebook, for <code>ad</code> cells and Julia cells, each
        with an example you can paste into a cell of that language.
      </p>
      <label className="ref-search">
        Search
        <input
          type="search"
          value={query}
          placeholder="gradient, matrix, loop…"
          onChange={(e) => setQuery(e.target.value)}
        />
      </label>
      <p className="ref-count" role="status">
        {words.length === 0 ? `${entries.length} entries` : `${shown.length} of ${entries.length} entries`}
      </p>
      {anchor && !entries.some((e) => e.anchor === anchor) && (
        <p className="notice">The reference has no entry called “{anchor.slice(0, 60)}”; search for it below.</p>
      )}
      {SECTIONS.map((section, i) => {
        const inSection = shown.filter(section.holds)
        if (inSection.length === 0) return null
        return (
          <section key={section.title} aria-labelledby={`ref-h-${i}`}>
            <h2 id={`ref-h-${i}`}>{section.title}</h2>
            {section.note && <p className="ref-note">{section.note}</p>}
            {inSection.map((e) => (
              <EntryView key={`${e.language} ${e.anchor}`} entry={e} current={e.anchor === anchor} />
            ))}
          </section>
        )
      })}
    </div>
  )
}

function EntryView({ entry: e, current }: { entry: ReferenceEntry; current: boolean }) {
  const language = e.language === 'julia' ? 'Julia' : 'ad'
  return (
    <article
      className="ref-entry"
      data-anchor={e.anchor}
      data-current={current || undefined}
      tabIndex={-1}
      aria-label={`${e.name} (${language})`}
    >
      <h3>
        <a href={`#/reference/${encodeURIComponent(e.anchor)}`}>
          <code>{e.usage}</code>
        </a>{' '}
        <span className="ref-lang">{language}</span>
      </h3>
      <p>{e.summary || 'No description yet.'}</p>
      {e.members && (
        <p className="ref-members">
          Members:{' '}
          {e.members.map((m, i) => (
            <span key={m}>
              {i > 0 && ', '}
              <code>{m}</code>
            </span>
          ))}
        </p>
      )}
      {e.example && (
        <pre className="ref-example" aria-label={`Example (${language} cell)`}>
          <code>{e.example}</code>
        </pre>
      )}
    </article>
  )
}
