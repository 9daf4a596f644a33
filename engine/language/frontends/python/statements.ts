/**
 * Lowering Python statements: assignments (chained, to tuples, augmented), `def` and its
 * decorators, `return`, `if`/`elif`/`else`, `for` and `while`, `with` (a context held open across
 * a block, as `tf.GradientTape`), imports, and the constructs the notebook's Python refuses
 * (classes, try, global, del, ...), each with what to write instead.
 */
import { classDefinition } from './classes.ts'
import { internalCall } from './subscripts.ts'
import type { Block, Expr } from '../../syntax/tree.ts'
import type { Cell, LezerNode } from './context.ts'
import { allKids, commaGroups, kids, unsupported } from './context.ts'
import { definition } from './functions.ts'
import { isTarget, lowerExpr, name, targetOf } from './lower.ts'

/** One statement of a cell or a block; a `;`-separated line gives several. */
export function lowerStatements(cell: Cell, node: LezerNode): Expr[] {
  if (node.name === 'StatementGroup') return kids(node).flatMap((k) => lowerStatements(cell, k))
  return [lowerStatement(cell, node)]
}

export function lowerStatement(cell: Cell, node: LezerNode): Expr {
  const pos = cell.at(node)
  switch (node.name) {
    case 'ExpressionStatement':
      return commaList(cell, kids(node), node)
    case 'AssignStatement':
      return assignment(cell, node)
    case 'UpdateStatement': {
      const [target, op, value] = kids(node)
      const t = targetOf(cell, [target!])
      if (!isTarget(t)) return t
      return { kind: 'assign', target: t, op: cell.text(op!).slice(0, -1), value: lowerExpr(cell, value!), pos }
    }
    case 'FunctionDefinition':
      return definition(cell, node)
    case 'DecoratedStatement':
      return decorated(cell, node)
    case 'ReturnStatement': {
      const values = kids(node).slice(1)
      return { kind: 'return', value: values.length === 0 ? null : commaList(cell, values, node), pos }
    }
    case 'IfStatement':
      return ifStatement(cell, node)
    case 'WhileStatement': {
      const parts = kids(node)
      if (parts.some((k) => k.name === 'else'))
        return unsupported(cell, node, 'while ... else is not supported: put the else part after the loop')
      return {
        kind: 'while',
        condition: lowerExpr(cell, parts[1]!),
        body: block(cell, parts[2]!),
        dialect: 'python',
        pos,
      }
    }
    case 'ForStatement':
      return forStatement(cell, node)
    case 'PassStatement':
      return { kind: 'block', body: [], scope: 'shared', pos }
    case 'BreakStatement':
      return { kind: 'break', pos }
    case 'ContinueStatement':
      return { kind: 'continue', pos }
    case 'ImportStatement':
      return importStatement(cell, node)
    case 'WithStatement':
      return withStatement(cell, node)
    case 'ClassDefinition':
      return classDefinition(cell, node)
    case 'TryStatement':
      return unsupported(cell, node, 'try/except is not supported: an error stops the cell and says where it happened')
    case 'RaiseStatement':
      return unsupported(cell, node, 'raise is not supported: an error stops the cell by itself')
    case 'AssertStatement':
      return unsupported(cell, node, 'assert is not supported: show the value instead, e.g. print(x > 0)')
    case 'ScopeStatement':
      return unsupported(
        cell,
        node,
        'global and nonlocal are not supported: return the new value from the function and assign it outside',
      )
    case 'DeleteStatement':
      return unsupported(cell, node, 'del is not supported: assign a new value to the name instead')
    case 'PrintStatement':
      return unsupported(cell, node, 'print without parentheses is Python 2: write print(x)')
    case 'MatchStatement':
      return unsupported(cell, node, 'match is not supported: use if / elif / else')
    case 'TypeDefinition':
      return unsupported(cell, node, 'type aliases are not supported')
    default:
      return lowerExpr(cell, node)
  }
}

/** `a, b` as a statement or a return value is a tuple; one expression is itself. */
function commaList(cell: Cell, nodes: readonly LezerNode[], whole: LezerNode): Expr {
  if (nodes.length === 1) return lowerExpr(cell, nodes[0]!)
  return { kind: 'tuple', items: nodes.map((n) => lowerExpr(cell, n)), pos: cell.at(whole) }
}

