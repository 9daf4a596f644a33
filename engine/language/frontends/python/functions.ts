/**
 * Python functions: `def` (which binds its name) and `lambda` (which does not), with their
 * parameters: defaults, keyword-only after a bare `*`; `*args` and `**kwargs` are refused with
 * what to write instead. A function's body is its own scope, as in Python.
 */
import type { Expr, Lambda, Param } from '../../syntax/tree.ts'
import type { Cell, LezerNode } from './context.ts'
import { allKids, commaGroups, kids, unsupported } from './context.ts'
import { checkLocals } from './locals.ts'
import { lowerExpr } from './lower.ts'
import { functionBody } from './statements.ts'

/** Parameters of `def` or `lambda`: defaults, keyword-only after a bare `*`; `*args` and `**kwargs` refused. */
export function parameters(cell: Cell, list: LezerNode): Param[] | Expr {
  const params: Param[] = []
  let keywordOnly = false
  const inner = allKids(list).filter((k) => k.name !== '(' && k.name !== ')')
  for (const group of commaGroups(inner)) {
    const [first, second, third] = group
    if (first === undefined) continue
    if (first.name === '*' && second === undefined) {
      keywordOnly = true
      continue
    }
    if (first.name === '*' || first.name === '**') {
      return unsupported(
        cell,
        first,
        `${first.name}${second ? cell.text(second) : ''} parameters are not supported: give the function a fixed list of parameters (or one tuple or list parameter)`,
      )
    }
    if (first.name === '/') continue // positional-only marker: every parameter here is positional anyway
    if (first.name !== 'VariableName') return unsupported(cell, first, 'this parameter is not a plain name')
    const param: Param = { name: cell.text(first), pos: cell.at(first) }
    // `x: float = 1.0`: the annotation is skipped, the default kept.
    const rest = group.slice(1).filter((g) => g.name !== 'TypeDef')
    if (rest[0]?.name === 'AssignOp' && rest[1] !== undefined) param.default = lowerExpr(cell, rest[1])
    else if (second?.name === 'AssignOp' && third !== undefined) param.default = lowerExpr(cell, third)
    if (keywordOnly) param.keyword = true
    params.push(param)
  }
  return params
}

export function lambda(cell: Cell, node: LezerNode): Expr {
  const parts = kids(node)
  const list = parts.find((k) => k.name === 'ParamList')
  const params = list ? parameters(cell, list) : []
  if (!Array.isArray(params)) return params
  const body = parts[parts.length - 1]!
  const fn: Lambda = {
    kind: 'function',
    name: null,
    params,
    body: lowerExpr(cell, body),
    defines: false,
    text: cell.text(node),
    dialect: 'python',
    pos: cell.at(node),
  }
  return fn
}

/** `def name(params): body` as a function that binds its name. */
export function definition(cell: Cell, node: LezerNode): Expr {
  const parts = kids(node)
  const nameNode = parts.find((k) => k.name === 'VariableName')!
  const list = parts.find((k) => k.name === 'ParamList')!
  const params = parameters(cell, list)
  if (!Array.isArray(params)) return params
  if (parts[0]?.name === 'async') return unsupported(cell, node, 'async functions are not supported: write a plain def')
  return {
    kind: 'function',
    name: cell.text(nameNode),
    params,
    body: checkLocals(
      cell.text(nameNode),
      params,
      functionBody(
        cell,
        parts.find((k) => k.name === 'Body')!,
      ),
    ),
    defines: true,
    text: cell.text(node),
    dialect: 'python',
    pos: cell.at(node),
  }
}
