/**
 * Derivative rules written in a Julia cell, lowered to definitions of "the rule of f":
 *  - `function ChainRulesCore.rrule(::typeof(f), x, y) ... end` defines `rrule(f)`, taking (x, y);
 *  - `ChainRulesCore.frule((_, ẋ, ẏ), ::typeof(f), x, y) = ...` defines `frule(f)`, taking the
 *    tangents' tuple and (x, y);
 *  - `Zygote.@adjoint f(x) = y, ȳ -> (x̄,)` defines `adjoint(f)`, taking (x).
 * The name says whose rule it is, so a cell defines the rule of f, and rules of f and g in two
 * cells do not clash. engine/language/rules.ts applies them.
 */
import type { Block, Expr, Lambda, Name, Param, RuleOf } from '../../syntax/tree.ts'
import { parameterList, param } from './calls.ts'
import type { Cell, LezerNode } from './context.ts'
import { child, kids } from './context.ts'

const PACKAGES = new Set(['ChainRulesCore', 'ChainRules'])

/** 'rrule' or 'frule' when a definition's callee names one (bare or qualified by its package). */
export function ruleCallee(cell: Cell, callee: LezerNode): 'rrule' | 'frule' | null {
  const text = cell.text(callee).replace(/\s+/g, '')
  const dot = text.lastIndexOf('.')
  const name = text.slice(dot + 1)
  if (name !== 'rrule' && name !== 'frule') return null
  return dot < 0 || PACKAGES.has(text.slice(0, dot)) ? name : null
}

/** `rrule(::typeof(f), x) = ...` / `frule((_, ẋ), ::typeof(f), x) = ...`: the rule of f. */
export function ruleDefinition(
  cell: Cell,
  kind: 'rrule' | 'frule',
  signature: LezerNode,
  body: Expr,
  node: LezerNode,
): Lambda {
  const args = kids(child(signature, 'Arguments')!).filter((k) => k.name !== 'KeywordArguments')
  const at = kind === 'rrule' ? 0 : 1
  const example =
    kind === 'rrule'
      ? 'function ChainRulesCore.rrule(::typeof(f), x) ... end'
      : 'function ChainRulesCore.frule((_, ẋ), ::typeof(f), x) ... end'
  const typed = args[at]
  const of = typed && typeofTarget(cell, typed)
  if (!of)
    throw cell.error(
      typed ?? signature,
      `${kind} (${cell.where(signature)}) needs ::typeof(f) as its ${at === 0 ? 'first' : 'second'} parameter, naming the function the rule is for, as in ${example}`,
    )
  const rest = args.slice(at + 1).map((a) => param(cell, a, false))
  const rule: RuleOf = { kind, of }
  if (kind === 'rrule') return lambda(cell, rule, rest, body, node)
  const tangents = args[0]!
  if (tangents.name !== 'TupleExpression')
    return lambda(cell, rule, [param(cell, tangents, false), ...rest], body, node)
  // (_, ẋ): one parameter for the tuple of tangents, taken apart before the body runs.
  const pos = cell.at(tangents)
  const items = kids(tangents).map((k) => {
    if (k.name !== 'Identifier')
      throw cell.error(k, `the tangents of an frule are names, as in (_, ẋ), not ${cell.text(k)}`)
    return { kind: 'name' as const, name: cell.text(k), pos: cell.at(k) }
  })
  const unpack: Expr = {
    kind: 'assign',
    target: { kind: 'tuple-target', items, pos },
    value: { kind: 'name', name: 'Δargs', pos },
    op: null,
    pos,
  }
  const unpacked: Block = { kind: 'block', body: [unpack, body], scope: 'shared', pos: body.pos }
  return lambda(cell, rule, [{ name: 'Δargs', pos }, ...rest], unpacked, node)
}

/**
 * `@adjoint f(x) = y, ȳ -> (x̄,)` (or the `function` form), on a function of the learner's;
 * null when its head is not a plain call of a name (Zygote's own internals, such as
 * `literal_getproperty` or `ForwardDiff.Dual{T}(...)`, keep their own message).
 */
