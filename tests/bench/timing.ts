/**
 * Timing for the benchmark: warm up, pick a batch size so that one batch takes a few
 * milliseconds, time several batches and report the median time per call. The implementations
 * being compared run their batches in interleaved rounds. Calls that are slow (a Hessian at
 * n = 300) get fewer batches of one call each, down to a single timed call, and say so.
 *
 * Two clocks are read around every batch: wall-clock time (performance.now(), the default) and
 * the process's CPU time (process.cpuUsage(), microseconds). On a quiet machine they agree; on a
 * machine shared with other work, wall-clock time includes the time other processes held the
 * CPU, and --clock=cpu gives the comparison that still means something. (Every implementation
 * here computes on the main thread: jax-js starts no Wasm worker threads in Node, where there is
 * no global Worker. V8's concurrent GC threads do count towards CPU time, which if anything
 * penalises the engine, the one that allocates most.)
 */
import { seededRandom } from '../../engine/panels/seeded.ts'

export type Clock = 'wall' | 'cpu'

export interface TimingOptions {
  /** Total time to spend on the timed batches of one measurement, in ms (after warm-up). */
  targetMs: number
  /** How many batches to split that time into; the median of their per-call means is reported. */
  batches: number
  /** Warm-up time in ms (at least one call is always made). */
  warmupMs: number
  /** The most a slow measurement may take, in ms, before it is cut down to fewer timed calls. */
  slowBudgetMs: number
  /** The clock that `ms` (and so every ratio) is based on. */
  clock: Clock
}

export const FULL_TIMING: TimingOptions = {
  targetMs: 180,
  batches: 9,
  warmupMs: 50,
  slowBudgetMs: 3000,
  clock: 'wall',
}
export const QUICK_TIMING: TimingOptions = { targetMs: 30, batches: 3, warmupMs: 10, slowBudgetMs: 300, clock: 'wall' }

export interface Timing {
  /** Median over batches of the mean time per call, in ms, by the chosen clock. */
  ms: number
  /** The fastest batch's mean time per call, in ms, by the chosen clock. */
  minMs: number
  /** The median by wall-clock time and by CPU time, whichever clock was chosen. */
  wallMs: number
  cpuMs: number
  batches: number
  callsPerBatch: number
  /** Timed calls in all (warm-up excluded). */
  calls: number
}

/**
 * Results are fed into this sink so that no call can be optimised away as dead code. It is
 * read once at the end of the run.
 */
