/**
 * Traces for teaching: with recording on, every primitive evaluation, every tangent and every
 * cotangent is written down in the order computed, with its nesting level, so the app can replay
 * a computation step by step. Counters say how many passes, primitive evaluations, flops and tape
 * memory it took, in the counting model of cost.ts (deterministic: no clock is read).
 *
 * Recording is off unless a caller asks for it (record), and costs one null check when off.
 */
import type { Tensor } from '../tensor/tensor.ts'
import { TapeMemory, primitiveFlops } from './cost.ts'
import type { Value } from './value.ts'
import { concrete } from './value.ts'

export type Mode = 'primal' | 'forward' | 'reverse'

export type TraceStep =
  /** A value entering a computation from outside (an input or a constant). */
  | { kind: 'input'; step: number; node: number; primal: Tensor; level: number }
  /**
   * A primitive evaluated at some level; forward mode carries the tangent it pushed, and a
   * reverse-mode node whose value is a dual number (forward-over-reverse) its ε-part.
   */
  | {
      kind: 'op'
      step: number
      node: number
      prim: string
      inputs: number[]
      level: number
      mode: Mode
      primal: Tensor
      tangent?: Tensor
    }
  /**
   * A node's cotangent, complete, during a reverse pass of the given level. Under an outer
   * forward transform the cotangent is a dual number; tangent is its ε-part.
   */
  | { kind: 'cotangent'; step: number; node: number; level: number; cotangent: Tensor; tangent?: Tensor }
  /** The start of a pass: one forward sweep (jvp), one reverse sweep (back), or a primal sweep. */
  | { kind: 'pass'; step: number; mode: Mode; level: number; seed?: Tensor }

export interface Counters {
  passes: Record<Mode, number>
  /** Concrete primitive evaluations: the arithmetic actually done, at every level. */
  ops: number
  opsByPrimitive: Record<string, number>
  /** Scalar multiply-adds of those evaluations, tangent lanes included (cost.ts). */
  flops: number
  /** The most elements held on tapes at once (cost.ts); set when the recording ends. */
  tapePeak: number
  /** Nodes on the largest tape recorded (its input not counted); set when the recording ends. */
  largestTape: number
}

export interface Trace {
  steps: TraceStep[]
  counters: Counters
  /** True when steps stopped being stored at maxSteps (counters are still complete). */
  truncated: boolean
}

export class Recorder {
  readonly steps: TraceStep[] = []
  readonly counters: Counters = {
    passes: { primal: 0, forward: 0, reverse: 0 },
    ops: 0,
    opsByPrimitive: {},
    flops: 0,
    tapePeak: 0,
    largestTape: 0,
  }
  readonly memory = new TapeMemory()
  truncated = false
  /**
   * While above 0, steps are counted but not kept: a learner's rule shows as one step, its own
   * work inside not (language/rules.ts).
   */
  muted = 0
  private ids = new WeakMap<object, number>()
  private nextId = 0

  constructor(readonly maxSteps: number) {}

  /** A stable id for a value; values seen for the first time are recorded as inputs. */
  id(v: Value, level = 0): number {
    let id = this.ids.get(v)
    if (id === undefined) {
      id = this.nextId++
      this.ids.set(v, id)
      this.push({ kind: 'input', step: 0, node: id, primal: concrete(v), level })
    }
    return id
  }

  /** Give a freshly computed value its id without an input step. */
  name(v: Value): number {
    const id = this.nextId++
    this.ids.set(v, id)
    return id
  }

  /** Counts one concrete evaluation of a primitive (bind's evaluate calls this). */
  countPrimitive(name: string, args: readonly Tensor[], params: unknown, out: Tensor): void {
    const c = this.counters
    c.ops++
    c.opsByPrimitive[name] = (c.opsByPrimitive[name] ?? 0) + 1
    c.flops += primitiveFlops(name, args, params, out)
  }

  push(step: TraceStep): void {
    // Tape memory follows every step, stored or not (counters stay complete past maxSteps).
    if (step.kind === 'op' && step.mode === 'reverse')
      this.memory.hold(step.level, step.tangent ? [step.primal, step.tangent] : [step.primal])
    else if (step.kind === 'pass' && step.mode === 'primal') this.memory.start(step.level)
    else if (step.kind === 'cotangent' || (step.kind === 'pass' && step.mode === 'reverse')) this.memory.use(step.level)
    if (this.muted > 0) return
    if (this.steps.length >= this.maxSteps) {
      this.truncated = true
      return
    }
    step.step = this.steps.length
    this.steps.push(step)
  }
}

let active: Recorder | null = null

export function recorder(): Recorder | null {
  return active
}

/** Runs fn with recording on and returns its result with the trace. Recordings nest. */
export function record<T>(fn: () => T, options: { maxSteps?: number } = {}): { result: T; trace: Trace } {
  const outer = active
  const rec = new Recorder(options.maxSteps ?? 20000)
  active = rec
  try {
    const result = fn()
    rec.counters.tapePeak = rec.memory.peak()
    rec.counters.largestTape = rec.memory.largestTape()
    return { result, trace: { steps: rec.steps, counters: rec.counters, truncated: rec.truncated } }
  } finally {
    active = outer
  }
}

/** Counts one pass of a transformation (no-op when not recording). */
export function notePass(mode: Mode, level: number, seed?: Value): void {
  if (active === null) return
  active.counters.passes[mode]++
  active.push({ kind: 'pass', step: 0, mode, level, ...(seed ? { seed: concrete(seed) } : {}) })
}
