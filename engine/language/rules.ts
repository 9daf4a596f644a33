/**
 * Derivative rules the learner writes (ChainRules' rrule and frule, Zygote's @adjoint), applied
 * as the real packages apply them:
 *  - with no transform, f runs its own body;
 *  - reverse mode uses f's rrule (even a wrong one: checking it is the point), recorded as one
 *    tape node whose pullback is the learner's function;
 *  - forward mode uses f's frule, or f's body when it has none.
 * Each rule sees its arguments with the level it serves taken off, so the usual `y = f(x)`
 * inside f's own rrule runs f's body (or the rule of an outer level): it is not recursion. A
 * pullback written with the engine's operations is differentiated like any other code, so a
 * rule works under forward-over-reverse. A name with a rule is looked up through withRules,
 * which gives f with its rules attached; every other name costs one Set test.
 */
import { Batched } from '../ad/batching.ts'
import { note } from '../ad/notes.ts'
import type { Primitive } from '../ad/primitive.ts'
import { recorder } from '../ad/trace.ts'
import type { Value } from '../ad/value.ts'
import { Box, Dual, TapeNode, concrete, isValue } from '../ad/value.ts'
import { ShapeError } from '../errors.ts'
import { chargeTape } from '../limits.ts'
import { getindex, range } from '../ops/indexing.ts'
import { stack } from '../ops/structure.ts'
import { describeShape, sameShape, scalar, zeros } from '../tensor/tensor.ts'
import { BUILTINS } from './builtins.ts'
import { LangError } from './errors.ts'
import { overlayValue } from './overlays.ts'
import type { Scope } from './scope.ts'
import type { RuleOf } from './syntax/tree.ts'
import type { LangFunction, LangRecord, LangValue } from './values.ts'
import { describe, isFunction, isRecord, isTuple, tuple } from './values.ts'

/** ChainRulesCore's tangent of something that has none (a function, an integer index). */
export const NO_TANGENT: LangRecord = { kind: 'record', tag: 'NoTangent', fields: new Map() }
/** ChainRulesCore's tangent that is zero, whatever the argument's shape. */
export const ZERO_TANGENT: LangRecord = { kind: 'record', tag: 'ZeroTangent', fields: new Map() }

export function isZeroTangent(v: LangValue): boolean {
  return v === undefined || (isRecord(v) && (v.tag === 'NoTangent' || v.tag === 'ZeroTangent'))
}

/** The rules defined for one function. */
export interface Rules {
  rrule?: LangFunction
  frule?: LangFunction
  adjoint?: LangFunction
}

/** Names some cell has given a rule: only their lookups look for rules. */
const ruled = new Set<string>()

export const RULE_KINDS: readonly RuleOf['kind'][] = ['rrule', 'frule', 'adjoint']

export function ruleName(kind: RuleOf['kind'], of: string): string {
  return `${kind}(${of})`
}

/**
 * A rule's definition was evaluated: lookups of its function's name now look for rules. A rule
 * for a function the notebook does not define replaces the engine's own, which is said.
 */
export function ruleDefined(rule: RuleOf, scope: Scope): void {
  ruled.add(rule.of)
  const builtin = BUILTINS.has(rule.of) || overlayValue('julia', rule.of) !== undefined
  if (builtin && !scope.defines(rule.of))
    note(
      `this ${rule.kind} replaces the engine's own derivative rule for ${rule.of} in this notebook, wherever ${rule.of} is called from a cell`,
    )
}

/** What calling f from a cell means when f has rules: f with them attached. */
const attached = new WeakMap<LangFunction, { base: LangFunction; rules: Rules }>()
const wrappers = new WeakMap<LangFunction, { rules: Rules; wrapper: LangFunction }>()

export function rulesOf(f: LangFunction): { base: LangFunction; rules: Rules } | undefined {
  return attached.get(f)
}