/** `a = b = v`, `a, b = v`, `x[i] = v`, `x: float = 1.0`. */
function assignment(cell: Cell, node: LezerNode): Expr {
  const all = allKids(node).filter((k) => k.name !== 'TypeDef')
  const sides: LezerNode[][] = [[]]
  for (const k of all) {
    if (k.name === 'AssignOp') sides.push([])
    else sides[sides.length - 1]!.push(k)
  }
  const valueNodes = sides.pop()!
  if (sides.length === 0) return lowerExpr(cell, valueNodes[0]!) // `x: float` alone declares nothing
  const groups = commaGroups(valueNodes)
  let value: Expr =
    groups.length === 1 && !valueNodes.some((v) => v.name === ',')
      ? lowerExpr(cell, groups[0]![0]!)
      : {
          kind: 'tuple',
          items: groups.map((g) => lowerExpr(cell, g[0]!)),
          pos: cell.pos(valueNodes[0]!.from, valueNodes[valueNodes.length - 1]!.to),
        }
  // The rightmost target is assigned first; each assignment's value is the value assigned.
  for (let i = sides.length - 1; i >= 0; i--) {
    const targetNodes = commaGroups(sides[i]!).map((g) => g[0]!)
    let target = targetOf(cell, targetNodes)
    if (!isTarget(target)) return target
    // `x, = t`: a trailing comma makes a one-item tuple target (unpacking, as JAX code writes it).
    if (targetNodes.length === 1 && target.kind !== 'tuple-target' && sides[i]!.some((k) => k.name === ','))
      target = { kind: 'tuple-target', items: [target], pos: target.pos }
    const pos = cell.pos(sides[i]![0]!.from, node.to)
    // ctx.k = v: torch's ctx keeps values for backward (python/custom.ts); other objects refuse it.
    if (target.kind === 'field')
      value = internalCall('·setattr', [target.object, { kind: 'string', value: target.name, pos }, value], pos)
    else value = { kind: 'assign', target, op: null, value, pos }
  }
  return value
}

/** `@deco def f(...)` is `f = deco(f)`, innermost decorator first. */
function decorated(cell: Cell, node: LezerNode): Expr {
  const parts = kids(node)
  const def = parts.find((k) => k.name === 'FunctionDefinition')
  if (!def) return unsupported(cell, node, 'only functions can be decorated here')
  const fn = definition(cell, def)
  if (fn.kind !== 'function') return fn
  let value: Expr = { ...fn, defines: false }
  const decorators = parts.filter((k) => k.name === 'Decorator')
  for (let i = decorators.length - 1; i >= 0; i--) {
    const d = decorators[i]!
    const inner = kids(d).filter((k) => k.name !== 'At')
    const dotted = inner.filter((k) => k.name === 'VariableName')
    let callee: Expr = name(cell, dotted[0]!)
    for (const part of dotted.slice(1))
      callee = {
        kind: 'field',
        object: callee,
        name: cell.text(part),
        dialect: 'python',
        pos: cell.pos(dotted[0]!.from, part.to),
      }
    const argList = inner.find((k) => k.name === 'ArgList')
    if (argList) {
      return unsupported(
        cell,
        d,
        'a decorator with arguments is not supported: call it yourself after the def, f = deco(args)(f)',
      )
    }
    value = { kind: 'call', callee, args: [value], keywords: [], broadcast: false, dialect: 'python', pos: cell.at(d) }
  }
  return {
    kind: 'assign',
    target: {
      ...name(
        cell,
        kids(def).find((k) => k.name === 'VariableName')!,
      ),
    },
    op: null,
    value,
    pos: cell.at(node),
  }
}

function ifStatement(cell: Cell, node: LezerNode): Expr {
  const parts = kids(node)
  const branches: { condition: Expr; body: Block }[] = []
  let otherwise: Block | null = null
  for (let i = 0; i < parts.length; i++) {
    const k = parts[i]!
    if (k.name === 'if' || k.name === 'elif') {
      branches.push({ condition: lowerExpr(cell, parts[i + 1]!), body: block(cell, parts[i + 2]!) })
      i += 2
    } else if (k.name === 'else') {
      otherwise = block(cell, parts[i + 1]!)
      i += 1
    }
  }
  return { kind: 'if', branches, otherwise, pos: cell.at(node) }
}

