import { lessons } from '../lessons.ts'
import { solvedCount, useProgress } from '../store/progress.ts'
import { useStore } from '../store/store.ts'

/** The course's contents, in course order, with how many exercises of each lesson are solved. */
export function Toc() {
  const slug = useStore((s) => s.slug)
  const progress = useProgress((s) => s.lessons)
  return (
    <nav className="lessons" aria-label="Lessons">
      <p className="brand">Differentiation notebook</p>
      <ol className="toc">
        {lessons.map((l) => {
          const total = l.exercises.length
          const solved = solvedCount(progress, l.slug, l.exercises)
          const done = total > 0 && solved === total
          return (
            <li key={l.slug}>
              <a href={`#/${l.slug}`} aria-current={l.slug === slug ? 'page' : undefined}>
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
