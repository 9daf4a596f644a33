/**
 * Argument checks the builtin tables share: a tensor, a number, a whole number, a shape, a
 * 1-based dimension, each with a message that says which builtin and which argument was wrong.
 */
import type { Value } from '../ad/value.ts'
import { concrete, isValue } from '../ad/value.ts'
import { LIMITS } from '../limits.ts'
import type { Shape } from '../tensor/tensor.ts'
import { describeShape, scalar, sizeOf } from '../tensor/tensor.ts'
import { LangError } from './errors.ts'
import type { LangValue } from './values.ts'
import { tensorOperand } from './values.ts'

export const t = (v: LangValue, who: string): Value => tensorOperand(v, who)

export function number(v: LangValue, who: string, what: string): number {
  const x = t(v, who)
  if (x.shape.length !== 0) throw new LangError(`${who}: ${what} must be a number, but got a ${describeShape(x.shape)}`)
  return concrete(x).item()
}

export function count(v: LangValue, who: string, what: string): number {
  const n = number(v, who, what)
  if (!Number.isInteger(n) || n < 0) throw new LangError(`${who}: ${what} must be a whole number, but got ${n}`)
  if (n > 1e7) throw new LangError(`${who}: ${what} = ${n} is larger than the limit of 10000000`, 'limit')
  return n
}

/** A shape given as numbers (zeros(2, 3)) or as one vector (zeros([2, 3])). */
export function shapeArgs(args: LangValue[], who: string): Shape {
  const shape =
    args.length === 1 && isValue(args[0]) && args[0].shape.length === 1
      ? Array.from(concrete(args[0]).data, (n) => count(scalar(n), who, 'each dimension'))
      : args.map((a, i) => count(a, who, `dimension ${i + 1}`))
  // Checked for both spellings, zeros(m, n) and zeros([m, n]), before anything is allocated.
  if (sizeOf(shape) > LIMITS.elements)
    throw new LangError(`${who}: ${shape.join('×')} elements is more than the limit of ${LIMITS.elements}`, 'limit')
  return shape
}

/** A 1-based dimension argument checked against x. */
export function dimension(v: LangValue, x: Value, who: string): number {
  const d = count(v, who, 'the dimension')
  if (d < 1 || d > x.shape.length) {
    throw new LangError(`${who}: a ${describeShape(x.shape)} has dimensions 1 to ${x.shape.length}, not ${d}`)
  }
  return d - 1
}
