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
import { gradient } from './basic.ts'
import { jacfwd, jacrev } from './jacobians.ts'

export const HESSIAN_METHODS = [
  'forward-over-reverse',
  'reverse-over-reverse',
  'forward-over-forward',
  'reverse-over-forward',
] as const
export type HessianMethod = (typeof HESSIAN_METHODS)[number]

/** The gradient by forward mode: n pushforwards of a scalar function. */
function forwardGradient(f: Fn, x: Value, who: string): Value {
  const g = jacfwd(f, x)
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
 * the outer mode takes its Jacobian. forward-over-reverse is the default: one reverse pass
 * gives the gradient, and each of n forward passes through it gives one column of H.
 */
export function hessian(f: Fn, x: Value, method: string = 'forward-over-reverse'): Value {
  const who = `hessian (${method})`
  // H has n² entries and takes n passes over the gradient: refuse what cannot finish before
  // starting, and point at the product that never forms H.
  const n = sizeOf(x.shape)
  const instead = 'Use hvp(f, x, v) for the product H·v in one pass without forming H.'
  checkElements([...x.shape, ...x.shape], `hessian of ${n} variables`, instead)
  const refuse = { what: `a hessian of ${n} variables`, instead }
  const innerReverse = (y: Value) => gradient(f, y, who)
  const innerForward = (y: Value) => forwardGradient(f, y, who)
  let h: Value
  switch (method) {
    case 'forward-over-reverse':
      h = jacfwd(innerReverse, x, refuse)
      break
    case 'reverse-over-reverse':
      h = jacrev(innerReverse, x, refuse)
      break
    case 'forward-over-forward':
      h = jacfwd(innerForward, x, refuse)
      break
    case 'reverse-over-forward':
      h = jacrev(innerForward, x, refuse)
      break
    default:
      throw new ArgumentError(
        `hessian: unknown method "${method}"; choose one of ${HESSIAN_METHODS.map((m) => `"${m}"`).join(', ')}`,
      )
  }
  return reshape(h, [...x.shape, ...x.shape])
}

/** H·v in one forward pass over the reverse-mode gradient, seeded with v. */
export function hvp(f: Fn, x: Value, v: Value): Value {
  return pushforward((y) => gradient(f, y, 'hvp'), x, v, 'hvp').tangent
}
