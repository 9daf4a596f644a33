/**
 * show_confusion(c): perturbation confusion, the classic trap of nested forward mode.
 *
 *     D(x -> x * D(y -> x + y)(1))(c)
 *
 * The inner derivative of x + y with respect to y is 1 whatever x is, so the outer function is
 * x ↦ x · 1 and the answer is 1 (at any c). The engine gets 1: each derivative opens a fresh
 * level, and a box of a lower level (the outer x) is a constant to the inner one. An engine whose
 * dual numbers carry no level cannot tell the inner ε from the outer one: the inner derivative
 * reads both, gets 2, and the outer function becomes x ↦ 2x, slope 2.
 *
 * The correct answer and its trace come from the real engine (record()); the confused answer from
 * a few lines of untagged dual numbers below, written for this purpose only and never used
 * elsewhere. Both are walked through the same four steps: outer seed, inner seed, inner result,
 * outer result.
 */
import type { Value } from '../ad/value.ts'
import { Box, Dual, concrete, isValue } from '../ad/value.ts'
import { record, recorder } from '../ad/trace.ts'
import * as ops from '../ops/index.ts'
import { describeShape, scalar } from '../tensor/tensor.ts'
import * as T from '../transforms/index.ts'
import { builtin } from '../language/args.ts'
import { LangError } from '../language/errors.ts'
import { floatLiteral, short } from '../language/numbers.ts'
import type { LangFunction, LangValue } from '../language/values.ts'
import { describe } from '../language/values.ts'
import type { PanelBase } from './spec.ts'
import { panelRecord } from './registry.ts'

// -----------------------------------------------------------------------------------------------
// The untagged evaluator: what goes wrong without levels

/** A dual number v + d·ε with no tag: nothing says which derivative's ε it is. */
export interface Untagged {
  v: number
  d: number
}
const lift = (a: Untagged | number): Untagged => (typeof a === 'number' ? { v: a, d: 0 } : a)
const uadd = (a: Untagged, b: Untagged): Untagged => ({ v: a.v + b.v, d: a.d + b.d })
const umul = (a: Untagged, b: Untagged): Untagged => ({ v: a.v * b.v, d: a.d * b.v + a.v * b.d })
/** D(f)(a) without tags: seed ε, read the ε-part, whoever put it there. */
const untaggedD = (f: (t: Untagged) => Untagged, a: number): number => f({ v: a, d: 1 }).d

/** Every intermediate of the confused evaluation, for the step-through. */
export interface UntaggedRun {
  x: Untagged
  y: Untagged
  sum: Untagged
  inner: number
  product: Untagged
  result: number
}

/** D(x -> x * D(y -> x + y)(1))(c) with untagged duals: 2, where the true answer is 1. */
export function untaggedNested(c: number): UntaggedRun {
  const run = {} as UntaggedRun
  run.result = untaggedD((x) => {
    run.x = x
    run.inner = untaggedD((y) => {
      run.y = y
      return (run.sum = uadd(x, y))
    }, 1)
    return (run.product = umul(x, lift(run.inner)))
  }, c)
  return run
}

// -----------------------------------------------------------------------------------------------
// The spec

export type ConfusionPhase = 'outer-seed' | 'inner-seed' | 'inner-result' | 'outer-result'

export interface ConfusionStep {
  phase: ConfusionPhase
  /** "Outer seed", "Inner seed", ... */
  title: string
  /** What the engine with levels holds at this step, e.g. "y = 1 + 1·ε₂ (level 2)". */
  tagged: string
  /** The same step without levels. */
  untagged: string
  /** Why the two differ here (or do not yet). */
  note: string
  /** The polite live-region text for this step. */
  announce: string
  /** Indices into trace of the engine's steps that belong to this step. */
  traceRows: number[]
}

/** One step of record()'s trace, in words; levels renumbered 1 (outer) and 2 (inner), 0 = concrete. */
export interface ConfusionTraceRow {
  level: 0 | 1 | 2
  kind: 'pass' | 'input' | 'op'
  /** E.g. "x + y", "seed the outer derivative". */
  what: string
  /** The value at this step (a seed has none). */
  primal?: number
  /** The ε-part of this level, for forward steps and seeds. */
  tangent?: number
}

