// Arrays' attributes and methods in Python cells (NumPy's, JAX's and torch's), and Python lists:
// a list of numbers or of equal rows is an array, a list of arrays stays a list (a pytree).
// Oracles: NumPy's documented results, closed forms.
import { describe, expect, it } from 'vitest'
import { failure, numbers, run } from './cells.ts'

const M = 'import jax\nimport jax.numpy as jnp\nx = jnp.array([[1., 2., 3.], [4., 5., 6.]])'

describe('array attributes', () => {
  it("shape, ndim and size are NumPy's: (2, 3), 2 and 6", () => {
    expect(numbers(run(M, 'x.shape'))).toEqual([[2], [3]])
    expect(numbers(run(M, 'x.ndim'))).toEqual([2])
    expect(numbers(run(M, 'x.size'))).toEqual([6])
  })

  it("x.T reverses the axes; a vector's .T is itself", () => {
    expect(numbers(run(M, 'x.T'))).toEqual([1, 4, 2, 5, 3, 6])
    expect(numbers(run(M, 'x.T.shape'))).toEqual([[3], [2]])
    expect(numbers(run(M, 'x[0].T.shape'))).toEqual([[3]])
  })
})

describe('array methods', () => {
  it('sum and mean, whole and along an axis (axis or dim, keepdims or keepdim)', () => {
    expect(numbers(run(M, 'x.sum()'))).toEqual([21])
    expect(numbers(run(M, 'x.sum(axis=0)'))).toEqual([5, 7, 9])
    expect(numbers(run(M, 'x.sum(1)'))).toEqual([6, 15])
    expect(numbers(run(M, 'x.mean(axis=1, keepdims=True).shape'))).toEqual([[2], [1]])
    expect(numbers(run(M, 'x.mean(dim=0)'))).toEqual([2.5, 3.5, 4.5])
  })

  it('reshape takes sizes or a tuple, with one -1; row-major as NumPy', () => {
    expect(numbers(run(M, 'x.reshape(3, 2)[0]'))).toEqual([1, 2])
    expect(numbers(run(M, 'x.reshape((-1,))'))).toEqual([1, 2, 3, 4, 5, 6])
    expect(numbers(run(M, 'jnp.reshape(x, (3, -1)).shape'))).toEqual([[3], [2]])
    expect(failure(M, 'x.reshape(4, -1)')).toMatch(/cannot reshape a 2×3 matrix \(6 elements\) into \(4, -1\)/)
  })

  it("torch's x.size() is the shape and x.size(d) one length; NumPy's x.size the count", () => {
    const T = 'import torch\nA = torch.ones(2, 3)'
    expect(numbers(run(T, 'A.size(), A.size(0), A.size(-1), A.size'))).toEqual([[[2], [3]], [2], [3], [6]])
    expect(failure(T, 'A.size(2)')).toMatch(/axis 2 is out of range for a 2×3 matrix/)
  })

  it('dot, pow, t, item on torch tensors', () => {
    const T = 'import torch\nv = torch.tensor([1., 2., 3.])\nA = torch.tensor([[1., 2.], [3., 4.]])'
    expect(numbers(run(T, 'v.dot(v)'))).toEqual([14])
    expect(numbers(run(T, 'v.pow(2).sum().item()'))).toEqual([14])
    expect(numbers(run(T, 'A.t()'))).toEqual([1, 3, 2, 4])
    expect(numbers(run(T, 'A.mm(A)'))).toEqual([7, 10, 15, 22])
    expect(numbers(run(T, 'v.numel()'))).toEqual([3])
  })

  it('methods carry derivatives: grad of x.pow(2).sum() is 2x, of (x * x).mean() is 2x/n', () => {
    expect(numbers(run('import torch', 'torch.func.grad(lambda x: x.pow(2).sum())(torch.tensor([1., -2.]))'))).toEqual([
      2, -4,
    ])
    expect(
      numbers(run('import jax\nimport jax.numpy as jnp', 'jax.grad(lambda x: (x * x).mean())(jnp.array([3., 6.]))')),
    ).toEqual([3, 6])
  })

  it('detach holds the value as a constant: d/dx (x · x.detach()) at 3 is 3', () => {
    expect(numbers(run('import torch', 'torch.func.grad(lambda x: x * x.detach())(torch.tensor(3.))'))).toEqual([3])
  })

  it('item() inside a transform is refused, as JAX and torch.func do', () => {
    expect(failure('import jax', 'jax.grad(lambda x: x.item() * 2.)(1.)')).toMatch(/cannot carry a derivative/)
  })
})

describe('Python lists', () => {
  it('[[1.], [2.]] is a 2×1 matrix and [[1, 2], [3, 4]] a 2×2 one, as NumPy reads nested lists', () => {
    expect(numbers(run('import jax.numpy as jnp', 'jnp.array([[1.], [2.]]).shape'))).toEqual([[2], [1]])
    expect(numbers(run('import jax.numpy as jnp', 'jnp.array([[1, 2], [3, 4]]).shape'))).toEqual([[2], [2]])
  })

  it('a list of arrays is a list: len 2, and a pytree for jax.grad', () => {
    const cell = 'import jax\nimport jax.numpy as jnp\nW = jnp.eye(2)\nb = jnp.array([1., 2.])'
    expect(numbers(run(cell, 'len([W, b])'))).toEqual([2])
    // loss = Σ (W·1 + b)² : ∂W = 2(W1 + b)1ᵀ, ∂b = 2(W1 + b) with W1 + b = [2, 3].
    const grads = run(cell, 'jax.grad(lambda p: jnp.sum((p[0] @ jnp.ones(2) + p[1]) ** 2))([W, b])')
    expect(numbers(grads)).toEqual([
      [4, 4, 6, 6],
      [4, 6],
    ])
  })

  it('changing a list in place says to build a new one', () => {
    expect(failure('xs = [1., 2.]\nxs.append(3.)')).toMatch(/cannot be changed in place here \(append\)/)
  })

  it("a dict's keys, values and items", () => {
    expect(numbers(run('p = {"w": 1., "b": 2.}', 'p.keys()'))).toEqual(['w', 'b'])
    expect(numbers(run('p = {"w": 1., "b": 2.}', 'p["w"] + p["b"]'))).toEqual([3])
  })
})

describe("JAX's x.at[i] and NumPy's new axes: what is still not supported says what to write", () => {
  const X = 'import jax.numpy as jnp\nx = jnp.array([1., 2., 3.])'
  it('x.at[i] without its update says how to finish it', () => {
    expect(failure(X, 'x.at[0]')).toMatch(/finish it with \.set\(v\), \.add\(v\), \.mul\(v\) or \.get\(\)/)
  })
  it("NumPy's IndexError: one ellipsis at most, no more indices than axes", () => {
    expect(failure(X, 'x[..., ...]')).toMatch(/single ellipsis/)
    expect(failure(X, 'x[0, None, 1]')).toMatch(/too many indices for array: the array has 1 dimension, but 2/)
  })
  it("x.at on a tuple is Python's AttributeError, with the way out", () => {
    expect(failure(X, 't = (1., 2.)\nt.at[0].set(5.)')).toMatch(
      /AttributeError: a tuple of 2 has no attribute 'at'.*jnp\.array/,
    )
  })
  it('a format spec on an array says to format an entry', () => {
    expect(failure(X, 'f"{x:.3f}"')).toMatch(/format an entry, f"\{x\[0\]:\.3f\}"/)
  })
})
