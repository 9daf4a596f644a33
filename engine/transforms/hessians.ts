/**
 * Hessians: the Jacobian of the gradient, in any of the four nestings of forward and reverse
 * mode, and the Hessian-vector product, which needs one forward pass over the reverse-mode
 * gradient and never forms H.
 */
import { pushforward } from '../ad/forward.ts'
import type { Value } from '../ad/value.ts'
import { ArgumentError, NonScalarOutputError } from '../errors.ts'
import { reshape } from '../ops/index.ts'
import { checkElements } from '../limits.ts'
import { describeShape, sizeOf } from '../tensor/tensor.ts'
import type { Fn } from './basic.ts'
import { gradient, isDirections } from './basic.ts'
import type { ChunkOptions } from './jacobians.ts'
import { jacfwd, jacrev, manyDirections } from './jacobians.ts'

export const HESSIAN_METHODS = [
  'forward-over-reverse',
  'reverse-over-reverse',
  'forward-over-forward',
  'reverse-over-forward',
] as const
export type HessianMethod = (typeof HESSIAN_METHODS)[number]

/** The gradient by forward mode: ⌈n / chunk⌉ pushforwards of a scalar function. */
function forwardGradient(f: Fn, x: Value, who: string, options?: ChunkOptions): Value {
  const g = jacfwd(f, x, undefined, options)
  if (g.shape.length !== x.shape.length) throw nonScalar(who, g.shape.slice(0, g.shape.length - x.shape.length))
  return g
}

function nonScalar(who: string, shape: readonly number[]): NonScalarOutputError {
  return new NonScalarOutputError(
    `${who} needs a function with a scalar output, but this function returns a ${describeShape(shape)}: a Hessian is the Jacobian of a gradient, and only a scalar output has a gradient`,
    who,
    shape,
  )
}

/**
 * The Hessian of a scalar-valued f. "outer-over-inner": the inner mode computes the gradient,
 * the outer mode takes its Jacobian. forward-over-reverse is the default: the gradient by one
 * reverse pass, and forward passes through it, each carrying a chunk of basis vectors as a
 * batch of tangents, give the columns of H: ⌈n / chunk⌉ passes (chunk 1: one column per pass).
 * The values on the reverse pass's tape are then dual numbers, whose tangents are computed only
 * when the sweep reads them (ad/forward.ts deferTangent): the tangent of f(x) itself, for one, is
 * never needed. A forward inner gradient goes in chunks too.
 */
export function hessian(f: Fn, x: Value, method: string = 'forward-over-reverse', options?: ChunkOptions): Value {
  const who = `hessian (${method})`
  // H has n² entries and takes n passes over the gradient: refuse what cannot finish before
  // starting, and point at the product that never forms H.
  const n = sizeOf(x.shape)
  const instead = 'Use hvp(f, x, v) for the product H·v in one pass without forming H.'
  checkElements([...x.shape, ...x.shape], `hessian of ${n} variables`, instead)
  const refuse = { what: `a hessian of ${n} variables`, instead }
  const innerReverse = (y: Value) => gradient(f, y, who)
  const innerForward = (y: Value) => forwardGradient(f, y, who, options)
  let h: Value
  switch (method) {
    case 'forward-over-reverse':
      h = jacfwd(innerReverse, x, refuse, options)
      break
    case 'reverse-over-reverse':
      h = jacrev(innerReverse, x, refuse, options)
      break
    case 'forward-over-forward':
      h = jacfwd(innerForward, x, refuse, options)
      break
    case 'reverse-over-forward':
      h = jacrev(innerForward, x, refuse, options)
      break
    default:
      throw new ArgumentError(
        `hessian: unknown method "${method}"; choose one of ${HESSIAN_METHODS.map((m) => `"${m}"`).join(', ')}`,
      )
  }
  return reshape(h, [...x.shape, ...x.shape])
}

/**
 * H·v in one forward pass over the reverse-mode gradient, seeded with v. Several vectors stacked
 * along a last axis of v (as jvp takes them: the columns of an n×k matrix for a vector x) give
 * H·V in ⌈k / chunk⌉ passes, each over one gradient computation.
 */
export function hvp(f: Fn, x: Value, v: Value, options?: ChunkOptions): Value {
  const push = (d: Value) => pushforward((y) => gradient(f, y, 'hvp'), x, d, 'hvp').tangent
  return isDirections(x, v) ? manyDirections(push, x, v, 'hvp', options) : push(v)
}
