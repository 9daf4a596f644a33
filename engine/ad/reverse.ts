/**
 * Reverse mode: a primal sweep records a tape of the operations at a fresh level; each call of
 * back(ct) then walks the tape backwards once, pulling the output cotangent back to the input
 * (a vector-Jacobian product ctᵀJ). The tape is kept, so back can be called once per basis
 * vector to assemble a Jacobian row by row.
 *
 * The backward sweep is made of ordinary engine operations, so an enclosing transformation
 * (forward-over-reverse, reverse-over-reverse) differentiates through it.
 */
import { ShapeError, withContext } from '../errors.ts'
import { recordingTape } from '../limits.ts'
import { Tensor, describeShape, overlaps, sameShape, zeros } from '../tensor/tensor.ts'
import { Owned, WORTH_RECYCLING, beginWatch, endWatch } from './recycling.ts'
import { derivativeContext } from './bind.ts'
import type { Primitive } from './primitive.ts'
import { pullbackRule } from './primitive.ts'
import type { TraceStep } from './trace.ts'
import { notePass, recorder } from './trace.ts'
import { zeroTimesInfinity } from './untaken.ts'
import type { Tape, Value } from './value.ts'
import { Dual, TapeNode, concrete, newLevel, runningAt } from './value.ts'

/**
 * Sums two cotangents reaching one node. It must be the traced add primitive, so that an
 * enclosing transformation differentiates the sum too; ops/elementwise.ts installs it, since
 * ad sits below ops and cannot import it.
 */
let sumCotangents: ((a: Value, b: Value) => Value) | undefined

export function setCotangentSum(add: (a: Value, b: Value) => Value): void {
  sumCotangents = add
}

/**
 * Primitives whose pullback only places the cotangent at some indices of their argument
 * (getindex): one scatter into zeros of the argument's size per use would make n reads x[i]
 * cost n² (n scatters, then n sums of size n). The backward sweep instead holds their
 * cotangents until it reaches the argument, then adds them into one buffer with `gather`, a
 * traced primitive (ops/structure.ts installs getindex's), so enclosing transforms see it.
 */
type Gather = (gs: Value[], params: unknown[]) => Value
const indexed = new Map<Primitive<never>, Gather>()

export function setIndexedPullback<P>(prim: Primitive<P>, gather: (gs: Value[], params: P[]) => Value): void {
  indexed.set(prim as Primitive<never>, gather as Gather)
}

/** Cotangents of indexed uses of one node, held until the sweep reaches it. */
interface Held {
  gs: Value[]
  params: unknown[]
  /** Every use was one whose memory the sweep may recycle (recycling.ts). */
  recycling: boolean
  gather: Gather
  /** The first use (argument j of node), whose own pullback rule runs when it is the only one. */
  node: TapeNode
  j: number
}

export interface Pullback {
  /** f(x) */
  value: Value
  /** ct -> ctᵀJ: the cotangent of the input given a cotangent of the output (same shape as f(x)). */
  back: (ct: Value) => Value
}

export function pullback(f: (x: Value) => Value, x: Value, who = 'pullback'): Pullback {
  const level = newLevel()
  const tape: Tape = []
  notePass('primal', level)
  const input = new TapeNode(x, level, tape, 0, null, [], [], undefined)
  tape.push(input)
  const y = recordingTape(() => runningAt(level, () => f(input)))
  const ours = y instanceof TapeNode && y.level === level
  const value = ours ? y.primal : y
  return { value, back: backFrom(y, ours, value, x, level, who) }
}

/**
 * pullback's back. Made here, and returned as it is made: tsx (the bench, the CLI) keeps
 * function names by redefining the name of each closure bound to a name or a property when it
 * is made, which costs more than a small operation.
 */
