/**
 * Starting the evaluation worker before the page's own code is even loaded. The worker's script
 * is large (the whole engine) and takes a second or so to load, compile and evaluate on a busy
 * machine; begun by the page's entry, that happens while the page's bundle is fetched and React
 * renders, instead of after (an embed once asked for its worker 4.4 s after opening, and three
 * embeds on a course page took 6–11 s to settle). The first Evaluator adopts this worker, with
 * whatever it said in the meantime; later ones (a cancel, a new notebook) spawn their own.
 *
 * A link to a lesson that does not exist runs nothing (it shows what does exist): no worker.
 */
import { parseRoute } from '../route.ts'

/** A fresh evaluation worker (Vite bundles the script from this exact `new Worker(new URL(...))`). */
export function spawnEvaluator(): Worker {
  return new Worker(new URL('./evaluator.worker.ts', import.meta.url), { type: 'module', name: 'evaluator' })
}

/** A worker started early, with what it posted (or how it failed) before anyone listened. */
export interface EarlyWorker {
  worker: Worker
  messages: MessageEvent[]
  error: ErrorEvent | null
}

let early: EarlyWorker | null = null

/** Starts the worker now, keeping its messages until an Evaluator adopts it; not for an unknown lesson. */
export function startEvaluatorEarly(): void {
  if (early || typeof Worker === 'undefined' || namesNoLesson(window.location.hash)) return
  const held: EarlyWorker = { worker: spawnEvaluator(), messages: [], error: null }
  held.worker.onmessage = (e: MessageEvent) => held.messages.push(e)
  held.worker.onerror = (e: ErrorEvent) => {
    e.preventDefault()
    held.error ??= e
  }
  early = held
}

/** The worker started early, once: the first caller takes it, later callers get null. */
export function adoptEarlyEvaluator(): EarlyWorker | null {
  const taken = early
  early = null
  return taken
}

/** The lessons' slugs from content/'s file names alone: the texts stay out of this small chunk. */
const SLUGS = new Set(
  Object.keys(import.meta.glob('../../content/*.md', { query: '?raw', import: 'default' })).map((f) =>
    f.replace(/^.*\/|\.md$/g, ''),
  ),
)

/** The link names a lesson that does not exist: lessons.ts's unknownLesson, without the lessons' texts. */
export function namesNoLesson(hash: string): boolean {
  const route = parseRoute(hash)
  const { slug } = route
  if (!slug || route.share !== undefined || route.reference !== undefined) return false
  return slug !== 'shared' && !slug.startsWith('my/') && !SLUGS.has(slug)
}
