// The corpus's cells for what issue 16 left out: NumPy's new axes and Ellipsis, JAX's functional
// updates x.at[i] (and their derivatives), has_aux on jacfwd and jacrev, and hessian with an argnums
// tuple. Each case names the documented rule it pins down; expected values come from ./oracle.ts
// (plain arithmetic, closed forms, central differences).
import type { Case } from './cases.ts'
import { diag, fd, fdJacobian, flat } from './oracle.ts'

const J = 'import jax\nimport jax.numpy as jnp'
const X = `${J}\nx = jnp.array([1., 2., 3.])\nM = jnp.arange(6.).reshape(2, 3)`
const x = [1, 2, 3]
const M = [
  [0, 1, 2],
  [3, 4, 5],
]

/** y = Σ tanh(Wx + b)² and its gradients in W (dz ⊗ x) and b (dz), dz = 2 tanh(z)(1 − tanh²z). */
const W = [
  [0.1, 0.2],
  [-0.3, 0.4],
]
const b = [0.5, -0.5]
const xTf = [1, 2]
const dz = W.map((row, i) => {
  const t = Math.tanh(row[0]! * xTf[0]! + row[1]! * xTf[1]! + b[i]!)
  return 2 * t * (1 - t * t)
})
const TF = `import tensorflow as tf
w = tf.Variable([[0.1, 0.2], [-0.3, 0.4]])
b = tf.Variable([0.5, -0.5])
x = tf.constant([1., 2.])
with tf.GradientTape(persistent=True) as tape:
    y = tf.reduce_sum(tf.tanh(tf.linalg.matvec(w, x) + b) ** 2)`

/** x with entry i replaced by v. */
const setAt = (xs: number[], i: number, v: number) => xs.map((t, k) => (k === i ? v : t))

