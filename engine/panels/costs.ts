/**
 * The cost explorer, `cost_explorer()` or `cost_explorer(f, x)`: forward mode builds a Jacobian
 * from n pushforwards (one per input), reverse mode from m pullbacks (one per output), so which
 * one is cheaper depends on the shape of the Jacobian. Here both are run and counted in the model
 * of engine/ad/cost.ts (flops, memory, passes: the verdict, flops first, then memory) and timed
 * (in the worker, medians and ranges of repeats, shown as measured), on a family
 * f(x) = tanh(W x) with W an m×n matrix as n and m grow, and on the learner's f if given.
 */
import type { Value } from '../ad/value.ts'
import { concrete } from '../ad/value.ts'
import { record } from '../ad/trace.ts'
import type { Counters } from '../ad/trace.ts'
import { matmul, tanh } from '../ops/index.ts'
import { Tensor, describeShape, sizeOf } from '../tensor/tensor.ts'
import type { Fn } from '../transforms/index.ts'
import * as T from '../transforms/index.ts'
import { builtin, functionArg, tensorArg } from '../language/args.ts'
import { LangError } from '../language/errors.ts'
import { formatMs } from '../language/numbers.ts'
import type { LangFunction, LangValue } from '../language/values.ts'
import type { PanelBase } from './spec.ts'
import { panelRecord } from './registry.ts'
import { seededRandom, seededTensor } from './seeded.ts'
import type { Timing } from './timing.ts'
import { medianTimes } from './timing.ts'

// -----------------------------------------------------------------------------------------------
// The spec

/** What one way of building a Jacobian cost. */
export interface ModeCost {
  /**
   * Forward passes (jacfwd) or reverse passes (jacrev) of the Jacobian itself, from record():
   * passes of derivatives inside the learner's f are not counted here (their flops are).
   */
  passes: number
  /** Primal sweeps (jacrev records its tape in one). */
  primalPasses: number
  /** Tangent lanes per forward pass, or cotangents per reverse pass (1: one basis vector each). */
  chunk: number
  /** Scalar multiply-adds, at every level (engine/ad/cost.ts). */
  flops: number
  /** Numbers held at once: x, the Jacobian and the tapes in use at the worst moment. */
  memory: number
  /** Primitive evaluations, at every level (a matrix product counts once). */
  ops: number
  /** Median time of one Jacobian in milliseconds, measured in the worker, and the batches' range. */
  ms: number
  minMs: number
  maxMs: number
}

/** One point of the grid: a Jacobian of m rows and n columns, built both ways. */
export interface CostCell {
  n: number
  m: number
  forward: ModeCost
  reverse: ModeCost
  /** Which mode the counts favour (flops, then memory); null for a tie. */
  cheaper: 'forward' | 'reverse' | null
}

export interface CostPanelSpec extends PanelBase {
  kind: 'costs'
  /** The family measured over the grid, in words and as a formula. */
  family: string
  /** The input sizes n and output sizes m of the grid. */
  sizes: number[]
  /** Every (n, m) of the grid, m-major: cells[i * sizes.length + j] has m = sizes[i], n = sizes[j]. */
  cells: CostCell[]
  /** Timed batches behind each median. */
  repeats: number
  /** The learner's own function, when cost_explorer(f, x) was called. */
  yours?: {
    name: string
    n: number
    m: number
    forward: ModeCost
    reverse: ModeCost
    /** max |jacfwd − jacrev|: the two Jacobians agree. */
    maxDifference: number
    cheaper: 'forward' | 'reverse' | null
  }
  /** Milliseconds the whole measurement took in the worker. */
  totalMs: number
}

// -----------------------------------------------------------------------------------------------
// Measuring

export const COST_SIZES = [1, 2, 4, 8, 16, 32]
const MAX_OWN_SIZE = 64
const GRID_BUDGET_MS = 200
const USAGE = 'cost_explorer(f, x1)'

function modeCost(counters: Counters, mode: 'forward' | 'reverse', t: Timing, n: number, m: number): ModeCost {
  return {
    passes: counters.passes[mode],
    primalPasses: counters.passes.primal,
    chunk: CHUNK,
    flops: counters.flops,
    memory: n + m * n + counters.tapePeak,
    ops: counters.ops,
    ms: t.ms,
    minMs: t.min,
    maxMs: t.max,
  }
}

