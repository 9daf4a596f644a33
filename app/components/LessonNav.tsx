import { lessons } from '../lessons.ts'
import { useStore } from '../store/store.ts'

/** Previous and next lesson, in course order, above and below a lesson. */
export function LessonNav({ where }: { where: 'top' | 'bottom' }) {
  const slug = useStore((s) => s.slug)
  const i = lessons.findIndex((l) => l.slug === slug)
  if (i < 0) return null
  const prev = lessons[i - 1]
  const next = lessons[i + 1]
  if (!prev && !next) return null
  return (
    <nav
      className={`lesson-nav lesson-nav-${where}`}
      aria-label={where === 'top' ? 'Course' : 'Course (end of lesson)'}
    >
      {prev ? (
        <a href={`#/${prev.slug}`} rel="prev">
          <span className="lesson-nav-dir">← Previous</span> {prev.title}
        </a>
      ) : (
        <span />
      )}
      {next && (
        <a href={`#/${next.slug}`} rel="next">
          <span className="lesson-nav-dir">Next →</span> {next.title}
        </a>
      )}
    </nav>
  )
}
