/**
 * The language reference's way in: a link under the lessons, and the page itself, loaded when
 * first opened (it reads the engine's builtin tables, which the notebook page does not need).
 */
import { Suspense, lazy } from 'react'
import { ErrorBoundary } from './ErrorBoundary.tsx'
import { useView } from '../store/view.ts'
import './reference.css'

const ReferencePage = lazy(() => import('./ReferencePage.tsx'))

export function ReferenceNav() {
  const open = useView((s) => s.reference !== null)
  return (
    <nav className="reference-nav" aria-label="Reference">
      <a href="#/reference" aria-current={open ? 'page' : undefined}>
        Language reference
      </a>
    </nav>
  )
}

export function ReferenceView({ anchor }: { anchor: string }) {
  return (
    <ErrorBoundary what="The language reference">
      <Suspense fallback={<p className="nb-running">Loading the reference…</p>}>
        <ReferencePage anchor={anchor} />
      </Suspense>
    </ErrorBoundary>
  )
}
