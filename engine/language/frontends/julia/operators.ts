/**
 * Julia's operators, lowered with Julia's precedence where the editor grammar differs from it
 * for evaluation: `a:b:c` is one range with step b (the grammar nests `(a:b):c`), and a
 * numeric literal coefficient binds looser than `^` (`2x^2` is `2*(x^2)`; the grammar reads
 * `(2x)^2`). Chains of comparisons `a < b <= c` become one Compare; `.+` is `+` with the
 * broadcasting mark; `x |> f` is `f(x)`; `√x` is `sqrt(x)`.
 */
import type { Expr, Position, Range } from '../../syntax/tree.ts'
import type { Cell, LezerNode } from './context.ts'
import { kids } from './context.ts'
import { lowerExpr, name } from './lower.ts'
import { unsupportedOperator } from './unsupported.ts'

/** Unicode spellings of operators the engine knows under their ASCII names. */
const ASCII: Record<string, string> = { '−': '-', '≤': '<=', '≥': '>=', '≠': '!=', '¬': '!' }

/** Operators that are LinearAlgebra's functions: `x ⋅ y` is `dot(x, y)`, `x × y` is `cross(x, y)`. */
const FUNCTIONS: Record<string, string> = { '⋅': 'dot', '×': 'cross' }

/** An operator as written: without its broadcasting dot, in ASCII where there is one. */
export function operator(written: string): { op: string; broadcast: boolean } {
  const broadcast = written.length > 1 && written[0] === '.'
  const op = broadcast ? written.slice(1) : written
  return { op: ASCII[op] ?? op, broadcast }
}

const LITERALS = new Set(['IntegerLiteral', 'FloatLiteral'])

/** `2x^2`, `2(x+1)^2`: a literal coefficient times a power (Julia's precedence). */
function isCoefficientPower(node: LezerNode): boolean {
  if (node.name !== 'BinaryExpression') return false
  const [left, op] = kids(node)
  return op?.name === 'PowerOp' && left?.name === 'JuxtapositionExpression' && LITERALS.has(kids(left)[0]?.name ?? '')
}

/**
 * a op b op c ...: the grammar nests these to the left, one level per operator, so the chain
 * is walked with a loop (a sum of thousands of terms must not exhaust the stack).
 */
export function binaryExpression(cell: Cell, node: LezerNode): Expr {
  const spine: LezerNode[] = []
  let cur = node
  while (cur.name === 'BinaryExpression' && !isCoefficientPower(cur)) {
    spine.push(cur)
    cur = kids(cur)[0]!
  }
  let acc = spine.length === 0 ? coefficientPower(cell, cur) : lowerExpr(cell, cur)
  // Ranges and comparison chains built by this walk may take one more part (a:b:c, a < b < c).
  const open = new Set<Expr>()
  for (let i = spine.length - 1; i >= 0; i--) acc = combine(cell, spine[i]!, acc, open)
  return acc
}

function combine(cell: Cell, node: LezerNode, left: Expr, open: Set<Expr>): Expr {
  const [, opNode, rightNode] = kids(node)
  const pos = cell.at(node)
  const written = cell.text(opNode!)
  const right = () => lowerExpr(cell, rightNode!)
  switch (opNode!.name) {
    case 'where':
    case 'SubTypeOp':
      return left // type annotations and `where T` say nothing about values
    case 'Colon': {
      if (left.kind === 'range' && open.has(left)) {
        open.delete(left)
        return { ...left, step: left.stop, stop: right(), pos }
      }
      const range: Range = { kind: 'range', start: left, step: null, stop: right(), inclusive: true, pos }
      open.add(range)
      return range
    }
    case 'ComparisonOp': {
      const { op, broadcast } = operator(written)
      if (op === '∈' || op === '∉') return membership(cell, node, op, left, right())
      // A dotted comparison is elementwise with Julia's shape rules (H3: operatorsJulia.ts); a
      // chain a .< b .< c is (a .< b) .& (b .< c), as Julia reads it.
      if (broadcast) {
        const dotted = (l: Expr, r: Expr, o: string): Expr => ({
          kind: 'binary',
          op: o,
          left: l,
          right: r,
          broadcast: true,
          implicit: false,
          dialect: 'julia',
          pos,
        })
        const chained = left.kind === 'binary' && open.has(left)
        const last =
          chained && left.op === '&' && left.right.kind === 'binary' ? left.right.right : chained ? left.right : null
        const result = last === null ? dotted(left, right(), op) : dotted(left, dotted(last, right(), op), '&')
        open.add(result)
        return result
      }
      if (left.kind === 'compare' && open.has(left))
        return { ...left, ops: [...left.ops, op], operands: [...left.operands, right()], pos }
      const chain: Expr = { kind: 'compare', ops: [op], operands: [left, right()], dialect: 'julia', pos }
      open.add(chain)
      return chain
    }
    case 'in':
      return membership(cell, node, '∈', left, right())
    case 'isa':
      return call(name(cell, opNode!), [left, right()], pos, false)
    case 'LazyAndOp':
    case 'LazyOrOp':
      if (written.startsWith('.'))
        return unsupportedOperator(
          cell,
          node,
          written,
          'write the elementwise test with .* (and) or .| (or) of comparisons',
        )
      return { kind: 'logical', op: written as '&&' | '||', left, right: right(), pos }
    case 'PipeRightOp':
      return call(right(), [left], pos, operator(written).broadcast)
    case 'PipeLeftOp':
      return call(left, [right()], pos, operator(written).broadcast)
    case 'PowerOp':
    case 'TimesOp':
    case 'PlusOp':
    case 'UnaryPlusOp':
    case 'RationalOp':
    case 'BitshiftOp': {
      const { op, broadcast } = operator(written)
      const fn = FUNCTIONS[op]
      if (fn !== undefined)
        return call(
          { kind: 'name', name: fn, dialect: 'julia', pos: cell.at(opNode!) },
          [left, right()],
          pos,
          broadcast,
        )
      return { kind: 'binary', op, left, right: right(), broadcast, implicit: false, dialect: 'julia', pos }
    }
  }
  return unsupportedOperator(cell, node, written)
}

