/**
 * Teaching messages in the learner's own words: when gradient fails because the function's
 * output is not a single number, the message suggests the call that works with the learner's
 * own function and point as written (`jacobian(g, x1)[1]` in a Julia cell, `jacobian(g, x1)`
 * in an `ad` cell), and `gradient(gradient(f), x)` gets the lesson that a gradient needs a
 * point and that the gradient of a gradient is the Hessian. Every suggestion runs as typed in
 * the cell's language (tests/engine/language/teaching.test.ts runs each one).
 *
 * The interpreter calls three hooks as an error unwinds: `teachCall` when a call fails inside
 * the function called, `teachArgument` when one of its arguments fails, and `leavingFunction`
 * when an error leaves a learner's function. An error raised inside the learner's functions
 * (`h(x1)`, where h's body takes the gradient of g at h's parameter x) is followed out frame by
 * frame: each parameter is replaced by the caller's argument as written, so the suggestion
 * reaches the top level as `jacobian(g, x1)[1]`. Where that cannot be done (a function called
 * by a builtin, or a local variable in the suggestion), it stays in the function's own names
 * and says in which function to write it.
 */
import { DomainError, EngineError, NonScalarOutputError } from '../errors.ts'
import { LangError } from './errors.ts'
import { overlayValue } from './overlays.ts'
import type { Teaching, TeachingLanguage } from './teachingMessages.ts'
import { teachingMessage } from './teachingMessages.ts'
import { unsupportedCall } from './teachingNames.ts'

export type { Teaching, TeachingLanguage } from './teachingMessages.ts'
import type { Scope } from './scope.ts'
import { printSource } from './syntax/source.ts'
import type { Dialect, Expr, SyntaxNode } from './syntax/tree.ts'
import { children } from './syntax/walk.ts'
import type { LangFunction, LangValue } from './values.ts'
import { isFunction } from './values.ts'

/** A LangError that teaches: the payload says what went wrong, the message says it in words. */
export class TeachingError extends LangError {
  override name = 'TeachingError'
  /** The calls the message suggests, each runnable as typed in the cell (or in `frame`). */
  suggestions: string[] = []
  /** The learner's function the texts are written in, when they cannot be followed out of it. */
  frame: string | null = null
  /** The functions the error happened inside, innermost first (while followed out). */
  readonly inside: string[] = []
  /** Where it happened, as written: `gradient(x_ -> g(x_), x)`. */
  site = ''
  constructor(
    readonly teaching: Teaching,
    readonly language: TeachingLanguage = 'ad',
    /** The texts as trees, so that names can be replaced as the error leaves a function. */
    readonly trees: Partial<Record<'fn' | 'point', Expr>> = {},
  ) {
    super('', 'type')
    this.render()
  }

  /** Writes the message (and suggestions) from the payload. */
  render(): void {
    const { message, suggestions } = teachingMessage(this.teaching, this.language, this.frame)
    const where = this.inside.length > 0 ? ` (in ${this.site}, inside ${this.inside.join(', inside ')})` : ''
    this.message = message.replace('%WHERE%', where)
    this.suggestions = suggestions
  }
}

// -----------------------------------------------------------------------------------------------
// Hooks the interpreter calls as an error unwinds

/** A call as written: what the hooks need to know about it. */
export interface CallSite {
  calleeNode: Expr
  argNodes: Expr[]
  broadcast: boolean
  scope: Scope
}

const TRANSFORMS = new Set(['gradient', 'withgradient', 'jacobian', 'hessian', 'hessian_reverse', 'derivative'])

/** The transform a callee names (`gradient`, `Zygote.gradient`), if it is a builtin one. */
function transformName(callee: LangValue, node: Expr): string | null {
  if (!isFunction(callee) || callee.source !== callee.name) return null // the learner's own function
  if (node.kind !== 'name' && node.kind !== 'field') return null
  const text = printSource(node)
  return TRANSFORMS.has(text.slice(text.lastIndexOf('.') + 1)) ? text : null
}