/** Which mode the counts favour: fewer flops, then less memory; 0 for a tie on both. */
export function cheaper(forward: ModeCost, reverse: ModeCost): 'forward' | 'reverse' | null {
  const d = forward.flops - reverse.flops || forward.memory - reverse.memory
  return d < 0 ? 'forward' : d > 0 ? 'reverse' : null
}

/**
 * The explorer's two ways, one basis vector per pass (chunk 1), so that the passes are the n
 * columns and the m rows the plot is about; batching (engine/ad/batching.ts) is the Hessian
 * panel's and the lessons' next step.
 */
const CHUNK = 1
const jacfwd = (fn: Fn, x: Value) => T.jacfwd(fn, x, undefined, { chunk: CHUNK })
const jacrev = (fn: Fn, x: Value) => T.jacrev(fn, x, undefined, { chunk: CHUNK })

/** Counts of jacfwd and jacrev on f at x (record() with no steps kept: counters only). */
function countPair(fn: Fn, x: Value): { forward: Counters; reverse: Counters; fwd: Value; rev: Value } {
  const f = record(() => jacfwd(fn, x), { maxSteps: 0 })
  const r = record(() => jacrev(fn, x), { maxSteps: 0 })
  return { forward: f.trace.counters, reverse: r.trace.counters, fwd: f.result, rev: r.result }
}

/**
 * Passes of the Jacobian itself: the learner's f may differentiate inside (a gradient as f), and
 * record()'s counters add those inner passes in. So f's calls are counted, and each call's own
 * passes (measured once, on a plain call) are taken off.
 */
function ownPasses(fn: Fn, x: Value, jac: (f: Fn, x: Value) => Value): Counters['passes'] {
  const inner = record(() => fn(x), { maxSteps: 0 }).trace.counters.passes
  let calls = 0
  const counted: Fn = (v) => {
    calls++
    return fn(v)
  }
  const total = record(() => jac(counted, x), { maxSteps: 0 }).trace.counters.passes
  return {
    primal: total.primal - calls * inner.primal,
    forward: total.forward - calls * inner.forward,
    reverse: total.reverse - calls * inner.reverse,
  }
}

/** Median times of jacfwd and jacrev on f at x. */
function timePair(fn: Fn, x: Value, budgetMs: number, repeats = 3): Timing[] {
  return medianTimes([() => jacfwd(fn, x), () => jacrev(fn, x)], { repeats, minBatchMs: 0.5, budgetMs })
}

/** The family's member with m outputs and n inputs: x -> tanh(W x), W seeded by (m, n). */
export function familyMember(m: number, n: number): { fn: Fn; x: Tensor } {
  const rand = seededRandom(1000 * m + n)
  const W = seededTensor([m, n], rand, 1 / Math.sqrt(n))
  const x = seededTensor([n], rand)
  return { fn: (v) => tanh(matmul(W, v)), x }
}