function call(callee: Expr, args: Expr[], pos: Position, broadcast: boolean): Expr {
  return { kind: 'call', callee, args, keywords: [], broadcast, dialect: 'julia', pos }
}

/** `x ∈ xs`, `x in xs`: Julia's `in(x, xs)`; `∉` is its negation. */
function membership(cell: Cell, node: LezerNode, op: string, left: Expr, right: Expr): Expr {
  const pos = cell.at(node)
  const test = call({ kind: 'name', name: 'in', dialect: 'julia', pos }, [left, right], pos, false)
  return op === '∉'
    ? { kind: 'unary', op: '!', operand: test, postfix: false, broadcast: false, dialect: 'julia', pos }
    : test
}

/** `2x^2` as `2 * (x^2)`; any other power as written. */
function coefficientPower(cell: Cell, node: LezerNode): Expr {
  if (!isCoefficientPower(node)) return lowerExpr(cell, node)
  const [juxt, opNode, rightNode] = kids(node)
  const [coefficient, ...rest] = kids(juxt!)
  const { op, broadcast } = operator(cell.text(opNode!))
  const base = product(cell, rest, cell.pos(rest[0]!.from, juxt!.to))
  const power: Expr = {
    kind: 'binary',
    op,
    left: base,
    right: lowerExpr(cell, rightNode!),
    broadcast,
    implicit: false,
    dialect: 'julia',
    pos: cell.pos(rest[0]!.from, node.to),
  }
  return times(lowerExpr(cell, coefficient!), power, cell.at(node))
}

function times(left: Expr, right: Expr, pos: Position): Expr {
  return { kind: 'binary', op: '*', left, right, broadcast: false, implicit: false, dialect: 'julia', pos }
}

/** Juxtaposed factors, `2x`, `2(x + 1)`, `A'x`: their product, left to right. */
function product(cell: Cell, factors: LezerNode[], pos: Position): Expr {
  let acc = lowerExpr(cell, factors[0]!)
  for (const f of factors.slice(1)) acc = times(acc, lowerExpr(cell, f), cell.pos(factors[0]!.from, f.to))
  return factors.length === 1 ? acc : { ...acc, pos }
}

export function juxtaposition(cell: Cell, node: LezerNode): Expr {
  return product(cell, kids(node), cell.at(node))
}

export function unaryExpression(cell: Cell, node: LezerNode): Expr {
  const [opNode, operandNode] = kids(node)
  const pos = cell.at(node)
  const written = cell.text(opNode!)
  const { op, broadcast } = operator(written)
  if (opNode!.name !== 'UnaryPlusOp' && opNode!.name !== 'UnaryOp') return unsupportedOperator(cell, node, written)
  // +(1, 2) is a call of + with two arguments.
  const items = operandNode!.name === 'TupleExpression' ? kids(operandNode!) : []
  if (items.length === 2 && ASCII[op] === undefined && !['√', '∛', '∜', '!'].includes(op))
    return {
      kind: 'binary',
      op,
      left: lowerExpr(cell, items[0]!),
      right: lowerExpr(cell, items[1]!),
      broadcast,
      implicit: false,
      dialect: 'julia',
      pos,
    }
  const root = { '√': 'sqrt', '∛': 'cbrt', '∜': 'fourthroot' }[op]
  if (op === '±' || op === '∓') return unsupportedOperator(cell, node, written)
  // A literal coefficient binds looser than a prefix operator: √2x is (√2)x, -2x is (-2)x.
  const factors = kids(operandNode!)
  if (operandNode!.name === 'JuxtapositionExpression' && LITERALS.has(factors[0]?.name ?? '')) {
    const literal = cell.pos(node.from, factors[0]!.to)
    const prefixed = prefix(cell, opNode!, op, broadcast, root, lowerExpr(cell, factors[0]!), literal)
    const rest = product(cell, factors.slice(1), cell.pos(factors[1]!.from, node.to))
    return times(prefixed, rest, pos)
  }
  return prefix(cell, opNode!, op, broadcast, root, lowerExpr(cell, operandNode!), pos)
}

function prefix(
  cell: Cell,
  opNode: LezerNode,
  op: string,
  broadcast: boolean,
  root: string | undefined,
  operand: Expr,
  pos: Position,
): Expr {
  if (root !== undefined)
    return call({ kind: 'name', name: root, dialect: 'julia', pos: cell.at(opNode) }, [operand], pos, broadcast)
  return { kind: 'unary', op, operand, postfix: false, broadcast, dialect: 'julia', pos }
}