/** The value of a looked-up name, with the rules defined for it in scope attached. */
export function withRules(name: string, value: LangValue, scope: Scope): LangValue {
  if (!ruled.has(name) || !isFunction(value)) return value
  const find = (kind: RuleOf['kind']) => {
    const r = scope.lookup(ruleName(kind, name))
    return isFunction(r) ? r : undefined
  }
  const rules: Rules = { rrule: find('rrule'), frule: find('frule'), adjoint: find('adjoint') }
  const base = attached.get(value)?.base ?? value
  // No rule under this name here: the value as it is (a jax.custom_vjp function keeps its own rules).
  if (!rules.rrule && !rules.frule && !rules.adjoint) return value
  const known = wrappers.get(base)
  if (
    known &&
    known.rules.rrule === rules.rrule &&
    known.rules.frule === rules.frule &&
    known.rules.adjoint === rules.adjoint
  )
    return known.wrapper
  const wrapper = ruledFunction(base, rules)
  wrappers.set(base, { rules, wrapper })
  return wrapper
}

/** f with these rules attached: called, it applies them (jax.custom_vjp's function is one too). */
export function ruledFunction(base: LangFunction, rules: Rules): LangFunction {
  const f: LangFunction = {
    kind: 'function',
    name: base.name,
    params: base.params,
    get source() {
      return base.source
    },
    get tex() {
      return base.tex
    },
    call: (args) => applyRules(base, rules, args),
  }
  attached.set(f, { base, rules })
  return f
}

/** f(args) with f's rules: the innermost level among the arguments decides which applies. */
export function applyRules(base: LangFunction, rules: Rules, args: LangValue[]): LangValue {
  let top: Box | null = null
  for (const a of args) if (a instanceof Box && (top === null || a.level > top.level)) top = a
  if (top === null) return base.call(args)
  if (top instanceof Batched) {
    if (!args.some((a) => isValue(a) && differentiated(a))) return base.call(args)
    return eachExample(base.name, (xs) => applyRules(base, rules, xs), args, top)
  }
  if (top instanceof Dual) return rules.frule ? forwardRule(base, rules.frule, args, top.level) : asOneStep(base, args)
  const reverse = rules.adjoint ?? rules.rrule
  if (!reverse || !(top instanceof TapeNode)) return base.call(args)
  return reverseRule(base, reverse, rules.adjoint ? 'adjoint' : 'rrule', args, top)
}

/** Whether a value carries a tangent or a tape of some level. */
function differentiated(v: Value): boolean {
  for (let u: Value = v; u instanceof Box; u = u.primal) if (!(u instanceof Batched)) return true
  return false
}

// -----------------------------------------------------------------------------------------------
// Reverse mode: one tape node whose pullback is the learner's

interface Pulled {
  /** The pullback the rule returned, called once per cotangent (the sweep asks once per argument). */
  pullback: LangFunction
  kind: 'rrule' | 'adjoint'
  of: string
  primals: readonly LangValue[]
  /** The rule's parameter names, for messages about argument i. */
  names: readonly string[]
  last?: { g: Value; tangents: (Value | null)[] }
}

const rulePrimitives = new Map<string, Primitive<Pulled>>()

/** The tape node's primitive: its name is what the graph shows; its pullback asks the learner's. */
function rulePrimitive(of: string): Primitive<Pulled> {
  let prim = rulePrimitives.get(of)
  if (prim === undefined) {
    prim = {
      name: ruleLabel(of),
      impl: () => {
        throw new LangError(`the rule of ${of} is applied by the notebook, not evaluated as an operation`)
      },
      vjp: (i) => (g, _primals, _out, pulled) => tangentsFor(pulled, g)[i] ?? zeros(concrete(g).shape),
    }
    rulePrimitives.set(of, prim)
  }
  return prim
}

/** How graphs and traces name a node computed by a learner's rule: "f (your rule)". */
export const RULE_LABEL_SUFFIX = ' (your rule)'

export function ruleLabel(of: string): string {
  return of + RULE_LABEL_SUFFIX
}