/** The language the call was written in: the dialect its names carry (none in `ad`). */
function languageOf(nodes: readonly SyntaxNode[]): TeachingLanguage {
  const todo = [...nodes]
  for (let i = 0; i < todo.length && i < 200; i++) {
    const node = todo[i]!
    const dialect = (node as { dialect?: Dialect }).dialect
    if (dialect !== undefined) return dialect
    todo.push(...children(node))
  }
  return 'ad'
}

/** `x_ -> g(x_)` is g: the function the learner means, as they named it. */
function seeThrough(node: Expr): Expr {
  if (node.kind === 'paren') return seeThrough(node.expr)
  if (node.kind !== 'function' || node.defines || node.name !== null) return node
  const body = node.body.kind === 'block' && node.body.body.length === 1 ? node.body.body[0]! : node.body
  const params = node.params.map((p) => p.name)
  if (
    body.kind === 'call' &&
    !body.broadcast &&
    body.keywords.length === 0 &&
    node.params.every((p) => !p.default && !p.rest && !p.keyword) &&
    body.args.length === params.length &&
    body.args.every((a, i) => a.kind === 'name' && a.name === params[i]) &&
    (body.callee.kind === 'name' || body.callee.kind === 'field') &&
    !freeNames(body.callee).some((n) => params.includes(n))
  )
    return body.callee
  return node
}

/**
 * When fn names the learner's function defined as a gradient (the thread's
 * `g(x) = Zygote.gradient(x_ -> f(x_), x)[1]`, ad's `g(x) = gradient(f, x)`), the function it is
 * the gradient of, read from its definition as printed back; otherwise nothing.
 */
function gradientOf(fn: Expr, scope: Scope): { gradientOf?: string } {
  if (fn.kind !== 'name') return {}
  const g = scope.lookup(fn.name)
  if (!isFunction(g) || g.source === g.name) return {}
  const definition =
    /^[\p{L}_][\p{L}\p{N}_!]*\(([\p{L}_][\p{L}\p{N}_]*)\) = (?:Zygote\.|ForwardDiff\.)?gradient\((.+), \1\)(?:\[1\])?$/u.exec(
      g.source,
    )
  if (!definition) return {}
  // Its function as written, or seen through x_ -> f(x_).
  const inner = /^\(?([\p{L}_][\p{L}\p{N}_]*)\)? -> ([\p{L}_][\p{L}\p{N}_]*)\(\1\)$/u.exec(definition[2]!)
  const f = inner ? inner[2]! : definition[2]!
  return /^[\p{L}_][\p{L}\p{N}_]*$/u.test(f) && scope.has(f) ? { gradientOf: f } : {}
}

/** Errors that went past a hook without being taught: their place is no longer the call's own. */
const passed = new WeakSet<object>()

/** The function an error left whose call site has not been reached yet. */
const pending = new WeakMap<TeachingError, { name: string; params: readonly string[] }>()

/** A call failed inside the function called: teach, or follow a teaching out of a learner's function. */
export function teachCall(err: unknown, callee: LangValue, site: CallSite): unknown {
  if (err instanceof TeachingError) return followOut(err, callee, site)
  if (!(err instanceof EngineError) || passed.has(err)) return err
  passed.add(err)
  // g'(x1) in a Julia cell is Zygote's gradient of g at x1.
  const c = site.calleeNode
  if (c.kind === 'unary' && c.op === "'" && c.postfix && err instanceof NonScalarOutputError) {
    if (site.argNodes.length !== 1 || site.broadcast) return err
    const fn = seeThrough(c.operand)
    const point = site.argNodes[0]!
    const taught = new TeachingError(
      { kind: 'non-scalar-output', transform: `${text(fn)}'`, fn: text(fn), point: text(point), shape: err.shape },
      languageOf([c, point]),
      { fn, point },
    )
    taught.site = `${text(fn)}'(${text(point)})`
    return taught
  }
  const transform = transformName(callee, site.calleeNode)
  if (transform === null || site.argNodes.some((a) => a.kind === 'splat')) return err
  const language = languageOf([site.calleeNode, ...site.argNodes])
  const [fnNode, pointNode] = site.argNodes
  if (err instanceof NonScalarOutputError && site.argNodes.length === 2 && !site.broadcast) {
    const fn = seeThrough(fnNode!)
    const taught = new TeachingError(
      {
        kind: 'non-scalar-output',
        transform,
        fn: text(fn),
        point: text(pointNode!),
        shape: err.shape,
        ...gradientOf(fn, site.scope),
      },
      language,
      { fn, point: pointNode! },
    )
    taught.site = `${transform}(${site.argNodes.map(text).join(', ')})`
    return taught
  }
  // gradient(f): the arity check failed on a function alone, without a point.
  if (site.argNodes.length === 1 && err instanceof LangError && /takes .* but was given 1/.test(err.message)) {
    const fn = seeThrough(fnNode!)
    return new TeachingError({ kind: 'missing-point', transform, fn: text(fn) }, language, { fn })
  }
  return err
}