export interface ConfusionSpec extends PanelBase {
  kind: 'confusion'
  /** Where the outer derivative is taken. */
  c: number
  expression: string
  /** From the engine. */
  correct: number
  /** From the untagged evaluator. */
  confused: number
  steps: ConfusionStep[]
  trace: ConfusionTraceRow[]
  /** What keeps the levels apart, a few short paragraphs. */
  explanation: string[]
  code: { julia: string; jax: string; pytorch: string }
}

const WHO = 'show_confusion'
const MAX_C = 1e6
const EPS = ['ε', 'ε₁', 'ε₂'] as const

/** A nested dual as a sum of monomials: 2 + 1·ε₁ + 1·ε₂ (levels renumbered from outer). */
function expand(v: Value, rename: (level: number) => 1 | 2): Map<string, number> {
  if (!(v instanceof Box)) return new Map([['', concrete(v).item()]])
  const out = expand(v.primal, rename)
  if (v instanceof Dual) {
    const e = EPS[rename(v.level)]
    for (const [k, a] of expand(v.tangent, rename)) {
      const key = [k, e].filter(Boolean).sort().join('')
      out.set(key, (out.get(key) ?? 0) + a)
    }
  }
  return out
}

function polynomial(terms: Map<string, number>): string {
  const parts = [short(terms.get('') ?? 0)]
  for (const [k, a] of [...terms].sort(([p], [q]) => p.length - q.length || p.localeCompare(q)))
    if (k !== '' && a !== 0) parts.push(`${short(a)}·${k}`)
  return parts.join(' + ').replace(/\+ -/g, '− ')
}

const udual = (u: Untagged) => `${short(u.v)} + ${short(u.d)}·ε`.replace(/\+ -/g, '− ')

