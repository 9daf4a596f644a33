/**
 * Julia's statements: assignments (`x = v`, `x += 1`, `a, b = t`, `x[i] = v`, `f(x) = e`),
 * `begin`, `let` (new local names, as Julia), `if`/`elseif`/`else`, `for` (`in`, `=`, `∈`,
 * several bindings nest), `while`, `function ... end`, `return`, `break`, `continue`, and the
 * declarations `const`, `local`, `global` (which say nothing the notebook needs).
 */
import type { Block, Expr, Target } from '../../syntax/tree.ts'
import { definition } from './calls.ts'
import type { Cell, LezerNode } from './context.ts'
import { bodyStatements, child, kids } from './context.ts'
import { lowerExpr, name } from './lower.ts'
import { operator } from './operators.ts'
import { structDefinition } from './structs.ts'
import { importStatement, unsupported, unsupportedAssignment } from './unsupported.ts'

/** The statements of a compound statement's body, as a block. */
export function bodyBlock(cell: Cell, node: LezerNode, scope: Block['scope']): Block {
  return { kind: 'block', body: bodyStatements(node).map((s) => lowerExpr(cell, s)), scope, pos: cell.at(node) }
}

/** A definition's head unwrapped from `::T` and `where T`, when it is a call `f(x)`. */
function definitionHead(node: LezerNode): LezerNode | null {
  let head = node
  while (head.name === 'BinaryExpression') {
    const [left, op] = kids(head)
    if (op?.name !== 'SubTypeOp' && op?.name !== 'where') return null
    head = left!
  }
  return head.name === 'CallExpression' && kids(head)[1]?.name !== '.' ? head : null
}

export function assignment(cell: Cell, node: LezerNode): Expr {
  const [lhs, opNode, rhs] = kids(node)
  const pos = cell.at(node)
  if (!lhs || !opNode || !rhs) return unsupported(cell, node)
  const written = cell.text(opNode)
  if (opNode.name === 'AssignmentOp' && written === '=') {
    if (definitionHead(lhs)) return definition(cell, lhs, lowerExpr(cell, rhs), node)
    return { kind: 'assign', target: target(cell, lhs), value: lowerExpr(cell, rhs), op: null, pos }
  }
  if (opNode.name === 'UpdateOp' && /^\.?([-+*/\\^÷%]|\/\/)=$/.test(written)) {
    // x .+= v keeps its dot: the interpreter broadcasts it (H3).
    const { op, broadcast } = operator(written.slice(0, -1))
    return {
      kind: 'assign',
      target: target(cell, lhs),
      value: lowerExpr(cell, rhs),
      op: broadcast ? `.${op}` : op,
      pos,
    }
  }
  return unsupportedAssignment(cell, node, written)
}

/** What an assignment (or a for loop) writes to. */
export function target(cell: Cell, node: LezerNode): Target {
  switch (node.name) {
    case 'Identifier':
      return name(cell, node)
    case 'BinaryExpression': {
      const [left, op] = kids(node)
      if (op?.name === 'SubTypeOp') return target(cell, left!) // x::Float64 = ...
      break
    }
    case 'ParenExpression': {
      const inner = kids(node)
      if (inner.length === 1) return target(cell, inner[0]!)
      break
    }
    case 'OpenTuple':
    case 'TupleExpression': {
      const fields = child(node, 'KeywordArguments')
      if (fields) {
        const names = kids(fields).map((k) => cell.text(k))
        throw cell.error(
          node,
          `taking fields by name, ${cell.text(node)} = ..., is not supported here: write ${names.map((n) => `${n} = p.${n}`).join('; ')} (p being the named tuple)`,
        )
      }
      return { kind: 'tuple-target', items: kids(node).map((k) => target(cell, k)), pos: cell.at(node) }
    }
    case 'IndexExpression':
    case 'FieldExpression': {
      const e = lowerExpr(cell, node)
      if (e.kind === 'index' || e.kind === 'field') return e
      break
    }
    case 'SplatExpression':
      throw cell.error(
        node,
        `${cell.text(node)} (${cell.where(node)}): collecting the rest into one name is not supported here; name each item, or index the tuple: t[2:end]`,
      )
  }
  throw cell.error(
    node,
    `cannot assign to ${cell.text(node)} (${cell.where(node)}): the left of = is a name, names a, b, or x[i]`,
  )
}

/** `x in xs`, `i = 1:n`, `(i, x) in pairs`: what a loop binds and what it walks. */
export function forTarget(cell: Cell, binding: LezerNode): { target: Target; iterable: Expr } {
  const parts = kids(binding).filter((k) => k.name !== 'outer')
  const [t, , iterable] = parts
  return { target: target(cell, t!), iterable: lowerExpr(cell, iterable!) }
}

