/**
 * The Hessian panel's comparison of the nestings of forward and reverse mode: the four with one
 * basis vector per pass (chunk 1), and forward-over-reverse and reverse-over-reverse batched (all
 * n basis vectors in one pass: n tangent lanes through one forward sweep, or n cotangents through
 * one outer reverse sweep). Each runs once under record() and is counted in the model of
 * engine/ad/cost.ts (flops, memory, passes), then timed. The verdict ("cheapest") comes from the
 * counts, flops first, then memory, then passes, so it is the same on every run; the timings are
 * reported as measured, with their range.
 */
import { concrete } from '../ad/value.ts'
import { record } from '../ad/trace.ts'
import type { Tensor } from '../tensor/tensor.ts'
import type { Fn, HessianMethod } from '../transforms/index.ts'
import * as T from '../transforms/index.ts'
import { plural, short } from '../language/numbers.ts'
import { medianTimes, sideTimingsOn } from './timing.ts'

/** One nesting of forward and reverse mode, measured on the learner's f at x. */
export interface MethodCost {
  method: HessianMethod
  /** Tangent lanes carried by one forward pass (1: one basis vector per pass). */
  chunk: number
  /** Sweeps by kind: primal sweeps record a tape each; a forward pass carries `chunk` lanes. */
  passes: { primal: number; forward: number; reverse: number }
  /** Scalar multiply-adds, every level and every tangent lane included. */
  flops: number
  /** Numbers held at once: x, H, and the tapes in use at the worst moment. */
  memory: number
  /** The tapes' part of memory. */
  tapeMemory: number
  /** Primitive evaluations (a matrix product counts once). */
  ops: number
  /** Nodes on the largest tape it recorded (0 when it records none). */
  largestTape: number
  /** Tapes recorded (one per primal sweep). */
  tapes: number
  /** Median milliseconds of one Hessian in the worker, and the range of the timed batches. */
  ms: number
  minMs: number
  maxMs: number
  /** Timed batches behind the median (0: not timed). */
  repeats: number
  /** max |H_method − H|: all must agree. */
  maxDifference: number
  /** What it does, in words, with its counts. */
  description: string
}

const METHOD_WORDS: Record<HessianMethod, string> = {
  'forward-over-reverse': 'a forward pass (seeded with eⱼ) through the reverse-mode gradient, once per column',
  'reverse-over-reverse':
    'the reverse-mode gradient recorded on a second, outer tape, then one outer reverse sweep per row',
  'forward-over-forward': 'a forward pass through the forward-mode gradient (itself n forward passes), per column',
  'reverse-over-forward':
    'the forward-mode gradient (n forward passes) recorded on a tape, then one reverse sweep per row',
}

function describeMethod(m: Omit<MethodCost, 'description'>): string {
  const p = m.passes
  const sweeps = [
    p.primal ? plural(p.primal, 'primal sweep') : '',
    p.forward ? plural(p.forward, 'forward pass') : '',
    p.reverse ? plural(p.reverse, 'reverse sweep') : '',
  ].filter(Boolean)
  const tapes = m.tapes === 0 ? 'no tape' : `${plural(m.tapes, 'tape')}, the largest of ${m.largestTape} nodes`
  return `${METHOD_WORDS[m.method]}: ${sweeps.join(', ')}; ${m.flops} flops; ${m.memory} numbers held at once; ${tapes}`
}

const totalPasses = (m: MethodCost) => m.passes.primal + m.passes.forward + m.passes.reverse

/** Cheapest first: fewer flops, then less memory, then fewer passes (all counted: never flips). */
export function byCost(a: MethodCost, b: MethodCost): number {
  return a.flops - b.flops || a.memory - b.memory || totalPasses(a) - totalPasses(b)
}

/** The nestings measured: the four one basis vector per pass, then the two batched ones. */
function variants(n: number): [HessianMethod, number][] {
  const one = T.HESSIAN_METHODS.map((m): [HessianMethod, number] => [m, 1])
  if (n === 1) return one
  return [...one, ['forward-over-reverse', n], ['reverse-over-reverse', n]]
}

