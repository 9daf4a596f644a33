/**
 * Lowering a Lezer Julia tree into the language's own syntax tree (syntax/tree.ts): the one
 * dispatch on node names, and the leaves (numbers, strings, names). Operators, calls, brackets
 * and statements are lowered in the files next to this one. Every node gets the exact place of
 * its text in the cell, and names carry the dialect 'julia' (their builtins are Julia's).
 */
import type { Expr, Name, Position } from '../../syntax/tree.ts'
import { bracketExpression } from './brackets.ts'
import { assignment, compound, simpleStatement } from './blocks.ts'
import { arrowFunction, callExpression, parametrized } from './calls.ts'
import type { Cell, LezerNode } from './context.ts'
import { kids } from './context.ts'
import { binaryExpression, juxtaposition, unaryExpression } from './operators.ts'
import { macroCall } from './macros.ts'
import { unsupported } from './unsupported.ts'

export function name(cell: Cell, node: LezerNode, text = cell.text(node)): Name {
  return { kind: 'name', name: text, dialect: 'julia', pos: cell.at(node) }
}

export function numberAt(value: number, raw: string, pos: Position): Expr {
  return { kind: 'number', value, raw, pos }
}

/** Any expression or statement. */
export function lowerExpr(cell: Cell, node: LezerNode): Expr {
  const pos = cell.at(node)
  switch (node.name) {
    case 'IntegerLiteral':
    case 'FloatLiteral':
      return numberLiteral(cell, node)
    case 'BoolLiteral':
      return { kind: 'boolean', value: cell.text(node) === 'true', pos }
    case 'StringLiteral':
      return stringLiteral(cell, node)
    case 'CharLiteral':
      return { kind: 'string', value: decode(cell.text(node).slice(1, -1)), pos }
    case 'Symbol':
      // :red as a plain string, which is how options such as colours are given.
      return { kind: 'string', value: cell.text(node).slice(1), pos }
    case 'Identifier':
      return name(cell, node)
    case 'end':
      // Inside brackets, the length of the dimension being indexed.
      return name(cell, node, 'end')
    case 'begin':
      return numberAt(1, 'begin', pos) // the first index
    case 'Operator':
      // `:` alone selects a whole dimension (x[:, 1]); another operator is a function value (map(+, ...)).
      if (cell.text(node) === ':') return { kind: 'range', start: null, step: null, stop: null, inclusive: true, pos }
      return name(cell, node)
    case 'ParenExpression':
      return parenExpression(cell, node)
    case 'TupleExpression':
    case 'OpenTuple':
      return tupleExpression(cell, node)
    case 'BinaryExpression':
      return binaryExpression(cell, node)
    case 'UnaryExpression':
      return unaryExpression(cell, node)
    case 'AdjointExpression':
      return {
        kind: 'unary',
        op: "'",
        operand: lowerExpr(cell, kids(node)[0]!),
        postfix: true,
        broadcast: false,
        dialect: 'julia',
        pos,
      }
    case 'JuxtapositionExpression':
      return juxtaposition(cell, node)
    case 'TernaryExpression': {
      const [condition, then, otherwise] = kids(node).filter((k) => k.name !== '?' && k.name !== ':')
      return {
        kind: 'ternary',
        condition: lowerExpr(cell, condition!),
        then: lowerExpr(cell, then!),
        otherwise: lowerExpr(cell, otherwise!),
        elementwise: false,
        pos,
      }
    }
    case 'SplatExpression':
      return { kind: 'splat', expr: lowerExpr(cell, kids(node)[0]!), pos }
    case 'CallExpression':
      return callExpression(cell, node)
    case 'ArrowFunctionExpression':
      return arrowFunction(cell, node)
    case 'FieldExpression':
      return fieldExpression(cell, node)
    case 'ParametrizedExpression':
      return parametrized(cell, node)
    case 'IndexExpression':
    case 'VectorExpression':
    case 'MatrixExpression':
    case 'ComprehensionExpression':
    case 'Generator':
      return bracketExpression(cell, node)
    case 'Assignment':
    case 'KwArg':
      return assignment(cell, node)
    case 'MacrocallExpression':
      return macroCall(cell, node)
  }
  return compound(cell, node) ?? simpleStatement(cell, node) ?? unsupported(cell, node)
}

