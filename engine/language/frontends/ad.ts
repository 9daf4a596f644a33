/**
 * The `ad` front-end: mathjs parses a statement (mathjs is used only as a parser here), and
 * this file lowers mathjs's node tree into the language's own syntax tree (syntax/tree.ts).
 * Nothing else in the project touches a mathjs node. What the `ad` syntax means is decided
 * here: indexing from 1 with `end`, inclusive ranges with the step in the middle, `.*` as a
 * broadcasting mark, `c ? a : b` choosing elementwise, and an inline definition given as an
 * argument, `gradient(q(v) = ..., x)`, being an anonymous function that keeps its name.
 */
import type { MathNode } from 'mathjs'
import { create, parseDependencies } from 'mathjs'
import { LangError } from '../errors.ts'
import type { Expr, Lambda, Position, Target } from '../syntax/tree.ts'

// Made on the first ad statement: building mathjs's typed functions takes tens of milliseconds
// at every worker's start, and lessons are written in Julia.
let math: ReturnType<typeof create> | null = null

/** Where a statement is in its cell; mathjs keeps no positions, so its nodes all get this. */
const WHOLE = (text: string): Position => ({ line: 1, column: 1, offset: 0, length: text.length })

/** Parses one statement into the syntax tree; syntax errors become LangErrors with a 1-based column. */
export function parseStatement(text: string, pos: Position = WHOLE(text)): Expr {
  let node: MathNode
  try {
    node = (math ??= create({ parseDependencies })).parse(text)
  } catch (err) {
    throw syntaxError(err, text)
  }
  try {
    return lower(node, pos)
  } catch (err) {
    throw syntaxError(err, text)
  }
}

function syntaxError(err: unknown, text: string): unknown {
  if (err instanceof RangeError && /call stack/i.test(err.message))
    return new LangError(
      'syntax error: the expression nests too deeply to read: split it into several statements',
      'syntax',
    )
  if (err instanceof LangError) return err
  const e = err as Error & { char?: number }
  const message = e.message.replace(/\s*\(char \d+\)$/, '')
  const error = new LangError(`syntax error: ${message}`, 'syntax')
  if (typeof e.char === 'number') {
    // mathjs counts characters from 1: char is the 1-based position of the offending token.
    const before = text.slice(0, e.char - 1)
    const line = before.split('\n').length
    error.span = { line, column: e.char - 1 - before.lastIndexOf('\n') }
  }
  return error
}

type Node = MathNode & Record<string, unknown>

const COMPARISONS: Record<string, string> = {
  smaller: '<',
  smallerEq: '<=',
  larger: '>',
  largerEq: '>=',
  equal: '==',
  unequal: '!=',
}
const POSTFIX = new Set(['ctranspose', 'transpose', 'factorial'])

