/**
 * Broadcasting a call, Julia's `f.(x, y)`: f applied element by element over its array
 * arguments into one result of their shape. Elementwise builtins take the arrays whole; any
 * other function, the learner's own included, is called once per element, each element taken
 * with getindex and the results put together with stack and reshape, so that derivatives flow
 * through to the arguments.
 */
import type { Value } from '../ad/value.ts'
import { isValue } from '../ad/value.ts'
import { chargeSteps } from '../limits.ts'
import * as ops from '../ops/index.ts'
import { describeShape } from '../tensor/tensor.ts'
import { LangError } from './errors.ts'
import type { LangFunction, LangValue } from './values.ts'
import { describe } from './values.ts'

export function broadcastCall(f: LangFunction, args: LangValue[]): LangValue {
  if (f.elementwise) return f.call(args)
  const arrays = args.filter((a): a is Value => isValue(a) && a.shape.length > 0)
  if (arrays.length === 0) return f.call(args)
  const shape = arrays[0]!.shape
  // Julia also stretches a column against a row; only equal shapes and single numbers here.
  const other = arrays.find((a) => a.shape.length !== shape.length || a.shape.some((d, i) => d !== shape[i]))
  if (other !== undefined) {
    throw new LangError(
      `${f.name}.(...) needs its array arguments to have one shape, but got a ${describeShape(shape)} and a ${describeShape(other.shape)}`,
    )
  }
  const n = shape.reduce((a, b) => a * b, 1)
  // Arrays flattened (row-major, as reshape puts them back); other arguments go whole to each call.
  const flat = args.map((a) => (isValue(a) && a.shape.length > 0 ? ops.reshape(a, [n]) : null))
  const what = `${f.name}.(...) over ${n} elements`
  const out: Value[] = []
  for (let i = 0; i < n; i++) {
    chargeSteps(1, what)
    const y = f.call(flat.map((a, k) => (a === null ? args[k] : ops.getindex(a, [i]))))
    if (!isValue(y) || y.shape.length !== 0)
      throw new LangError(`${f.name}.(...) needs one number from each call, but ${f.name} returned ${describe(y)}`)
    out.push(y)
  }
  return ops.reshape(ops.stack(out), shape)
}
