/**
 * Applies the URL hash to the page: opens the lesson or shared notebook it names (only when that
 * changed, so switching views keeps the learner's state) and sets the view from its options.
 */
import { useEffect } from 'react'
import { lessons, unknownLesson } from './lessons.ts'
import { parseRoute } from './route.ts'
import { decodeShare } from './store/share.ts'
import { useStore } from './store/store.ts'
import { useView } from './store/view.ts'

/** The share payload that is open now, and its document: a view switch must not reload it. */
let openShare: string | undefined
let openShareDoc: string | undefined

async function applyRoute(hash: string): Promise<void> {
  const route = parseRoute(hash)
  const store = useStore.getState()
  for (const problem of route.problems) store.notify(problem)
  useView.setState({
    mode: route.mode,
    embed: route.embed,
    cell: route.cell,
    panel: route.panel,
    slide: route.slide,
    reference: route.reference ?? null,
  })
  // The reference is a page of its own: the open notebook stays as it is behind it.
  if (route.reference !== undefined) return

  if (route.share !== undefined) {
    if (route.share === openShare && store.doc === openShareDoc) return
    const decoded = await decodeShare(route.share)
    if (decoded.ok) {
      openShare = route.share
      store.openShared(decoded.payload, route.share)
      openShareDoc = useStore.getState().doc
      return
    }
    store.notify(`This share link could not be opened: ${decoded.why}. The lesson is shown instead.`)
  } else if (route.slug.startsWith('my/')) {
    // One of the learner's own notebooks (store/library.ts); gone, it falls back to a lesson.
    if (store.doc === `nb:${route.slug.slice(3)}` || store.openNotebook(route.slug.slice(3))) return
  } else if (route.slug === 'shared') {
    if (store.doc.startsWith('nb:') || store.openLatestShared()) return
    store.notify('No shared notebook is saved in this browser yet; open a share link to keep one here.')
  }

  // An unknown slug: the page says so, with the lessons linked (Missing.tsx), and opens nothing
  // behind the message (it once opened the first lesson, which ran and named the window).
  if (unknownLesson(hash) !== null) return
  const { slug } = route
  const target = lessons.some((l) => l.slug === slug) ? slug : lessons[0]?.slug
  if (target && (store.doc !== `lesson:${target}` || route.share !== undefined)) store.openLesson(target)
}

/** Follows the hash for as long as the app is mounted. */
export function useRouter(): void {
  useEffect(() => {
    const onHash = () => void applyRoute(window.location.hash)
    onHash()
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
}

/** Goes to another view of the same notebook (the hash router does the rest). */
export function navigate(hash: string): void {
  window.location.hash = hash
}
