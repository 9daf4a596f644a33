/**
 * Julia's macros in a cell: the ones that change nothing about a value run their expression
 * (`@show`, `@time`, `@inbounds`...), `@assert c "message"` checks, `@.` puts a dot on every
 * call and operator of its expression (as Julia does), `@adjoint` defines the rule of a
 * learner's function (rules.ts) and explains why Zygote's own internals need none here, and any
 * other macro says it is not supported, where, and what to write.
 */
import type { Expr } from '../../syntax/tree.ts'
import type { Cell, LezerNode } from './context.ts'
import { kids } from './context.ts'
import { lowerExpr } from './lower.ts'
import { unsupportedNode } from './unsupported.ts'
import { adjointDefinition, nonDifferentiable, scalarRule } from './rules.ts'
import { bodyBlock } from './blocks.ts'

/** Macros that leave the value alone; the expression is what runs. */
const TRANSPARENT = new Set([
  '@show',
  '@time',
  '@btime',
  '@inbounds',
  '@views',
  '@fastmath',
  '@simd',
  '@inline',
  '@noinline',
  // ChainRulesCore's lazy tangent: evaluated at once here, which gives the same numbers.
  '@thunk',
])

export function macroCall(cell: Cell, node: LezerNode): Expr {
  const parts = kids(node)
  const head = parts[0]!
  const macro = cell.text(head)
  const argsNode = parts.find((k) => k.name === 'MacroArguments' || k.name === 'Arguments')
  const args = argsNode ? kids(argsNode) : []
  const pos = cell.at(node)
  const short = macro.slice(macro.lastIndexOf('@'))
  if (short === '@adjoint') {
    const rule = adjointDefinition(
      cell,
      node,
      args,
      (n) => lowerExpr(cell, n),
      (n) => bodyBlock(cell, n, 'local'),
    )
    if (rule) return rule
    return unsupportedNode(
      cell,
      node,
      `${macro} (${cell.where(node)}): these rules are not needed here: forward and reverse mode nest natively in this engine, so Zygote differentiates through ForwardDiff's dual numbers without them. The lesson "Forward over reverse" shows what they do. To give a function of your own a rule, write @adjoint f(x) = f(x), ȳ -> (2ȳ,) or a ChainRulesCore.rrule.`,
    )
  }
  if (short === '@scalar_rule' || short === '@non_differentiable') {
    const rules =
      short === '@scalar_rule'
        ? scalarRule(cell, node, args, (n) => lowerExpr(cell, n))
        : nonDifferentiable(cell, node, args)
    if (rules) return rules
    return unsupportedNode(
      cell,
      node,
      `${macro} (${cell.where(node)}) is written ${short === '@scalar_rule' ? '@scalar_rule(f(x), ∂f/∂x), or @scalar_rule(f(x, y), (∂x, ∂y)) for two arguments' : '@non_differentiable f(x)'}, on a function of your own`,
    )
  }
  if (macro === '@show' && args.length > 0) {
    // Each expression as typed and its value, printed (engine/language/printing.ts SHOW_MACRO).
    const show = (a: LezerNode): Expr => ({
      kind: 'call',
      callee: { kind: 'name', name: '@show', dialect: 'julia', pos },
      args: [{ kind: 'string', value: cell.text(a), pos }, lowerExpr(cell, a)],
      keywords: [],
      broadcast: false,
      pos,
    })
    return args.length === 1 ? show(args[0]!) : { kind: 'block', body: args.map(show), scope: 'shared', pos }
  }
  if (TRANSPARENT.has(macro) && args.length > 0) {
    const body = args.map((a) => lowerExpr(cell, a))
    return body.length === 1 ? body[0]! : { kind: 'block', body, scope: 'shared', pos }
  }
  if (macro === '@assert' && args.length >= 1 && args.length <= 2) {
    const message =
      args.length === 2 && args[1]!.name === 'StringLiteral'
        ? cell.text(args[1]!).slice(1, -1)
        : `assertion failed: ${cell.text(args[0]!)}`
    const failed: Expr = {
      kind: 'unsupported',
      message: `${message} (${cell.where(node)})`,
      text: cell.text(node),
      literal: false,
      pos,
    }
    return {
      kind: 'if',
      branches: [{ condition: lowerExpr(cell, args[0]!), body: { kind: 'block', body: [], scope: 'shared', pos } }],
      otherwise: { kind: 'block', body: [failed], scope: 'shared', pos },
      pos,
    }
  }
  if ((macro === '@.' || macro === '@__dot__') && args.length === 1) return dotted(lowerExpr(cell, args[0]!))
  return unsupportedNode(
    cell,
    node,
    `the macro ${macro} (${cell.where(node)}) is not supported here: write the code it stands for as plain Julia`,
  )
}

/**
 * `@. e`: every call, operator and comparison of e broadcast (`@. 3x^2 + sin(x)` is
 * `3 .* x .^ 2 .+ sin.(x)`); `@. y = e` assigns the broadcast e. Function bodies inside are left alone.
 */
function dotted(e: Expr): Expr {
  switch (e.kind) {
    case 'binary':
      return { ...e, left: dotted(e.left), right: dotted(e.right), broadcast: true }
    case 'unary':
      return e.postfix ? { ...e, operand: dotted(e.operand) } : { ...e, operand: dotted(e.operand), broadcast: true }
    case 'call':
      return {
        ...e,
        args: e.args.map(dotted),
        keywords: e.keywords.map((k) => ({ ...k, value: dotted(k.value) })),
        broadcast: true,
      }
    case 'compare':
      if (e.ops.length === 1)
        return {
          kind: 'binary',
          op: e.ops[0]!,
          left: dotted(e.operands[0]!),
          right: dotted(e.operands[1]!),
          broadcast: true,
          implicit: false,
          dialect: 'julia',
          pos: e.pos,
        }
      return { ...e, operands: e.operands.map(dotted) }
    case 'paren':
      return { ...e, expr: dotted(e.expr) }
    case 'assign':
      return { ...e, value: dotted(e.value) }
    case 'ternary':
      return { ...e, condition: dotted(e.condition), then: dotted(e.then), otherwise: dotted(e.otherwise) }
    case 'tuple':
    case 'array':
      return { ...e, items: e.items.map(dotted) }
    case 'index':
      return { ...e, object: dotted(e.object) }
  }
  return e
}