let sink = 0
export function consume(x: ArrayLike<number> | number): void {
  sink += typeof x === 'number' ? x : x.length > 0 ? x[0]! : 0
}
export function sinkValue(): number {
  return sink
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

export type Timed = () => ArrayLike<number> | number

interface Sample {
  /** Per call, in ms. */
  wall: number
  cpu: number
}

function cpuMs(): number {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

/** Runs fn `calls` times and gives the time per call by both clocks. */
function batch(fn: Timed, calls: number): Sample {
  const c0 = cpuMs()
  const t0 = performance.now()
  for (let i = 0; i < calls; i++) consume(fn())
  const wall = performance.now() - t0
  const cpu = cpuMs() - c0
  return { wall: wall / calls, cpu: cpu / calls }
}

/** Runs fn until warmupMs have passed (at least once) and returns the time per call. */
function warmUp(fn: Timed, warmupMs: number, clock: Clock): number {
  let calls = 0
  const c0 = cpuMs()
  const t0 = performance.now()
  do {
    consume(fn())
    calls++
  } while (performance.now() - t0 < warmupMs)
  return (clock === 'wall' ? performance.now() - t0 : cpuMs() - c0) / calls
}

function summary(samples: readonly Sample[], callsPerBatch: number, clock: Clock): Timing {
  const chosen = samples.map((s) => s[clock])
  return {
    ms: median(chosen),
    minMs: Math.min(...chosen),
    wallMs: median(samples.map((s) => s.wall)),
    cpuMs: median(samples.map((s) => s.cpu)),
    batches: samples.length,
    callsPerBatch,
    calls: samples.length * callsPerBatch,
  }
}

/** Times one fn (which returns its result, fed to the sink): the median time per call. */
export function measure(fn: Timed, opt: TimingOptions): Timing {
  return measureAll({ fn }, opt).fn!
}

/**
 * Times several functions that are to be compared with each other. Each is warmed up and given
 * a batch size of about targetMs / batches; then the batches run in rounds, one batch of each
 * function per round (in rotating order), so that a burst of load from elsewhere on the machine
 * or a garbage collection hits all of them alike rather than one of them. Functions too slow for
 * one call per batch are timed afterwards on their own, with fewer batches (down to a single call)
 * within slowBudgetMs.
 */
export function measureAll<K extends string>(
  fns: Partial<Record<K, Timed>>,
  opt: TimingOptions,
): Partial<Record<K, Timing>> {
  const keys = Object.keys(fns) as K[]
  const fn = (k: K): Timed => fns[k]!
  const batchMs = opt.targetMs / opt.batches
  const estimate = {} as Record<K, number>
  for (const k of keys) estimate[k] = warmUp(fn(k), opt.warmupMs, opt.clock)

  const out: Partial<Record<K, Timing>> = {}
  const fast = keys.filter((k) => estimate[k] <= batchMs)
  const calls = {} as Record<K, number>
  const samples = {} as Record<K, Sample[]>
  for (const k of fast) {
    calls[k] = Math.max(1, Math.round(batchMs / Math.max(estimate[k], 1e-6)))
    samples[k] = []
  }
  for (let b = 0; b < opt.batches; b++) {
    for (let i = 0; i < fast.length; i++) {
      const k = fast[(i + b) % fast.length]!
      samples[k].push(batch(fn(k), calls[k]))
    }
  }
  for (const k of fast) out[k] = summary(samples[k], calls[k], opt.clock)

  for (const k of keys.filter((k) => estimate[k] > batchMs)) {
    const batches = Math.max(1, Math.min(opt.batches, Math.floor(opt.slowBudgetMs / estimate[k])))
    const slow: Sample[] = []
    for (let b = 0; b < batches; b++) slow.push(batch(fn(k), 1))
    out[k] = summary(slow, 1, opt.clock)
  }
  return out
}

/** Times `calls` single calls of a slow fn (seconds each), already warmed up: the median per call. */
export function measureEach(fn: Timed, calls: number, clock: Clock): Timing {
  const samples: Sample[] = []
  for (let i = 0; i < calls; i++) samples.push(batch(fn, 1))
  return summary(samples, 1, clock)
}

/** The engine's seeded generator (mulberry32), so every run benchmarks the same numbers. */
export const rng = seededRandom

/** Uniform numbers in [lo, hi). */
export function uniform(next: () => number, length: number, lo: number, hi: number): Float64Array {
  const out = new Float64Array(length)
  for (let i = 0; i < length; i++) out[i] = lo + (hi - lo) * next()
  return out
}

/** Times in ms, readable across six orders of magnitude. */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`
  if (ms >= 100) return `${ms.toFixed(0)} ms`
  if (ms >= 10) return `${ms.toFixed(1)} ms`
  if (ms >= 1) return `${ms.toFixed(2)} ms`
  if (ms >= 0.01) return `${(ms * 1000).toFixed(1)} µs`
  return `${(ms * 1000).toFixed(2)} µs`
}

export function formatRatio(r: number): string {
  if (!Number.isFinite(r)) return '—'
  if (r >= 100) return `${r.toFixed(0)}×`
  if (r >= 10) return `${r.toFixed(1)}×`
  return `${r.toFixed(2)}×`
}

/**
 * The largest elementwise difference relative to the largest entry of the reference:
 * max|a - b| / max|b|. Relative to the whole vector rather than to each element, so that
 * entries that happen to be near zero do not blow up the measure.
 */
export function relDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity
  let diff = 0
  let scale = 0
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!))
    scale = Math.max(scale, Math.abs(b[i]!))
  }
  if (Number.isNaN(diff)) return Infinity
  return scale === 0 ? diff : diff / scale
}
