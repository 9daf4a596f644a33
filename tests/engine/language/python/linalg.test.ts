// jnp.linalg.solve and slogdet (and torch.linalg's, which are the same functions): values by
// hand for A = [[2, 1], [1, 3]] (det 5, A⁻¹ = [[0.6, -0.2], [-0.2, 0.4]]), gradients from the
// closed forms ∂(1ᵀA⁻¹b)/∂b = A⁻ᵀ1 and ∂log|det A|/∂A = A⁻ᵀ.
import { describe, expect, it } from 'vitest'
import { failure, numbers, run } from './cells.ts'

const A = 'A = jnp.array([[2., 1.], [1., 3.]])'
/** numbers() gives an array's entries flat (row-major) and a number as one entry: compare flat. */
const close = (got: unknown, want: unknown) => {
  const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number])
  const [g, w] = [flat(got), flat(want)]
  expect(g).toHaveLength(w.length)
  w.forEach((x, i) => expect(g[i]).toBeCloseTo(x, 14))
}

describe('jnp.linalg.solve', () => {
  it('solves A x = b for a vector and for a matrix of right-hand sides (numpy.linalg.solve)', () => {
    close(numbers(run('import jax, jax.numpy as jnp', A, 'jnp.linalg.solve(A, jnp.array([1., 2.]))')), [0.2, 0.6])
    close(numbers(run('import jax, jax.numpy as jnp', A, 'jnp.linalg.solve(A, jnp.eye(2))')), [
      [0.6, -0.2],
      [-0.2, 0.4],
    ])
  })

  it('differentiates in b and in A', () => {
    close(
      numbers(
        run(
          'import jax, jax.numpy as jnp',
          A,
          'jax.grad(lambda b: jnp.sum(jnp.linalg.solve(A, b)))(jnp.array([1., 2.]))',
        ),
      ),
      [0.4, 0.2],
    )
    // x = A⁻¹b, ∂(1ᵀx)/∂A = -A⁻ᵀ1 xᵀ = -[0.4, 0.2]ᵀ[0.2, 0.6].
    close(
      numbers(
        run(
          'import jax, jax.numpy as jnp',
          A,
          'jax.grad(lambda M: jnp.sum(jnp.linalg.solve(M, jnp.array([1., 2.]))))(A)',
        ),
      ),
      [
        [-0.08, -0.24],
        [-0.04, -0.12],
      ],
    )
  })

  it('says what is wrong with a matrix that is not square, or a b of the wrong length', () => {
    expect(failure('import jax.numpy as jnp', 'jnp.linalg.solve(jnp.ones((2, 3)), jnp.ones(2))')).toContain(
      'square matrix',
    )
    expect(failure('import jax.numpy as jnp', A, 'jnp.linalg.solve(A, jnp.ones(3))')).toContain('needs 2 rows')
  })
})

describe('jnp.linalg.slogdet', () => {
  it('gives (sign, log|det|) and its gradient A⁻ᵀ; torch.linalg has the same', () => {
    close(numbers(run('import jax, jax.numpy as jnp', A, 'jnp.linalg.slogdet(A)')), [1, Math.log(5)])
    close(numbers(run('import jax, jax.numpy as jnp', 'jnp.linalg.slogdet(jnp.array([[0., 1.], [1., 0.]]))')), [-1, 0])
    close(numbers(run('import jax, jax.numpy as jnp', A, 'jax.grad(lambda M: jnp.linalg.slogdet(M)[1])(A)')), [
      [0.6, -0.2],
      [-0.2, 0.4],
    ])
    close(numbers(run('import torch', 'torch.linalg.slogdet(torch.tensor([[2., 1.], [1., 3.]]))')), [1, Math.log(5)])
  })
})