/** mathjs's tree into ours. Chains of binary operators (1+1+...+1) are followed with a loop. */
function lower(node: MathNode, pos: Position): Expr {
  const n = node as Node
  switch (node.type) {
    case 'ConstantNode':
      return constant(n, pos)
    case 'SymbolNode':
      return { kind: 'name', name: n.name as string, pos }
    case 'ParenthesisNode':
      return { kind: 'paren', expr: lower(n.content as MathNode, pos), pos }
    case 'OperatorNode': {
      const args = n.args as MathNode[]
      if (args.length === 1) {
        const op = n.op as string
        return {
          kind: 'unary',
          op,
          operand: lower(args[0]!, pos),
          postfix: POSTFIX.has(n.fn as string),
          broadcast: false,
          pos,
        }
      }
      if (args.length === 2) return binaryChain(n, pos)
      break
    }
    case 'ConditionalNode':
      return {
        kind: 'ternary',
        condition: lower(n.condition as MathNode, pos),
        then: lower(n.trueExpr as MathNode, pos),
        otherwise: lower(n.falseExpr as MathNode, pos),
        elementwise: true,
        pos,
      }
    case 'FunctionNode':
      return {
        kind: 'call',
        callee: lower(n.fn as MathNode, pos),
        // An inline definition as an argument is an anonymous function: it binds no name.
        args: (n.args as MathNode[]).map((a) =>
          a.type === 'FunctionAssignmentNode' ? { ...lambda(a as Node, pos), defines: false } : lower(a, pos),
        ),
        keywords: [],
        broadcast: false,
        pos,
      }
    case 'FunctionAssignmentNode':
      return lambda(n, pos)
    case 'AssignmentNode': {
      const value = lower(n.value as MathNode, pos)
      const object = lower(n.object as MathNode, pos)
      const target: Target = n.index ? access(object, n.index as Node, pos) : (object as Target)
      return { kind: 'assign', target, value, op: null, pos }
    }
    case 'ArrayNode':
      return { kind: 'array', items: (n.items as MathNode[]).map((i) => lower(i, pos)), pos }
    case 'AccessorNode':
      return access(lower(n.object as MathNode, pos), n.index as Node, pos)
    case 'RangeNode':
      return {
        kind: 'range',
        start: lower(n.start as MathNode, pos),
        step: n.step ? lower(n.step as MathNode, pos) : null,
        stop: lower(n.end as MathNode, pos),
        inclusive: true,
        pos,
      }
    case 'RelationalNode':
      return {
        kind: 'compare',
        ops: (n.conditionals as string[]).map((c) => COMPARISONS[c] ?? c),
        operands: (n.params as MathNode[]).map((p) => lower(p, pos)),
        pos,
      }
    case 'BlockNode':
      return {
        kind: 'block',
        body: (n.blocks as { node: MathNode }[]).map((b) => lower(b.node, pos)),
        scope: 'shared',
        pos,
      }
    case 'ObjectNode': {
      // The parser stores fields in a plain object, where a field named __proto__ would vanish.
      if (Object.getPrototypeOf(n.properties) !== Object.prototype)
        return {
          kind: 'unsupported',
          message: '__proto__ cannot be the name of a field',
          text: node.toString(),
          literal: false,
          pos,
        }
      const fields = Object.entries(n.properties as Record<string, MathNode>).map(([name, v]) => ({
        name,
        value: lower(v, pos),
      }))
      return { kind: 'record', fields, pos }
    }
  }
  return {
    kind: 'unsupported',
    message: `${node.type.replace(/Node$/, '').toLowerCase()} expressions are not part of the notebook language`,
    text: node.type,
    literal: false,
    pos,
  }
}

function constant(n: Node, pos: Position): Expr {
  const v = n.value
  if (typeof v === 'number') return { kind: 'number', value: v, raw: (n as MathNode).toString(), pos }
  if (typeof v === 'string') return { kind: 'string', value: v, pos }
  if (typeof v === 'boolean') return { kind: 'boolean', value: v, pos }
  return {
    kind: 'unsupported',
    message: `the constant ${String(v)} is not supported`,
    text: String(v),
    literal: true,
    pos,
  }
}

function lambda(n: Node, pos: Position): Lambda {
  return {
    kind: 'function',
    name: n.name as string,
    params: (n.params as string[]).map((name) => ({ name, pos })),
    body: lower(n.expr as MathNode, pos),
    defines: true,
    pos,
  }
}

/** x[i, j] (indices from 1) or p.f. */
function access(object: Expr, index: Node, pos: Position): Expr & Target {
  const dims = index.dimensions as Node[]
  if (index.dotNotation) return { kind: 'field', object, name: String(dims[0]!.value), pos }
  return { kind: 'index', object, indices: dims.map((d) => lower(d, pos)), base: 1, negativeFromEnd: false, pos }
}

/** a op b op c ...: down the left side with a loop, then built back up from the innermost. */
function binaryChain(node: Node, pos: Position): Expr {
  const spine: Node[] = []
  let cur: Node = node
  while (cur.type === 'OperatorNode' && (cur.args as MathNode[]).length === 2) {
    spine.push(cur)
    cur = (cur.args as MathNode[])[0] as Node
  }
  let acc = lower(cur, pos)
  for (let i = spine.length - 1; i >= 0; i--) {
    const b = spine[i]!
    const written = b.op as string
    // mathjs spells the broadcasting operators .* ./ .^; the tree keeps the operator and a mark.
    const broadcast = written.length === 2 && written[0] === '.'
    acc = {
      kind: 'binary',
      op: broadcast ? written.slice(1) : written,
      left: acc,
      right: lower((b.args as MathNode[])[1]!, pos),
      broadcast,
      implicit: b.implicit === true,
      pos,
    }
  }
  return acc
}
