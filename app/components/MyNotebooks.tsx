import { useEffect, useState } from 'react'
import { navigate } from '../router.ts'
import { storage } from '../store/persist.ts'
import { useStore } from '../store/store.ts'
import './myNotebooks.css'

const KIND: Record<string, string> = {
  shared: 'shared',
  imported: 'imported',
  copy: 'your edits',
  recovered: 'recovered',
}

/**
 * "My notebooks": the learner's own notebooks (share links, imports, edited copies, recovered
 * work) under the lessons, and set-aside work that could not be loaded, with Recover.
 */
export function MyNotebooks() {
  const notebooks = useStore((s) => s.notebooks)
  const setAsides = useStore((s) => s.setAsides)
  const doc = useStore((s) => s.doc)
  const [deleting, setDeleting] = useState<string | null>(null)
  useEffect(() => useStore.getState().refreshLibrary(), [doc])
  if (notebooks.length === 0 && setAsides.length === 0) return null
  return (
    <nav className="lessons my-notebooks" aria-label="My notebooks">
      <p className="brand">My notebooks</p>
      <ul>
        {notebooks.map((n) => (
          <li key={n.id}>
            <a href={`#/my/${n.id}`} aria-current={doc === `nb:${n.id}` ? 'page' : undefined}>
              {n.title} <small>({KIND[n.kind]})</small>
            </a>
            {deleting === n.id ? (
              <>
                <button
                  type="button"
                  onClick={() => {
                    useStore.getState().deleteNotebook(n.id)
                    setDeleting(null)
                    if (doc === `nb:${n.id}`) navigate('#/')
                  }}
                >
                  Delete for good
                </button>{' '}
                <button type="button" onClick={() => setDeleting(null)}>
                  Keep
                </button>
              </>
            ) : (
              <button type="button" aria-label={`Delete ${n.title}`} onClick={() => setDeleting(n.id)}>
                Delete
              </button>
            )}
          </li>
        ))}
      </ul>
      {setAsides.length > 0 && (
        <>
          <p className="brand">Set-aside work</p>
          <ul>
            {setAsides.map((a) => (
              <li key={a.key}>
                <span>
                  {a.doc.replace(/^lesson:/, '')}, {new Date(a.at).toLocaleString()}
                </span>{' '}
                <button
                  type="button"
                  onClick={() => {
                    const id = useStore.getState().recover(a.key)
                    if (id) navigate(`#/my/${id}`)
                  }}
                >
                  Recover set-aside work
                </button>{' '}
                <button type="button" onClick={() => download(a.key)}>
                  Download
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </nav>
  )
}

/** The raw text of a set-aside record, as a file: nothing is lost even if nothing can be read. */
function download(key: string) {
  const blob = new Blob([storage()?.getItem(key) ?? ''], { type: 'application/json' })
  const a = document.createElement('a')
  a.href = URL.createObjectURL(blob)
  a.download = `${key.replace(/[^A-Za-z0-9-]+/g, '-')}.json`
  a.click()
  setTimeout(() => URL.revokeObjectURL(a.href), 1000)
}
