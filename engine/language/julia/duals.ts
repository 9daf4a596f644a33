/**
 * ForwardDiff's dual numbers as values a learner builds in a Julia cell: `ForwardDiff.Dual{T}(x, ẋ)`,
 * `ForwardDiff.value(d)`, `ForwardDiff.partials(d, 1)`, `d.value`, `d.partials[1]`.
 *
 * A dual is the engine's own forward-mode box (ad/value.ts `Dual`) at a level that stands for its
 * tag, so every operation and derivative rule works on it as on any tangent, and Zygote's reverse
 * mode nests over it (the thread's autoback_hesvec). A tag gets its level when a dual of that tag
 * is first built (inside a transformation opened later, one more: see levelFor), so equal tags are
 * one perturbation (adding two of them confuses them, as ForwardDiff does) and tags first used
 * later sit inside earlier ones, as ForwardDiff orders its own `Tag`s by creation. (ForwardDiff
 * refuses to combine two tags it cannot order, such as :x and :y, with a DualMismatchError; here
 * they are ordered by first use, so that different tags can show what tags are for.) Levels are
 * what the engine keeps nested perturbations apart with; this file only names them. One partial
 * per dual: one direction, which is what the thread and the lessons use.
 */
import type { Value } from '../../ad/value.ts'
import { Box, Dual, concrete, isValue, newLevel, runningLevels } from '../../ad/value.ts'
import * as ops from '../../ops/index.ts'
import type { Shape } from '../../tensor/tensor.ts'
import { describeShape, zeros } from '../../tensor/tensor.ts'
import { builtin } from '../args.ts'
import { LangError } from '../errors.ts'
import type { LangFunction, LangValue } from '../values.ts'
import { describe, isTuple, tensorOperand, tuple } from '../values.ts'

// -----------------------------------------------------------------------------------------------
// Tags and levels

/** The level each tag's duals are built at, outside any transformation opened after it. */
const tagLevels = new Map<string, number>()
/** Inside a transformation opened later (Zygote.gradient, ForwardDiff.derivative): the tag's level there. */
const innerLevels = new Map<string, { under: number; level: number }[]>()
/** The tag of every level ever given to one. */
const levelTags = new Map<number, string>()

/** The highest level of any box in v (boxes hold only lower levels inside them). */
function topLevel(v: Value): number {
  return v instanceof Box ? v.level : 0
}

function fresh(tag: string): number {
  const level = newLevel()
  levelTags.set(level, tag)
  return level
}

/**
 * The level for a new dual of this tag around x and ẋ. A dual must sit above every box inside it
 * and above every transformation running when it is made (a dual built inside Zygote.gradient
 * from the variable being differentiated holds that gradient's box). So a tag has its own level
 * at the top of the notebook, and one level per running transformation opened after it, shared
 * by its duals made while that transformation runs: equal tags are one perturbation wherever
 * they meet, and the notebook's duals are unaffected by what ran inside a gradient. A dual built
 * at its tag's own level, Dual{T}(Dual{T}(...), ...), nests at that level, as ForwardDiff nests
 * equal tags.
 */
function levelFor(tag: string, x: Value, dx: Value): number {
  const inside = Math.max(topLevel(x), topLevel(dx))
  const running = runningLevels()
  const under = running.length > 0 ? running[running.length - 1]! : 0
  let base = tagLevels.get(tag)
  if (base === undefined) tagLevels.set(tag, (base = fresh(tag)))
  if (base > under && base >= inside) return base
  // Levels of transformations that have finished are forgotten; the innermost running one decides.
  // (Under 0, at the top, a tag nested around a newer tag's dual: Dual{:a}(Dual{:b}(...), ...).)
  const scoped = (innerLevels.get(tag) ?? []).filter((s) => s.under === 0 || running.includes(s.under))
  let here = scoped.find((s) => s.under === under && s.level >= inside)
  if (here === undefined) scoped.push((here = { under, level: fresh(tag) }))
  innerLevels.set(tag, scoped)
  return here.level
}

/** The tag of v when v is a dual a learner built, e.g. "Nothing" or ":x". */
export function dualTag(v: unknown): string | undefined {
  return v instanceof Dual ? levelTags.get(v.level) : undefined
}

// -----------------------------------------------------------------------------------------------
// Building duals

/** "Nothing", ":x", "Nothing, Float64, 1": the tag is the first parameter; N, when given, must be 1. */
function tagOf(parameters: string): string {
  const parts = parameters.split(',').map((p) => p.trim().replace(/\s+/g, ' '))
  const tag = parts[0]!
  if (tag === '') throw new LangError('ForwardDiff.Dual{T} needs a tag T between the braces, e.g. Dual{Nothing}')
  if (parts.length > 3) throw new LangError(`ForwardDiff.Dual{${parameters}} has more type parameters than T, V, N`)
  if (parts.length === 3 && parts[2] !== '1') throw oneP(`ForwardDiff.Dual{${parameters}}`)
  return tag
}

