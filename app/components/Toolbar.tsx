import { useEffect, useRef, useState } from 'react'
import { withOptions } from '../route.ts'
import { navigate } from '../router.ts'
import { encodeShare, MAX_LINK_CHARS } from '../store/share.ts'
import { useStore } from '../store/store.ts'
import type { Mode } from '../store/view.ts'
import { useView } from '../store/view.ts'
import { ToolbarLanguageSwitch } from './LanguageSwitch.tsx'

const VIEWS: [Mode, string][] = [
  ['learner', 'Notebook'],
  ['reader', 'Reader'],
  ['present', 'Present'],
]

/** Notebook-wide actions (run all, undo, redo, export, import, share, reset) and the choice of view. */
export function Toolbar() {
  const mode = useView((s) => s.mode)
  return (
    <header className="toolbar">
      <div className="views" role="group" aria-label="View">
        {VIEWS.map(([m, name]) => (
          <button
            key={m}
            type="button"
            aria-pressed={m === mode}
            onClick={() => navigate(withOptions(location.hash, { mode: m === 'learner' ? null : m, slide: null }))}
          >
            {name}
          </button>
        ))}
      </div>
      <ToolbarLanguageSwitch />
      {/* The reader's view has nothing to edit. */}
      {mode === 'learner' && <Actions />}
    </header>
  )
}

/**
 * Ctrl+Z undoes a structural edit, Ctrl+Shift+Z or Ctrl+Y redoes it (⌘ on a Mac). Inside an
 * editor or a field the keys belong to the text being typed, so they are left alone there.
 */
export function undoKeys(e: KeyboardEvent): void {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return
  const target = e.target as HTMLElement | null
  if (target?.closest?.('input, textarea, select, [contenteditable="true"], .cm-editor')) return
  const key = e.key.toLowerCase()
  const { undo, redo } = useStore.getState()
  if (key === 'z' && !e.shiftKey) undo()
  else if ((key === 'z' && e.shiftKey) || (key === 'y' && !e.shiftKey)) redo()
  else return
  e.preventDefault()
}

function Actions() {
  const slug = useStore((s) => s.slug)
  const canUndo = useStore((s) => s.undoStack.length > 0)
  const canRedo = useStore((s) => s.redoStack.length > 0)
  const { run, undo, redo, exportMarkdown, importMarkdown, resetToOriginal, notify } = useStore.getState()
  const file = useRef<HTMLInputElement>(null)
  const [link, setLink] = useState('')
  const [more, setMore] = useState(false)
  useEffect(() => {
    window.addEventListener('keydown', undoKeys)
    return () => window.removeEventListener('keydown', undoKeys)
  }, [])

  const download = () => {
    const blob = new Blob([exportMarkdown()], { type: 'text/markdown' })
    const a = document.createElement('a')
    a.href = URL.createObjectURL(blob)
    a.download = `${slug && !slug.startsWith('my/') ? slug : 'notebook'}.md`
    a.click()
    setTimeout(() => URL.revokeObjectURL(a.href), 1000)
  }

  const onImport = async (f: File | undefined) => {
    if (!f) return
    if (f.size > 1_000_000) {
      notify(`${f.name} is too large to be a notebook (${Math.round(f.size / 1024)} KB; at most 1000 KB).`)
      return
    }
    let text: string
    try {
      text = await f.text()
    } catch (err) {
      notify(`${f.name} could not be read (${err instanceof Error ? err.message : String(err)}); nothing was imported.`)
      return
    }
    const id = importMarkdown(text, f.name)
    if (file.current) file.current.value = ''
    // The imported notebook's own address, so that a reload opens it again.
    if (id) navigate(`#/my/${id}`)
  }

  const share = async () => {
    const s = useStore.getState()
    const payload = await encodeShare({ v: 1, md: exportMarkdown(), sliders: s.sliders })
    const route = s.slug.startsWith('my/') ? 'shared' : encodeURIComponent(s.slug)
    const url = `${window.location.href.replace(/#.*$/, '')}#/${route}?nb=${payload}`
    if (payload.length > MAX_LINK_CHARS) {
      notify('This notebook is too large for a link. Export it as a file instead.')
      return
    }
    setLink(url)
    try {
      await navigator.clipboard.writeText(url)
      notify('Share link copied to the clipboard.', { info: true })
    } catch {
      notify('Share link ready below; copy it from the field.', { info: true })
    }
  }

  return (
    <>
      <div className={`actions${more ? ' more-open' : ''}`} role="toolbar" aria-label="Notebook">
        <button type="button" onClick={() => run()}>
          Run all
        </button>
        <button type="button" onClick={undo} disabled={!canUndo}>
          Undo
        </button>
        <button type="button" onClick={redo} disabled={!canRedo}>
          Redo
        </button>
        {/* On a phone the rarer actions fold behind More, so the toolbar is two rows, not four. */}
        <button
          type="button"
          className="more-toggle"
          aria-expanded={more}
          aria-controls="more-actions"
          onClick={() => setMore(!more)}
        >
          More
        </button>
        <span className="more-actions" id="more-actions">
          <button type="button" onClick={download}>
            Export .md
          </button>
          <button type="button" onClick={() => file.current?.click()}>
            Import .md
          </button>
          <input
            ref={file}
            type="file"
            accept=".md,text/markdown,text/plain"
            hidden
            aria-hidden="true"
            onChange={(e) => void onImport(e.target.files?.[0])}
          />
          <button type="button" onClick={() => void share()}>
            Share link
          </button>
          <button type="button" onClick={() => void resetToOriginal()}>
            Reset to original
          </button>
        </span>
      </div>
      {link && (
        <label className="share-link">
          Link to this notebook
          <input readOnly value={link} onFocus={(e) => e.target.select()} />
        </label>
      )}
    </>
  )
}