function reverseRule(
  base: LangFunction,
  rule: LangFunction,
  kind: 'rrule' | 'adjoint',
  args: LangValue[],
  top: TapeNode,
): LangValue {
  const level = top.level
  const primals = args.map((a) => (a instanceof TapeNode && a.level === level ? a.primal : a))
  const out = guarded(base.name, () => rule.call(primals))
  const what = kind === 'rrule' ? `the rrule of ${base.name}` : `the @adjoint of ${base.name}`
  if (!isTuple(out) || out.items.length !== 2 || !isFunction(out.items[1]))
    throw new LangError(
      `${what} must return a tuple of the value and its pullback, as in return y, ȳ -> (${kind === 'rrule' ? 'NoTangent(), ' : ''}…); it returned ${describe(out)}`,
    )
  const [y, pullback] = out.items as [LangValue, LangFunction]
  if (!isValue(y))
    throw new LangError(
      `${what} returned ${describe(y)} as its value: rules here are for functions whose value is a number, vector or matrix`,
    )
  const tape = top.tape
  const parents = args.map((a) => (a instanceof TapeNode && a.level === level ? a : null))
  // Arguments that are not arrays (a function, a tuple) have no place in the sweep.
  const onTape = primals.map((p) => (isValue(p) ? p : scalar(0)))
  const pulled: Pulled = { pullback, kind, of: base.name, primals, names: rule.params }
  const node = new TapeNode(y, level, tape, tape.length, rulePrimitive(base.name) as Primitive, onTape, parents, pulled)
  tape.push(node)
  chargeTape(concrete(y).data.byteLength, base.name)
  // Under forward-over-reverse the node's value is a dual number: the trace keeps its ε-part.
  recordRuleStep(base.name, args, node, level, 'reverse', y, y instanceof Dual ? y.tangent : undefined)
  return node
}

/** One step of the trace for a call that a learner's rule computed: the graph shows it as one node. */
function recordRuleStep(
  of: string,
  args: readonly LangValue[],
  node: Value,
  level: number,
  mode: 'forward' | 'reverse',
  primal: Value,
  tangent: Value | undefined,
): void {
  const rec = recorder()
  if (rec === null) return
  rec.push({
    kind: 'op',
    step: 0,
    node: rec.name(node),
    prim: ruleLabel(of),
    inputs: args.filter(isValue).map((a) => rec.id(a, level)),
    level,
    mode,
    primal: concrete(primal),
    ...(tangent !== undefined ? { tangent: concrete(tangent) } : {}),
  })
}

/** The tangent of each argument for cotangent g, checked: one per argument, each of its shape. */
function tangentsFor(pulled: Pulled, g: Value): (Value | null)[] {
  if (pulled.last?.g === g) return pulled.last.tangents
  const { kind, of, primals } = pulled
  const arg = (i: number) => {
    const name = pulled.names[i]
    return name && /^[\p{L}_]/u.test(name) ? name : `argument ${i + 1}`
  }
  const result = guarded(of, () => pulled.pullback.call([g]))
  const n = primals.length
  const expected = kind === 'rrule' ? n + 1 : n
  const whose = kind === 'rrule' ? `the pullback in the rrule of ${of}` : `the pullback in the @adjoint of ${of}`
  // x̄ for a parameter x: the tangents the pullback should return, as a learner would name them.
  const bar = (i: number) =>
    pulled.names[i] && /^[\p{L}_]/u.test(pulled.names[i]!) ? `${pulled.names[i]}\u0304` : `x̄${i + 1}`
  const names = (ps: readonly LangValue[]) => ps.map((_, i) => bar(i)).join(', ')
  if (!isTuple(result)) {
    const hint =
      kind === 'rrule'
        ? `(NoTangent(), ${names(primals)}): one tangent for ${of} itself, then one per argument`
        : `(${n === 1 ? `${bar(0)},` : names(primals)}): one tangent per argument${n === 1 ? ' (the comma makes it a tuple)' : ''}`
    throw new LangError(`${whose} must return a tuple ${hint}; it returned ${describe(result)}`)
  }
  if (result.items.length !== expected) {
    const needs =
      kind === 'rrule' ? `${expected}: NoTangent() for ${of} itself, then one per argument` : `one per argument`
    throw new LangError(
      `${whose} returned ${result.items.length} tangent${result.items.length === 1 ? '' : 's'}, but ${of} was called with ${n} argument${n === 1 ? '' : 's'}, so it needs ${needs}`,
    )
  }
  const items = kind === 'rrule' ? result.items.slice(1) : result.items
  const tangents = items.map((t, i): Value | null => {
    const p = primals[i]
    if (isZeroTangent(t) || !isValue(p)) return null
    if (!isValue(t))
      throw new LangError(
        `${whose} returned ${describe(t)} as the tangent of ${arg(i)}, which is a ${describeShape(p.shape)}: write an array of that shape, or NoTangent()`,
      )
    if (!sameShape(t.shape, p.shape))
      throw new ShapeError(
        `${whose} returned a ${describeShape(t.shape)} as the tangent of ${arg(i)}, which is a ${describeShape(p.shape)}: a tangent has its argument's shape`,
      )
    return t
  })
  pulled.last = { g, tangents }
  return tangents
}