export function confusion(args: LangValue[]): ConfusionSpec {
  const c = args.length === 0 ? 1 : thePoint(args[0])
  const expression = `D(x -> x * D(y -> x + y)(1))(${short(c)})`

  // The engine, recorded. Phase boundaries are positions in the trace.
  const marks: number[] = []
  const mark = () => marks.push(recorder()?.steps.length ?? 0)
  const seen: { x?: Value; y?: Value; sum?: Value; inner?: Value; product?: Value } = {}
  const known = new Map<number, string>()
  const { result, trace } = record(() =>
    T.derivative((x) => {
      recorder()?.id(x, (x as Dual).level) // name the seed now, so its row sits in step 1
      seen.x = x
      mark()
      const inner = T.derivative((y) => {
        recorder()?.id(y, (y as Dual).level)
        seen.y = y
        mark()
        return (seen.sum = ops.add(x, y))
      }, scalar(1))
      seen.inner = inner
      mark()
      const product = (seen.product = ops.mul(x, inner))
      // Ids of values already in the trace, so its rows can say what they are.
      const rec = recorder()
      if (rec) {
        const X = x as Dual
        const Y = seen.y as Dual
        known.set(rec.id(X.primal), 'the value of x, without its perturbation')
        known.set(rec.id(Y.primal), 'the value of y, without its perturbation')
        known.set(rec.id(inner), 'the inner derivative’s result, a plain number')
        if (!(X.tangent instanceof Box)) known.set(rec.id(X.tangent), 'the ε₁-part of x, its seed')
      }
      return product
    }, scalar(c)),
  )
  const correct = concrete(result).item()
  const outer = (seen.x as Dual).level
  const rename = (level: number): 1 | 2 => (level === outer ? 1 : 2)
  const show = (v: Value) => polynomial(expand(v, rename))

  const rows = traceRows(trace.steps, outer, known)
  const phaseOf = (step: number) => marks.filter((m) => m <= step).length // 0..3
  const inPhase = (p: number) => rows.map((r, i) => (r.phase === p ? i : -1)).filter((i) => i >= 0)
  for (const r of rows) r.phase = phaseOf(r.step)

  const u = untaggedNested(c)
  const innerTagged = concrete(seen.inner!).item()
  const steps: ConfusionStep[] = [
    {
      phase: 'outer-seed',
      title: 'Outer seed',
      tagged: `x = ${show(seen.x!)}: the outer derivative opens level 1 and seeds x with its own ε₁`,
      untagged: `x = ${udual(u.x)}: seeded with ε, the only ε there is`,
      note: 'So far the two agree: one derivative, one perturbation.',
    },
    {
      phase: 'inner-seed',
      title: 'Inner seed',
      tagged: `y = ${show(seen.y!)}: the inner derivative opens level 2, a fresh ε₂; x stays ${show(seen.x!)}, a constant to level 2`,
      untagged: `y = ${udual(u.y)}: the same ε as x's; nothing tells the two apart`,
      note: 'Here they part: with levels, x and y carry different perturbations; without, both carry "ε".',
    },
    {
      phase: 'inner-result',
      title: 'Inner result',
      tagged: `x + y = ${show(seen.sum!)}; the inner derivative reads only the ε₂-part: ${short(innerTagged)}`,
      untagged: `x + y = ${udual(u.sum)}; the inner derivative reads the whole ε-part: ${short(u.inner)} (${short(u.y.d)} from y, ${short(u.inner - u.y.d)} leaked from the outer x)`,
      note: `The inner derivative should be ∂(x + y)/∂y = 1. The untagged one also counted how x + y moves with the outer x.`,
    },
    {
      phase: 'outer-result',
      title: 'Outer result',
      tagged: `x · ${short(innerTagged)} = ${show(seen.product!)}; the outer derivative reads the ε₁-part: ${short(correct)}`,
      untagged: `x · ${short(u.inner)} = ${udual(u.product)}; the outer derivative reads the ε-part: ${short(u.result)}`,
      note: `The function was x ↦ x · 1, slope 1 at every point; the confused engine computed the slope of x ↦ ${short(u.inner)}x instead.`,
    },
  ].map((s, k) => ({
    ...s,
    phase: s.phase as ConfusionPhase,
    traceRows: inPhase(k),
    announce: `Step ${k + 1} of 4, ${s.title.toLowerCase()}. With levels: ${s.tagged}. Without levels: ${s.untagged}.`,
  }))

  const explanation = [
    'Every derivative opens a fresh level, numbered above every level before it, and tags the perturbation it seeds with that level: ε₁ for the outer derivative, ε₂ for the inner one.',
    'An operation works on the innermost level among its arguments. To that level, a value boxed by a lower level (the outer x inside the inner derivative) is a constant: its ε₁-part is carried along untouched, and only the ε₂-part is differentiated.',
    'Each derivative reads back only its own level’s part. So the inner one sees ∂(x + y)/∂y = 1, and the outer one sees ∂(x · 1)/∂x = 1.',
    'Without tags, an ε is an ε: the inner derivative adds the outer perturbation of x to its own and reports 2. Nothing crashes and the number looks reasonable, which is what makes the bug dangerous.',
  ]

  return {
    kind: 'confusion',
    title: `Perturbation confusion: ${expression}`,
    summary:
      `Nested derivatives ${expression}. With levels the engine gives ${short(correct)}: the inner derivative of x + y with respect to y is 1, and x · 1 has slope 1. ` +
      `Dual numbers without levels give ${short(u.result)}: the inner derivative also picks up the outer perturbation of x. ` +
      `A fresh level per derivative, with lower levels treated as constants, keeps them apart.`,
    c,
    expression,
    correct,
    confused: u.result,
    steps,
    trace: rows.map(({ step: _step, phase: _phase, ...row }) => row),
    explanation,
    code: snippets(c),
  }
}

function thePoint(v: LangValue): number {
  if (!isValue(v))
    throw new LangError(`${WHO}: c must be a number, the point of the outer derivative, but got ${describe(v)}`)
  if (v.shape.length !== 0) throw new LangError(`${WHO}: c must be a number, but got a ${describeShape(v.shape)}`)
  const c = concrete(v).item()
  if (!Number.isFinite(c)) throw new LangError(`${WHO}: c must be a finite number, but is ${c}`)
  if (Math.abs(c) > MAX_C)
    throw new LangError(
      `${WHO}: c = ${c} is too large to read in the step-through; use a number between -${MAX_C} and ${MAX_C}`,
      'limit',
    )
  return c
}