function backFrom(y: Value, ours: boolean, value: Value, x: Value, level: number, who: string) {
  return (ct: Value): Value => {
    if (!sameShape(ct.shape, value.shape)) {
      throw new ShapeError(
        `${who}: the cotangent must have the output's shape: the output is a ${describeShape(value.shape)}, the cotangent a ${describeShape(ct.shape)}`,
      )
    }
    notePass('reverse', level, ct)
    return ours ? backward(y as TapeNode, ct, x) : zeros(x.shape)
  }
}

/**
 * A tape held open across statements (TensorFlow's GradientTape): inputs join it as they are
 * watched, at any point, and a later output of its level pulls back to each of them (undefined
 * for an input the output does not depend on). The same sweep as pullback's.
 */
export function openTape() {
  const level = newLevel()
  const tape: Tape = []
  notePass('primal', level)
  return {
    level,
    /** How many nodes the tape holds: where the nodes recorded later will start. */
    recorded: () => tape.length,
    input(x: Value): TapeNode {
      const node = new TapeNode(x, level, tape, tape.length, null, [], [], undefined)
      tape.push(node)
      return node
    },
    back(out: Value, ct: Value, inputs: readonly TapeNode[]): (Value | undefined)[] {
      if (!(out instanceof TapeNode && out.tape === tape)) return inputs.map(() => undefined)
      notePass('reverse', level, ct)
      const cts = sweep(out, ct)
      return inputs.map((n) => (n.tape === tape ? cts[n.index] : undefined))
    },
  }
}

function backward(out: TapeNode, ct: Value, x: Value): Value {
  const cts = sweep(out, ct)
  const gx = cts[0] ?? zeros(x.shape)
  const rec = recorder()
  if (rec !== null) rec.push(cotangentStep(rec.id(out.tape[0]!, out.level), out.level, gx))
  return gx
}

/** One backward sweep's state: cotangents by tape index, and the indexed ones held back. */
interface Sweep {
  cts: (Value | undefined)[]
  held: (Held | undefined)[]
  /** The buffers the sweep may give back for reuse, with its references to them (recycling.ts). */
  owned: Owned
}

/** The backward sweep from out: the cotangent of every node it reaches, by tape index. */
function sweep(out: TapeNode, ct: Value): (Value | undefined)[] {
  const tape = out.tape
  const n = out.index + 1
  const s: Sweep = { cts: new Array(n), held: new Array(n), owned: new Owned() }
  const { cts, held, owned } = s
  cts[out.index] = ct
  const rec = recorder()
  for (let i = out.index; i >= 1; i--) {
    if (held[i] !== undefined) release(s, i)
    const g = cts[i]
    const node = tape[i]!
    // An input watched after the first (an open tape's) keeps its cotangent for the caller.
    if (g === undefined || node.prim === null) continue
    cts[i] = undefined // each cotangent is used once: let it go as the sweep moves on
    if (rec !== null) rec.push(cotangentStep(rec.id(node, node.level), node.level, g))
    const prim = node.prim!
    const recycling = rec === null && recycles(node, g)
    if (!recycling) owned.escape(g)
    const gather = indexed.get(prim)
    const parents = node.parents
    for (let j = 0; j < parents.length; j++) {
      const p = parents[j]!
      if (p === null) continue
      if (gather !== undefined) {
        const h = held[p.index]
        if (h === undefined) held[p.index] = { gs: [g], params: [node.params], recycling, gather, node, j }
        else {
          h.gs.push(g)
          h.params.push(node.params)
          h.recycling &&= recycling
        }
        owned.hold(g)
        continue
      }
      accumulate(s, p.index, recycling ? pullWatched(s, node, j, g) : pullHeld(s, node, j, g))
    }
    owned.drop(g)
  }
  if (held[0] !== undefined) release(s, 0)
  return cts
}

/** Whether the sweep may recycle memory at node: its rules keep nothing and see plain tensors only. */
function recycles(node: TapeNode, g: Value): boolean {
  if (node.prim!.keepsNothing !== true || !(g instanceof Tensor) || !(node.primal instanceof Tensor)) return false
  const args = node.args
  let large = g.data.length >= WORTH_RECYCLING
  for (let k = 0; k < args.length; k++) {
    const a = args[k]
    if (!(a instanceof Tensor)) return false
    if (a.data.length >= WORTH_RECYCLING) large = true
  }
  return large
}

