/**
 * NumPy's and JAX's subscripts in a Python cell: x[i, 1:3] is the tree's index node (0-based,
 * negatives from the end); an index holding None (a new axis) or ... , and JAX's functional
 * update x.at[i].set(v), are calls of the Python overlay's internal functions (python/indexing.ts),
 * with each piece of the index passed as a value: None, Ellipsis, or slice(start, stop, step).
 */
import type { Expr, Keyword, Name, Range } from '../../syntax/tree.ts'
import type { Cell, LezerNode } from './context.ts'
import { allKids, commaGroups, unsupported } from './context.ts'
import { lowerExpr } from './lower.ts'

/** A call of one of the Python overlay's internal functions (names a learner cannot type). */
export function internalCall(callee: string, args: Expr[], pos: Expr['pos']): Expr {
  const name: Name = { kind: 'name', name: callee, dialect: 'python', pos }
  return { kind: 'call', callee: name, args, keywords: [], broadcast: false, dialect: 'python', pos }
}

export const NONE = (pos: Expr['pos']): Expr => ({ kind: 'block', body: [], scope: 'shared', pos })

/** One piece of an index as a value: None, Ellipsis, slice(start, stop, step), or the index itself. */
export function pieceValue(cell: Cell, piece: readonly LezerNode[], whole: LezerNode): Expr {
  const only = piece[0]
  if (piece.length === 1 && only!.name === 'Ellipsis') return internalCall('·ellipsis', [], cell.at(only!))
  if (!piece.some((p) => p.name === ':')) return indexPiece(cell, piece, whole)
  const slice = indexPiece(cell, piece, whole) as Range
  const part = (e: Expr | null) => e ?? NONE(slice.pos)
  return internalCall('·slice', [part(slice.start), part(slice.stop), part(slice.step)], slice.pos)
}

/** JAX's updates x.at[i].set(v) and the like, as python/indexing.ts's AT. */
const AT_UPDATES = ['set', 'add', 'subtract', 'mul', 'multiply', 'divide', 'power', 'min', 'max', 'get']

/** `x.at[pieces].how(v)`: the callee's nodes, or null when the call is something else. */
function atUpdate(cell: Cell, callee: LezerNode): { x: LezerNode; pieces: LezerNode[][]; how: string } | null {
  const [indexed, dot, method] = allKids(callee)
  if (callee.name !== 'MemberExpression' || dot?.name !== '.' || indexed?.name !== 'MemberExpression') return null
  const inner = allKids(indexed)
  if (inner[1]?.name !== '[' || inner[0]?.name !== 'MemberExpression') return null
  const [x, dot2, at] = allKids(inner[0])
  if (dot2?.name !== '.' || at === undefined || cell.text(at) !== 'at') return null
  return { x: x!, pieces: commaGroups(inner.slice(2, inner.length - 1)), how: cell.text(method!) }
}

export function indexPiece(cell: Cell, piece: readonly LezerNode[], whole: LezerNode): Expr {
  if (!piece.some((p) => p.name === ':')) {
    const only = piece[0]
    if (only === undefined) return unsupported(cell, whole, 'an empty index: write an index or a slice, x[0] or x[1:3]')
    if (only.name === 'None') return NONE(cell.at(only))
    return lowerExpr(cell, only)
  }
  // start:stop:step, any part left out.
  const parts: (LezerNode | null)[] = [null]
  for (const p of piece) {
    if (p.name === ':') parts.push(null)
    else parts[parts.length - 1] = p
  }
  const at = (i: number) => (parts[i] ? lowerExpr(cell, parts[i]!) : null)
  const from = piece[0]!
  const to = piece[piece.length - 1]!
  const slice: Range = {
    kind: 'range',
    start: at(0),
    stop: at(1),
    step: at(2),
    inclusive: false,
    pos: cell.pos(from.from, to.to),
  }
  return slice
}

/** `x.at[i].how(v)` lowered as ·at("how", x, v, pieces...); null when the call is something else. */
export function atCall(
  cell: Cell,
  node: LezerNode,
  calleeNode: LezerNode,
  args: Expr[],
  keywords: readonly Keyword[],
): Expr | null {
  const at = atUpdate(cell, calleeNode)
  if (at === null) return null
  // JAX's hints about the indices change nothing here; an out-of-bounds mode would change the answer.
  const other = keywords.find((k) => k.name !== 'indices_are_sorted' && k.name !== 'unique_indices')
  if (other !== undefined)
    return unsupported(
      cell,
      node,
      `x.at[i].${at.how}(..., ${other.name}=...) is not supported here: indices must be in bounds (an index out of range is an error), so leave ${other.name} out`,
    )
  if (!AT_UPDATES.includes(at.how))
    return unsupported(
      cell,
      calleeNode,
      `x.at[i].${at.how} is not supported: JAX's updates here are .set, .add, .subtract, .multiply (.mul), .divide, .power, .min, .max (each with the value, as .set(v)) and .get()`,
    )
  const pos = cell.at(node)
  const how: Expr = { kind: 'string', value: at.how === 'multiply' ? 'mul' : at.how, pos }
  const pieces = at.pieces.map((p) => pieceValue(cell, p, calleeNode))
  return internalCall('·at', [how, lowerExpr(cell, at.x), args[0] ?? NONE(pos), ...pieces], pos)
}