type RawStep = ReturnType<typeof record>['trace']['steps'][number]
type Row = ConfusionTraceRow & { step: number; phase: number }

const SYMBOL: Record<string, string> = { add: '+', mul: '·', sub: '−', div: '/' }

/** record()'s steps in words, nodes named x, y or by the expression that made them. */
function traceRows(steps: readonly RawStep[], outer: number, known: ReadonlyMap<number, string>): Row[] {
  const level = (l: number): 0 | 1 | 2 => (l === 0 ? 0 : l === outer ? 1 : 2)
  const names = new Map<number, string>()
  const name = (node: number) => names.get(node) ?? `#${node}`
  const rows: Row[] = []
  for (const s of steps) {
    const base = { step: s.step, phase: 0 }
    if (s.kind === 'pass') {
      const l = level(s.level)
      const what = `seed the ${l === 1 ? 'outer' : 'inner'} derivative: a fresh level ${l}`
      rows.push({ ...base, level: l, kind: 'pass', what, ...(s.seed ? { tangent: s.seed.item() } : {}) })
    } else if (s.kind === 'input') {
      const l = level(s.level)
      const v = s.primal.item()
      // A seed is the first value seen at its level; everything else entering is a constant.
      const n =
        l === 1 && ![...names.values()].includes('x')
          ? 'x'
          : l === 2 && ![...names.values()].includes('y')
            ? 'y'
            : short(v)
      names.set(s.node, n)
      const what =
        n === 'x' || n === 'y'
          ? `${n}, the ${l === 1 ? 'outer' : 'inner'} variable`
          : `${n}: ${known.get(s.node) ?? 'a constant'}`
      rows.push({ ...base, level: l, kind: 'input', what, primal: v })
    } else if (s.kind === 'op') {
      const sym = SYMBOL[s.prim]
      const ins = s.inputs.map(name)
      const expr = sym && ins.length === 2 ? `${ins[0]} ${sym} ${ins[1]}` : `${s.prim}(${ins.join(', ')})`
      names.set(s.node, `(${expr})`)
      const l = level(s.level)
      const what = l === 0 ? `${expr}, on plain numbers` : `${expr}, at level ${l}`
      rows.push({
        ...base,
        level: l,
        kind: 'op',
        what,
        primal: s.primal.item(),
        ...(s.tangent ? { tangent: s.tangent.item() } : {}),
      })
    }
  }
  return rows
}

function snippets(c: number): ConfusionSpec['code'] {
  const p = floatLiteral(c)
  return {
    julia: [
      'using ForwardDiff: derivative',
      '',
      '# ForwardDiff tags every Dual with the function being differentiated,',
      '# so the inner derivative treats the outer x as a constant.',
      `derivative(x -> x * derivative(y -> x + y, 1.0), ${p})   # 1.0`,
    ].join('\n'),
    jax: [
      'import jax',
      '',
      '# One jax.jvp per derivative; each runs at its own trace level,',
      '# so nesting them is safe.',
      'D = lambda f: lambda x: jax.jvp(f, (x,), (1.0,))[1]',
      `D(lambda x: x * D(lambda y: x + y)(1.0))(${p})   # 1.0`,
    ].join('\n'),
    pytorch: [
      'import torch',
      'from torch.func import jvp',
      '',
      '# torch.func transforms nest with separate levels. (torch.autograd.forward_ad',
      '# allows a single dual_level only: use torch.func.jvp for nested derivatives.)',
      'D = lambda f: lambda x: jvp(f, (x,), (torch.ones_like(x),))[1]',
      `D(lambda x: x * D(lambda y: x + y)(torch.tensor(1.0)))(torch.tensor(${p}))   # tensor(1.)`,
    ].join('\n'),
  }
}

/** The builtin: show_confusion(), or show_confusion(c) for the outer derivative at x = c. */
export const showConfusion: LangFunction = builtin(WHO, ['c'], (args) => panelRecord(confusion(args)), {
  forms: { counts: [0, 1], usage: 'at most one number c (the point of the outer derivative)' },
})
