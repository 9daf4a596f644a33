/**
 * jax.hessian and torch.func.hessian with argnums a tuple: every block of second derivatives,
 * ∂²f/∂xᵢ∂xⱼ, as a tuple of tuples (row i the Jacobian in each xⱼ of the gradient in xᵢ), which is
 * what JAX's hessian, jacfwd(jacrev(f, argnums), argnums), gives.
 */
import type { Value } from '../../ad/value.ts'
import { isValue } from '../../ad/value.ts'
import { NonScalarOutputError } from '../../errors.ts'
import { scalar } from '../../tensor/tensor.ts'
import * as T from '../../transforms/index.ts'
import { LangError } from '../errors.ts'
import type { LangFunction, LangValue } from '../values.ts'
import { tuple } from '../values.ts'
import type { Aux, Flavor } from './jax.ts'
import { output, scalarOnly } from './jax.ts'

/**
 * jax.hessian(f, argnums=(0, 1)) (and torch.func's): the blocks ∂²f/∂xᵢ∂xⱼ as a tuple of tuples,
 * row i the Jacobian in each xⱼ of the gradient in xᵢ (JAX's hessian is jacfwd(jacrev(f))).
 */
export function hessianBlocks(
  g: LangFunction,
  args: LangValue[],
  indices: number[],
  who: string,
  flavor: Flavor,
  aux?: Aux,
) {
  const single = (k: number): Value => {
    const a = args[k]
    if (!isValue(a))
      throw new LangError(
        `${who} with respect to a tuple or dict is not supported yet: differentiate with respect to arrays`,
      )
    return a
  }
  const at = (k: number, z: Value) => args.map((a, m) => (m === k ? z : a))
  try {
    return tuple(
      indices.map((i) =>
        tuple(
          indices.map((j) =>
            T.jacfwd((zj) => {
              const withJ = at(j, zj)
              const { value, back } = T.pullback(
                (zi) =>
                  output(
                    g,
                    withJ.map((a, m) => (m === i ? zi : a)),
                    who,
                    aux,
                  ),
                // xᵢ itself when i = j, so the gradient is differentiated in it.
                i === j ? zj : single(i),
              )
              if (value.shape.length !== 0) throw new NonScalarOutputError('', who, value.shape)
              return back(scalar(1))
            }, single(j)),
          ),
        ),
      ),
    )
  } catch (err) {
    return scalarOnly(err, who, flavor)
  }
}
