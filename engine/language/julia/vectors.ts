/**
 * Julia's `[a, b, c]`: commas make a vector of the entries. Entries that are numbers give a
 * vector; entries that are vectors give, in Julia, a vector of vectors, which the notebook's
 * arrays cannot hold. Stacking them into a matrix (as `ad` cells do) would silently give what
 * Julia does not, so the learner is told which of Julia's concatenations to write instead.
 */
import type { Value } from '../../ad/value.ts'
import { isValue } from '../../ad/value.ts'
import { describeShape } from '../../tensor/tensor.ts'
import { arrayLiteral } from '../arrays.ts'
import { LangError } from '../errors.ts'
import { printSource } from '../syntax/source.ts'
import type { ArrayLit, Expr } from '../syntax/tree.ts'
import type { LangValue } from '../values.ts'

export function juliaVector(node: ArrayLit, evaluate: (e: Expr) => LangValue): Value {
  const values = node.items.map((item) => evaluate(item))
  const k = values.findIndex((v) => isValue(v) && v.shape.length > 0)
  if (k >= 0) {
    const shape = (values[k] as Value).shape
    const texts = node.items.map((item) => printSource(item))
    const short = texts.join('').length <= 80
    const [side, joined, rows] = short
      ? [`[${texts.join(' ')}]`, `[${texts.join('; ')}]`, `[${texts.map((t) => `${t}'`).join('; ')}]`]
      : ['[a b]', '[a; b]', "[a'; b']"]
    throw new LangError(
      `entry ${k + 1} of [${texts.join(', ')}] is a ${describeShape(shape)}: in Julia, commas between arrays make a vector of arrays, which this notebook does not have. Write ${side} to set them side by side as columns, ${joined} to join them into one long vector, or ${rows} to stack them as rows`,
    )
  }
  // Numbers (and one-element values) only: the same vector as in ad cells, evaluated once.
  let i = 0
  return arrayLiteral(node.items, () => values[i++]!)
}
