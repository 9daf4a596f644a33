/** The lessons shipped in content/, as raw Markdown, keyed by slug (the file name), in course order. */
import { exerciseCells, parseNotebook } from '../engine/notebook/notebookFile.ts'
import { parseRoute } from './route.ts'

const files = import.meta.glob('../content/*.md', { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>

export interface Lesson {
  slug: string
  title: string
  text: string
  /** The ids of its exercises (```exercise <id> fences), for the progress shown in the contents. */
  exercises: string[]
}

/**
 * The order the ideas build on each other; lessons not listed follow, alphabetically. The seed's
 * session opens the course as its question; backprop needs only pullbacks and Jacobians, and
 * answers the thread's second question, so it comes right after them; writing derivative rules
 * needs pullbacks and forward over reverse; pasting the thread's own code closes the course.
 * Slugs are the deep links (`#/<slug>`): reordering never renames them.
 */
export const COURSE = [
  'seed-session',
  'derivatives',
  'pullbacks',
  'jacobians',
  'backprop',
  'sum-trap',
  'forward-over-reverse',
  'hvp',
  'nested-ad',
  'write-your-own-rule',
  'paste-the-thread',
]

/** Sorts slugs by their place in COURSE, then alphabetically. */
export function courseOrder(a: string, b: string): number {
  const rank = (s: string) => (COURSE.includes(s) ? COURSE.indexOf(s) : COURSE.length)
  return rank(a) - rank(b) || a.localeCompare(b)
}

/**
 * Ids of the exercises in a lesson: its `exercise <id>` cells, as the engine's notebook-file parser
 * reads them (the page shows the same cells), so fences inside other fences are not exercises.
 */
export function exerciseIds(text: string): string[] {
  return exerciseCells(parseNotebook(text))
    .map((c) => c.id)
    .filter((id) => id !== '')
}

export const lessons: Lesson[] = Object.entries(files)
  .map(([path, text]) => ({
    slug: path.replace(/^.*\//, '').replace(/\.md$/, ''),
    // Titles are plain text (contents, window title): `$Hv$` reads as Hv.
    title: (/^#\s+(.+)$/m.exec(text)?.[1] ?? path).replace(/\$([^$]+)\$/g, '$1'),
    text,
    exercises: exerciseIds(text),
  }))
  .sort((a, b) => courseOrder(a.slug, b.slug))

/**
 * The lesson a link names that does not exist, or null: `#/<slug>` with a slug no lesson has
 * (the learner's own notebooks, shared links and the reference have routes of their own).
 */
export function unknownLesson(hash: string): string | null {
  const route = parseRoute(hash)
  const { slug } = route
  if (!slug || route.share !== undefined || route.reference !== undefined) return null
  if (slug === 'shared' || slug.startsWith('my/') || lessons.some((l) => l.slug === slug)) return null
  return slug
}
