/**
 * The transforms a learner calls first: derivative, gradient, jvp, vjp, pullback, and
 * tf_gradients, the sum trap kept under its own name so that it is never a silent default.
 */
import { pushforward } from '../ad/forward.ts'
import type { Pullback } from '../ad/reverse.ts'
import { pullback as reversePass } from '../ad/reverse.ts'
import type { Value } from '../ad/value.ts'
import { NonScalarOutputError, TransformError } from '../errors.ts'
import { describeShape, ones, scalar } from '../tensor/tensor.ts'
import type { ChunkOptions } from './jacobians.ts'
import { manyDirections } from './jacobians.ts'

export type Fn = (x: Value) => Value

/** f'(x) for a scalar x: one forward pass seeded with 1. */
export function derivative(f: Fn, x: Value): Value {
  if (x.shape.length !== 0) {
    throw new TransformError(
      `derivative is for functions of one number, but x is a ${describeShape(x.shape)}: use gradient(f, x) when f(x) is a scalar, or jacobian(f, x)`,
    )
  }
  return pushforward(f, x, scalar(1), 'derivative').tangent
}

/**
 * J·v: how f(x) moves when x moves along v. One forward pass. Several directions stacked along
 * a last axis of v (shape [...x.shape, k]: for a vector x, the k columns of an n×k matrix) give
 * J·V, shape [...f(x).shape, k], in ⌈k / chunk⌉ passes that each carry a chunk of directions.
 */
export function jvp(f: Fn, x: Value, v: Value, options?: ChunkOptions): Value {
  if (isDirections(x, v)) return manyDirections((d) => pushforward(f, x, d, 'jvp').tangent, x, v, 'jvp', options)
  return pushforward(f, x, v, 'jvp').tangent
}

/** Whether v holds several directions for x along its last axis ([...x.shape, k]), not one. */
export function isDirections(x: Value, v: Value): boolean {
  const r = x.shape.length
  return v.shape.length === r + 1 && x.shape.every((n, d) => v.shape[d] === n)
}

/** f(x) and back, the map ct -> ctᵀJ. One primal pass now, one reverse pass per call of back. */
export function pullback(f: Fn, x: Value): Pullback {
  return reversePass(f, x, 'pullback')
}

/** vᵀJ (as a tensor shaped like x): one pullback of v. */
export function vjp(f: Fn, x: Value, v: Value): Value {
  return reversePass(f, x, 'vjp').back(v)
}

/** The gradient of a scalar-valued f: the pullback of the cotangent 1. */
export function gradient(f: Fn, x: Value, who = 'gradient'): Value {
  const { value, back } = reversePass(f, x, who)
  if (value.shape.length !== 0) throw nonScalar(who, value)
  return back(scalar(1))
}

function nonScalar(who: string, value: Value): NonScalarOutputError {
  const shape = describeShape(value.shape)
  return new NonScalarOutputError(
    `${who} needs a function with a scalar output, but this function returns a ${shape}. ` +
      `A gradient exists only for one output; a ${shape} output has a Jacobian, one gradient per output (its rows). ` +
      `Use jacobian(f, x) for the whole matrix, or pullback(f, x).back(v) or vjp(f, x, v) for the combination vᵀJ of its rows. ` +
      `(TensorFlow's tf.gradients would not complain: it silently returns the gradient of sum(f(x)), which is tf_gradients(f, x) here.)`,
    who,
    value.shape,
  )
}

/**
 * What TensorFlow's tf.gradients returns for a non-scalar output: the pullback of the all-ones
 * cotangent, Jᵀ·1, i.e. the gradient of sum(f(x)). It is here to be shown as a trap.
 */
export function tf_gradients(f: Fn, x: Value): Value {
  const { value, back } = reversePass(f, x, 'tf_gradients')
  return back(ones(value.shape))
}
