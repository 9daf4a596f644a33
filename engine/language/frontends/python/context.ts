/**
 * What the Python lowering shares: the cell's source with exact positions (the Julia
 * front-end's Cell), the children of a Lezer node that carry meaning, and the node for a
 * construct the notebook's Python does not run, which fails where (and only if) it runs.
 */
import type { Expr } from '../../syntax/tree.ts'
import type { LezerNode } from '../julia/context.ts'
import { Cell } from '../julia/context.ts'

export { Cell }
export type { LezerNode }

const NOISE = new Set(['Comment', '(', ')', '[', ']', '{', '}', ',', ';'])

/** The children of a node that carry meaning, in source order. */
export function kids(node: LezerNode): LezerNode[] {
  const out: LezerNode[] = []
  for (let c = node.firstChild; c !== null; c = c.nextSibling) if (!NOISE.has(c.name)) out.push(c)
  return out
}

/** Every child, punctuation included (slices and argument lists read their commas and colons). */
export function allKids(node: LezerNode): LezerNode[] {
  const out: LezerNode[] = []
  for (let c = node.firstChild; c !== null; c = c.nextSibling) if (c.name !== 'Comment') out.push(c)
  return out
}

/** Children split at each comma: `a, b = 1, 2` has two groups on each side. */
export function commaGroups(nodes: readonly LezerNode[]): LezerNode[][] {
  const groups: LezerNode[][] = [[]]
  for (const n of nodes) {
    if (n.name === ',') groups.push([])
    else groups[groups.length - 1]!.push(n)
  }
  return groups.filter((g, i) => g.length > 0 || i < groups.length - 1)
}

/**
 * A construct recognised but not run: evaluating it raises `message`, which names the construct,
 * says where it is, and says what to write instead.
 */
export function unsupported(cell: Cell, node: LezerNode, message: string): Expr {
  const text = cell.text(node)
  const shown = text.length > 40 ? `${text.slice(0, 37)}...` : text
  return {
    kind: 'unsupported',
    message: `${message} (\`${shown.split('\n')[0]}\` at ${cell.where(node)})`,
    text,
    literal: false,
    pos: cell.at(node),
  }
}