export const GAP_CASES: Case[] = [
  // NumPy indexing: None is numpy.newaxis, an axis of length 1 where it stands; ... fills the axes left over.
  ['numpy newaxis: x[None] of a 3-vector has shape (1, 3)', [X, 'x[None].shape'], [[1], [3]]],
  ['numpy newaxis: x[:, None] of a 3-vector has shape (3, 1)', [X, 'x[:, None].shape'], [[3], [1]]],
  ['numpy Ellipsis: x[..., None] adds the new axis last', [X, 'M[..., None].shape'], [[2], [3], [1]]],
  ['numpy newaxis: M[:, None] of a 2×3 matrix has shape (2, 1, 3)', [X, 'M[:, None].shape'], [[2], [1], [3]]],
  ['numpy newaxis after an integer index: M[0, None] is row 0 as a 1×3 matrix', [X, 'M[0, None]'], M[0]!],
  ['numpy Ellipsis: M[..., 1] is column 1', [X, 'M[..., 1]'], M.map((r) => r[1]!)],
  [
    'numpy broadcasting with newaxis: x[:, None] * x[None, :] is the outer product',
    [X, 'x[:, None] * x[None, :]'],
    flat(x.map((a) => x.map((b) => a * b))),
  ],
  [
    'jax.grad through a new axis: Σ(x[:, None] * x[None, :]) = (Σx)², gradient 2Σx in every entry',
    [X, 'jax.grad(lambda x: jnp.sum(x[:, None] * x[None, :]))(x)'],
    fd((v) => v.reduce((s, t) => s + t, 0) ** 2, x),
  ],
  // jax.Array.at: a modified copy; x itself is unchanged.
  ['jax.Array.at: x.at[1].set(10.) replaces entry 1', [X, 'x.at[1].set(10.)'], setAt(x, 1, 10)],
  ['jax.Array.at: the original x is unchanged', [X, 'y = x.at[1].set(10.)\nx'], x],
  ['jax.Array.at: .add(v) is x[idx] += v', [X, 'x.at[0].add(5.)'], setAt(x, 0, 6)],
  ['jax.Array.at: .mul(v) is x[idx] *= v', [X, 'x.at[2].mul(2.)'], setAt(x, 2, 6)],
  ['jax.Array.at: .multiply is .mul', [X, 'x.at[2].multiply(2.)'], setAt(x, 2, 6)],
  [
    'jax.Array.at: .subtract(v) and .divide(v)',
    [X, 'x.at[0].subtract(1.), x.at[1].divide(4.)'],
    [setAt(x, 0, 0), setAt(x, 1, 0.5)],
  ],
  [
    'jax.Array.at: .power(v), .min(v), .max(v) on the entry',
    [X, 'x.at[2].power(2.), x.at[2].min(0.), x.at[0].max(5.)'],
    [setAt(x, 2, 9), setAt(x, 2, 0), setAt(x, 0, 5)],
  ],
  [
    'jax.Array.at: repeated indices all apply in add (unlike NumPy’s x[idx] += y)',
    [X, 'x.at[jnp.array([0, 0, 2])].add(1.)'],
    [3, 2, 4],
  ],
  ['jax.Array.at: a slice, x.at[1:].set(0.)', [X, 'x.at[1:].set(0.)'], [1, 0, 0]],
  ['jax.Array.at: a negative index counts from the end; .get() is x[idx]', [X, 'x.at[-1].get()'], 3],
  ['jax.Array.at: a row of a matrix, M.at[0].set(7.)', [X, 'M.at[0].set(7.)'], [7, 7, 7, 3, 4, 5]],
  [
    'jax.Array.at: v broadcasts over the selection, M.at[:, 1].add(jnp.array([1., 2.]))',
    [X, 'M.at[:, 1].add(jnp.array([1., 2.]))'],
    [0, 2, 2, 3, 6, 5],
  ],
  [
    'jax.Array.at is differentiable: grad of Σ(x.at[1].set(v))² is 2x off entry 1, and 2v in v',
    [X, 'jax.grad(lambda x, v: jnp.sum(x.at[1].set(v) ** 2), argnums=(0, 1))(x, 4.)'],
    [[2, 0, 6], [8]],
  ],
  [
    'jax.Array.at is differentiable: x.at[1].mul(x[0]) carries x[0] into entry 1 (central differences)',
    [X, 'jax.grad(lambda x: jnp.sum(x.at[1].mul(x[0]) ** 2))(x)'],
    fd((v) => v[0]! ** 2 + (v[1]! * v[0]!) ** 2 + v[2]! ** 2, x),
  ],
  [
    'jax.Array.at under jax.jacfwd: the Jacobian of x ↦ x.at[0].add(x[2]**2)',
    [X, 'jax.jacfwd(lambda x: x.at[0].add(x[2] ** 2))(x)'],
    flat(fdJacobian((v) => [v[0]! + v[2]! ** 2, v[1]!, v[2]!], x)),
  ],
  [
    'jax.Array.at under jax.vmap: each row’s entry 0 set to 0',
    [X, 'jax.vmap(lambda r: r.at[0].set(0.))(M)'],
    [0, 1, 2, 0, 4, 5],
  ],
  // has_aux (jax.jacfwd, jax.jacrev: "has_aux: Optional, bool. Indicates whether fun returns a pair
  // where the first element is considered the output of the mathematical function to be
  // differentiated and the second element is auxiliary data").
  [
    'jax.jacfwd(f, has_aux=True) returns (jacobian, aux)',
    [X, 'jax.jacfwd(lambda x: (x ** 2, jnp.sum(x)), has_aux=True)(x)'],
    [flat(diag(x.map((t) => 2 * t))), [6]],
  ],
  [
    'jax.jacrev(f, has_aux=True) returns (jacobian, aux), aux a dict',
    [X, 'jax.jacrev(lambda x: (jnp.sin(x) * x[0], {"n": jnp.sum(x ** 2)}), has_aux=True)(x)'],
    [flat(fdJacobian((v) => v.map((t) => Math.sin(t) * v[0]!), x)), { n: 14 }],
  ],
  [
    'jax.value_and_grad(f, has_aux=True) returns ((value, aux), grad)',
    [X, 'jax.value_and_grad(lambda x: (jnp.sum(x ** 2), x * 2), has_aux=True)(x)'],
    [
      [[14], [2, 4, 6]],
      [2, 4, 6],
    ],
  ],
  [
    'jax.jacrev with argnums=(0, 1) gives one Jacobian per argument',
    [X, 'jax.jacrev(lambda a, b: a * b, argnums=(0, 1))(x, 2 * x)'],
    [flat(diag([2, 4, 6])), flat(diag(x))],
  ],
  [
    'jax.hessian with argnums=(0, 1) gives the blocks ((H₀₀, H₀₁), (H₁₀, H₁₁)) of Σa²b',
    [X, 'jax.hessian(lambda a, b: jnp.sum(a * a * b), argnums=(0, 1))(x, 2 * x)'],
    [
      [flat(diag([4, 8, 12])), flat(diag([2, 4, 6]))],
      [flat(diag([2, 4, 6])), flat(diag([0, 0, 0]))],
    ],
  ],
  [
    'torch.func.jacrev(f, has_aux=True) returns (jacobian, aux)',
    ['import torch', 'torch.func.jacrev(lambda x: (x ** 2, x), has_aux=True)(torch.tensor([1., 2.]))'],
    [flat(diag([2, 4])), [1, 2]],
  ],
  // tf.GradientTape.gradient: "sources: a list or nested structure of Tensors or Variables";
  // the result has the same structure.
  [
    'tape.gradient with a dict of sources returns a dict of the same keys',
    [TF, 'tape.gradient(y, {"w": w, "b": b})'],
    { w: dz.flatMap((d) => xTf.map((t) => d * t)), b: dz },
  ],
  [
    'tape.gradient with a nested structure: a dict holding a tuple',
    [TF, 'tape.gradient(y, {"p": (b, w)})'],
    { p: [dz, dz.flatMap((d) => xTf.map((t) => d * t))] },
  ],
  [
    'tape.gradient with a list [b, x, w]: one result per source, x a constant the tape did not watch (None, checked in tensorflow.test.ts)',
    [TF, 'g = tape.gradient(y, [b, x, w])\ng[0], g[2], g[1] is None'],
    [dz, dz.flatMap((d) => xTf.map((t) => d * t)), true],
  ],
  // Python's f-strings (PEP 498) and format mini-language; print joins with sep=" " and ends with "\n".
  ['f-string: {x:.3f} formats a number with 3 decimals', [X, 'f"{jnp.sum(x):.3f}"'], '6.000'],
  ['f-string: nested expressions and literal text', [X, 'f"grad = {x[0] + 2 * x[1]}!"'], 'grad = 5!'],
  ['f-string: {{ and }} are braces', [X, 'f"{{x}} = {x[2]}"'], '{x} = 3'],
  ['f-string: {s!r} is repr, quoted', [X, 's = "hi"\nf"{s!r}"'], "'hi'"],
  ['f-string: {x=} writes the expression and its repr (Python 3.8)', [X, 'f"{x[1]=}"'], 'x[1]=2'],
  ['f-string: a nested spec, {v:{w}.{p}f}', [X, 'w = 8\np = 2\nf"{3.14159:{w}.{p}f}"'], '    3.14'],
  ['format spec: grouping with , and sign with +', [X, 'f"{1234567.891:,.2f} {2.5:+.1f}"'], '1,234,567.89 +2.5'],
  [
    'format spec: e, %, g and zero padding',
    [X, 'f"{0.000012345:.3e} {0.5:.1%} {1/3:.4g} {42:05d}"'],
    '1.234e-05 50.0% 0.3333 00042',
  ],
  ['str of an array is NumPy’s: [1. 2. 3.]', [X, 'str(x)'], '[1. 2. 3.]'],
]