export function adjointDefinition(
  cell: Cell,
  node: LezerNode,
  args: readonly LezerNode[],
  lowerBody: (n: LezerNode) => Expr,
  bodyOf: (n: LezerNode) => Block,
): Lambda | null {
  if (args.length !== 1) return null
  const def = args[0]!
  let head: LezerNode | undefined
  let body: (() => Expr) | undefined
  if (def.name === 'Assignment') {
    const [lhs, , rhs] = kids(def)
    head = lhs
    body = rhs && (() => lowerBody(rhs))
  } else if (def.name === 'FunctionDefinition') {
    head = kids(child(def, 'Signature') ?? def)[0]
    body = () => bodyOf(def)
  }
  if (!head || !body || head.name !== 'CallExpression') return null
  const [callee] = kids(head)
  if (callee?.name !== 'Identifier') return null
  const of = cell.text(callee)
  if (of === 'literal_getproperty' || of === 'getproperty' || of === 'Dual') return null
  const params = parameterList(cell, child(head, 'Arguments')!)
  return lambda(cell, { kind: 'adjoint', of }, params, body(), node)
}

function lambda(cell: Cell, rule: RuleOf, params: Param[], body: Expr, node: LezerNode): Lambda {
  return {
    kind: 'function',
    name: `${rule.kind}(${rule.of})`,
    params,
    body,
    defines: true,
    text: cell.text(node),
    rule,
    pos: cell.at(node),
  }
}

/** `::typeof(f)` (or `::typeof(Base.sin)`): the name of the function; null for anything else. */
function typeofTarget(cell: Cell, node: LezerNode): string | null {
  if (node.name !== 'UnaryExpression') return null
  const [op, type] = kids(node)
  if (op?.name !== 'SubTypeOp' || !type) return null
  const call = type.name === 'Type' ? kids(type)[0] : type
  if (call?.name !== 'CallExpression') return null
  const [callee, argsNode] = kids(call)
  if (!callee || cell.text(callee) !== 'typeof' || !argsNode) return null
  const [target] = kids(argsNode)
  if (!target) return null
  const text = cell.text(target).replace(/\s+/g, '')
  return /^[\p{L}_][\p{L}\p{N}_!′]*(\.[\p{L}_][\p{L}\p{N}_!′]*)*$/u.test(text)
    ? text.slice(text.lastIndexOf('.') + 1)
    : null
}

/**
 * `@scalar_rule(f(x, y), (∂x, ∂y))`, ChainRules' shorthand for a function of numbers: its rrule
 * (ȳ -> (NoTangent(), ȳ * ∂x, ȳ * ∂y)) and its frule (∂x * ẋ + ∂y * ẏ), with Ω standing for the
 * value in the partials. One block defining both rules; null when the head is not f(args).
 */
export function scalarRule(cell: Cell, node: LezerNode, args: readonly LezerNode[], lower: Lower): Expr | null {
  const head = ruleHeadOf(cell, args[0])
  if (!head || args.length !== 2) return null
  const { of, params } = head
  const partials = args[1]!
  const derivatives = partials.name === 'TupleExpression' ? kids(partials).map(lower) : [lower(partials)]
  if (derivatives.length !== params.length)
    throw cell.error(
      partials,
      `@scalar_rule gives one partial derivative per argument of ${of}: it takes ${params.length}, and ${derivatives.length} ${derivatives.length === 1 ? 'is' : 'are'} given (${cell.where(partials)})`,
    )
  const t = trees(cell.at(node))
  const omega = t.assign(
    t.name('Ω'),
    t.call(
      of,
      params.map((p) => t.name(p.name)),
    ),
  )
  const pullback: Lambda = {
    kind: 'function',
    name: null,
    params: [{ name: 'ȳ', pos: t.pos }],
    body: t.tuple([t.call('NoTangent', []), ...derivatives.map((d) => t.times(t.name('ȳ'), d))]),
    defines: false,
    pos: t.pos,
  }
  const rrule = lambda(cell, { kind: 'rrule', of }, params, t.block([omega, t.tuple([t.name('Ω'), pullback])]), node)
  const dots = params.map((p) => `Δ${p.name}`)
  const unpack: Expr = {
    kind: 'assign',
    target: { kind: 'tuple-target', items: ['_', ...dots].map((n) => t.name(n) as Name), pos: t.pos },
    value: t.name('Δargs'),
    op: null,
    pos: t.pos,
  }
  const tangent = derivatives.map((d, i) => t.times(d, t.name(dots[i]!))).reduce((a, b) => t.binary('+', a, b))
  const frule = lambda(
    cell,
    { kind: 'frule', of },
    [{ name: 'Δargs', pos: t.pos }, ...params],
    t.block([unpack, omega, t.tuple([t.name('Ω'), tangent])]),
    node,
  )
  return t.block([rrule, frule])
}

