/** The lessons shipped in content/, as raw Markdown, keyed by slug (the file name). */
const files = import.meta.glob('../content/*.md', { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>

export interface Lesson {
  slug: string
  title: string
  text: string
}

export const lessons: Lesson[] = Object.entries(files)
  .map(([path, text]) => ({
    slug: path.replace(/^.*\//, '').replace(/\.md$/, ''),
    title: /^#\s+(.+)$/m.exec(text)?.[1] ?? path,
    text,
  }))
  .sort((a, b) => a.slug.localeCompare(b.slug))
