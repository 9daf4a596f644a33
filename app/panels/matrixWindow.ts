/**
 * A large matrix a window at a time, for a presentation's slide (MatrixFill draws it): at most
 * SIZE rows and SIZE columns are shown, so the numbers stay large on a projector. The dimension
 * the panel fills (rows in reverse mode, columns in forward mode and for a Hessian) follows the
 * pass being computed, as the graph follows its node; the other dimension is paged by hand, or by
 * the presenter's keys once the panel is complete (windows in `order`).
 */

/** Rows and columns a slide shows at once: a 4 × 4 window keeps numbers at 24 px or more. */
export const SIZE = 4

/** A stretch [start, end) of one dimension, page `page` of `pages`. */
export interface Span {
  start: number
  end: number
  page: number
  pages: number
}

export function pagesOf(length: number, size: number): number {
  return Math.max(1, Math.ceil(length / size))
}

/** Page `page` (clamped) of a dimension of `length` cut into pages of `size`. */
export function spanOf(length: number, size: number, page: number): Span {
  const pages = pagesOf(length, size)
  const p = Math.max(0, Math.min(pages - 1, page))
  return { start: p * size, end: Math.min(length, (p + 1) * size), page: p, pages }
}

/** The page of the line being computed (`current`, 0-based), or `fallback` before the first pass. */
export function followedPage(current: number | null, size: number, fallback: number): number {
  return current === null ? fallback : Math.floor(current / size)
}

/** Which window is shown: the page of the followed dimension and of the other one. */
export interface Window {
  follow: number
  other: number
}

/**
 * Every window in the order the presenter's keys visit them: the other dimension outer, the
 * followed one inner. A panel ends on the last page of the followed dimension, having shown each
 * of its pages while filling it; from there the next windows are the other dimension's pages.
 */
export function order(followPages: number, otherPages: number): Window[] {
  const out: Window[] = []
  for (let other = 0; other < otherPages; other++)
    for (let follow = 0; follow < followPages; follow++) out.push({ follow, other })
  return out
}

/** The window after (step 1) or before (step −1) `w` in `order`, or null at either end. */
export function neighbour(w: Window, followPages: number, otherPages: number, step: 1 | -1): Window | null {
  const all = order(followPages, otherPages)
  const at = all.findIndex((v) => v.follow === w.follow && v.other === w.other)
  return all[at + step] ?? null
}

/** "rows 1–4 of 8" */
export function spanText(what: 'rows' | 'columns', span: Span, length: number): string {
  return span.end - span.start === 1
    ? `${what === 'rows' ? 'row' : 'column'} ${span.start + 1} of ${length}`
    : `${what} ${span.start + 1}–${span.end} of ${length}`
}