/**
 * `@non_differentiable f(x)`: f has no derivative (an index, a comparison, a random draw): its
 * rrule pulls back NoTangent() for every argument and its frule gives ZeroTangent().
 */
export function nonDifferentiable(cell: Cell, node: LezerNode, args: readonly LezerNode[]): Expr | null {
  const head = ruleHeadOf(cell, args[0])
  if (!head || args.length !== 1) return null
  const { of, params } = head
  const t = trees(cell.at(node))
  const value = t.call(
    of,
    params.map((p) => t.name(p.name)),
  )
  const none = (n: number) => Array.from({ length: n }, () => t.call('NoTangent', []))
  const pullback: Lambda = {
    kind: 'function',
    name: null,
    params: [{ name: 'ȳ', pos: t.pos }],
    body: t.tuple(none(params.length + 1)),
    defines: false,
    pos: t.pos,
  }
  const rrule = lambda(cell, { kind: 'rrule', of }, params, t.tuple([value, pullback]), node)
  const frule = lambda(
    cell,
    { kind: 'frule', of },
    [{ name: 'Δargs', pos: t.pos }, ...params],
    t.tuple([value, t.call('ZeroTangent', [])]),
    node,
  )
  return t.block([rrule, frule])
}

type Lower = (n: LezerNode) => Expr

/** `f(x, y)` (or `f(::Any)`) at the head of a rule macro: the function and its parameters. */
function ruleHeadOf(cell: Cell, call: LezerNode | undefined): { of: string; params: Param[] } | null {
  if (call?.name !== 'CallExpression') return null
  const [callee, argsNode] = kids(call)
  if (callee?.name !== 'Identifier' || argsNode?.name !== 'Arguments') return null
  const params = kids(argsNode).map((a, i) =>
    // An unnamed typed parameter, ::Any, still takes an argument.
    a.name === 'UnaryExpression' ? { name: `x${i + 1}`, pos: cell.at(a) } : param(cell, a, false),
  )
  return { of: cell.text(callee), params }
}

/** Small builders for the trees the rule macros stand for, all at the macro's position. */
function trees(pos: Expr['pos']) {
  const name = (n: string): Expr => ({ kind: 'name', name: n, dialect: 'julia', pos })
  return {
    pos,
    name,
    call: (f: string, args: Expr[]): Expr => ({
      kind: 'call',
      callee: name(f),
      args,
      keywords: [],
      broadcast: false,
      dialect: 'julia',
      pos,
    }),
    assign: (target: Expr, value: Expr): Expr => ({ kind: 'assign', target: target as Name, value, op: null, pos }),
    tuple: (items: Expr[]): Expr => ({ kind: 'tuple', items, pos }),
    times: (left: Expr, right: Expr): Expr => binary('*', left, right),
    binary,
    block: (body: Expr[]): Block => ({ kind: 'block', body, scope: 'shared', pos }),
  }
  function binary(op: string, left: Expr, right: Expr): Expr {
    return {
      kind: 'binary',
      op,
      left,
      right,
      broadcast: false,
      implicit: false,
      dialect: 'julia',
      pos,
    }
  }
}