export function measureMethods(fn: Fn, x: Tensor, H: number[][], options: { timed?: boolean } = {}): MethodCost[] {
  const flatH = H.flat()
  const n = x.size
  const runs = variants(n).map(([method, chunk]) => {
    const { result, trace } = record(() => T.hessian(fn, x, method, { chunk }), { maxSteps: 0 })
    const h = concrete(result).data
    let maxDifference = 0
    for (let i = 0; i < h.length; i++) maxDifference = Math.max(maxDifference, Math.abs(h[i]! - flatH[i]!))
    const c = trace.counters
    return {
      method,
      chunk,
      passes: { ...c.passes },
      flops: c.flops,
      memory: n + n * n + c.tapePeak,
      tapeMemory: c.tapePeak,
      ops: c.ops,
      // Nodes of the largest tape, its input included.
      largestTape: c.largestTape === 0 ? 0 : c.largestTape + 1,
      tapes: c.passes.primal,
      maxDifference,
    }
  })
  const times = medianTimes(
    runs.map((r) => () => T.hessian(fn, x, r.method, { chunk: r.chunk })),
    { repeats: options.timed === false || !sideTimingsOn() ? 0 : 5, budgetMs: 200 },
  )
  return runs.map((r, i) => {
    const t = times[i]!
    const m = { ...r, ms: t.ms, minMs: t.min, maxMs: t.max, repeats: t.repeats }
    return { ...m, description: describeMethod(m) }
  })
}

/** "2.1 × ", or "the same" when equal: one count against another. */
function times(a: number, b: number): string {
  if (a === b) return 'the same as'
  return `${short(a / b, 2)} ×`
}

/** What the counts say, compared with forward-over-reverse; nothing asserted beyond them. */
export function hessianVerdict(methods: MethodCost[], n: number): string {
  const by = (name: HessianMethod, batched = false) =>
    methods.find((m) => m.method === name && (batched ? m.chunk > 1 : m.chunk === 1))
  const fr = by('forward-over-reverse')!
  const rr = by('reverse-over-reverse')!
  const ff = by('forward-over-forward')!
  const frb = by('forward-over-reverse', true)
  const rrb = by('reverse-over-reverse', true)
  const cheapest = [...methods].sort(byCost)[0]!
  const name = (m: MethodCost) => (m.chunk > 1 ? `${m.method}, batched` : m.method)
  const parts = [
    `Counted (flops = scalar multiply-adds; memory = numbers held at once, tapes included), with n = ${n}: forward-over-reverse with one tangent per pass makes ${fr.passes.forward} forward passes, and each runs the gradient's primal and reverse sweeps again: ${fr.flops} flops, ${fr.memory} numbers.`,
  ]
  if (frb)
    parts.push(
      `Batched, it carries all ${frb.chunk} tangent lanes through one forward sweep over one reverse pass (${plural(frb.passes.primal, 'primal sweep')}, no tape of the reverse pass): ${frb.flops} flops, ${times(frb.flops, fr.flops)} one-per-pass; ${frb.memory} numbers, since every value on its tape carries all ${frb.chunk} lanes.`,
    )
  parts.push(
    `Reverse-over-reverse records the gradient once on an outer tape of ${rr.largestTape} nodes and sweeps it back once per row${rrb ? ` (batched: all rows in one sweep, ${rrb.flops === rr.flops ? 'the same flops' : `${rrb.flops} flops`})` : ''}: ${rr.flops} flops, ${rr.memory} numbers. Forward-over-forward: ${ff.flops} flops in ${ff.passes.forward} forward passes.`,
  )
  // Each side at its best: batched when that does fewer flops.
  const best = frb && frb.flops < fr.flops ? frb : fr
  const rrBest = rrb && rrb.flops < rr.flops ? rrb : rr
  if (best.flops > rrBest.flops)
    parts.push(
      best === frb
        ? `Each column (or row) costs one Hessian-vector product either way; forward-over-reverse does ${times(best.flops, rrBest.flops)} reverse-over-reverse's flops: forward mode pushes tangents through every step of the gradient's computation, also those the gradient does not depend on (such as f's own value), while an outer reverse sweep visits only the steps on the way back to x.`
        : 'One tangent per pass repeats the primal and reverse sweeps in every pass, which is why reverse-over-reverse does fewer flops here.',
    )
  else
    parts.push(
      `Forward-over-reverse${best === frb ? ', batched,' : ''} does no more flops than reverse-over-reverse (${best.flops} against ${rrBest.flops}): each column (or row) costs one Hessian-vector product either way, and ${best === frb ? 'the batch shares one primal and one reverse sweep among all its columns' : 'here its forward passes cost no more than the outer reverse sweeps'}.`,
    )
  parts.push(`Cheapest here by the count: ${name(cheapest)}.`)
  return parts.join(' ')
}
