/**
 * The counting model behind every cost the panels show. Counts, unlike timings, are the same on
 * every run: the same function at the same point always gives the same three numbers.
 *
 * - flops: scalar multiply-adds (any one arithmetic operation on two numbers counts 1), summed
 *   over every concrete primitive evaluation at every nesting level, the tangent and cotangent
 *   arithmetic included. A batch of tangent lanes is a tensor with one more axis, so every lane
 *   is counted. Per primitive (see primitiveFlops):
 *     elementwise (add, mul, exp, abs2, ifelse, comparisons, ...)  the output's size;
 *     matmul, an m×k times a k×n                                   m·k·n;
 *     sum, cumsum, norm                                             the input's size;
 *     scatter-add (cotangents added into one buffer)                the numbers added;
 *     det, inv, logabsdet of an n×n matrix                          n³ (the LU factorisation);
 *     moves (reshape, transpose, broadcast, getindex, scatter, concat)  0: they copy numbers.
 * - memory: numbers held at once, counted by the panels as the elements of the input x, of the
 *   result, and, at the worst moment, of every value stored on a tape still in use. A tape node
 *   holds its value with all of its parts (the primal and every tangent lane of a dual number
 *   riding on it); a tensor on two tapes (reverse over reverse) counts once; a tape is in use from
 *   its primal sweep until its last reverse sweep ends. Forward mode's passing values, reverse
 *   mode's cotangents and constants the function closes over are not counted: forward mode
 *   stores nothing, and that is what the count shows.
 * - passes: sweeps over the program: primal sweeps (each records a tape), forward passes (each
 *   pushes one tangent, or one batch of tangent lanes) and reverse sweeps.
 */
import type { Tensor } from '../tensor/tensor.ts'

/** What a computation cost in the model above. */
export interface Cost {
  flops: number
  /** Numbers held at once: the input, the result and the tapes in use at the worst moment. */
  memory: number
  passes: { primal: number; forward: number; reverse: number }
}

const MOVES = new Set(['reshape', 'transpose', 'broadcast', 'getindex', 'scatter', 'concat'])
const REDUCTIONS = new Set(['sum', 'cumsum', 'norm'])
const CUBIC = new Set(['det', 'inv', 'logabsdet'])

/** Scalar multiply-adds of one concrete evaluation of the primitive `name`. */
export function primitiveFlops(name: string, args: readonly Tensor[], params: unknown, out: Tensor): number {
  if (MOVES.has(name)) return 0
  if (REDUCTIONS.has(name)) return args[0]!.size
  if (name === 'scatter-add') return args.reduce((k, a) => k + a.size, 0)
  if (CUBIC.has(name)) return args[0]!.shape[0]! ** 3
  if (name === 'matmul') {
    // The inner dimension k of op(A)·op(B): A's rows when transposed, else its columns (a
    // vector is a column, a scalar 1×1).
    const a = args[0]!.shape
    const ta = (params as { ta?: boolean } | undefined)?.ta === true
    const k = a.length === 0 ? 1 : ta ? a[0]! : a.length === 1 ? 1 : a[1]!
    return out.size * k
  }
  return out.size
}

interface TapeLife {
  /** Clock of its last use: a node added or a reverse sweep over it ended. */
  end: number
  /** [clock, tensor id, elements] of every value stored on it. */
  held: [number, number, number][]
}

/**
 * The largest number of elements held on tapes at once, worked out when the recording ends
 * (only then is a tape's last use known). Tensors are named by number, not held, so the
 * accounting keeps no tensor alive.
 */
export class TapeMemory {
  private clock = 0
  private tapes = new Map<number, TapeLife>()
  private ids = new WeakMap<Tensor, number>()
  private nextId = 0

  private life(level: number): TapeLife {
    let t = this.tapes.get(level)
    if (t === undefined) {
      t = { end: this.clock, held: [] }
      this.tapes.set(level, t)
    }
    return t
  }

  /** A primal sweep starts recording the tape of this level. */
  start(level: number): void {
    this.life(level).end = ++this.clock
  }

  /** A node on the tape of this level holds these tensors (its primal, and its tangent if dual). */
  hold(level: number, tensors: readonly Tensor[]): void {
    const t = this.life(level)
    const now = ++this.clock
    for (const x of tensors) {
      let id = this.ids.get(x)
      if (id === undefined) {
        id = this.nextId++
        this.ids.set(x, id)
      }
      t.held.push([now, id, x.size])
    }
    t.end = now
  }

  /** A reverse sweep over the tape of this level is at work (the tape is still in use). */
  use(level: number): void {
    this.life(level).end = ++this.clock
  }

  /** Nodes on the largest tape. */
  largestTape(): number {
    let nodes = 0
    for (const t of this.tapes.values()) nodes = Math.max(nodes, new Set(t.held.map(([c]) => c)).size)
    return nodes
  }

  /** The most elements held on tapes at once; a tensor on several tapes counts once. */
  peak(): number {
    // Events: +1 reference when a value is stored, -1 when its tape's last use is over.
    const events: [number, number, number][] = []
    for (const t of this.tapes.values())
      for (const [clock, id, size] of t.held) {
        events.push([clock, id, size])
        events.push([t.end + 0.5, id, -size])
      }
    events.sort((a, b) => a[0] - b[0])
    const refs = new Map<number, number>()
    let live = 0
    let peak = 0
    for (const [, id, size] of events) {
      const r = refs.get(id) ?? 0
      if (size > 0) {
        if (r === 0) live += size
        refs.set(id, r + 1)
        peak = Math.max(peak, live)
      } else {
        if (r === 1) live += size
        refs.set(id, r - 1)
      }
    }
    return peak
  }
}
