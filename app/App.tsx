/**
 * The page: the contents and My notebooks beside the open notebook, its toolbar and notices, or
 * the presentation or an embed, chosen by the route; autosave and printing are started here.
 */
import { useEffect } from 'react'
import { Embed } from './components/Embed.tsx'
import { ErrorBoundary } from './components/ErrorBoundary.tsx'
import { Landing, useLanding } from './components/Landing.tsx'
import { LessonNav } from './components/LessonNav.tsx'
import { UnknownLesson, useUnknownLesson } from './components/Missing.tsx'
import { MyNotebooks } from './components/MyNotebooks.tsx'
import { Notebook } from './components/Notebook.tsx'
import { Notices } from './components/Notices.tsx'
import { Presentation } from './components/Presentation.tsx'
import { ReferenceNav, ReferenceView } from './components/ReferenceNav.tsx'
import { RunStatus } from './components/RunStatus.tsx'
import { Toc } from './components/Toc.tsx'
import { Toolbar } from './components/Toolbar.tsx'
import { useRouter } from './router.ts'
import { usePrinting } from './printing.ts'
import { useProgress } from './store/progress.ts'
import { startAutosave } from './store/autosave.ts'
import { useStore } from './store/store.ts'
import { useView } from './store/view.ts'
import './modes.css'
import './print.css'

export function App() {
  const title = useStore((s) => s.title)
  const mode = useView((s) => s.mode)
  const embed = useView((s) => s.embed)
  const reference = useView((s) => s.reference)
  const landing = useLanding()
  const unknown = useUnknownLesson()

  useEffect(() => startAutosave(), [])
  useEffect(() => {
    const aside = useProgress.getState().setAside
    if (!aside) return
    useStore
      .getState()
      .notify(
        aside.blocked
          ? `Your saved exercise progress could not be read because ${aside.why}, and browser storage is too full to copy it aside. It stays under “${aside.key}”, and new progress is not saved over it.`
          : `Your saved exercise progress could not be read because ${aside.why}. It was kept in browser storage under “${aside.key}”, and progress starts afresh.`,
      )
    useProgress.setState({ setAside: null })
  }, [])
  useRouter()
  usePrinting()

  // The landing page has its own title: the lesson opened behind it is not what the tab shows.
  useEffect(() => {
    if (unknown !== null || reference !== null) return // those pages set their own
    if (landing) document.title = 'Differentiation notebook: automatic differentiation, by running it'
    else if (title) document.title = `${title} · Differentiation notebook`
  }, [title, landing, unknown, reference])

  // The mode is an attribute of <html>, so that a mode's styles (reader: no code; presentation:
  // bigger rem) reach everything, panels included.
  useEffect(() => {
    const root = document.documentElement
    root.dataset.mode = mode
    if (embed) root.dataset.embed = ''
    else delete root.dataset.embed
  }, [mode, embed])

  if (embed) return <Embed />
  if (mode === 'present') return <Presentation />
  return (
    <div className="layout">
      {/* Not a hash link: the hash names the lesson. */}
      <a
        className="skip-link"
        href="#notebook"
        onClick={(e) => {
          e.preventDefault()
          document.getElementById('notebook')?.focus()
        }}
      >
        Skip to the notebook
      </a>
      <div className="side">
        <Toc />
        <MyNotebooks />
        <ReferenceNav />
      </div>
      <main id="notebook" tabIndex={-1}>
        {reference !== null ? (
          <ReferenceView anchor={reference} />
        ) : unknown !== null ? (
          <UnknownLesson slug={unknown} />
        ) : landing ? (
          <Landing />
        ) : (
          <>
            <Toolbar />
            <Notices />
            <RunStatus />
            <LessonNav where="top" />
            <ErrorBoundary what="The notebook">
              <Notebook />
            </ErrorBoundary>
            <LessonNav where="bottom" />
          </>
        )}
      </main>
    </div>
  )
}
