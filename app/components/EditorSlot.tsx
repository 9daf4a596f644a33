/**
 * Where a cell's editor goes. CodeMirror is about a third of the app's script, so the first
 * paint shows each cell's code as plain text; the editor loads when the learner first points at
 * or focuses a cell (or when the browser is idle), and then replaces the text everywhere. A cell
 * that was focused keeps the focus in its new editor.
 */
import { Suspense, lazy, useEffect, useRef, useState, useSyncExternalStore } from 'react'
import type { CodeEditorProps } from './CodeEditor.tsx'

const CodeEditor = lazy(() => import('./CodeEditor.tsx').then((m) => ({ default: m.CodeEditor })))

let requested = false
const listeners = new Set<() => void>()
function requestEditor(): void {
  if (requested) return
  requested = true
  for (const l of listeners) l()
}
const subscribe = (l: () => void) => (listeners.add(l), () => listeners.delete(l))

// Loading it while nothing else happens makes the first click instant, without delaying the page.
if (typeof window !== 'undefined') {
  const idle = window.requestIdleCallback ?? ((f: () => void) => setTimeout(f, 2500))
  window.addEventListener('load', () => idle(requestEditor, { timeout: 5000 }), { once: true })
}

export function EditorSlot(props: CodeEditorProps) {
  const wanted = useSyncExternalStore(subscribe, () => requested)
  const [focusOnLoad, setFocusOnLoad] = useState(false)
  const box = useRef<HTMLDivElement>(null)
  const fallback = (
    <pre
      className="editor-fallback"
      tabIndex={0}
      role="textbox"
      aria-multiline="true"
      aria-label={props.label}
      onFocus={() => (setFocusOnLoad(true), requestEditor())}
      onPointerDown={requestEditor}
      onPointerEnter={requestEditor}
    >
      {props.value}
    </pre>
  )
  return (
    <div ref={box} className="editor-slot">
      {wanted ? (
        <Suspense fallback={fallback}>
          <CodeEditor {...props} />
          <Loaded
            onLoad={() => {
              if (focusOnLoad) box.current?.querySelector<HTMLElement>('.cm-content')?.focus()
            }}
          />
        </Suspense>
      ) : (
        fallback
      )}
    </div>
  )
}

function Loaded({ onLoad }: { onLoad(): void }) {
  // Once, when the editor has mounted (an effect, so it must not return the callback's value).
  useEffect(() => onLoad(), [])
  return null
}
