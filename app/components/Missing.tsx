/**
 * What a link names that does not exist: a lesson, a cell or a panel. Each message says what
 * was asked for and links to what exists instead, so that a course author who mistyped a slug
 * or counted panels from 0 sees the right link at once (an unknown slug once showed another
 * lesson, and `panel=0` the whole lesson, with no word of it).
 */
import { useEffect, useSyncExternalStore } from 'react'
import type { ReactNode } from 'react'
import { lessons, unknownLesson } from '../lessons.ts'
import type { EditableCell } from '../store/cells.ts'

const onHash = (change: () => void) => {
  window.addEventListener('hashchange', change)
  return () => window.removeEventListener('hashchange', change)
}

/** The slug of a lesson the URL names that does not exist, or null. */
export function useUnknownLesson(): string | null {
  return useSyncExternalStore(onHash, () => unknownLesson(window.location.hash))
}

const quote = (s: string) => `“${s.slice(0, 60)}”`

function Message({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="missing" role="alert" aria-label={title}>
      <p className="notice">{title}</p>
      {children}
    </section>
  )
}

/** An unknown slug: the lessons that exist, each linked (in an embed, as an embed). */
export function UnknownLesson({ slug }: { slug: string }) {
  // The window says so too, not the name of a lesson opened before (given back on leaving).
  useEffect(() => {
    const before = document.title
    document.title = `No lesson ${quote(slug)} · Differentiation notebook`
    return () => void (document.title = before)
  }, [slug])
  return (
    <Message title={`There is no lesson called ${quote(slug)}.`}>
      <p>The lessons are:</p>
      <ul className="missing-list">
        {lessons.map((l) => (
          <li key={l.slug}>
            <a href={`#/${encodeURIComponent(l.slug)}`}>{l.title}</a> <code>{l.slug}</code>
          </li>
        ))}
      </ul>
    </Message>
  )
}

/** A line of a cell's code, shortened: what an author recognises it by (a panel's call is its last). */
const lineOf = (source: string, last = false) => {
  const lines = source.split('\n').filter((l) => l.trim() !== '')
  const line = (last ? lines.at(-1) : lines[0]) ?? ''
  return line.length > 60 ? `${line.slice(0, 59)}…` : line
}

/** An unknown `cell=`: the lesson's code cells, by name where they have one, else by number. */
export function MissingCell({ slug, cell, cells }: { slug: string; cell: string; cells: readonly EditableCell[] }) {
  const code = cells.filter((c) => c.kind === 'code')
  return (
    <Message title={`This lesson has no cell called ${quote(cell)}.`}>
      <p>
        A cell is named by its <code>id=</code> name or its number among the code cells, from 1 to {code.length}. Its
        cells:
      </p>
      <ul className="missing-list">
        {code.map((c, i) => {
          const name = c.flags.find((f) => f.startsWith('id='))?.slice(3)
          const ref = name ?? String(i + 1)
          return (
            <li key={c.id}>
              <a href={`#/${encodeURIComponent(slug)}?cell=${encodeURIComponent(ref)}`}>
                Cell {i + 1}
                {name ? ` (${name})` : ''}
              </a>{' '}
              <code>{lineOf(c.source)}</code>
            </li>
          )
        })}
      </ul>
    </Message>
  )
}

/** An unknown `panel=`: the lesson's panels, each linked with the code that makes it. */
export function MissingPanel({
  slug,
  panel,
  panels,
}: {
  slug: string
  panel: number
  panels: readonly EditableCell[]
}) {
  const count = `This lesson has ${panels.length} panel${panels.length === 1 ? '' : 's'}`
  return (
    <Message
      title={
        panel < 1
          ? `There is no panel ${panel}: panels are counted from 1. ${count}.`
          : `${count}, so there is no panel ${panel}.`
      }
    >
      {panels.length ? (
        <ul className="missing-list">
          {panels.map((c, i) => (
            <li key={c.id}>
              <a href={`#/${encodeURIComponent(slug)}?panel=${i + 1}`}>Panel {i + 1}</a>{' '}
              <code>{lineOf(c.source, true)}</code>
            </li>
          ))}
        </ul>
      ) : null}
    </Message>
  )
}
