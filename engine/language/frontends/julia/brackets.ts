/**
 * Square brackets in Julia: `[a, b]` (a vector), `[a b; c d]` and newline-separated rows (a
 * concatenation), `[e for x in xs if c]` (a comprehension), `x[i, j]` (indexing from 1, with
 * `end` and `begin`), and `Float64[...]` (a typed literal, the type dropped).
 *
 * Julia's whitespace rule inside brackets, which the editor grammar does not follow: a `+` or
 * `-` with a space before it and none after it starts a new entry, so `[1 -2]` is a 1×2 row
 * while `[1 - 2]` and `[1-2]` are the number -1. Such an entry is split at that sign and each
 * part parsed again on its own (with the rest of the cell blanked, so positions stay exact).
 * Two more rows the grammar gets wrong are mended the same way: a spaced operator read as an
 * entry of its own (`[a * b c]`), and a comment ending a row (`[1 2 # c` then `3 4]`).
 */
import { NodeType, Tree } from '@lezer/common'
import type { Comprehension, Expr } from '../../syntax/tree.ts'
import type { Cell, LezerNode } from './context.ts'
import { kids } from './context.ts'
import { lowerExpr } from './lower.ts'
import { juliaParser } from './parser.ts'
import { forTarget } from './blocks.ts'

export function bracketExpression(cell: Cell, node: LezerNode): Expr {
  const pos = cell.at(node)
  switch (node.name) {
    case 'VectorExpression': {
      const items = kids(node)
      if (items.length === 1) {
        const entries = splitEntries(cell, items[0]!)
        if (entries.length > 1) return { kind: 'concat', rows: [entries.map((e) => lowerExpr(cell, e))], pos }
      } else items.forEach((item) => noSplit(cell, item, 'entries separated by commas'))
      return { kind: 'array', items: items.map((i) => lowerExpr(cell, i)), pos, dialect: 'julia' }
    }
    case 'MatrixExpression':
      higherDimensions(cell, node)
      return {
        kind: 'concat',
        rows: kids(node)
          .flatMap((row) => rowsOf(cell, kids(row)))
          .map((row) =>
            joinOperators(cell, row)
              .flatMap((e) => splitEntries(cell, e))
              .map((e) => lowerExpr(cell, e)),
          ),
        pos,
      }
    case 'ComprehensionExpression':
      return comprehension(cell, kids(node)[0]!)
    case 'Generator':
      return comprehension(cell, node)
  }
  return indexExpression(cell, node)
}

/**
 * A row's entries, split where a line ends between two of them: the grammar keeps `[1 2 # c`
 * and the next line in one row when a comment ends the line, but a new line is a new row.
 */
function rowsOf(cell: Cell, entries: LezerNode[]): LezerNode[][] {
  const rows: LezerNode[][] = [[]]
  entries.forEach((e, i) => {
    if (i > 0 && cell.source.slice(entries[i - 1]!.to, e.from).includes('\n')) rows.push([])
    rows[rows.length - 1]!.push(e)
  })
  return rows
}

/**
 * `[a * b c]`: the grammar may read a spaced operator in a row as an entry of its own (the
 * operator as a value: a, *, b, c), where Julia reads one entry a * b. An operator between two
 * entries joins them (and any further `op entry` after them) into one entry, parsed again.
 */
function joinOperators(cell: Cell, entries: LezerNode[]): LezerNode[] {
  const out: LezerNode[] = []
  for (let i = 0; i < entries.length;) {
    let j = i
    while (entries[j + 1]?.name === 'Operator' && j + 2 < entries.length) j += 2
    if (j === i) out.push(entries[i]!)
    else out.push(...reparse(cell, entries[i]!.from, entries[j]!.to))
    i = j + 1
  }
  return out
}

