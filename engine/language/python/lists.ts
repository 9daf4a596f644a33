/**
 * Python's list literal, as NumPy reads nested lists: numbers make a vector, and lists of
 * equally long lists a matrix (`[[1.], [2.]]` is 2×1, as jnp.array gives it); any other list
 * stays a list, a pytree, so `[W, b]` of arrays is two parameters (`tape.gradient(loss, [W, b])`,
 * `jax.grad(f)([W, b])`), not one stacked array; so is a list of TensorFlow Variables (variables.ts).
 */
import { isValue } from '../../ad/value.ts'
import * as ops from '../../ops/index.ts'
import { sameShape } from '../../tensor/tensor.ts'
import { arrayLiteral } from '../arrays.ts'
import type { ArrayLit, Expr } from '../syntax/tree.ts'
import type { LangValue } from '../values.ts'
import { tuple } from '../values.ts'
import { keptInLists } from './variables.ts'

export function pythonList(node: ArrayLit, evaluate: (e: Expr) => LangValue): LangValue {
  const values = node.items.map((item) => evaluate(item))
  const numbers = values.every((v) => typeof v === 'boolean' || (isValue(v) && v.shape.length === 0))
  const nested = node.items.some((item) => item.kind === 'array')
  if (numbers && !nested && !values.some(keptInLists)) {
    let i = 0
    return arrayLiteral(node.items, () => values[i++]!)
  }
  // A list of list literals of one shape is one array, a row per inner list.
  const first = values[0]
  if (
    node.items.every((item) => item.kind === 'array') &&
    isValue(first) &&
    values.every((v) => isValue(v) && sameShape(v.shape, first.shape))
  )
    return ops.stack(values as (typeof first)[])
  return tuple(values)
}
