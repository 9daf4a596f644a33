/**
 * Walking an array in a Python cell follows NumPy: along the first axis, so a matrix gives its
 * rows (a Julia cell walks a matrix element by element, column-major). Oracle: the rows as written.
 */
import { describe, expect, it } from 'vitest'
import { numbers, run } from './cells.ts'

describe('for over an array in a Python cell', () => {
  it('a matrix gives its rows, in a comprehension and in a loop', () => {
    expect(numbers(run('import jax.numpy as jnp\n[jnp.sum(r) for r in jnp.array([[1., 2.], [3., 4.]])]'))).toEqual([
      3, 7,
    ])
    expect(numbers(run('import jax.numpy as jnp\nt = 0.\nfor r in jnp.eye(3):\n    t = t + r[0]\nt'))).toEqual([1])
  })

  it('a vector gives its numbers, and derivatives flow through the rows', () => {
    expect(numbers(run('import jax.numpy as jnp\n[e * 2 for e in jnp.array([1., 2.])]'))).toEqual([2, 4])
    // d/dM of Σ_rows (row · [1, 2]) is [1, 2] on every row.
    expect(
      numbers(
        run(
          'import jax\nimport jax.numpy as jnp\njax.grad(lambda M: jnp.sum(jnp.array([jnp.dot(r, jnp.array([1., 2.])) for r in M])))(jnp.ones((2, 2)))',
        ),
      ),
    ).toEqual([1, 2, 1, 2])
  })
})