/** `[a;; b]` concatenates along further dimensions (Julia 1.7): not supported, and not a matrix. */
function higherDimensions(cell: Cell, node: LezerNode): void {
  let from = node.from + 1
  for (const row of [...kids(node), { from: node.to - 1, to: node.to }]) {
    const gap = cell.source.slice(from, row.from).replace(/#[^\n]*/g, '')
    const at = gap.search(/;[ \t]*;/)
    if (at >= 0)
      throw cell.error(
        { from: from + at },
        ';; inside [ ] (joining along further dimensions) is not supported here: write [a b] to put blocks side by side, [a; b] to stack them',
      )
    from = row.to
  }
}

/** Element types written before a literal, `Float64[1, 2]`, say nothing about the values here. */
const TYPES = new Set(['Float64', 'Float32', 'Int', 'Int64', 'Int32', 'Real', 'Number', 'Any', 'Bool'])

function indexExpression(cell: Cell, node: LezerNode): Expr {
  const [objectNode, bracket] = kids(node)
  if (objectNode!.name === 'Identifier' && TYPES.has(cell.text(objectNode!))) return bracketExpression(cell, bracket!)
  if (bracket!.name === 'MatrixExpression')
    throw cell.error(
      bracket!,
      `${cell.text(node)}: indices are separated by commas, x[i, j]; inside brackets a space separates entries of a matrix`,
    )
  const items = bracket!.name === 'ComprehensionExpression' ? [bracket!] : kids(bracket!)
  items.forEach((item) => noSplit(cell, item, 'indices'))
  return {
    kind: 'index',
    object: lowerExpr(cell, objectNode!),
    indices: items.map((i) => lowerExpr(cell, i)),
    base: 1,
    negativeFromEnd: false,
    dialect: 'julia',
    pos: cell.at(node),
  }
}

/**
 * `[f(x) for x in xs if c]`; `for` twice nests (flat); `for i in 1:m, j in 1:n` makes an m×n
 * matrix: the entries are made with i changing fastest and reshaped column by column, as Julia.
 */
export function comprehension(cell: Cell, node: LezerNode): Expr {
  const [exprNode, ...rest] = kids(node)
  const pos = cell.at(node)
  const groups: LezerNode[][] = []
  const filters: Expr[] = []
  for (const part of rest) {
    if (part.name === 'GenFilter') filters.push(lowerExpr(cell, kids(part)[1]!))
    else
      for (const k of kids(part)) {
        if (k.name === 'for') groups.push([])
        else if (k.name === 'ForBinding') groups[groups.length - 1]!.push(k)
      }
  }
  const condition = filters.reduce<Expr | null>(
    (acc, f) => (acc === null ? f : { kind: 'logical', op: '&&', left: acc, right: f, pos: f.pos }),
    null,
  )
  const shaped = groups.length === 1 && groups[0]!.length > 1 && condition === null
  const bindings = shaped ? [...groups[0]!].reverse() : groups.flat()
  const clauses = bindings.map((b) => ({ ...forTarget(cell, b), condition: null as Expr | null }))
  if (condition !== null) clauses[clauses.length - 1]!.condition = condition
  const flat: Comprehension = {
    kind: 'comprehension',
    expr: lowerExpr(cell, exprNode!),
    clauses,
    dialect: 'julia',
    pos,
  }
  if (!shaped) return flat
  const julia = (name: string): Expr => ({ kind: 'name', name, dialect: 'julia', pos })
  const lengths: Expr[] = groups[0]!.map((b) => {
    const { iterable } = forTarget(cell, b)
    return {
      kind: 'call',
      callee: julia('length'),
      args: [iterable],
      keywords: [],
      broadcast: false,
      dialect: 'julia',
      pos,
    }
  })
  return {
    kind: 'call',
    callee: julia('reshape'),
    args: [flat, ...lengths],
    keywords: [],
    broadcast: false,
    dialect: 'julia',
    pos,
  }
}

/** Constructs with brackets of their own, inside which spaces separate nothing. */
const OWN_CONTEXT = new Set([
  'ParenExpression',
  'TupleExpression',
  'Arguments',
  'VectorExpression',
  'MatrixExpression',
  'ComprehensionExpression',
  'BraceExpression',
  'StringLiteral',
  'BeginStatement',
  'LetStatement',
  'IfStatement',
  'ForStatement',
  'WhileStatement',
  'TryStatement',
  'FunctionDefinition',
  'DoClause',
])

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c)

/** Where an entry must be split: each binary + or - with a space before it and none after it. */
function splitPoints(cell: Cell, entry: LezerNode): number[] {
  if (OWN_CONTEXT.has(entry.name)) return []
  const cursor = entry.cursor()
  const points: number[] = []
  for (let more = cursor.firstChild(); more && cursor.from < entry.to;) {
    if (cursor.name === 'UnaryPlusOp' && cursor.node.parent?.name === 'BinaryExpression') {
      const sign = cell.source.slice(cursor.from, cursor.to)
      if ((sign === '-' || sign === '+') && isSpace(cell.source[cursor.from - 1]) && !isSpace(cell.source[cursor.to]))
        points.push(cursor.from)
    }
    more = cursor.next(!OWN_CONTEXT.has(cursor.name))
  }
  return points.sort((a, b) => a - b)
}

/**
 * An entry, or the entries it is in Julia when a sign after a space starts a new one: all the
 * places are found at once and each part parsed once (`[1 -1 -1 ...]` stays linear).
 */
function splitEntries(cell: Cell, entry: LezerNode): LezerNode[] {
  const points = splitPoints(cell, entry)
  if (points.length === 0) return [entry]
  const starts = [entry.from, ...points]
  return starts.flatMap((from, i) => {
    let to = starts[i + 1] ?? entry.to
    while (i + 1 < starts.length && isSpace(cell.source[to - 1])) to--
    return reparse(cell, from, to)
  })
}

function noSplit(cell: Cell, entry: LezerNode, what: string): void {
  const at = splitPoints(cell, entry)[0]
  if (at === undefined) return
  const sign = cell.source[at]!
  const text = cell.text(entry)
  throw cell.error(
    { from: at },
    `inside [ ], a space before ${sign} and none after it starts a new entry, so ${text} reads as two ${what === 'indices' ? 'indices' : 'entries'}: write ${text.replace(/\s+([+-])(?=\S)/, ' $1 ')} (spaces on both sides) for the ${sign === '-' ? 'difference' : 'sum'}`,
  )
}

/** The text from..to parsed on its own (only that range of the cell), at its own offsets: one entry. */
function reparse(cell: Cell, from: number, to: number): LezerNode[] {
  const tree = juliaParser.parse(cell.source, undefined, [{ from, to }])
  let broken = false
  tree.iterate({ enter: (n) => void (n.type.isError && (broken = true)) })
  // The range's tree counts from 0: placed at `from` in a wrapper, its nodes have the cell's offsets.
  const placed = new Tree(NodeType.none, [tree], [from], from + tree.length).topNode.firstChild
  const parts = placed ? kids(placed) : []
  if (broken || parts.length !== 1)
    throw cell.error({ from }, `cannot read the entry ${cell.source.slice(from, to)} inside [ ]: put it in parentheses`)
  return parts
}
