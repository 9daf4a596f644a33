/**
 * Where a cell's editor goes. CodeMirror is about a third of the app's script, so the first
 * paint shows each cell's code as plain text; the editor loads when the learner first points at
 * or focuses a cell (or when the browser is idle), and then replaces the text cell by cell. A
 * cell that has the focus keeps it in its new editor.
 *
 * Creating an editor costs 20-30 ms, so replacing fifteen at once would freeze the page for
 * hundreds of milliseconds. Instead a queue mounts one editor per task, yielding in between:
 * the cell the learner is using first, then the cells on screen, then the rest in page order.
 */
import { useEffect, useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import type { CodeEditor as CodeEditorType, CodeEditorProps } from './CodeEditor.tsx'

let Editor: typeof CodeEditorType | null = null
let loading: Promise<void> | null = null
let requested = false

interface Waiting {
  element: HTMLElement
  /** On screen (or nearly): mounted before those further down. */
  visible: boolean
  /** Pointed at or focused: mounted next. */
  urgent: boolean
  mount(): void
}

const waiting = new Set<Waiting>()
let pumping = false

/** Runs f in a new task, after the browser has had a chance to handle input and paint. */
const nextTask = (f: () => void) => setTimeout(f, 0)

/** The next slot to mount: the one in use, then the first on screen, then the first in the page. */
function next(): Waiting | undefined {
  let best: Waiting | undefined
  const rank = (w: Waiting) => (w.urgent ? 0 : w.visible ? 1 : 2)
  for (const w of waiting) {
    if (
      !best ||
      rank(w) < rank(best) ||
      (rank(w) === rank(best) && best.element.compareDocumentPosition(w.element) & Node.DOCUMENT_POSITION_PRECEDING)
    )
      best = w
  }
  return best
}

function pump(): void {
  if (pumping || !requested || waiting.size === 0) return
  pumping = true
  loading ??= import('./CodeEditor.tsx').then((m) => void (Editor = m.CodeEditor))
  void loading.then(() =>
    nextTask(function step() {
      const w = next()
      if (!w) {
        pumping = false
        return
      }
      waiting.delete(w)
      w.mount()
      if (waiting.size > 0) nextTask(step)
      else pumping = false
    }),
  )
}

/** Starts loading the editor and replacing the plain text; urgent names the slot in use. */
function requestEditor(urgent?: Waiting): void {
  requested = true
  if (urgent) urgent.urgent = true
  pump()
}

let idlePreload = true
/**
 * Embeds load the editor only when a learner uses it: the embeds on a course page share one
 * thread, and one's idle-time load (half a second of CodeMirror) would hold up the others.
 */
export function loadEditorOnlyWhenUsed(): void {
  idlePreload = false
}

// Loading it while nothing else happens makes the first click instant, without delaying the page.
if (typeof window !== 'undefined') {
  const idle = window.requestIdleCallback ?? ((f: () => void) => setTimeout(f, 2500))
  const start = () => idle(() => idlePreload && requestEditor(), { timeout: 5000 })
  // This module may run after the load event: its imports wait for KaTeX and markdown-it.
  if (document.readyState === 'complete') start()
  else window.addEventListener('load', start, { once: true })
}

let observer: IntersectionObserver | null = null
const observed = new Map<Element, Waiting>()

function observe(w: Waiting): () => void {
  if (typeof IntersectionObserver === 'undefined') return () => {}
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        const found = observed.get(e.target)
        if (found) found.visible = e.isIntersecting
      }
    },
    { rootMargin: '200px 0px' },
  )
  observed.set(w.element, w)
  observer.observe(w.element)
  return () => {
    observed.delete(w.element)
    observer?.unobserve(w.element)
  }
}

/**
 * Once the editor has loaded, one slot per task may show it straight away: a cell the learner
 * just added (or the presentation's scratch cell) gets its editor at once, while a whole lesson
 * arriving still goes through the queue.
 */
let immediateTaken = false
function takeImmediate(): boolean {
  if (!Editor || immediateTaken) return false
  immediateTaken = true
  setTimeout(() => (immediateTaken = false), 0)
  return true
}

export function EditorSlot(props: CodeEditorProps) {
  const [mounted, setMounted] = useState(takeImmediate)
  const box = useRef<HTMLDivElement>(null)
  const entry = useRef<Waiting | null>(null)

  useEffect(() => {
    if (mounted) return
    const w: Waiting = {
      element: box.current!,
      visible: false,
      urgent: false,
      mount() {
        const focused = box.current?.contains(document.activeElement) ?? false
        // Rendered right here, in the queue's task, so that each editor costs one task of its own.
        flushSync(() => setMounted(true))
        if (focused) box.current?.querySelector<HTMLElement>('.cm-content')?.focus()
      },
    }
    entry.current = w
    waiting.add(w)
    const unobserve = observe(w)
    pump()
    return () => {
      waiting.delete(w)
      unobserve()
      entry.current = null
    }
  }, [])

  const use = () => requestEditor(entry.current ?? undefined)
  return (
    <div ref={box} className="editor-slot">
      {mounted && Editor ? (
        <Editor {...props} />
      ) : (
        <pre
          className="editor-fallback"
          tabIndex={0}
          role="textbox"
          aria-multiline="true"
          aria-label={props.label}
          onFocus={use}
          onPointerDown={use}
          onPointerEnter={use}
        >
          {props.value}
        </pre>
      )}
    </div>
  )
}