/** The callee is not defined: a Julia function the notebook does not have gets what to write instead. */
export function teachCallee(err: unknown, site: CallSite): unknown {
  // gradient(f)(x1): the point was meant for the call that failed without one.
  if (err instanceof TeachingError && err.teaching.kind === 'missing-point' && err.frame === null) {
    const [point] = site.argNodes
    if (site.calleeNode.kind !== 'call' || site.argNodes.length !== 1 || point === undefined) return err
    const { transform, fn } = err.teaching
    return new TeachingError({ kind: 'curried', transform, fn, point: text(point) }, err.language, {
      ...err.trees,
      point,
    })
  }
  if (!(err instanceof LangError) || err.kind !== 'name' || err instanceof TeachingError) return err
  if (languageOf([site.calleeNode, ...site.argNodes]) !== 'julia') return err
  const advice = unsupportedCall(site.calleeNode, site.argNodes)
  return advice === null ? err : new TeachingError({ kind: 'not-supported', ...advice }, 'julia')
}

/** An argument failed: `gradient(gradient(f), x)` is the gradient of a gradient. */
export function teachArgument(err: unknown, callee: LangValue, site: CallSite): unknown {
  if (err instanceof DomainError && isFunction(callee) && callee.name === 'ifelse' && callee.source === 'ifelse')
    return bothBranches(err)
  if (!(err instanceof TeachingError) || err.teaching.kind !== 'missing-point' || err.frame !== null) return err
  const outer = transformName(callee, site.calleeNode)
  const [inner, point] = site.argNodes
  if (outer !== null && /derivative$/.test(outer) && /derivative$/.test(err.teaching.transform) && point !== undefined)
    return new TeachingError(
      { kind: 'second-derivative', transform: err.teaching.transform, fn: err.teaching.fn, point: text(point) },
      err.language,
      { ...err.trees, point },
    )
  if (outer === null || !/(gradient|jacobian)$/.test(outer) || !/gradient$/.test(err.teaching.transform)) return err
  if (inner?.kind !== 'call' || inner.args.length !== 1 || point === undefined) return err
  const taught = new TeachingError(
    {
      kind: 'gradient-of-gradient',
      outer,
      transform: err.teaching.transform,
      fn: err.teaching.fn,
      point: text(point),
    },
    err.language,
    { ...err.trees, point },
  )
  return taught
}

/**
 * sqrt(-1.0) failing as an argument of ifelse: ifelse is an ordinary function, so both branches
 * are computed before it chooses (Julia throws the same DomainError). Says so, and the two fixes.
 */
function bothBranches(err: DomainError): DomainError {
  const hint =
    '; ifelse computes both of its branches before it chooses, so this one ran although its condition may be false. Make its input safe where it is not taken (the "double where": ifelse(c, sqrt(ifelse(c, x, 1.0)), 0.0)), or write c ? sqrt(x) : 0.0, which runs only the branch it picks'
  if (!err.message.includes('computes both of its branches')) err.message += hint
  return err
}

