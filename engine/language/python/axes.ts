/**
 * Moving one axis of an array to another place (NumPy's moveaxis), with one gather so
 * derivatives follow: `jax.vmap`'s in_axes and out_axes other than 0 are the batching level's
 * leading axis moved from or to where the learner keeps it.
 */
import type { Value } from '../../ad/value.ts'
import * as ops from '../../ops/index.ts'
import { describeShape, sizeOf } from '../../tensor/tensor.ts'
import { LangError } from '../errors.ts'

/** An axis counted from 0, negatives from the end, checked against a rank. */
export function axisIn(k: number, rank: number, who: string, shape: readonly number[]): number {
  const axis = k < 0 ? k + rank : k
  if (!Number.isInteger(axis) || axis < 0 || axis >= rank)
    throw new LangError(`${who}: axis ${k} is out of range for a ${describeShape(shape)}`)
  return axis
}

/** x with its axis `from` moved to position `to` (the other axes keep their order). */
export function moveAxis(x: Value, from: number, to: number): Value {
  if (from === to) return x
  const s = x.shape
  const order = s.map((_, d) => d).filter((d) => d !== from)
  order.splice(to, 0, from)
  const shape = order.map((d) => s[d]!)
  const strides = s.map((_, d) => sizeOf(s.slice(d + 1)))
  const n = sizeOf(s)
  // For each position of the result, in row-major order, the position in x it comes from.
  const source = Array.from({ length: n }, (_, p) => {
    let q = 0
    for (let d = shape.length - 1, rest = p; d >= 0; d--) {
      q += (rest % shape[d]!) * strides[order[d]!]!
      rest = Math.floor(rest / shape[d]!)
    }
    return q
  })
  return ops.reshape(ops.getindex(ops.reshape(x, [n]), [source]), shape)
}
