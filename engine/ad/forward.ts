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