const oneP = (who: string): LangError =>
  new LangError(
    `${who}: duals here carry one partial (one direction), as the thread's autoback_hesvec uses; for several directions, build one dual per direction or use ForwardDiff.jacobian`,
  )

/** x and ẋ stretched to one shape, as Dual{T}.(x, v) pairs them element by element. */
function paired(x: Value, dx: Value, who: string): [Value, Value] {
  const shape: Shape | null = ops.broadcastShapes([x.shape, dx.shape], 'left')
  if (shape === null)
    throw new LangError(
      `${who}: the value and the partial must have one shape (or one be a number), but got a ${describeShape(x.shape)} and a ${describeShape(dx.shape)}`,
    )
  return [ops.stretch(x, shape), ops.stretch(dx, shape)]
}

/** Dual{T}(x, ẋ), Dual{T}(x, (ẋ,)), Dual{T}(x) (partial 0); over arrays, one dual per element. */
function build(tag: string, args: LangValue[]): Value {
  const who = `ForwardDiff.Dual{${tag}}`
  let partials = args.slice(1)
  if (partials.length === 1 && isTuple(partials[0])) partials = [...partials[0].items]
  if (partials.length > 1) throw oneP(who)
  const x = tensorOperand(args[0], `${who}'s value`)
  const dx = partials.length === 1 ? tensorOperand(partials[0], `${who}'s partial`) : zeros(x.shape)
  const [value, partial] = paired(x, dx, who)
  return new Dual(value, partial, levelFor(tag, value, partial))
}

/** The constructor Dual{T}: a function of the value and the partial, taking arrays element by element. */
function constructor(tag: string): LangFunction {
  const name = `ForwardDiff.Dual{${tag}}`
  return builtin(name, ['x', 'ẋ'], (args) => build(tag, args), { arity: [1, Infinity], elementwise: true })
}

const constructors = new Map<string, LangFunction>()

/**
 * ForwardDiff.Dual: with one string, the parameters of Dual{T} as the front-end passes them, it
 * returns that constructor; with numbers, Dual(x, ẋ) is Dual{Nothing}(x, ẋ), as in ForwardDiff.
 */
const dualFunction: LangFunction = builtin(
  'ForwardDiff.Dual',
  ['x', 'ẋ'],
  (args) => {
    if (args.length === 1 && typeof args[0] === 'string') {
      const tag = tagOf(args[0])
      let made = constructors.get(tag)
      if (made === undefined) constructors.set(tag, (made = constructor(tag)))
      return made
    }
    return build('Nothing', args)
  },
  { arity: [1, Infinity], elementwise: true },
)

// -----------------------------------------------------------------------------------------------
// Reading duals

/** The highest level in v that belongs to a learner's dual (0 for none): whose partials partials(v) reads. */
function dualLevel(v: Value): number {
  if (!(v instanceof Box)) return 0
  if (levelTags.has(v.level)) return v.level
  const inner = dualLevel(v.primal)
  return v instanceof Dual ? Math.max(inner, dualLevel(v.tangent)) : inner
}

/**
 * The value or the partial of the level-`level` dual in v. Through a forward box of a higher level
 * (a dual inside ForwardDiff.derivative), both parts are linear, so the box is rebuilt around them.
 * Through a reverse box (a dual built outside Zygote.gradient, read inside it) they are not
 * derivatives of anything Zygote's chain rule can carry, so that is refused by name.
 */
function partAt(v: Value, level: number, part: 'value' | 'partials'): Value {
  if (!(v instanceof Box) || v.level < level) return part === 'value' ? v : zeros(v.shape)
  if (v.level === level && v instanceof Dual) return part === 'value' ? v.primal : v.tangent
  if (v instanceof Dual) return new Dual(partAt(v.primal, level, part), partAt(v.tangent, level, part), v.level)
  if (dualLevel(v.primal) < level) return part === 'value' ? v : zeros(v.shape)
  throw new LangError(
    `ForwardDiff.${part} of a dual built outside the Zygote.gradient (or pullback) that is differentiating this call cannot be differentiated: build the dual inside the function being differentiated`,
  )
}

function dualArg(v: LangValue, who: string): Value {
  if (isTuple(v) && v.items.length === 1 && isValue(v.items[0]))
    throw new LangError(
      `${who} needs a dual number (or an array of them), but got a tuple of 1: Zygote.gradient returns a tuple, one entry per argument, so take its item with first(...) or [1]`,
    )
  if (!isValue(v) && typeof v !== 'boolean')
    throw new LangError(`${who} needs a dual number (or a number), but got ${describe(v)}`)
  return tensorOperand(v, who)
}

/** ForwardDiff.value(d): the value of d's outermost dual; a plain number is its own value. */
function value(d: LangValue): LangValue {
  if (!isValue(d)) return d // value(x) = x for anything that is not a dual
  const level = dualLevel(d)
  return level === 0 ? d : partAt(d, level, 'value')
}

