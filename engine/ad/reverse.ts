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
import { describeShape, sameShape, zeros } from '../tensor/tensor.ts'
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
  const back = (ct: Value): Value => {
    if (!sameShape(ct.shape, value.shape)) {
      throw new ShapeError(
        `${who}: the cotangent must have the output's shape: the output is a ${describeShape(value.shape)}, the cotangent a ${describeShape(ct.shape)}`,
      )
    }
    notePass('reverse', level, ct)
    return ours ? backward(y, ct, x) : zeros(x.shape)
  }
  return { value, back }
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

/** The backward sweep from out: the cotangent of every node it reaches, by tape index. */
function sweep(out: TapeNode, ct: Value): (Value | undefined)[] {
  const tape = out.tape
  const cts: (Value | undefined)[] = new Array(out.index + 1)
  const held: (Held | undefined)[] = new Array(out.index + 1)
  cts[out.index] = ct
  const rec = recorder()
  for (let i = out.index; i >= 1; i--) {
    if (held[i] !== undefined) release(cts, held, i)
    const g = cts[i]
    const node = tape[i]!
    // An input watched after the first (an open tape's) keeps its cotangent for the caller.
    if (g === undefined || node.prim === null) continue
    cts[i] = undefined // each cotangent is used once: let it go as the sweep moves on
    if (rec !== null) rec.push(cotangentStep(rec.id(node, node.level), node.level, g))
    const prim = node.prim!
    const gather = indexed.get(prim)
    const parents = node.parents
    for (let j = 0; j < parents.length; j++) {
      const p = parents[j]!
      if (p === null) continue
      if (gather !== undefined) {
        const h = held[p.index]
        if (h === undefined) held[p.index] = { gs: [g], params: [node.params], gather, node, j }
        else {
          h.gs.push(g)
          h.params.push(node.params)
        }
        continue
      }
      accumulate(cts, p.index, pull(node, j, g))
    }
  }
  if (held[0] !== undefined) release(cts, held, 0)
  return cts
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

function accumulate(cts: (Value | undefined)[], k: number, contribution: Value): void {
  const prev = cts[k]
  cts[k] = prev === undefined ? contribution : sumCotangents!(prev, contribution)
}

/** Adds the held indexed cotangents of node k into its cotangent, as one buffer. */
function release(cts: (Value | undefined)[], held: (Held | undefined)[], k: number): void {
  const h = held[k]!
  held[k] = undefined
  let sum: Value
  if (h.gs.length === 1) sum = pull(h.node, h.j, h.gs[0]!)
  else {
    try {
      sum = h.gather(h.gs, h.params)
    } catch (err) {
      throw withContext(err, derivativeContext(h.node.prim!, h.node.args))
    }
  }
  accumulate(cts, k, sum)
}

/** A cotangent for the trace; a dual cotangent (forward-over-reverse) keeps its ε-part. */
function cotangentStep(node: number, level: number, g: Value): TraceStep {
  const tangent = g instanceof Dual ? { tangent: concrete(g.tangent) } : {}
  return { kind: 'cotangent', step: 0, node, level, cotangent: concrete(g), ...tangent }
}