// -----------------------------------------------------------------------------------------------
// Forward mode: the learner's frule

function forwardRule(base: LangFunction, rule: LangFunction, args: LangValue[], level: number): LangValue {
  const ours = (a: LangValue): a is Dual => a instanceof Dual && a.level === level
  const primals = args.map((a) => (ours(a) ? a.primal : a))
  // An argument this level does not perturb gets zeros of its shape (ChainRules' ZeroTangent), so
  // the learner's ẋ * y + x * ẏ computes without a special case.
  const tangents = args.map((a) => (ours(a) ? a.tangent : isValue(a) ? zeros(a.shape) : NO_TANGENT))
  const out = guarded(base.name, () => rule.call([tuple([NO_TANGENT, ...tangents]), ...primals]))
  const what = `the frule of ${base.name}`
  if (!isTuple(out) || out.items.length !== 2)
    throw new LangError(`${what} must return a tuple (y, ẏ) of the value and its tangent; it returned ${describe(out)}`)
  const [y, ydot] = out.items as [LangValue, LangValue]
  if (!isValue(y))
    throw new LangError(
      `${what} returned ${describe(y)} as its value: rules here are for functions whose value is a number, vector or matrix`,
    )
  if (isZeroTangent(ydot)) return y
  if (!isValue(ydot))
    throw new LangError(`${what} returned ${describe(ydot)} as the tangent ẏ: write an array of the value's shape`)
  if (!sameShape(ydot.shape, y.shape))
    throw new ShapeError(
      `${what} returned a ${describeShape(ydot.shape)} as the tangent of a ${describeShape(y.shape)} value: a tangent has its value's shape`,
    )
  const dual = new Dual(y, ydot, level)
  recordRuleStep(base.name, args, dual, level, 'forward', y, ydot)
  return dual
}

/**
 * Forward mode through f's body when f has only a reverse rule: traced as one step, so that the
 * pullbacks panel, whose graph shows the rule as one node, matches the pushforward to it.
 */
function asOneStep(base: LangFunction, args: LangValue[]): LangValue {
  const rec = recorder()
  if (rec === null) return base.call(args)
  let y: LangValue
  rec.muted++
  try {
    y = base.call(args)
  } finally {
    rec.muted--
  }
  if (y instanceof Dual) recordRuleStep(base.name, args, y, y.level, 'forward', y.primal, y.tangent)
  return y
}

// -----------------------------------------------------------------------------------------------
// Under vmap: example by example, so each example's derivatives go through the rule

function eachExample(name: string, call: (args: LangValue[]) => LangValue, args: LangValue[], top: Batched): Value {
  const level = top.level
  const results: Value[] = []
  for (let e = 0; e < top.size; e++) {
    const example = args.map((a) => {
      if (!(a instanceof Batched && a.level === level)) return a
      const s = a.stacked
      return getindex(s, [e, ...s.shape.slice(1).map((n) => range(0, n))])
    })
    const y = call(example)
    if (!isValue(y))
      throw new LangError(`${name} with a rule returned ${describe(y)} under vmap: it must return an array`)
    results.push(y)
  }
  return new Batched(stack(results), top.size, level)
}

// -----------------------------------------------------------------------------------------------
// A rule that applies itself without end

const MAX_RULE_DEPTH = 16
const depth = new Map<string, number>()

function guarded<T>(of: string, run: () => T): T {
  const d = (depth.get(of) ?? 0) + 1
  if (d > MAX_RULE_DEPTH)
    throw new LangError(
      `the rule of ${of} calls itself without end: inside its rule or pullback, ${of} is differentiated again (by gradient, jacobian, or rrule(${of}, ...)), which applies the same rule again; compute the derivative there with plain operations`,
      'limit',
    )
  depth.set(of, d)
  try {
    return run()
  } finally {
    depth.set(of, d - 1)
  }
}