function numberLiteral(cell: Cell, node: LezerNode): Expr {
  const raw = cell.text(node)
  const digits = raw.replace(/_/g, '')
  const prefixed = /^0([xbo])(.*)$/i.exec(digits)
  let value: number
  if (prefixed && /^[0-9a-f]+$/i.test(prefixed[2]!))
    value = parseInt(prefixed[2]!, { x: 16, b: 2, o: 8 }[prefixed[1]!.toLowerCase() as 'x' | 'b' | 'o'])
  else value = prefixed ? NaN : Number(digits.replace(/f/i, 'e')) // 1f-3 is a Float32 1e-3
  if (Number.isNaN(value))
    return {
      kind: 'unsupported',
      message: `the number ${raw} (${cell.where(node)}) is written in a form not supported here: write it in decimal, e.g. 0.5 or 1e-3`,
      text: raw,
      literal: true,
      pos: cell.at(node),
    }
  return numberAt(value, raw, cell.at(node))
}

function stringLiteral(cell: Cell, node: LezerNode): Expr {
  const text = cell.text(node)
  const pos = cell.at(node)
  const quote = text.startsWith('"""') ? 3 : 1
  const parts = kids(node)
  if (parts.some((k) => k.name === '$')) {
    // "a = $a, b = $(b + 1)" is string("a = ", a, ", b = ", b + 1): the text between, and each value.
    const args: Expr[] = []
    let at = node.from + quote
    for (let i = 0; i < parts.length; i++) {
      const value = parts[i + 1]
      if (parts[i]!.name !== '$') continue
      if (value === undefined || value.name === '$' || value.name === 'EscapeSequence')
        return {
          kind: 'unsupported',
          message: `the $ at ${cell.where(parts[i]!)} is followed by no name or (expression): write $x or $(x + 1), or \\$ for a dollar sign`,
          text,
          literal: true,
          pos,
        }
      args.push({ kind: 'string', value: decode(cell.source.slice(at, parts[i]!.from)), pos }, lowerExpr(cell, value))
      at = value.to
    }
    args.push({ kind: 'string', value: decode(cell.source.slice(at, node.to - quote)), pos })
    const callee: Expr = { kind: 'name', name: 'string', dialect: 'julia', pos }
    return { kind: 'call', callee, args, keywords: [], broadcast: false, pos }
  }
  return { kind: 'string', value: decode(text.slice(quote, text.length - quote)), pos }
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', '\\': '\\', '"': '"', $: '$', "'": "'" }

/** Julia's escape sequences in a string or character literal. */
function decode(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8}|.)/gs, (_, e: string) => {
    if (e.length > 1 && 'xuU'.includes(e[0]!)) {
      const code = parseInt(e.slice(1), 16)
      return code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd'
    }
    return ESCAPES[e] ?? e
  })
}

/** `(a)` keeps its parentheses; `(a; b)` runs both and gives b. */
function parenExpression(cell: Cell, node: LezerNode): Expr {
  const items = kids(node).map((k) => lowerExpr(cell, k))
  const pos = cell.at(node)
  if (items.length === 1) return { kind: 'paren', expr: items[0]!, pos }
  return { kind: 'paren', expr: { kind: 'block', body: items, scope: 'shared', pos }, pos }
}

/** `(a, b)`, `(a,)`, `()`, and a named tuple `(a = 1, b = 2)` (a record). */
function tupleExpression(cell: Cell, node: LezerNode): Expr {
  const pos = cell.at(node)
  const items = kids(node).flatMap((k) => (k.name === 'KeywordArguments' ? kids(k) : [k]))
  if (items.length > 0 && items.every((k) => k.name === 'KwArg' || k.name === 'Assignment')) {
    return {
      kind: 'record',
      fields: items.map((k) => {
        const [key, , value] = kids(k)
        if (!key || !value || key.name !== 'Identifier')
          throw cell.error(k, `a named tuple's fields are written name = value`)
        return { name: cell.text(key), value: lowerExpr(cell, value) }
      }),
      pos,
    }
  }
  return { kind: 'tuple', items: items.map((k) => lowerExpr(cell, k)), pos }
}

/** `Zygote.gradient`, `d.partials`. */
function fieldExpression(cell: Cell, node: LezerNode): Expr {
  const parts = kids(node)
  const field = parts[parts.length - 1]!
  const key = kids(field)[0]
  if (field.name !== 'Field' || !key || key.name !== 'Identifier') return unsupported(cell, node)
  return { kind: 'field', object: lowerExpr(cell, parts[0]!), name: cell.text(key), pos: cell.at(node) }
}