/** An error leaves a learner's function: its parameters are to be replaced at the call site. */
export function leavingFunction(err: unknown, name: string, params: readonly string[]): unknown {
  if (!(err instanceof TeachingError)) {
    if (err instanceof EngineError) passed.add(err)
    return err
  }
  if (err.frame !== null) return err
  // The last function left was not reached through a call as written (a builtin called it).
  const last = pending.get(err)
  if (last !== undefined) return freeze(err, last.name)
  pending.set(err, { name, params })
  err.inside.push(name)
  return err
}

function freeze(err: TeachingError, frame: string): TeachingError {
  pending.delete(err)
  err.frame = frame
  err.render()
  return err
}

/** At the call of the function the error left: its parameters become the arguments as written. */
function followOut(err: TeachingError, callee: LangValue, site: CallSite): TeachingError {
  const left = pending.get(err)
  if (err.frame !== null || left === undefined) return err
  const fn = callee as LangFunction
  const same = isFunction(callee) && fn.name === left.name && fn.params.join() === left.params.join()
  // The error is now at this call: its place is marked here (the inner one may be another cell's).
  err.span = undefined
  if (!same || site.broadcast || site.argNodes.some((a) => a.kind === 'splat')) return freeze(err, left.name)
  const names = new Map<string, Expr>()
  left.params.forEach((p, i) => {
    const arg = site.argNodes[i]
    if (arg !== undefined) names.set(p, arg)
  })
  const trees = Object.fromEntries(
    Object.entries(err.trees).map(([k, tree]) => [k, substitute(tree, names)]),
  ) as Record<string, Expr>
  // A name left over is one of the function's own variables: the suggestion only runs inside it.
  const unknown = Object.values(trees).some((tree) =>
    freeNames(tree).some((n) => !site.scope.has(n) && overlayValue('julia', n) === undefined),
  )
  if (unknown) return freeze(err, left.name)
  pending.delete(err)
  for (const [k, tree] of Object.entries(trees)) {
    ;(err.trees as Record<string, Expr>)[k] = tree
    ;(err.teaching as Record<string, unknown>)[k] = text(tree)
  }
  err.render()
  return err
}

// -----------------------------------------------------------------------------------------------
// Trees

/** A tree as text to type: printed back, with Julia's `x -> ...` for one parameter as learners write it. */
function text(node: Expr): string {
  let printed: string
  try {
    printed = printSource(node)
  } catch {
    return node.kind
  }
  return languageOf([node]) === 'julia' ? printed.replace(/\(([\p{L}_][\p{L}\p{N}_!]*)\) ->/gu, '$1 ->') : printed
}

/** The names a tree reads that it does not bind itself (an anonymous function binds its parameters). */
export function freeNames(node: SyntaxNode, bound: ReadonlySet<string> = new Set()): string[] {
  if (node.kind === 'name') return bound.has(node.name) ? [] : [node.name]
  let inner = bound
  if (node.kind === 'function') inner = new Set([...bound, ...node.params.map((p) => p.name)])
  return children(node).flatMap((c) => freeNames(c, inner))
}

/** The tree with its free names replaced (an anonymous function's parameters stay its own). */
export function substitute(node: Expr, names: ReadonlyMap<string, Expr>): Expr {
  if (names.size === 0) return node
  if (node.kind === 'name') return names.get(node.name) ?? node
  let inner = names
  if (node.kind === 'function') {
    const own = new Map(names)
    for (const p of node.params) own.delete(p.name)
    inner = own
  }
  const copy: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(node)) copy[key] = key === 'pos' ? value : mapNodes(value, inner)
  return copy as unknown as Expr
}

function mapNodes(value: unknown, names: ReadonlyMap<string, Expr>): unknown {
  if (Array.isArray(value)) return value.map((v) => mapNodes(v, names))
  if (typeof value !== 'object' || value === null) return value
  if (typeof (value as { kind?: unknown }).kind === 'string') return substitute(value as Expr, names)
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'pos' ? v : mapNodes(v, names)]))
}
