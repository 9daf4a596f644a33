/**
 * Lowering a Lezer Python tree's expressions into the language's own syntax tree
 * (syntax/tree.ts). Python's choices are written into the tree: names, operators, calls, indexing
 * and comprehensions carry the dialect 'python' (NumPy's broadcasting, Python's `%` and `//`);
 * indexing counts from 0 and from the end for negative indices; slices exclude their stop;
 * `a < b < c` is one comparison chain (the grammar nests it as `(a < b) < c`). Statements are
 * lowered in statements.ts.
 */
import type { Expr, Keyword, Name, Target } from '../../syntax/tree.ts'
import type { Cell, LezerNode } from './context.ts'
import { allKids, commaGroups, kids, unsupported } from './context.ts'
import { formatString } from './fstrings.ts'
import { lambda } from './functions.ts'
import { atCall, indexPiece, internalCall, pieceValue } from './subscripts.ts'

export function name(cell: Cell, node: LezerNode, text = cell.text(node)): Name {
  return { kind: 'name', name: text, dialect: 'python', pos: cell.at(node) }
}

/** Any expression. */
export function lowerExpr(cell: Cell, node: LezerNode): Expr {
  const pos = cell.at(node)
  switch (node.name) {
    case 'Number':
      return numberLiteral(cell, node)
    case 'String':
      return { kind: 'string', value: stringValue(cell.text(node)), pos }
    case 'ContinuedString':
      return kids(node).some((k) => k.name === 'FormatString')
        ? internalCall(
            '·fstring',
            kids(node).map((k) => lowerExpr(cell, k)),
            pos,
          )
        : {
            kind: 'string',
            value: kids(node)
              .map((k) => stringValue(cell.text(k)))
              .join(''),
            pos,
          }
    case 'FormatString':
      return formatString(cell, node)
    case 'Boolean':
      return { kind: 'boolean', value: cell.text(node) === 'True', pos }
    case 'None':
      // Nothing: the value of an empty block (the tree has no literal for it).
      return { kind: 'block', body: [], scope: 'shared', pos }
    case 'VariableName':
      return name(cell, node)
    case 'ParenthesizedExpression':
      return { kind: 'paren', expr: lowerExpr(cell, kids(node)[0]!), pos }
    case 'TupleExpression':
      return { kind: 'tuple', items: kids(node).map((k) => lowerExpr(cell, k)), pos }
    case 'ArrayExpression':
      return { kind: 'array', items: kids(node).map((k) => lowerExpr(cell, k)), dialect: 'python', pos }
    case 'DictionaryExpression':
      return dictionary(cell, node)
    case 'ArrayComprehensionExpression':
      return comprehension(cell, node)
    case 'ComprehensionExpression':
      return unsupported(
        cell,
        node,
        'a generator expression is not supported: write a list comprehension in square brackets instead, e.g. sum([x**2 for x in xs])',
      )
    case 'SetExpression':
    case 'SetComprehensionExpression':
      return unsupported(cell, node, 'sets are not supported: use a list [ ... ] or a dict { key: value }')
    case 'DictionaryComprehensionExpression':
      return unsupported(cell, node, 'dict comprehensions are not supported: write the dict out, {"w": w, "b": b}')
    case 'ConditionalExpression': {
      const [then, condition, otherwise] = kids(node).filter((k) => k.name !== 'if' && k.name !== 'else')
      return {
        kind: 'ternary',
        condition: lowerExpr(cell, condition!),
        then: lowerExpr(cell, then!),
        otherwise: lowerExpr(cell, otherwise!),
        elementwise: false,
        pos,
      }
    }
    case 'LambdaExpression':
      return lambda(cell, node)
    case 'BinaryExpression':
      return binaryExpression(cell, node)
    case 'UnaryExpression':
      return unaryExpression(cell, node)
    case 'MemberExpression':
      return memberExpression(cell, node)
    case 'CallExpression':
      return callExpression(cell, node)
    case 'AwaitExpression':
    case 'YieldExpression':
      return unsupported(
        cell,
        node,
        `${node.name === 'AwaitExpression' ? 'await' : 'yield'} is not supported: compute the values and return them`,
      )
    case 'Ellipsis':
      return unsupported(
        cell,
        node,
        '... (Ellipsis) is only understood inside an index here, as in x[..., 0] or x[..., None]',
      )
    case 'NamedExpression':
      return unsupported(cell, node, 'the walrus operator := is not supported: assign on a line of its own first')
    default:
      return unsupported(cell, node, `this Python construct (${node.name}) is not supported in notebook cells`)
  }
}

// -----------------------------------------------------------------------------------------------
// Leaves

