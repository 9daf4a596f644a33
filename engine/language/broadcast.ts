/**
 * Broadcasting a call, Julia's `f.(x, y)`: f applied element by element over its array
 * arguments into one result. Elementwise builtins take the arrays whole; a learner's function
 * whose body is elementwise runs once on whole arrays (functions.ts); any other function is
 * called once per element, each element taken with getindex and the results put together with
 * stack and reshape, so that derivatives flow through to the arguments.
 *
 * In a Julia cell the arguments are first stretched to one shape by Julia's rules (a 3-vector
 * against a 1×3 row gives 3×3), through the engine's one broadcasting primitive (a Python
 * dialect would align from the right, as numpy); an `ad` cell takes equal shapes and single
 * numbers only.
 */
import type { Value } from '../ad/value.ts'
import { isValue } from '../ad/value.ts'
import { chargeSteps } from '../limits.ts'
import * as ops from '../ops/index.ts'
import { describeShape, sameShape } from '../tensor/tensor.ts'
import { LangError } from './errors.ts'
import { wholeArrayRunner } from './functions.ts'
import type { Dialect } from './syntax/tree.ts'
import type { LangFunction, LangValue } from './values.ts'
import { describe } from './values.ts'

const isArray = (a: LangValue): a is Value => isValue(a) && a.shape.length > 0

export function broadcastCall(f: LangFunction, args: LangValue[], dialect?: Dialect): LangValue {
  if (dialect === undefined) return sameShapes(f, args)
  const arrays = args.filter(isArray)
  if (arrays.length === 0) return f.call(args)
  // Julia lines dimensions up from the first, numpy from the last.
  const align = dialect === 'python' ? 'right' : 'left'
  const shape = ops.broadcastShapes(
    arrays.map((a) => a.shape),
    align,
  )
  if (shape === null) {
    const shapes = arrays.map((a) => `a ${describeShape(a.shape)}`).join(', ')
    throw new LangError(
      `${f.name}.(...) cannot broadcast ${shapes} together: lined up from the ${align === 'left' ? 'first' : 'last'} dimension, each size must be equal or 1`,
    )
  }
  const fitted = args.map((a) => (isArray(a) ? ops.stretch(a, shape, align) : a))
  if (f.elementwise) return f.call(fitted)
  const whole = wholeArrayRunner(f)?.(fitted)
  if (isValue(whole)) {
    if (sameShape(whole.shape, shape)) return whole
    if (whole.shape.length === 0) return ops.stretch(whole, shape, align)
  }
  return perElement(f, fitted, shape)
}

/** The `ad` language's f.(x, y): equal shapes and single numbers only. */
function sameShapes(f: LangFunction, args: LangValue[]): LangValue {
  if (f.elementwise) return f.call(args)
  const arrays = args.filter(isArray)
  if (arrays.length === 0) return f.call(args)
  const shape = arrays[0]!.shape
  const other = arrays.find((a) => !sameShape(a.shape, shape))
  if (other !== undefined) {
    throw new LangError(
      `${f.name}.(...) needs its array arguments to have one shape, but got a ${describeShape(shape)} and a ${describeShape(other.shape)}`,
    )
  }
  return perElement(f, args, shape)
}

/** f called once per element of arguments that share `shape` (single numbers go whole to each call). */
function perElement(f: LangFunction, args: LangValue[], shape: readonly number[]): Value {
  const n = shape.reduce((a, b) => a * b, 1)
  // Arrays flattened (row-major, as reshape puts them back); other arguments go whole to each call.
  const flat = args.map((a) => (isArray(a) ? ops.reshape(a, [n]) : null))
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