/** The contribution of node's argument j to its cotangent, given node's cotangent g. */
function pull(node: TapeNode, j: number, g: Value): Value {
  const prim = node.prim!
  try {
    return pullbackRule(prim, j)(g, node.args, node.primal, node.params)
  } catch (err) {
    // A cotangent of 0 times an infinite slope (a branch ifelse did not take) is NaN, as in JAX.
    const nan = zeroTimesInfinity(err, node, j, g)
    if (nan !== undefined) return nan
    throw withContext(err, derivativeContext(prim, node.args))
  }
}

/** pull, with the contribution in hand counted as a reference (recycling.ts). */
function pullHeld(s: Sweep, node: TapeNode, j: number, g: Value): Value {
  const c = pull(node, j, g)
  s.owned.hold(c)
  return c
}

/** pull, watching what the rule makes: see recycling.ts. */
function pullWatched(s: Sweep, node: TapeNode, j: number, g: Value): Value {
  const list = beginWatch()
  let c: Value
  try {
    c = pull(node, j, g)
  } finally {
    endWatch(list)
  }
  s.owned.adopt(c, list)
  // A view into g (not g itself) would see g's memory reused: then g is never given back.
  if (c instanceof Tensor && g instanceof Tensor && c.data !== g.data && overlaps(c.data, g.data)) s.owned.escape(g)
  return c
}

/** Adds a contribution, whose reference the caller hands over, into cotangent k. */
function accumulate(s: Sweep, k: number, contribution: Value): void {
  const prev = s.cts[k]
  if (prev === undefined) {
    s.cts[k] = contribution
    return
  }
  const { owned } = s
  // A sum of plain tensors keeps neither operand; a traced one, or one an enclosing level
  // tapes, keeps both.
  const plain = recorder() === null && prev instanceof Tensor && contribution instanceof Tensor
  const list = plain && prev.data.length >= WORTH_RECYCLING ? beginWatch() : null
  let sum: Value
  try {
    sum = sumCotangents!(prev, contribution)
  } finally {
    endWatch(list)
  }
  if (plain) {
    owned.adopt(sum, list)
    owned.drop(prev)
    owned.drop(contribution)
  } else {
    owned.escape(prev)
    owned.escape(contribution)
  }
  s.cts[k] = sum
}

/** Adds the held indexed cotangents of node k into its cotangent, as one buffer. */
function release(s: Sweep, k: number): void {
  const h = s.held[k]!
  s.held[k] = undefined
  const { owned } = s
  if (!h.recycling) for (const g of h.gs) owned.escape(g)
  let sum: Value
  if (h.gs.length === 1) {
    const g = h.gs[0]!
    sum = h.recycling ? pullWatched(s, h.node, h.j, g) : pullHeld(s, h.node, h.j, g)
  } else {
    const list = h.recycling ? beginWatch() : null
    try {
      sum = h.gather(h.gs, h.params)
    } catch (err) {
      throw withContext(err, derivativeContext(h.node.prim!, h.node.args))
    } finally {
      endWatch(list)
    }
    owned.adopt(sum, list)
    if (sum instanceof Tensor)
      for (const g of h.gs) if (g instanceof Tensor && overlaps(sum.data, g.data)) owned.escape(g)
  }
  for (const g of h.gs) owned.drop(g)
  accumulate(s, k, sum)
}

/** A cotangent for the trace; a dual cotangent (forward-over-reverse) keeps its ε-part. */
function cotangentStep(node: number, level: number, g: Value): TraceStep {
  const tangent = g instanceof Dual ? { tangent: concrete(g.tangent) } : {}
  return { kind: 'cotangent', step: 0, node, level, cotangent: concrete(g), ...tangent }
}
