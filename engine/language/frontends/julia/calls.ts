/**
 * Calls and functions in Julia syntax: `f(x, y; k = 1)`, `f.(x)` (broadcast), `f(xs...)`, a `do`
 * block (a call whose first argument is the block as an anonymous function), `T{P}(...)` (a call
 * of T with P's text), anonymous functions `x -> e`, `(x, y) -> e`, `() -> e`, and the
 * parameter lists of definitions (`f(x, n = 2; k = 1)`, `xs...`, `x::T`).
 */
import type { Block, Expr, Keyword, Lambda, Param } from '../../syntax/tree.ts'
import { bodyBlock } from './blocks.ts'
import { functorName } from '../../values.ts'
import type { Cell, LezerNode } from './context.ts'
import { child, kids } from './context.ts'
import { comprehension } from './brackets.ts'
import { lowerExpr, name } from './lower.ts'
import { operator } from './operators.ts'
import { ruleCallee, ruleDefinition } from './rules.ts'

/** A call's arguments: positional ones (splats and generators included) and keywords. */
export function callArguments(cell: Cell, args: LezerNode): { args: Expr[]; keywords: Keyword[] } {
  const positional: Expr[] = []
  const keywords: Keyword[] = []
  for (const k of kids(args)) {
    if (k.name === 'KwArg') keywords.push(keyword(cell, k))
    else if (k.name === 'KeywordArguments') {
      for (const kw of kids(k)) {
        if (kw.name === 'KwArg' || kw.name === 'Assignment') keywords.push(keyword(cell, kw))
        else if (kw.name === 'Identifier')
          keywords.push({ name: cell.text(kw), value: name(cell, kw), pos: cell.at(kw) }) // f(; k) is f(; k = k)
        else throw cell.error(kw, `after ; in a call come keyword arguments, name = value, not ${cell.text(kw)}`)
      }
    } else positional.push(k.name === 'Generator' ? comprehension(cell, k) : lowerExpr(cell, k))
  }
  return { args: positional, keywords }
}

function keyword(cell: Cell, node: LezerNode): Keyword {
  const [key, , value] = kids(node)
  if (!key || key.name !== 'Identifier' || !value)
    throw cell.error(node, `a keyword argument is written name = value, not ${cell.text(node)}`)
  return { name: cell.text(key), value: lowerExpr(cell, value), pos: cell.at(node) }
}

export function callExpression(cell: Cell, node: LezerNode): Expr {
  const parts = kids(node)
  const pos = cell.at(node)
  const calleeNode = parts[0]!
  const broadcast = parts[1]?.name === '.'
  const argsNode = child(node, 'Arguments')!
  const { args, keywords } = callArguments(cell, argsNode)
  const doClause = child(node, 'DoClause')
  if (doClause) args.unshift(doLambda(cell, doClause))
  if (calleeNode.name === 'Operator' && keywords.length === 0) {
    // +(1, 2) is 1 + 2; -(x) is -x.
    const { op, broadcast: dotted } = operator(cell.text(calleeNode))
    if (args.length === 2 && !args.some((a) => a.kind === 'splat'))
      return {
        kind: 'binary',
        op,
        left: args[0]!,
        right: args[1]!,
        broadcast: dotted,
        implicit: false,
        dialect: 'julia',
        pos,
      }
    if (args.length === 1 && ['-', '+', '!'].includes(op) && args[0]!.kind !== 'splat')
      return { kind: 'unary', op, operand: args[0]!, postfix: false, broadcast: dotted, dialect: 'julia', pos }
  }
  return { kind: 'call', callee: lowerExpr(cell, calleeNode), args, keywords, broadcast, dialect: 'julia', pos }
}

/** `F(args) do θ ... end`: the block is F's first argument, `θ -> ...`. */
function doLambda(cell: Cell, node: LezerNode): Lambda {
  const paramsNode = child(node, 'Parameters')
  const params = paramsNode ? kids(paramsNode).map((p) => param(cell, p, false)) : []
  return {
    kind: 'function',
    name: null,
    params,
    body: bodyBlock(cell, node, 'local'),
    defines: false,
    pos: cell.at(node),
  }
}

/** `x -> e`, `(x, y) -> e`, `() -> e`. */
export function arrowFunction(cell: Cell, node: LezerNode): Lambda {
  const parts = kids(node).filter((k) => k.name !== '->')
  const head = parts[0]!
  const params = head.name === 'TupleExpression' ? parameterList(cell, head) : [param(cell, head, false)]
  return { kind: 'function', name: null, params, body: lowerExpr(cell, parts[1]!), defines: false, pos: cell.at(node) }
}

/** The parameters written in a signature's parentheses (or an arrow function's tuple). */
export function parameterList(cell: Cell, node: LezerNode): Param[] {
  return kids(node).flatMap((k) =>
    k.name === 'KeywordArguments' ? kids(k).map((kw) => param(cell, kw, true)) : [param(cell, k, false)],
  )
}