/** partials(d, i, j...): the i-th partial (only 1 here), then the j-th of that, for nested duals. */
function partials(args: LangValue[]): LangValue {
  const d = dualArg(args[0], 'ForwardDiff.partials')
  const level = dualLevel(d)
  const p = level === 0 ? zeros(d.shape) : partAt(d, level, 'partials')
  if (args.length === 1) return level === 0 ? tuple([]) : tuple([p])
  const i = tensorOperand(args[1], 'the index of a partial')
  if (i.shape.length !== 0)
    throw new LangError(`ForwardDiff.partials(d, i): i must be a number, but got ${describe(args[1])}`)
  const k = concrete(i).item()
  if (k !== 1 && level !== 0)
    throw new LangError(
      `ForwardDiff.partials(d, ${k}): this dual has one partial, so the index can only be 1 (a BoundsError in Julia)`,
    )
  return args.length === 2 ? p : partials([p, ...args.slice(2)])
}

/** d.value and d.partials: a dual's two fields (undefined when obj is not a dual). */
export function dualField(obj: LangValue, key: string): LangValue | undefined {
  if (!isValue(obj) || dualLevel(obj) === 0) return undefined
  if (key === 'value') return value(obj)
  if (key === 'partials') return partials([obj])
  throw new LangError(`a dual number has two fields, value and partials, but not ${key}`)
}

/** What the ForwardDiff module record holds for duals (engine/language/julia's module table reads it). */
export const DUAL_MEMBERS: [string, LangValue][] = [
  ['Dual', dualFunction],
  ['value', builtin('ForwardDiff.value', ['d'], ([d]) => value(d), { elementwise: true })],
  ['partials', builtin('ForwardDiff.partials', ['d', 'i'], partials, { arity: [1, Infinity], elementwise: true })],
]

// -----------------------------------------------------------------------------------------------
// Printing duals as Julia does: Dual{Nothing}(1.0,2.0), nested Dual{:b}(Dual{:a}(1.0,1.0),Dual{:a}(1.0,0.0))

/** The learner's dual under v, skipping the boxes of transformations running around it. */
function learnerDual(v: Value): Dual | undefined {
  while (v instanceof Box && !levelTags.has(v.level)) v = v.primal
  return v instanceof Dual ? v : undefined
}

/** The tag, value and partial of a learner's dual (each maybe a dual itself), for the page's display. */
export function dualParts(v: LangValue): { tag: string; value: Value; partial: Value } | undefined {
  const d = isValue(v) ? learnerDual(v) : undefined
  return d && { tag: levelTags.get(d.level)!, value: d.primal, partial: d.tangent }
}

/** A Float64 as Julia prints it: 1.0, 0.5, 1.0e-5, 2.5e20, Inf, NaN, -0.0. */
function juliaFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN'
  if (!Number.isFinite(x)) return x > 0 ? 'Inf' : '-Inf'
  const a = Math.abs(x)
  if (a !== 0 && (a < 1e-4 || a >= 1e16)) {
    const [m, e] = x.toExponential().split('e') as [string, string]
    return `${m.includes('.') ? m : `${m}.0`}e${Number(e)}`
  }
  return Number.isInteger(x) ? (Object.is(x, -0) ? '-0.0' : x.toFixed(1)) : String(x)
}

const ZERO = zeros([])

/**
 * Entry k of p written as a number of like's type, as Julia promotes a dual's partial to its
 * value's type: a plain partial of a nested dual reads Dual{:a}(p,0.0).
 */
function entryText(p: Value, like: Value, k: number): string {
  const l = learnerDual(like)
  const q = learnerDual(p)
  if (l === undefined) {
    if (q !== undefined) return entryText(p, p, k)
    const data = concrete(p).data
    return juliaFloat(data.length === 1 ? data[0]! : data[k]!)
  }
  const tag = levelTags.get(l.level)!
  if (q !== undefined && q.level === l.level)
    return `Dual{${tag}}(${entryText(q.primal, l.primal, k)},${entryText(q.tangent, l.primal, k)})`
  return `Dual{${tag}}(${entryText(p, l.primal, k)},${entryText(ZERO, l.primal, k)})`
}

/** A learner's dual (or array of duals) as text; undefined for any other value. */
export function dualText(v: LangValue): string | undefined {
  if (!isValue(v) || learnerDual(v) === undefined) return undefined
  const entries = Array.from({ length: concrete(v).data.length }, (_, k) => entryText(v, v, k))
  const shape = v.shape
  if (shape.length === 0) return entries[0]!
  if (shape.length === 2) {
    const [m, n] = shape as [number, number]
    const width = entries.reduce((w, e) => Math.max(w, e.length), 0)
    const row = (i: number) => entries.slice(i * n, (i + 1) * n).map((e) => e.padStart(width))
    const rows = Array.from({ length: m }, (_, i) => ` ${row(i).join('  ')}`)
    return `${m}×${n} matrix:\n${rows.join('\n')}`
  }
  return `[${entries.join(', ')}]`
}
