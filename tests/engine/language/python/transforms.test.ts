// JAX's has_aux and vmap's axes, as JAX documents them. Oracles: closed forms.
import { describe, expect, it } from 'vitest'
import { failure, numbers, run } from './cells.ts'

const J = 'import jax\nimport jax.numpy as jnp'

describe('has_aux', () => {
  // f(x) = Σx², auxiliary {"y": f(x), "x2": 2x}: gradient 2x.
  const F = `${J}\ndef f(x):\n    y = jnp.sum(x ** 2)\n    return y, {"y": y, "x2": x * 2}\nx = jnp.array([1., 2.])`

  it('grad gives (gradient, aux); the aux is a value, any pytree', () => {
    expect(numbers(run(F, 'jax.grad(f, has_aux=True)(x)'))).toEqual([[2, 4], { y: [5], x2: [2, 4] }])
  })

  it('value_and_grad gives ((value, aux), gradient)', () => {
    expect(numbers(run(F, 'jax.value_and_grad(f, has_aux=True)(x)'))).toEqual([
      [[5], { y: [5], x2: [2, 4] }],
      [2, 4],
    ])
  })

  it('the aux still carries an outer transform: d/dx of the aux x² at 3 is 6', () => {
    const g = `${J}\ndef f(x):\n    return x ** 3, x ** 2`
    expect(numbers(run(g, 'jax.grad(lambda x: jax.grad(f, has_aux=True)(x)[1])(3.)'))).toEqual([6])
    // and the gradient 3x² under an outer grad: d/dx 3x² at 3 is 18.
    expect(numbers(run(g, 'jax.grad(lambda x: jax.grad(f, has_aux=True)(x)[0])(3.)'))).toEqual([18])
  })

  it('f must return a pair', () => {
    expect(failure(J, 'jax.grad(lambda x: x ** 2, has_aux=True)(3.)')).toMatch(
      /with has_aux=True, .* must return a pair \(output, auxiliary\)/,
    )
  })
})

describe('vmap axes', () => {
  const X = `${J}\nX = jnp.array([[1., 2., 3.], [4., 5., 6.]])`

  it('in_axes=1 maps over columns; out_axes=1 puts the results as columns', () => {
    // Columns [1, 4], [2, 5], [3, 6] times [1, 10].
    const f = 'lambda v: v * jnp.array([1., 10.])'
    expect(numbers(run(X, `jax.vmap(${f}, in_axes=1)(X)`))).toEqual([1, 40, 2, 50, 3, 60])
    expect(numbers(run(X, `jax.vmap(${f}, in_axes=1, out_axes=1)(X)`))).toEqual([1, 2, 3, 40, 50, 60])
  })

  it('a tuple gives each argument its axis, negative from the end, None held fixed', () => {
    const dot = 'lambda a, b: jnp.dot(a, b)'
    const A = 'A = jnp.array([[1., 2.], [3., 4.]])'
    expect(numbers(run(J, A, `jax.vmap(${dot}, in_axes=(0, None))(A, jnp.array([1., 1.]))`))).toEqual([3, 7])
    // Columns of A, [1, 3] and [2, 4], dotted with the columns of I: the diagonal [1, 4].
    expect(numbers(run(J, A, `jax.vmap(${dot}, in_axes=(1, -1))(A, jnp.eye(2))`))).toEqual([1, 4])
  })

  it('a 3-axis array mapped along its middle axis', () => {
    // x[i, j, k] = 4i + 2j + k on 2×2×2 (row-major arange); summing each x[:, j, :] gives Σ_{i,k} (4i + 2j + k) = 8 + 8j + 2 = 10 + 8j.
    const cell = `${J}\nx = jnp.arange(8.).reshape(2, 2, 2)`
    expect(numbers(run(cell, 'jax.vmap(jnp.sum, in_axes=1)(x)'))).toEqual([10, 18])
  })

  it('an axis the array does not have, or a count of axes that does not match, says so', () => {
    expect(failure(X, 'jax.vmap(lambda a: a, in_axes=2)(X)')).toMatch(/axis 2 is out of range for a 2×3 matrix/)
    expect(failure(X, 'jax.vmap(lambda a, b: a, in_axes=(0,))(X, X)')).toMatch(/in_axes has 1 entries but/)
  })
})
