/**
 * A long computation graph a page at a time, for a presentation's slide (GraphView draws it): a
 * page holds at most PAGE operations and the constants they read; an input computed on an earlier
 * page is listed in `incoming`, so the drawing can show where it comes from.
 */
import type { PullbacksNode } from '../../engine/panels/pullbacks.ts'

/**
 * How many operations a slide shows at once: at 8 the drawing is at most 1,150 units wide, so its
 * 12.5-unit labels are at least 19 px on a 1920-pixel projector.
 */
export const PAGE = 8

/** One page of the graph: its operations (with the constants they read) and where it starts. */
export interface GraphPage {
  nodes: PullbacksNode[]
  /** 0-based page number, and how many there are. */
  page: number
  pages: number
  /** 1-based numbers of the first and last operation shown, among all of them. */
  first: number
  last: number
  count: number
  /** Inputs read from an earlier page, as (reader, input) pairs. */
  incoming: { reader: number; input: number }[]
}

/** The page of `size` operations that holds `current` (the first page when none does). */
export function pageNumber(nodes: readonly PullbacksNode[], current: number | null, size: number): number {
  const at = nodes.filter((n) => n.role !== 'constant').findIndex((n) => n.id === current)
  return at < 0 ? 0 : Math.floor(at / size)
}

/** Page `page` of at most `size` operations, with the constants they read. */
export function pageOf(nodes: readonly PullbacksNode[], page: number, size: number): GraphPage {
  const main = nodes.filter((n) => n.role !== 'constant')
  const pages = Math.max(1, Math.ceil(main.length / size))
  const shown = main.slice(page * size, (page + 1) * size)
  const ids = new Set(shown.map((n) => n.id))
  const isConstant = (id: number) => nodes[id]?.role === 'constant'
  const incoming: GraphPage['incoming'] = []
  const kept = shown.map((n) => {
    for (const i of n.inputs) if (!ids.has(i) && !isConstant(i)) incoming.push({ reader: n.id, input: i })
    return { ...n, inputs: n.inputs.filter((i) => ids.has(i) || isConstant(i)) }
  })
  const read = new Set(kept.flatMap((n) => n.inputs.filter(isConstant)))
  return {
    nodes: nodes.filter((n) => read.has(n.id)).concat(kept),
    page,
    pages,
    first: page * size + 1,
    last: page * size + shown.length,
    count: main.length,
    incoming,
  }
}
