/**
 * The Hessian panel's comparison of the four nestings of forward and reverse mode: each run once
 * under record() and counted in the model of engine/ad/cost.ts (flops, memory, passes), then
 * timed. The verdict ("cheapest") comes from the counts, flops first and memory to break a tie,
 * so it is the same on every run; the timings are reported as measured, with their range.
 */
import { concrete } from '../ad/value.ts'
import { record } from '../ad/trace.ts'
import type { Tensor } from '../tensor/tensor.ts'
import type { Fn, HessianMethod } from '../transforms/index.ts'
import * as T from '../transforms/index.ts'
import { plural, short } from '../language/numbers.ts'
import { medianTimes } from './timing.ts'

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

/** Cheapest first: fewer flops, then less memory (both counted, so the order never flips). */
export function byCost(a: MethodCost, b: MethodCost): number {
  return a.flops - b.flops || a.memory - b.memory
}

export function measureMethods(fn: Fn, x: Tensor, H: number[][], options: { timed?: boolean } = {}): MethodCost[] {
  const flatH = H.flat()
  const n = x.size
  const runs = T.HESSIAN_METHODS.map((method) => {
    const { result, trace } = record(() => T.hessian(fn, x, method), { maxSteps: 0 })
    const h = concrete(result).data
    let maxDifference = 0
    for (let i = 0; i < h.length; i++) maxDifference = Math.max(maxDifference, Math.abs(h[i]! - flatH[i]!))
    const c = trace.counters
    return {
      method,
      chunk: 1,
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
    runs.map((r) => () => T.hessian(fn, x, r.method)),
    { repeats: options.timed === false ? 0 : 5, budgetMs: 200 },
  )
  return runs.map((r, i) => {
    const t = times[i]!
    const m = { ...r, ms: t.ms, minMs: t.min, maxMs: t.max, repeats: t.repeats }
    return { ...m, description: describeMethod(m) }
  })
}

/** What the counts say, compared with forward-over-reverse; nothing asserted beyond them. */
export function hessianVerdict(methods: MethodCost[], n: number): string {
  const by = (name: HessianMethod) => methods.find((m) => m.method === name && m.chunk === 1)!
  const fr = by('forward-over-reverse')
  const rr = by('reverse-over-reverse')
  const ff = by('forward-over-forward')
  const cheapest = [...methods].sort(byCost)[0]!
  const ratio = (a: number, b: number) => (b > 0 ? short(a / b, 2) : '∞')
  const parts = [
    `Counted (flops = scalar multiply-adds; memory = numbers held at once, tapes included): with n = ${n}, forward-over-reverse makes ${fr.passes.forward} forward passes of one tangent each, and each pass runs the gradient's primal and reverse sweeps again: ${fr.flops} flops, ${fr.memory} numbers.`,
    `Reverse-over-reverse records the gradient once on an outer tape of ${rr.largestTape} nodes and sweeps it back once per row: ${rr.flops} flops (${ratio(rr.flops, fr.flops)} × forward-over-reverse), ${rr.memory} numbers.`,
    `Forward-over-forward makes ${ff.passes.forward} forward passes: ${ff.flops} flops.`,
  ]
  const batched = methods.find((m) => m.method === 'forward-over-reverse' && m.chunk > 1)
  if (batched)
    parts.push(
      `Batched, forward-over-reverse carries ${batched.chunk} tangent lanes through one forward pass over one reverse pass (${plural(batched.passes.primal, 'primal sweep')}, no tape of the reverse pass): ${batched.flops} flops, ${batched.memory} numbers, since every value on its tape carries all ${batched.chunk} lanes.`,
    )
  const name = (m: MethodCost) => (m.chunk > 1 ? `${m.method} batched (chunk ${m.chunk})` : m.method)
  const tie = methods.filter((m) => m.flops === cheapest.flops).length > 1
  parts.push(
    `Cheapest here by the count: ${name(cheapest)}${tie ? ' (a tie on flops, settled by memory)' : ''}.`,
    rr.flops < fr.flops && !batched
      ? 'One tangent per pass repeats the primal and reverse sweeps in every pass, which is why reverse-over-reverse does fewer flops here; it pays in memory for its tape of the whole gradient computation.'
      : '',
  )
  return parts.filter(Boolean).join(' ')
}
