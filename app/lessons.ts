/** The lessons shipped in content/, as raw Markdown, keyed by slug (the file name), in course order. */
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

/** The order the ideas build on each other; lessons not listed follow, alphabetically. */
export const COURSE = [
  'derivatives',
  'pullbacks',
  'jacobians',
  'sum-trap',
  'seed-session',
  'forward-over-reverse',
  'hvp',
  'backprop',
  'nested-ad',
]

/** Sorts slugs by their place in COURSE, then alphabetically. */
export function courseOrder(a: string, b: string): number {
  const rank = (s: string) => (COURSE.includes(s) ? COURSE.indexOf(s) : COURSE.length)
  return rank(a) - rank(b) || a.localeCompare(b)
}

/**
 * Ids of the exercises in a lesson: fences whose info string is `exercise <id>`. Fences inside
 * other fences (an example in a longer ```` block) are not exercises.
 */
export function exerciseIds(text: string): string[] {
  const ids: string[] = []
  let close: RegExp | null = null
  for (const line of text.split('\n')) {
    if (close) {
      if (close.test(line)) close = null
      continue
    }
    const open = /^ {0,3}(`{3,}|~{3,})\s*(.*)$/.exec(line)
    if (!open) continue
    const fence = open[1]!
    close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`)
    const id = /^exercise\s+([A-Za-z0-9-]+)\s*$/.exec(open[2]!)?.[1]
    if (id) ids.push(id)
  }
  return ids
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
