// More of NumPy's functions, jax.tree_util.tree_map and jax.lax.stop_gradient, as JAX documents
// them. Oracles: closed forms.
import { describe, expect, it } from 'vitest'
import { failure, numbers, run } from './cells.ts'

const J = 'import jax\nimport jax.numpy as jnp'

describe('NumPy functions', () => {
  it('linspace includes its stop (endpoint=False leaves it out)', () => {
    expect(numbers(run(J, 'jnp.linspace(0., 1., 5)'))).toEqual([0, 0.25, 0.5, 0.75, 1])
    expect(numbers(run(J, 'jnp.linspace(0., 1., num=4, endpoint=False)'))).toEqual([0, 0.25, 0.5, 0.75])
  })

  it('stack makes a new axis (0, or the one given); concatenate joins along an existing one', () => {
    expect(numbers(run(J, 'jnp.stack([jnp.array([1., 2.]), jnp.array([3., 4.])])'))).toEqual([1, 2, 3, 4])
    expect(numbers(run(J, 'jnp.stack([jnp.array([1., 2.]), jnp.array([3., 4.])], axis=1)'))).toEqual([1, 3, 2, 4])
    expect(numbers(run(J, 'jnp.concatenate([jnp.ones(2), jnp.zeros(3)])'))).toEqual([1, 1, 0, 0, 0])
    expect(numbers(run('import torch', 'torch.cat([torch.ones(1), torch.zeros(1)])'))).toEqual([1, 0])
    expect(failure(J, 'jnp.stack(jnp.ones(2))')).toMatch(/takes a list or tuple of arrays/)
  })

  it('max and min, whole or along an axis; argmax counts from 0; the gradient of max picks the largest', () => {
    const M = `${J}\nM = jnp.array([[1., 5.], [4., 2.]])`
    expect(
      numbers(run(M, 'jnp.max(M), jnp.min(M, axis=0), M.max(axis=1), jnp.argmax(jnp.array([1., 5., 3.]))')),
    ).toEqual([[5], [1, 2], [5, 4], [1]])
    expect(numbers(run(M, 'jax.grad(jnp.max)(jnp.array([1., 5., 3.]))'))).toEqual([0, 1, 0])
  })

  it('zeros_like, ones_like, square, power', () => {
    expect(
      numbers(run(J, 'jnp.zeros_like(jnp.ones(2)), jnp.ones_like(jnp.ones(1)), jnp.square(3.), jnp.power(2., 3.)')),
    ).toEqual([[0, 0], [1], [9], [8]])
    expect(numbers(run(J, 'jax.grad(lambda t: jnp.power(t, 3.))(2.)'))).toEqual([12])
  })
})

describe('pytrees and constants', () => {
  it('tree_map applies f leaf by leaf: one step of gradient descent on a dict of parameters', () => {
    // loss = Σ(W·1 + b) with W = I, b = 0: ∂W = 11ᵀ... each entry 1, ∂b = 1; step 0.1.
    const cell = `${J}\np = {"W": jnp.eye(2), "b": jnp.zeros(2)}\ng = jax.grad(lambda p: jnp.sum(p["W"] @ jnp.ones(2) + p["b"]))(p)`
    expect(numbers(run(cell, 'jax.tree_util.tree_map(lambda a, d: a - 0.1 * d, p, g)'))).toEqual({
      W: [0.9, -0.1, -0.1, 0.9],
      b: [-0.1, -0.1],
    })
    expect(numbers(run(cell, 'jax.tree.map(lambda a: a * 2., p)["b"]'))).toEqual([0, 0])
  })

  it('stop_gradient is a constant to grad: d/dt (t · sg(t)) at 3 is 3, and twice over', () => {
    expect(numbers(run(J, 'jax.grad(lambda t: t * jax.lax.stop_gradient(t))(3.)'))).toEqual([3])
    expect(numbers(run(J, 'jax.grad(jax.grad(lambda t: t ** 2 * jax.lax.stop_gradient(t)))(3.)'))).toEqual([6])
  })
})
