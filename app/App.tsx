import { useEffect } from 'react'
import { ErrorBoundary } from './components/ErrorBoundary.tsx'
import { Notebook } from './components/Notebook.tsx'
import { Notices } from './components/Notices.tsx'
import { RunStatus } from './components/RunStatus.tsx'
import { Toolbar } from './components/Toolbar.tsx'
import { lessons } from './lessons.ts'
import { decodeShare, parseHash } from './store/share.ts'
import { startAutosave, useStore } from './store/store.ts'

/** Opens what the URL hash names: #/<slug> for a lesson, #/<slug>?nb=... for a shared notebook. */
async function route(): Promise<void> {
  const { slug, share } = parseHash(window.location.hash)
  const store = useStore.getState()
  if (share !== undefined) {
    const decoded = await decodeShare(share)
    if (decoded.ok) {
      store.openShared(decoded.payload)
      return
    }
    store.notify(`This share link could not be opened: ${decoded.why}. The lesson is shown instead.`)
  }
  const target = lessons.some((l) => l.slug === slug) ? slug : lessons[0]?.slug
  if (slug && slug !== target && slug !== 'shared') store.notify(`There is no lesson called “${slug}”.`)
  if (target && (store.doc !== `lesson:${target}` || share !== undefined)) store.openLesson(target)
}

export function App() {
  const slug = useStore((s) => s.slug)
  const title = useStore((s) => s.title)

  useEffect(() => {
    const stop = startAutosave()
    void route()
    const onHash = () => void route()
    window.addEventListener('hashchange', onHash)
    return () => {
      stop()
      window.removeEventListener('hashchange', onHash)
    }
  }, [])

  useEffect(() => {
    if (title) document.title = `${title} · Differentiation notebook`
  }, [title])

  return (
    <div className="layout">
      <a className="skip-link" href="#notebook">
        Skip to the notebook
      </a>
      <nav className="lessons" aria-label="Lessons">
        <p className="brand">Differentiation notebook</p>
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
      <main id="notebook" tabIndex={-1}>
        <Toolbar />
        <Notices />
        <RunStatus />
        <ErrorBoundary what="The notebook">
          <Notebook />
        </ErrorBoundary>
      </main>
    </div>
  )
}
