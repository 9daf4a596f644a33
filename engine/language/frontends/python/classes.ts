/**
 * Classes in a Python cell: the notebook has no objects, so a class is refused, except the one
 * shape PyTorch learners write a custom derivative in, `class F(torch.autograd.Function)` with
 * static methods forward and backward (and optionally setup_context, jvp). That class is lowered
 * to `F = ·autograd_function("F", {"forward": ..., "backward": ...})`, which python/custom.ts
 * builds on the custom-rule machinery, so `F.apply(x)` uses backward in reverse mode.
 */
import type { Expr } from '../../syntax/tree.ts'
import type { Cell, LezerNode } from './context.ts'
import { kids, unsupported } from './context.ts'
import { definition } from './functions.ts'
import { name } from './lower.ts'
import { internalCall } from './subscripts.ts'

const METHODS = ['forward', 'backward', 'vjp', 'setup_context', 'jvp']

const REFUSED =
  'classes are not supported: write functions, and keep parameters in a tuple or a dict ({"w": w, "b": b}), as JAX code does'

export function classDefinition(cell: Cell, node: LezerNode): Expr {
  const parts = kids(node)
  const nameNode = parts.find((k) => k.name === 'VariableName')
  const base = parts.find((k) => k.name === 'ArgList')
  const body = parts.find((k) => k.name === 'Body')
  const baseText = base ? cell.text(base).replace(/[()\s]/g, '') : ''
  if (!/^((torch\.)?autograd\.)?Function$/.test(baseText) || nameNode === undefined || body === undefined)
    return unsupported(
      cell,
      node,
      `${REFUSED} (the one class understood is a torch.autograd.Function with static forward and backward methods)`,
    )
  const pos = cell.at(node)
  const fields: { name: string; value: Expr }[] = []
  for (const statement of kids(body)) {
    if (statement.name === 'PassStatement' || statement.name === ':') continue
    // A docstring.
    if (statement.name === 'ExpressionStatement' && kids(statement)[0]?.name === 'String') continue
    const def =
      statement.name === 'FunctionDefinition'
        ? statement
        : statement.name === 'DecoratedStatement'
          ? kids(statement).find((k) => k.name === 'FunctionDefinition')
          : undefined
    const decorators =
      statement.name === 'DecoratedStatement' ? kids(statement).filter((k) => k.name === 'Decorator') : []
    if (def === undefined || decorators.some((d) => !/^@\s*staticmethod\s*$/.test(cell.text(d).trim())))
      return unsupported(
        cell,
        statement,
        'a torch.autograd.Function here holds only @staticmethod defs: forward, backward (and setup_context, jvp)',
      )
    const fn = definition(cell, def)
    if (fn.kind !== 'function') return fn
    if (!METHODS.includes(fn.name ?? ''))
      return unsupported(
        cell,
        def,
        `the method ${fn.name} is not understood in a torch.autograd.Function here: write forward and backward (setup_context and jvp are optional)`,
      )
    fields.push({ name: fn.name!, value: { ...fn, defines: false } })
  }
  const className = cell.text(nameNode)
  const value = internalCall(
    '·autograd_function',
    [
      { kind: 'string', value: className, pos },
      { kind: 'record', fields, pos },
    ],
    pos,
  )
  return { kind: 'assign', target: name(cell, nameNode), op: null, value, pos }
}
