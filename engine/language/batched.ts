/**
 * Branches on a batched value (inside vmap, which runs a function on a whole batch of examples
 * at once): a condition that differs from example to example has no single answer, and reading
 * the stacked values would quietly answer for one example only. The interpreter refuses it here,
 * where a value becomes true or false, and names the elementwise choice that works on a batch.
 */
import { batchOf } from '../ad/batching.ts'
import { isValue } from '../ad/value.ts'
import { LangError } from './errors.ts'
import type { LangValue } from './values.ts'

/** v, unless it (the condition of `where`) is batched; `instead` is what to write instead. */
export function refuseBatched<V extends LangValue>(v: V, where: string, instead = 'ifelse(c, a, b)'): V {
  const b = isValue(v) ? batchOf(v) : undefined
  if (b === undefined) return v
  throw new LangError(
    `this branch depends on the batched value: ${where} differs from one example to the next among the ${b.size} mapped together (vmap), so it has no single true or false; use ${instead}, which chooses for each example`,
  )
}
