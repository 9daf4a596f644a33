/**
 * Pytrees, as JAX calls them: arguments that are arrays, or tuples and dicts of arrays (a
 * model's parameters, {"w": W, "b": b}). A transform differentiates with respect to the arrays at
 * the leaves: they are flattened row-major (NumPy's order) into one vector, the engine's
 * transforms work on that vector, and the results are put back into the same structure, so the
 * gradient of a dict of parameters is a dict of the same keys.
 */
import type { Value } from '../../ad/value.ts'
import { concrete, isValue } from '../../ad/value.ts'
import * as ops from '../../ops/index.ts'
import { sizeOf } from '../../tensor/tensor.ts'
import { LangError } from '../errors.ts'
import type { LangValue } from '../values.ts'
import { describe, isRecord, isTuple, tuple } from '../values.ts'

const isStructure = (v: LangValue) => isTuple(v) || (isRecord(v) && v.tag === 'record')

/** The arrays at the leaves of v, in order. */
export function leaves(v: LangValue): Value[] {
  if (isValue(v)) return [v]
  if (typeof v === 'boolean') return []
  if (isTuple(v)) return v.items.flatMap(leaves)
  if (isRecord(v) && v.tag === 'record') return [...v.fields.values()].flatMap(leaves)
  return []
}

/** v with its leaves replaced, in order, by next(). */
export function rebuild(v: LangValue, next: () => Value): LangValue {
  if (isValue(v)) return next()
  if (isTuple(v)) return tuple(v.items.map((x) => rebuild(x, next)))
  if (isRecord(v) && v.tag === 'record')
    return { kind: 'record', tag: v.tag, fields: new Map([...v.fields].map(([k, x]) => [k, rebuild(x, next)])) }
  return v
}

/** The items of a nest (TensorFlow's word: a value, or a list, tuple or dict of them, nested): its leaves, or the value itself. */
export const nestItems = (x: LangValue): LangValue[] => (isStructure(x) ? leaves(x) : [x])

/** Results, one per item of nestItems(x), put back into x's structure (None where a result is missing). */
export function renest(x: LangValue, results: readonly LangValue[]): LangValue {
  if (!isStructure(x)) return results[0]
  let k = 0
  return rebuild(x, () => results[k++] as Value)
}

/** tree with each leaf replaced by f(leaf). */
export function mapLeaves(tree: LangValue, f: (v: Value) => Value): LangValue {
  return rebuild(
    tree,
    (() => {
      const all = leaves(tree)
      let k = 0
      return () => f(all[k++]!)
    })(),
  )
}

/** The leaves of `tree` as one vector, and how to cut such a vector back into the tree's arrays. */
export interface Flat {
  point: Value
  /** A vector of the point's length, put back into the tree's shape. */
  unflatten(z: Value): LangValue
  /** Whether the tree is one array (no flattening: the point is the array itself, any shape). */
  single: boolean
}

export function flatten(tree: LangValue, who: string): Flat {
  if (isValue(tree)) return { point: tree, unflatten: (z) => z, single: true }
  const all = leaves(tree)
  if (!isStructure(tree) || all.length === 0)
    throw new LangError(
      `${who} differentiates with respect to arrays (or tuples and dicts of arrays), but got ${describe(tree)}`,
    )
  const shapes = all.map((v) => v.shape)
  const starts = shapes.map((_, k) => shapes.slice(0, k).reduce((n, s) => n + sizeOf(s), 0))
  return {
    point: ops.concat(
      all.map((v) => ops.reshape(v, [sizeOf(v.shape)])),
      0,
    ),
    unflatten: (z) => {
      let k = 0
      return rebuild(tree, () => {
        const s = shapes[k]!
        const idx = Array.from({ length: sizeOf(s) }, (_, j) => starts[k]! + j)
        k++
        return ops.reshape(ops.getindex(z, [idx]), s)
      })
    },
    single: false,
  }
}

/**
 * The arguments chosen by argnums (an int or a tuple of ints, negatives from the end) as one
 * pytree: the argument itself for an int, a tuple of them for a tuple.
 */
export function chosen(
  args: readonly LangValue[],
  argnums: LangValue,
  who: string,
): { indices: number[]; many: boolean } {
  const one = (v: LangValue): number => {
    const k = isValue(v) && v.shape.length === 0 ? concrete(v).item() : NaN
    const i = Number.isInteger(k) ? (k < 0 ? k + args.length : k) : NaN
    if (!(i >= 0 && i < args.length))
      throw new LangError(
        `${who}: argnums ${Number.isNaN(k) ? describe(v) : k} does not name one of the ${args.length} arguments (0 to ${args.length - 1})`,
      )
    return i
  }
  if (isTuple(argnums)) return { indices: argnums.items.map(one), many: true }
  return { indices: [one(argnums)], many: false }
}