/** Compound statements and definitions; null for anything else. */
export function compound(cell: Cell, node: LezerNode): Expr | null {
  const pos = cell.at(node)
  switch (node.name) {
    case 'BeginStatement':
      return bodyBlock(cell, node, 'shared')
    case 'LetStatement':
      return letBlock(cell, node)
    case 'IfStatement': {
      const branches = [{ condition: condition(cell, node), body: bodyBlock(cell, node, 'shared') }]
      let otherwise: Block | null = null
      for (const k of kids(node)) {
        if (k.name === 'ElseIfClause')
          branches.push({ condition: condition(cell, k), body: bodyBlock(cell, k, 'shared') })
        if (k.name === 'ElseClause') otherwise = bodyBlock(cell, k, 'shared')
      }
      return { kind: 'if', branches, otherwise, pos }
    }
    case 'WhileStatement':
      return { kind: 'while', condition: condition(cell, node), body: bodyBlock(cell, node, 'shared'), pos }
    case 'ForStatement': {
      // for i in 1:m, j in 1:n: the first binding is the outer loop.
      const bindings = kids(node).filter((k) => k.name === 'ForBinding')
      let body: Block = bodyBlock(cell, node, 'shared')
      for (let i = bindings.length - 1; i >= 0; i--) {
        const loop: Expr = { kind: 'for', ...forTarget(cell, bindings[i]!), body, dialect: 'julia', pos }
        if (i === 0) return loop
        body = { kind: 'block', body: [loop], scope: 'shared', pos }
      }
      return unsupported(cell, node)
    }
    case 'FunctionDefinition': {
      const signature = child(node, 'Signature')
      const head = signature && kids(signature)[0]
      if (!head || head.name === 'Identifier') return unsupported(cell, node)
      return definition(cell, head, bodyBlock(cell, node, 'local'), node)
    }
    case 'StructDefinition':
      return structDefinition(cell, node)
    case 'TryStatement':
    case 'QuoteStatement':
    case 'ModuleDefinition':
    case 'AbstractDefinition':
    case 'PrimitiveDefinition':
    case 'MacroDefinition':
      return unsupported(cell, node)
  }
  return null
}

function condition(cell: Cell, node: LezerNode): Expr {
  const c = child(node, 'Condition')
  return lowerExpr(cell, kids(c!)[0]!)
}

/**
 * `let a = 1, b = a + 1 ... end`: new local names, later ones seeing earlier ones, as a call of
 * a function whose parameters default to the bindings' values (so `let x = x` reads the outer x).
 */
function letBlock(cell: Cell, node: LezerNode): Expr {
  const pos = cell.at(node)
  const body = bodyBlock(cell, node, 'local')
  const bindings = kids(node).filter((k) => k.name === 'LetBinding')
  if (bindings.length === 0) return body
  const params = bindings.map((b) => {
    const [inner] = kids(b)
    if (inner!.name === 'Identifier') return { name: cell.text(inner!), default: name(cell, inner!), pos: cell.at(b) }
    const [lhs, op, value] = kids(inner!)
    if (lhs?.name !== 'Identifier' || op?.name !== 'AssignmentOp' || !value)
      throw cell.error(b, `let binds names one at a time, as let a = 1, b = 2: ${cell.text(b)} is not supported`)
    return { name: cell.text(lhs), default: lowerExpr(cell, value), pos: cell.at(b) }
  })
  const block = { kind: 'function', name: 'let', params, body, defines: false, pos } as const
  return { kind: 'call', callee: block, args: [], keywords: [], broadcast: false, pos }
}

/** return, break, continue, declarations, imports; null for anything else. */
export function simpleStatement(cell: Cell, node: LezerNode): Expr | null {
  const pos = cell.at(node)
  const [, inner] = kids(node)
  switch (node.name) {
    case 'ReturnStatement':
      return { kind: 'return', value: inner ? lowerExpr(cell, inner) : null, pos }
    case 'BreakStatement':
      return { kind: 'break', pos }
    case 'ContinueStatement':
      return { kind: 'continue', pos }
    case 'ConstStatement':
    case 'LocalStatement':
    case 'GlobalStatement':
      // `local x` alone declares: nothing to run.
      if (!inner || inner.name === 'Identifier' || inner.name === 'OpenTuple')
        return { kind: 'block', body: [], scope: 'shared', pos }
      return lowerExpr(cell, inner)
    case 'ImportStatement':
    case 'UsingStatement':
      return importStatement(cell, node)
  }
  return null
}
