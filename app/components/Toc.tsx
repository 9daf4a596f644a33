import { useEffect, useState } from 'react'
import { lessons } from '../lessons.ts'
import { useUnknownLesson } from './Missing.tsx'
import { solvedCount, useProgress } from '../store/progress.ts'
import { useStore } from '../store/store.ts'

/**
 * The course's contents, in course order, with how many exercises of each lesson are solved.
 * On a phone (styles.css) the list is folded behind a "Contents" button, so that the lesson, not
 * the list of lessons, fills the first screen; choosing a lesson folds it again.
 */
export function Toc() {
  // No lesson is the current one while the page says the link names none (Missing.tsx).
  const slug = useStore((s) => s.slug)
  const current = useUnknownLesson() === null ? slug : null
  const progress = useProgress((s) => s.lessons)
  const [open, setOpen] = useState(false)
  useEffect(() => {
    const fold = () => setOpen(false)
    window.addEventListener('hashchange', fold)
    return () => window.removeEventListener('hashchange', fold)
  }, [])
  return (
    <nav className={`lessons${open ? ' toc-open' : ''}`} aria-label="Lessons">
      <div className="toc-head">
        <p className="brand">Differentiation notebook</p>
        <button
          type="button"
          className="toc-toggle"
          aria-expanded={open}
          aria-controls="toc-list"
          onClick={() => setOpen(!open)}
        >
          Contents
        </button>
      </div>
      <ol className="toc" id="toc-list">
        {lessons.map((l) => {
          const total = l.exercises.length
          const solved = solvedCount(progress, l.slug, l.exercises)
          const done = total > 0 && solved === total
          return (
            <li key={l.slug}>
              <a href={`#/${l.slug}`} aria-current={l.slug === current ? 'page' : undefined}>
                <span className="toc-title">{l.title}</span>
                {total > 0 && (
                  <span
                    className={`toc-progress${done ? ' done' : ''}`}
                    role="img"
                    aria-label={`${solved} of ${total} exercises solved`}
                  >
                    <span className="toc-track">
                      <span className="toc-bar" style={{ width: `${(100 * solved) / total}%` }} />
                    </span>
                    <span className="toc-count" aria-hidden="true">
                      {done ? '✓' : ''} {solved}/{total}
                    </span>
                  </span>
                )}
              </a>
            </li>
          )
        })}
      </ol>
    </nav>
  )
}
