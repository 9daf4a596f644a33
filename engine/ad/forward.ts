/**
 * Forward mode: one pass pushes a tangent through f alongside the primal computation.
 * The input is wrapped as a Dual of a fresh level; whatever f computes from it carries that
 * level's tangent; at the end the tangent of that level (and only that level) is read off.
 */
import { ShapeError } from '../errors.ts'
import { describeShape, sameShape, zeros } from '../tensor/tensor.ts'
import { notePass } from './trace.ts'
import type { Value } from './value.ts'
import { Dual, newLevel, runningAt } from './value.ts'

export interface Pushforward {
  out: Value
  tangent: Value
}

/** A tangent waiting to be computed, with the dual numbers whose tangents it reads. */
type Deferred = (() => Value) & { inputs: readonly Dual[] }

/**
 * A tangent computed when first read instead of now. bind.ts defers the tangents of dual numbers
 * that become values on a tape (forward-over-reverse: a reverse pass inside a forward one): the
 * reverse sweep reads only the tangents of the values its rules use (x for x², not x² itself),
 * and the rest, like the tangent of f(x) itself, which a Hessian never needs, are never computed.
 * JAX's jit gets the same by dead-code elimination; eager forward mode computes them all.
 * The tangents it reads are computed first, in a loop rather than by recursion, since a tape of
 * many nodes makes a chain of deferred tangents as long as itself.
 */
export function deferTangent(inputs: readonly Dual[], compute: () => Value): () => Value {
  const deferred = (() => {
    const waiting: Dual[] = []
    for (const d of inputs) if (d.pending !== undefined) waiting.push(d)
    while (waiting.length > 0) {
      const d = waiting[waiting.length - 1]!
      const p = d.pending as Deferred | undefined
      const before = waiting.length
      if (p !== undefined) for (const e of p.inputs) if (e.pending !== undefined) waiting.push(e)
      if (waiting.length === before) {
        waiting.pop()
        void d.tangent // its inputs are ready: computing it reads no deferred tangent
      }
    }
    return compute()
  }) as Deferred
  deferred.inputs = inputs
  return deferred
}

/** f(x) and its directional derivative J·v, in one forward pass. */
export function pushforward(f: (x: Value) => Value, x: Value, v: Value, who = 'jvp'): Pushforward {
  if (!sameShape(x.shape, v.shape)) {
    throw new ShapeError(
      `${who}: the tangent must have the input's shape: the input is a ${describeShape(x.shape)}, the tangent a ${describeShape(v.shape)}`,
    )
  }
  const level = newLevel()
  notePass('forward', level, v)
  const y = runningAt(level, () => f(new Dual(x, v, level)))
  if (y instanceof Dual && y.level === level) return { out: y.primal, tangent: y.tangent }
  // The output does not depend on x: its tangent is zero.
  return { out: y, tangent: zeros(y.shape) }
}