function forStatement(cell: Cell, node: LezerNode): Expr {
  const parts = kids(node)
  if (parts.some((k) => k.name === 'else'))
    return unsupported(cell, node, 'for ... else is not supported: put the else part after the loop')
  if (parts[0]?.name === 'async') return unsupported(cell, node, 'async for is not supported')
  const inAt = parts.findIndex((k) => k.name === 'in')
  const target = targetOf(cell, parts.slice(1, inAt))
  if (!isTarget(target)) return target
  const body = parts.find((k) => k.name === 'Body')!
  return {
    kind: 'for',
    target,
    iterable: lowerExpr(cell, parts[inAt + 1]!),
    body: block(cell, body),
    dialect: 'python',
    pos: cell.at(node),
  }
}

/** `import a.b as c, d` and `from a.b import c as d`: each imported name is an Import node. */
function importStatement(cell: Cell, node: LezerNode): Expr {
  const parts = kids(node)
  const pos = cell.at(node)
  const imports: Expr[] = []
  if (parts[0]?.name === 'from') {
    const importAt = parts.findIndex((k) => k.name === 'import')
    const from = parts
      .slice(1, importAt)
      .filter((k) => k.name === 'VariableName')
      .map((k) => cell.text(k))
    if (parts.slice(1, importAt).some((k) => k.name === '.' && k.from === parts[1]!.from))
      return unsupported(
        cell,
        node,
        'relative imports are not supported: import jax, numpy, torch or tensorflow by name',
      )
    const names = parts.slice(importAt + 1)
    if (names.some((k) => k.name === '*'))
      return unsupported(cell, node, 'from ... import * is not supported: name what you import, from jax import grad')
    for (let i = 0; i < names.length; i++) {
      const n = names[i]!
      if (n.name !== 'VariableName') continue
      let alias = cell.text(n)
      if (names[i + 1]?.name === 'as') {
        alias = cell.text(names[i + 2]!)
        i += 2
      }
      imports.push({ kind: 'import', module: [...from, cell.text(n)], alias, dialect: 'python', pos })
    }
  } else {
    // import a.b.c as d, e: each comma-separated path, with an optional alias.
    const rest = allKids(node).slice(1)
    for (const group of commaGroups(rest)) {
      const asAt = group.findIndex((k) => k.name === 'as')
      const path = (asAt < 0 ? group : group.slice(0, asAt))
        .filter((k) => k.name === 'VariableName')
        .map((k) => cell.text(k))
      const alias = asAt < 0 ? null : cell.text(group[asAt + 1]!)
      imports.push({ kind: 'import', module: path, alias, dialect: 'python', pos })
    }
  }
  return imports.length === 1 ? imports[0]! : { kind: 'block', body: imports, scope: 'shared', pos }
}

/** `with A as a, B as b:` is `with A as a:` around `with B as b:`. */
function withStatement(cell: Cell, node: LezerNode): Expr {
  const parts = kids(node)
  if (parts[0]?.name === 'async') return unsupported(cell, node, 'async with is not supported')
  const body = block(
    cell,
    parts.find((k) => k.name === 'Body')!,
  )
  const header = allKids(node)
    .slice(1)
    .filter((k) => k.name !== 'Body')
  const items = commaGroups(header).map((g) => {
    const asAt = g.findIndex((k) => k.name === 'as')
    const context = lowerExpr(cell, g[0]!)
    const target = asAt < 0 ? null : targetOf(cell, g.slice(asAt + 1))
    return { context, target }
  })
  let inner: Block = body
  let outer: Expr = body
  for (let i = items.length - 1; i >= 0; i--) {
    const { context, target } = items[i]!
    if (target !== null && !isTarget(target)) return target
    outer = { kind: 'with', context, target, body: inner, pos: cell.at(node) }
    inner = { kind: 'block', body: [outer], scope: 'shared', pos: cell.at(node) }
  }
  return outer
}

/** A block of an if, a loop or a with: Python gives it no scope of its own. */
function block(cell: Cell, body: LezerNode): Block {
  const statements = kids(body).filter((k) => k.name !== ':')
  return {
    kind: 'block',
    body: statements.flatMap((s) => lowerStatements(cell, s)),
    scope: 'shared',
    pos: cell.at(body),
  }
}

/** A function's body: its own scope, so its assignments make local names. */
export function functionBody(cell: Cell, body: LezerNode): Block {
  return { ...block(cell, body), scope: 'local' }
}