export function costExplorer(args: LangValue[]): CostPanelSpec {
  const who = 'cost_explorer'
  const start = performance.now()
  let yours: CostPanelSpec['yours']
  if (args.length === 2) {
    const { fn, name } = functionArg(args[0], who, { usage: USAGE })
    const x = tensorArg(args[1], who, 'the point x')
    const n = x.size
    const y = fn(x)
    const m = sizeOf(y.shape)
    if (n > MAX_OWN_SIZE || m > MAX_OWN_SIZE)
      throw new LangError(
        `${who}: x has ${n} entries and ${name}(x) ${m}; the explorer times Jacobians up to ${MAX_OWN_SIZE} by ${MAX_OWN_SIZE} (x is a ${describeShape(x.shape)}, ${name}(x) a ${describeShape(y.shape)})`,
        'limit',
      )
    const c = countPair(fn, x)
    const [tf, tr] = timePair(fn, x, 80, 5)
    const forward = modeCost(c.forward, 'forward', tf!, n, m)
    const reverse = modeCost(c.reverse, 'reverse', tr!, n, m)
    const own = { forward: ownPasses(fn, x, jacfwd), reverse: ownPasses(fn, x, jacrev) }
    forward.passes = own.forward.forward
    reverse.passes = own.reverse.reverse
    reverse.primalPasses = own.reverse.primal
    const a = concrete(c.fwd).data
    const b = concrete(c.rev).data
    let maxDifference = 0
    for (let i = 0; i < a.length; i++) maxDifference = Math.max(maxDifference, Math.abs(a[i]! - b[i]!))
    yours = { name, n, m, forward, reverse, maxDifference, cheaper: cheaper(forward, reverse) }
  }

  // Counting first also warms the JIT up on every cell; then every cell is timed.
  const sizes = COST_SIZES
  const grid = sizes.flatMap((m) => sizes.map((n) => ({ m, n, ...familyMember(m, n) })))
  const counts = grid.map(({ fn, x }) => countPair(fn, x))
  for (const { fn, x } of grid) {
    jacfwd(fn, x)
    jacrev(fn, x)
  }
  const perCell = GRID_BUDGET_MS / grid.length
  // Three timed rounds per cell keep the whole grid to a few hundred milliseconds.
  let repeats = 3
  const cells: CostCell[] = grid.map(({ m, n, fn, x }, i) => {
    const [tf, tr] = timePair(fn, x, perCell)
    repeats = Math.min(repeats, tf!.repeats, tr!.repeats)
    const forward = modeCost(counts[i]!.forward, 'forward', tf!, n, m)
    const reverse = modeCost(counts[i]!.reverse, 'reverse', tr!, n, m)
    return { n, m, forward, reverse, cheaper: cheaper(forward, reverse) }
  })

  const spec: CostPanelSpec = {
    kind: 'costs',
    title: 'Cost explorer: forward against reverse Jacobians',
    family: 'f(x) = tanh(W x), with W an m×n matrix of seeded random numbers',
    summary: '',
    sizes,
    cells,
    repeats,
    ...(yours ? { yours } : {}),
    totalMs: performance.now() - start,
  }
  spec.summary = costSummary(spec)
  return spec
}

/** Where forward mode stops being cheaper, for each m, by the count (flops, then memory). */
export function crossovers(spec: Pick<CostPanelSpec, 'sizes' | 'cells'>): string[] {
  return spec.sizes.map((m) => {
    const row = spec.cells.filter((c) => c.m === m)
    const cheaperFwd = row.filter((c) => c.cheaper === 'forward').map((c) => c.n)
    if (cheaperFwd.length === 0) return `m = ${m}: reverse is never more expensive`
    if (cheaperFwd.length === row.length) return `m = ${m}: forward is cheaper for every n up to ${row.at(-1)!.n}`
    return `m = ${m}: forward is cheaper up to n = ${Math.max(...cheaperFwd)}`
  })
}

function costSummary(spec: CostPanelSpec): string {
  const parts = [
    `Jacobians of ${spec.family}, for n and m in ${spec.sizes.join(', ')}, built by jacfwd (n forward passes) and by jacrev (one primal sweep and m reverse passes), counted (flops = scalar multiply-adds, memory = numbers held at once, tapes included) and timed in the worker`,
    `By the count: ${crossovers(spec).join('; ')}`,
  ]
  const y = spec.yours
  if (y) {
    const c = y.cheaper
    parts.push(
      `Your ${y.name}: n = ${y.n}, m = ${y.m}; jacfwd ${y.forward.passes} forward passes, ${y.forward.flops} flops, ${y.forward.memory} numbers held; jacrev ${y.reverse.passes} reverse passes, ${y.reverse.flops} flops, ${y.reverse.memory} numbers held; cheaper by the count: ${c === null ? 'neither' : c === 'forward' ? 'jacfwd' : 'jacrev'}; timings as measured: jacfwd ${formatMs(y.forward.ms)}, jacrev ${formatMs(y.reverse.ms)}`,
    )
  }
  return parts.join('. ') + '.'
}

export function costBuiltins(): LangFunction[] {
  return [
    builtin('cost_explorer', ['f', 'x'], (args) => panelRecord(costExplorer(args)), {
      forms: { counts: [0, 2], usage: `no arguments (the built-in family) or a function and a point, as in ${USAGE}` },
    }),
  ]
}