/** One parameter: `x`, `x::T`, `x = 2`, `xs...`. */
export function param(cell: Cell, node: LezerNode, keyword: boolean): Param {
  const pos = cell.at(node)
  switch (node.name) {
    case 'Identifier':
      return { name: cell.text(node), pos, ...(keyword ? { keyword } : {}) }
    case 'BinaryExpression': {
      const [left, op] = kids(node)
      if (op?.name === 'SubTypeOp' || op?.name === 'where') return { ...param(cell, left!, keyword), pos }
      break
    }
    case 'KwArg':
    case 'Assignment': {
      const [left, , value] = kids(node)
      if (left && value) return { ...param(cell, left, keyword), default: lowerExpr(cell, value), pos }
      break
    }
    case 'SplatExpression':
      return { ...param(cell, kids(node)[0]!, keyword), rest: true, pos }
    case 'TupleExpression':
      throw cell.error(
        node,
        `a parameter written as a tuple ${cell.text(node)} (${cell.where(node)}) is not supported: take one parameter t and write ${kids(
          node,
        )
          .map((k) => cell.text(k))
          .join(', ')} = t in the body`,
      )
  }
  throw cell.error(
    node,
    `${cell.text(node)} (${cell.where(node)}) cannot be a parameter: parameters are names, such as x or xs...`,
  )
}

/**
 * A definition's head, `f(x, y; k = 1)` (possibly with `::T` and `where T`), and its body: a
 * function named f. An anonymous `function (x) ... end` has no name.
 */
export function definition(cell: Cell, head: LezerNode, body: Expr | Block, node: LezerNode): Lambda {
  let signature = head
  while (signature.name === 'BinaryExpression') signature = kids(signature)[0]! // drop ::T and where T
  const pos = cell.at(node)
  if (signature.name === 'TupleExpression')
    return { kind: 'function', name: null, params: parameterList(cell, signature), body, defines: false, pos }
  if (signature.name !== 'CallExpression' || child(signature, 'DoClause'))
    throw cell.error(
      head,
      `${cell.text(head)} cannot be the head of a function definition: write f(x) = ... or function f(x) ... end`,
    )
  const [callee] = kids(signature)
  const rule = callee && ruleCallee(cell, callee)
  if (rule) return ruleDefinition(cell, rule, signature, body, node)
  if (callee?.name === 'ParenExpression') return functorDefinition(cell, callee, signature, body, node)
  if (!callee || callee.name !== 'Identifier')
    throw cell.error(
      head,
      `defining ${cell.text(callee ?? head)} (${cell.where(head)}) is not supported: a definition names one function, as in f(x) = ...`,
    )
  const params = parameterList(cell, child(signature, 'Arguments')!)
  return { kind: 'function', name: cell.text(callee), params, body, defines: true, pos }
}

/**
 * `(a::T)(x) = ...`, `function (m::T)(x) ... end`: the method called when a value of the struct
 * T is called, defined under functorName(T) with the value itself as its first parameter.
 */
function functorDefinition(cell: Cell, callee: LezerNode, signature: LezerNode, body: Expr, node: LezerNode): Lambda {
  const [typed] = kids(callee)
  const parts = typed ? kids(typed) : []
  const self = typed?.name === 'BinaryExpression' && parts[0]?.name === 'Identifier' ? cell.text(parts[0]) : '_'
  const type = parts.at(-1)
  const typeName = type?.name === 'Type' && kids(type)[0]?.name === 'Identifier' ? cell.text(kids(type)[0]!) : null
  if (parts[parts.length - 2]?.name !== 'SubTypeOp' || typeName === null)
    throw cell.error(
      callee,
      `defining ${cell.text(callee)} (${cell.where(callee)}) is not supported: a callable struct's method is written (a::T)(x) = ...`,
    )
  const params = [{ name: self, pos: cell.at(callee) }, ...parameterList(cell, child(signature, 'Arguments')!)]
  return { kind: 'function', name: functorName(typeName), params, body, defines: true, pos: cell.at(node) }
}

/** `Dual{Nothing}` is a call of Dual with the parameter's text: `Dual("Nothing")`. */
export function parametrized(cell: Cell, node: LezerNode): Expr {
  const [typeNode, braces] = kids(node)
  const inner = cell.text(braces!).slice(1, -1).trim()
  const pos = cell.at(node)
  return {
    kind: 'call',
    callee: lowerExpr(cell, typeNode!),
    args: [{ kind: 'string', value: inner, pos: cell.pos(braces!.from + 1, braces!.to - 1) }],
    keywords: [],
    broadcast: false,
    dialect: 'julia',
    pos,
  }
}