function numberLiteral(cell: Cell, node: LezerNode): Expr {
  const raw = cell.text(node)
  const text = raw.replace(/_/g, '')
  if (/[jJ]$/.test(text))
    return unsupported(cell, node, 'complex numbers are not supported: the notebook works with real numbers')
  const value = /^0[bBoOxX]/.test(text) ? Number(text.toLowerCase()) : Number(text)
  return { kind: 'number', value, raw, pos: cell.at(node) }
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' }

/** The value of a string literal: prefix and quotes removed, escapes read (raw strings keep them). */
export function stringValue(text: string): string {
  const prefix = /^[rRbBuU]*/.exec(text)![0]
  const body = text.slice(prefix.length)
  const quote = body.startsWith('"""') || body.startsWith("'''") ? 3 : 1
  const inner = body.slice(quote, body.length - quote)
  if (/r/i.test(prefix)) return inner
  return inner.replace(/\\(.)/gs, (m, c: string) => ESCAPES[c] ?? m)
}

function dictionary(cell: Cell, node: LezerNode): Expr {
  const fields: { name: string; value: Expr }[] = []
  for (const group of commaGroups(allKids(node).filter((k) => k.name !== '{' && k.name !== '}'))) {
    const [key, colon, value] = group
    if (key?.name === '**')
      return unsupported(cell, node, 'unpacking a dict with ** is not supported: write its entries out')
    if (key?.name !== 'String' || colon?.name !== ':' || value === undefined)
      return unsupported(cell, node, 'a dict here needs string keys, {"w": w, "b": b}')
    fields.push({ name: stringValue(cell.text(key)), value: lowerExpr(cell, value) })
  }
  return { kind: 'record', fields, pos: cell.at(node) }
}

// -----------------------------------------------------------------------------------------------
// Operators

/** Python's operators as the tree spells them; `**` and `@` keep theirs, the interpreter's Python table reads them. */
function operatorOf(cell: Cell, op: LezerNode): string {
  return cell.text(op).replace(/\s+/g, ' ')
}

function binaryExpression(cell: Cell, node: LezerNode): Expr {
  const parts = kids(node)
  const pos = cell.at(node)
  const left = parts[0]!
  const right = parts[parts.length - 1]!
  const opNodes = parts.slice(1, -1)
  const op = opNodes.map((o) => cell.text(o)).join(' ')
  if (op === 'and' || op === 'or') {
    return {
      kind: 'logical',
      op: op === 'and' ? '&&' : '||',
      left: lowerExpr(cell, left),
      right: lowerExpr(cell, right),
      pos,
    }
  }
  if (opNodes[0]?.name === 'CompareOp' || op === 'is' || op === 'is not' || op === 'in' || op === 'not in') {
    // a < b < c: the grammar nests (a < b) < c; Python means a < b and b < c.
    const ops: string[] = [op]
    const operands: Expr[] = [lowerExpr(cell, right)]
    let l = left
    while (l.name === 'BinaryExpression' && isComparison(cell, l)) {
      const k = kids(l)
      ops.unshift(
        k
          .slice(1, -1)
          .map((o) => cell.text(o))
          .join(' '),
      )
      operands.unshift(lowerExpr(cell, k[k.length - 1]!))
      l = k[0]!
    }
    operands.unshift(lowerExpr(cell, l))
    return { kind: 'compare', ops, operands, dialect: 'python', pos }
  }
  if (opNodes[0]?.name === 'BitOp' && op !== '&' && op !== '|') {
    return unsupported(
      cell,
      node,
      `the bitwise operator ${op} is not supported: the notebook works with floating-point numbers`,
    )
  }
  return {
    kind: 'binary',
    op: operatorOf(cell, opNodes[0]!),
    left: lowerExpr(cell, left),
    right: lowerExpr(cell, right),
    broadcast: false,
    implicit: false,
    dialect: 'python',
    pos,
  }
}

function isComparison(cell: Cell, node: LezerNode): boolean {
  const k = kids(node)
  const op = k
    .slice(1, -1)
    .map((o) => cell.text(o))
    .join(' ')
  return k[1]?.name === 'CompareOp' || ['is', 'is not', 'in', 'not in'].includes(op)
}

function unaryExpression(cell: Cell, node: LezerNode): Expr {
  const [opNode, operand] = kids(node)
  const op = cell.text(opNode!)
  if (op === '~')
    return unsupported(
      cell,
      node,
      'the bitwise operator ~ is not supported: for a logical not, write `not x` or jnp.logical_not(x)',
    )
  return {
    kind: 'unary',
    op,
    operand: lowerExpr(cell, operand!),
    postfix: false,
    broadcast: false,
    dialect: 'python',
    pos: cell.at(node),
  }
}

// -----------------------------------------------------------------------------------------------
// Members, indexing and calls

function memberExpression(cell: Cell, node: LezerNode): Expr {
  const all = allKids(node)
  const object = lowerExpr(cell, all[0]!)
  const pos = cell.at(node)
  if (all[1]?.name === '.') {
    return { kind: 'field', object, name: cell.text(all[2]!), dialect: 'python', pos }
  }
  // x[...]: the pieces between the brackets, split at commas; a piece with a colon is a slice.
  const pieces = commaGroups(all.slice(2, all.length - 1))
  // None (a new axis) and ... are NumPy's: such an index is a call of python/indexing.ts's GETITEM.
  if (pieces.some((p) => p.length === 1 && (p[0]!.name === 'None' || p[0]!.name === 'Ellipsis')))
    return internalCall('·getitem', [object, ...pieces.map((p) => pieceValue(cell, p, node))], pos)
  const indices = pieces.map((piece) => indexPiece(cell, piece, node))
  return { kind: 'index', object, indices, base: 0, negativeFromEnd: true, dialect: 'python', pos }
}

/**
 * x.size(...) is torch's method (the shape, or one dimension's length) while x.size is NumPy's
 * element count: the called form is lowered as the attribute 'size()'.
 */
function calledMember(callee: Expr): Expr {
  return callee.kind === 'field' && callee.name === 'size' ? { ...callee, name: 'size()' } : callee
}

function callExpression(cell: Cell, node: LezerNode): Expr {
  const [calleeNode, argList] = kids(node)
  const args: Expr[] = []
  const keywords: Keyword[] = []
  const inner = allKids(argList!).filter((k) => k.name !== '(' && k.name !== ')')
  for (const group of commaGroups(inner)) {
    const [first, second, third] = group
    if (first === undefined) continue
    if (first.name === '*')
      args.push({ kind: 'splat', expr: lowerExpr(cell, second!), pos: cell.pos(first.from, second!.to) })
    else if (first.name === '**')
      args.push(
        unsupported(cell, first, 'passing keyword arguments with ** is not supported: write them out, f(x, k=1)'),
      )
    else if (second?.name === 'AssignOp' && third !== undefined) {
      keywords.push({ name: cell.text(first), value: lowerExpr(cell, third), pos: cell.pos(first.from, third.to) })
    } else if (group.some((g) => g.name === 'for')) {
      args.push(
        unsupported(
          cell,
          first,
          'a generator expression is not supported: write a list comprehension in square brackets instead, e.g. sum([x**2 for x in xs])',
        ),
      )
    } else args.push(lowerExpr(cell, first))
  }
  const at = atCall(cell, node, calleeNode!, args, keywords)
  if (at !== null) return at
  return {
    kind: 'call',
    callee: calledMember(lowerExpr(cell, calleeNode!)),
    args,
    keywords,
    broadcast: false,
    dialect: 'python',
    pos: cell.at(node),
  }
}

// -----------------------------------------------------------------------------------------------
// Comprehensions

function comprehension(cell: Cell, node: LezerNode): Expr {
  const parts = kids(node)
  const expr = lowerExpr(cell, parts[0]!)
  const clauses: { target: Target; iterable: Expr; condition: Expr | null }[] = []
  let i = 1
  while (i < parts.length) {
    const k = parts[i]!
    if (k.name === 'async') return unsupported(cell, node, 'async comprehensions are not supported')
    if (k.name === 'for') {
      const inAt = parts.findIndex((p, j) => j > i && p.name === 'in')
      const target = targetOf(cell, parts.slice(i + 1, inAt))
      if (!isTarget(target)) return target
      clauses.push({ target, iterable: lowerExpr(cell, parts[inAt + 1]!), condition: null })
      i = inAt + 2
    } else if (k.name === 'if') {
      const cond = lowerExpr(cell, parts[i + 1]!)
      const last = clauses[clauses.length - 1]!
      last.condition =
        last.condition === null ? cond : { kind: 'logical', op: '&&', left: last.condition, right: cond, pos: cond.pos }
      i += 2
    } else i++
  }
  return { kind: 'comprehension', expr, clauses, dialect: 'python', pos: cell.at(node) }
}

/** What a `for` or an assignment writes to: a name, a tuple of targets, an index or a field. */
export function targetOf(cell: Cell, nodes: readonly LezerNode[]): Target | Expr {
  if (nodes.length > 1 || nodes[0]?.name === 'TupleExpression' || nodes[0]?.name === 'ArrayExpression') {
    const items = nodes.length > 1 ? nodes : kids(nodes[0]!)
    const targets = items.map((n) => targetOf(cell, [n]))
    const bad = targets.find((t) => !isTarget(t))
    if (bad) return bad as Expr
    const first = items[0]!
    const last = items[items.length - 1]!
    return { kind: 'tuple-target', items: targets as Target[], pos: cell.pos(first.from, last.to) }
  }
  const node = nodes[0]!
  if (node.name === 'ParenthesizedExpression') return targetOf(cell, kids(node))
  const e = lowerExpr(cell, node)
  if (isTarget(e)) return e
  return unsupported(
    cell,
    node,
    'this cannot be assigned to: the left of = must be a name, a tuple of names, x[i] or a.b',
  )
}

export function isTarget(e: Target | Expr): e is Target {
  const k = e.kind
  return k === 'name' || k === 'tuple-target' || k === 'index' || k === 'field'
}
