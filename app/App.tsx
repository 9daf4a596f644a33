import { useEffect, useMemo, useState } from 'react'
import { parseNotebook, runNotebook, toText } from '../engine/lang/index.ts'
import { lessons } from './lessons.ts'

/** The lesson named in the URL hash (#/<slug>), or the first one. */
function useSlug(): string {
  const read = () => window.location.hash.replace(/^#\/?/, '') || lessons[0]?.slug || ''
  const [slug, setSlug] = useState(read)
  useEffect(() => {
    const onHash = () => setSlug(read())
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  })
  return slug
}

export function App() {
  const slug = useSlug()
  const lesson = lessons.find((l) => l.slug === slug)
  return (
    <div className="layout">
      <nav aria-label="Lessons">
        <h1>Differentiation notebook</h1>
        <ul>
          {lessons.map((l) => (
            <li key={l.slug}>
              <a href={`#/${l.slug}`} aria-current={l.slug === slug ? 'page' : undefined}>
                {l.title}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main>{lesson ? <NotebookView text={lesson.text} /> : <p role="alert">No lesson is called “{slug}”.</p>}</main>
    </div>
  )
}

function NotebookView({ text }: { text: string }) {
  const results = useMemo(() => runNotebook(parseNotebook(text)), [text])
  const nb = useMemo(() => parseNotebook(text), [text])
  let code = 0
  return (
    <article>
      {nb.cells.map((cell, i) => {
        if (cell.kind === 'prose')
          return (
            <pre key={i} className="prose">
              {cell.text}
            </pre>
          )
        const { result } = results[code++]!
        return (
          <section key={i} className="cell">
            <pre className="source">{cell.source}</pre>
            {result.ok ? (
              <pre className="output">{toText(result.value)}</pre>
            ) : (
              <pre className="error" role="status">
                {result.error}
              </pre>
            )}
          </section>
        )
      })}
    </article>
  )
}
