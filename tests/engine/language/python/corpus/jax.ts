// The corpus's JAX cells: the seed example, closed forms, pytrees and argnums, vmap, and 0-based
// indexing and slicing under gradients. Each case names the rule it pins down; expected values
// come from ./oracle.ts (plain arithmetic, closed forms, central differences).
import type { Case } from './cases.ts'
import { A, X1, diag, fd, fd1, flat, matvec, seedF, seedGrad, seedH, sigmoid, softmax, transpose } from './oracle.ts'

export const J = 'import jax\nimport jax.numpy as jnp'
export const SEED = `${J}
A = jnp.array([[0., 3., 2.], [1., 0., 3.], [2., 1., 0.]])
x1 = jnp.array([0., 1., 2.])
def f(x):
    return jnp.sum((A @ x) ** 2)`

const H = flat(seedH)
const v = [0.1, 0.5, -1.2]
const V = 'v = jnp.array([0.1, 0.5, -1.2])'
const z = [1, 2, 0.5]
const Z = 'z = jnp.array([1., 2., 0.5])'
const sm = softmax(z)

export const JAX_CASES: Case[] = [
  // The seed, the thread's numbers.
  ['seed: f(x) = Σ(Ax)² at x = [0, 1, 2] is 86', [SEED, 'f(x1)'], seedF(X1)],
  ['seed: jax.grad(f) is 2AᵀAx = [16, 44, 64]', [SEED, 'jax.grad(f)(x1)'], seedGrad(X1)],
  ['seed: jax.hessian(f) is 2AᵀA', [SEED, 'jax.hessian(f)(x1)'], H],
  ['seed: forward over reverse, jacfwd(grad(f)), is the Hessian', [SEED, 'jax.jacfwd(jax.grad(f))(x1)'], H],
  ['seed: reverse over reverse, jacrev(grad(f)), is the Hessian', [SEED, 'jax.jacrev(jax.grad(f))(x1)'], H],
  [
    'seed: the sum trap, grad(f) pulled back by ones, is H·1 = [20, 36, 44] (vjp gives a tuple)',
    [SEED, 'y, g_vjp = jax.vjp(jax.grad(f), x1)\ng_vjp(jnp.ones(3))'],
    [[20, 36, 44]],
  ],
  [
    'seed: jvp of grad(f) along v = [1, 2, 3] is (grad, H·v = [36, 80, 108])',
    [SEED, 'jax.jvp(jax.grad(f), (x1,), (jnp.array([1., 2., 3.]),))'],
    [seedGrad(X1), [36, 80, 108]],
  ],
  ['seed: value_and_grad gives (86, gradient)', [SEED, 'jax.value_and_grad(f)(x1)'], [[seedF(X1)], seedGrad(X1)]],
  [
    "seed: Julia's column-major reshape(0:8, 3, 3) .% 4 is NumPy's row-major reshape transposed",
    [J, 'jnp.arange(9.).reshape(3, 3).T % 4'],
    flat(A),
  ],
  [
    'seed: the gradient in A (argnums=0) is 2(Ax)xᵀ',
    [
      J,
      'g = lambda A, x: jnp.sum((A @ x) ** 2)',
      'jax.grad(g)(jnp.array([[0., 3., 2.], [1., 0., 3.], [2., 1., 0.]]), jnp.array([0., 1., 2.]))',
    ],
    flat(matvec(A, X1).map((y) => X1.map((x) => 2 * y * x))),
  ],
  ['seed: jit changes nothing', [SEED, 'jax.jit(jax.grad(f))(x1)'], seedGrad(X1)],
  [
    'seed: H·v by reverse over reverse, grad of ⟨grad f, v⟩',
    [SEED, 'v = jnp.array([1., 2., 3.])\njax.grad(lambda x: jnp.dot(jax.grad(f)(x), v))(x1)'],
    [36, 80, 108],
  ],
  [
    'seed: grad of sum(grad f) is the sum trap H·1',
    [SEED, 'jax.grad(lambda x: jnp.sum(jax.grad(f)(x)))(x1)'],
    [20, 36, 44],
  ],
  ['seed: the gradient at another point', [SEED, 'jax.grad(f)(jnp.array([1., -1., 0.5]))'], seedGrad([1, -1, 0.5])],
  [
    'seed: one Newton step from anywhere lands on the minimum 0 (f is quadratic)',
    [SEED, 'x1 - jnp.linalg.inv(jax.hessian(f)(x1)) @ jax.grad(f)(x1)'],
    [0, 0, 0],
  ],
  // Scalars: closed forms.
  ['grad(sin) is cos', [J, 'jax.grad(jnp.sin)(0.7)'], Math.cos(0.7)],
  ['grad of grad of t³ is 6t', [J, 'jax.grad(jax.grad(lambda t: t ** 3))(2.)'], 12],
  ['the third derivative of t³ is 6', [J, 'jax.grad(jax.grad(jax.grad(lambda t: t ** 3)))(2.)'], 6],
  ['(t eᵗ)′ = eᵗ(1 + t)', [J, 'jax.grad(lambda t: t * jnp.exp(t))(0.5)'], Math.exp(0.5) * 1.5],
  ['tanh′ = 1 - tanh²', [J, 'jax.grad(jnp.tanh)(0.3)'], 1 - Math.tanh(0.3) ** 2],
  ['log′(4) = 1/4', [J, 'jax.grad(jnp.log)(4.)'], 0.25],
  ['sqrt′(9) = 1/6', [J, 'jax.grad(jnp.sqrt)(9.)'], 1 / 6],
  ['(tᵗ)′ = tᵗ(ln t + 1): a traced exponent', [J, 'jax.grad(lambda t: t ** t)(2.)'], 4 * (Math.log(2) + 1)],
  ['sigmoid′ = σ(1 - σ)', [J, 'jax.grad(jax.nn.sigmoid)(0.4)'], sigmoid(0.4) * (1 - sigmoid(0.4))],
  ['relu′ is 1 above 0 and 0 below', [J, 'jax.grad(jax.nn.relu)(1.5), jax.grad(jax.nn.relu)(-1.5)'], [[1], [0]]],
  [
    'jnp.where picks the branch: (t², -t)′ at 3 and -2',
    [J, 'w = jax.grad(lambda t: jnp.where(t > 0, t ** 2, -t))\nw(3.), w(-2.)'],
    [[6], [-1]],
  ],
  ['(cos² t)′ = -sin 2t', [J, 'jax.grad(lambda t: jnp.cos(t) ** 2)(0.3)'], -Math.sin(0.6)],
  ['hessian of t⁴ is 12t²', [J, 'jax.hessian(lambda t: t ** 4)(1.5)'], 27],
  [
    'jvp(sin, (1,), (2,)) is (sin 1, 2 cos 1)',
    [J, 'jax.jvp(jnp.sin, (1.,), (2.,))'],
    [[Math.sin(1)], [2 * Math.cos(1)]],
  ],
  ['vjp of t² at 3 pulls back 2 to (12,)', [J, 'y, b = jax.vjp(lambda t: t ** 2, 3.)\nb(2.)'], [[12]]],
  // Vectors: closed forms.
  ['grad Σ sin x = cos x', [J, V, 'jax.grad(lambda x: jnp.sum(jnp.sin(x)))(v)'], v.map(Math.cos)],
  ['grad x·x = 2x', [J, V, 'jax.grad(lambda x: jnp.dot(x, x))(v)'], v.map((t) => 2 * t)],
  ['grad ‖x‖ = x/‖x‖', [J, 'jax.grad(jnp.linalg.norm)(jnp.array([3., 4.]))'], [0.6, 0.8]],
  [
    'the Jacobian of softmax is diag(s) - ssᵀ',
    [J, Z, 'jax.jacrev(jax.nn.softmax)(z)'],
    flat(sm.map((si, i) => sm.map((sj, j) => (i === j ? si : 0) - si * sj))),
  ],
  [
    'jacfwd of x ↦ Ax is A',
    [J, 'A = jnp.array([[0., 3., 2.], [1., 0., 3.], [2., 1., 0.]])', 'jax.jacfwd(lambda x: A @ x)(jnp.zeros(3))'],
    flat(A),
  ],
  ['jacrev of x² is diag(2x)', [J, V, 'jax.jacrev(lambda x: x ** 2)(v)'], flat(diag(v.map((t) => 2 * t)))],
  ['hessian Σx³ is diag(6x)', [J, V, 'jax.hessian(lambda x: jnp.sum(x ** 3))(v)'], flat(diag(v.map((t) => 6 * t)))],
  ['grad mean(x²) = 2x/n', [J, 'jax.grad(lambda x: jnp.mean(x ** 2))(jnp.array([1., 2., 3., 4.]))'], [0.5, 1, 1.5, 2]],
  [
    'grad det M = det(M) M⁻ᵀ, the cofactors',
    [J, 'jax.grad(jnp.linalg.det)(jnp.array([[2., 1.], [1., 3.]]))'],
    [3, -1, -1, 2],
  ],
  ['grad logsumexp = softmax', [J, Z, 'jax.grad(jax.scipy.special.logsumexp)(z)'], sm],
  [
    'jvp of x² along u is (x², 2x⊙u)',
    [J, V, 'jax.jvp(lambda x: x ** 2, (v,), (jnp.array([1., -1., 2.]),))'],
    [v.map((t) => t * t), [2 * v[0]!, -2 * v[1]!, 4 * v[2]!]],
  ],
  [
    'grad Σ x e⁻ˣ = e⁻ˣ(1 - x)',
    [J, V, 'jax.grad(lambda x: jnp.sum(jnp.exp(-x) * x))(v)'],
    v.map((t) => Math.exp(-t) * (1 - t)),
  ],
  [
    'jacfwd(jacrev(Σ sin)) is diag(-sin x)',
    [J, V, 'jax.jacfwd(jax.jacrev(lambda x: jnp.sum(jnp.sin(x))))(v)'],
    flat(diag(v.map((t) => -Math.sin(t)))),
  ],
  [
    'the Hessian of xᵀQx is Q + Qᵀ, Q not symmetric',
    [J, 'Q = jnp.array([[1., 2.], [0., 3.]])', 'jax.hessian(lambda x: x @ Q @ x)(jnp.array([0.3, -0.2]))'],
    [2, 2, 2, 6],
  ],
  [
    'grad of Σ outer(x, y) is Σy for each entry',
    [J, 'jax.grad(lambda x: jnp.sum(jnp.outer(x, jnp.array([1., 2.]))))(jnp.array([5., 6., 7.]))'],
    [3, 3, 3],
  ],
  // argnums and pytrees.
  ['argnums=1 differentiates the second argument', [J, 'jax.grad(lambda a, b: a ** 2 * b, argnums=1)(3., 2.)'], 9],
  [
    'argnums=(0, 1) gives a tuple of gradients',
    [J, 'jax.grad(lambda a, b: a ** 2 * b, argnums=(0, 1))(3., 2.)'],
    [[12], [9]],
  ],
  ['argnums=-1 counts from the end', [J, 'jax.grad(lambda a, b: a ** 2 * b, argnums=-1)(3., 2.)'], 9],
  [
    'a dict of parameters gives a dict of gradients: (w·x + b)², r = 3.5',
    [
      J,
      'p = {"w": jnp.array([1., 2.]), "b": 0.5}',
      'jax.grad(lambda p, x: (jnp.dot(p["w"], x) + p["b"]) ** 2)(p, jnp.array([1., 1.]))',
    ],
    { w: [7, 7], b: [7] },
  ],
  ['a tuple of parameters gives a tuple', [J, 'jax.grad(lambda p: p[0] * 3. + p[1] ** 2)((2., 5.))'], [[3], [10]]],
  [
    'a list of arrays [W, b] is a pytree: Σ(Wx + b)², r = [2, 1], ∂W = 2rxᵀ, ∂b = 2r',
    [
      J,
      'W = jnp.array([[1., 0.], [0., 2.]])\nb = jnp.array([1., -1.])\nx = jnp.ones(2)',
      'jax.grad(lambda p: jnp.sum((p[0] @ x + p[1]) ** 2))([W, b])',
    ],
    [
      [4, 4, 2, 2],
      [4, 2],
    ],
  ],
  [
    'a dict inside a tuple: Σw² · b',
    [J, 'jax.grad(lambda p: jnp.sum(p[0]["w"] ** 2) * p[1])(({"w": jnp.array([1., 2.])}, 3.))'],
    [{ w: [6, 12] }, [5]],
  ],
  [
    'value_and_grad of a dict: (Σw² + b, {w: 2w, b: 1})',
    [J, 'jax.value_and_grad(lambda p: jnp.sum(p["w"] ** 2) + p["b"])({"w": jnp.array([1., 2.]), "b": 3.})'],
    [[8], { w: [2, 4], b: [1] }],
  ],
  [
    'has_aux: grad gives (gradient, aux)',
    [J, 'jax.grad(lambda x: (jnp.sum(x ** 2), x * 2.), has_aux=True)(jnp.array([1., 3.]))'],
    [
      [2, 6],
      [2, 6],
    ],
  ],
  [
    'has_aux: value_and_grad gives ((value, aux), gradient)',
    [J, 'jax.value_and_grad(lambda x: (jnp.sum(x ** 2), x * 2.), has_aux=True)(jnp.array([1., 3.]))'],
    [
      [[10], [2, 6]],
      [2, 6],
    ],
  ],
  [
    'least squares: grad mean((Xw - y)²) = (2/n)Xᵀ(Xw - y)',
    [
      J,
      'X = jnp.array([[1., 0.], [1., 1.], [1., 2.]])\ny = jnp.array([1., 2., 2.])',
      'jax.grad(lambda w: jnp.mean((X @ w - y) ** 2))(jnp.array([0.5, 0.5]))',
    ],
    fd(
      (w) => {
        const X = [
          [1, 0],
          [1, 1],
          [1, 2],
        ]
        const r = matvec(X, w).map((p, i) => p - [1, 2, 2][i]!)
        return r.reduce((s, t) => s + t * t, 0) / 3
      },
      [0.5, 0.5],
    ),
  ],
  [
    'jacrev with argnums=1: ∂(a x)/∂x = aI',
    [J, 'jax.jacrev(lambda a, x: a * x, argnums=1)(2., jnp.array([1., 2.]))'],
    [2, 0, 0, 2],
  ],
  // vmap.
  [
    'vmap maps rows: [1, 2]·[1, 2], [3, 4]·[3, 4]',
    [J, 'jax.vmap(lambda r: jnp.dot(r, r))(jnp.array([[1., 2.], [3., 4.]]))'],
    [5, 25],
  ],
  [
    'in_axes (0, None) holds the second argument',
    [J, 'jax.vmap(lambda r, c: r * c, in_axes=(0, None))(jnp.array([1., 2., 3.]), 10.)'],
    [10, 20, 30],
  ],
  [
    'in_axes=1 maps columns: the column sums',
    [J, 'jax.vmap(jnp.sum, in_axes=1)(jnp.array([[1., 2., 3.], [4., 5., 6.]]))'],
    [5, 7, 9],
  ],
  [
    'out_axes=1 stacks results as columns',
    [J, 'jax.vmap(lambda r: r * 2., out_axes=1)(jnp.array([[1., 2., 3.], [4., 5., 6.]]))'],
    [2, 8, 4, 10, 6, 12],
  ],
  [
    'per-example gradients: vmap(grad(Σ w sin w)) = sin w + w cos w',
    [J, 'jax.vmap(jax.grad(lambda w: jnp.sum(jnp.sin(w) * w)))(jnp.array([[0.3, 1.2], [2.0, -0.7]]))'],
    [0.3, 1.2, 2.0, -0.7].map((t) => Math.sin(t) + t * Math.cos(t)),
  ],
  [
    'vmap of x ↦ Ax over the rows of I gives the columns of A',
    [J, 'A = jnp.array([[0., 3., 2.], [1., 0., 3.], [2., 1., 0.]])', 'jax.vmap(lambda e: A @ e)(jnp.eye(3))'],
    flat(transpose(A)),
  ],
  [
    'nested vmap is the outer product',
    [J, 'y = jnp.array([1., 10.])', 'jax.vmap(lambda a: jax.vmap(lambda b: a * b)(y))(jnp.array([1., 2., 3.]))'],
    [1, 10, 2, 20, 3, 30],
  ],
  [
    'vmap(grad f) over the seed at x1 and 2·x1 (the gradient is linear)',
    [SEED, 'jax.vmap(jax.grad(f))(jnp.array([[0., 1., 2.], [0., 2., 4.]]))'],
    [...seedGrad(X1), ...seedGrad([0, 2, 4])],
  ],
  [
    'in_axes (0, 1): rows of P against columns of Q',
    [
      J,
      'P = jnp.array([[1., 2.], [3., 4.]])\nQ = jnp.array([[5., 6.], [7., 8.]])',
      'jax.vmap(lambda a, b: a * b, in_axes=(0, 1))(P, Q)',
    ],
    [5, 14, 18, 32],
  ],
  [
    'vmap of hessian: one Hessian diag(6x) per row',
    [J, 'jax.vmap(jax.hessian(lambda x: jnp.sum(x ** 3)))(jnp.array([[1., 2.], [3., 4.]]))'],
    [6, 0, 0, 12, 18, 0, 0, 24],
  ],
  // 0-based indexing and slicing under gradients.
  [
    'x[0]·x[-1]: 0 is the first, -1 the last',
    [J, 'jax.grad(lambda x: x[0] * x[-1])(jnp.array([2., 3., 5.]))'],
    [5, 0, 2],
  ],
  [
    'Σ(x[1:] - x[:-1]) telescopes to x[-1] - x[0]',
    [J, 'jax.grad(lambda x: jnp.sum(x[1:] - x[:-1]))(jnp.ones(4))'],
    [-1, 0, 0, 1],
  ],
  ['Σ x[::-1]·x: ∂ₖ = 2x[n-1-k]', [J, 'jax.grad(lambda x: jnp.sum(x[::-1] * x))(jnp.array([1., 2., 3.]))'], [6, 4, 2]],
  [
    'x[::2] takes 0, 2, 4',
    [J, 'jax.grad(lambda x: jnp.sum(x[::2] ** 2))(jnp.array([1., 2., 3., 4., 5.]))'],
    [2, 0, 6, 0, 10],
  ],
  [
    'M[1, 0]·M[0, -1] on a 2×3 matrix',
    [J, 'jax.grad(lambda M: M[1, 0] * M[0, -1])(jnp.array([[1., 2., 3.], [4., 5., 6.]]))'],
    [0, 0, 4, 3, 0, 0],
  ],
  [
    'M[:, -1] is the last column',
    [J, 'jax.grad(lambda M: jnp.sum(M[:, -1] ** 2))(jnp.array([[1., 2., 3.], [4., 5., 6.]]))'],
    [0, 0, 6, 0, 0, 12],
  ],
  [
    'x[3:0:-1] is 3, 2, 1 (the stop excluded)',
    [J, 'jax.grad(lambda x: jnp.sum(x[3:0:-1]))(jnp.ones(4))'],
    [0, 1, 1, 1],
  ],
  [
    'x[-2:] is the last two',
    [J, 'jax.grad(lambda x: jnp.sum(x[-2:] * jnp.array([10., 20.])))(jnp.ones(4))'],
    [0, 0, 10, 20],
  ],
  [
    'M[1:, 1:] is the lower-right block',
    [J, 'jax.grad(lambda M: jnp.sum(M[1:, 1:]))(jnp.ones((3, 3)))'],
    [0, 0, 0, 0, 1, 1, 0, 1, 1],
  ],
  [
    'x[i] in a loop over range(len(x)): Σ(i + 1)xᵢ², i from 0',
    [
      J,
      'def f(x):\n    s = 0.\n    for i in range(len(x)):\n        s = s + (i + 1) * x[i] ** 2\n    return s',
      'jax.grad(f)(jnp.ones(3))',
    ],
    [2, 4, 6],
  ],
  ['t[-1] of a tuple parameter', [J, 'jax.grad(lambda t: t[-1] * t[0])((2., 7.))'], [[7], [2]]],
  [
    'x[-i] for i in 1, 2: the last two',
    [J, 'jax.grad(lambda x: sum([x[-i] for i in range(1, 3)]))(jnp.ones(4))'],
    [0, 0, 1, 1],
  ],
  [
    'M[-1] is the last row',
    [J, 'jax.grad(lambda M: jnp.dot(M[-1], M[0]))(jnp.array([[1., 2.], [3., 4.]]))'],
    [3, 4, 1, 2],
  ],
  [
    'a slice inside vmap inside grad: Σ over rows of r[1:]·r[:-1]',
    [
      J,
      'jax.grad(lambda M: jnp.sum(jax.vmap(lambda r: jnp.dot(r[1:], r[:-1]))(M)))(jnp.array([[1., 2., 3.], [4., 5., 6.]]))',
    ],
    fd((m) => m[0]! * m[1]! + m[1]! * m[2]! + m[3]! * m[4]! + m[4]! * m[5]!, [1, 2, 3, 4, 5, 6]),
  ],
  [
    "a list of (W, b) tuples as an MLP's parameters: the gradient has the same structure (central differences)",
    [
      J,
      'W = jnp.array([[0.1, -0.2], [0.3, 0.4]])\ndef mlp(params, x):\n    for W, b in params:\n        x = jnp.tanh(W @ x + b)\n    return x',
      'g = jax.grad(lambda p: jnp.sum(mlp(p, jnp.array([1., 2.]))))([(W, jnp.zeros(2)), (W, jnp.ones(2))])\nlen(g), g[1][1]',
    ],
    [
      [2],
      fd(
        (b) => {
          const W = [
            [0.1, -0.2],
            [0.3, 0.4],
          ]
          const h = matvec(W, [1, 2]).map(Math.tanh)
          return matvec(W, h).reduce((s, y, i) => s + Math.tanh(y + b[i]!), 0)
        },
        [1, 1],
      ),
    ],
  ],
  [
    'three steps of gradient descent in a loop: w ← w - 0.01·(2/n)Xᵀ(Xw - y)',
    [
      J,
      'X = jnp.array([[1., 2.], [3., 4.], [5., 6.]])\ny = jnp.array([1., 2., 3.])\nloss = lambda w: jnp.mean((X @ w - y) ** 2)',
      'w = jnp.zeros(2)\nfor i in range(3):\n    w = w - 0.01 * jax.grad(loss)(w)\nw',
    ],
    (() => {
      const X = [
        [1, 2],
        [3, 4],
        [5, 6],
      ]
      let w = [0, 0]
      for (let i = 0; i < 3; i++) {
        const r = matvec(X, w).map((p, k) => p - [1, 2, 3][k]!)
        const g = matvec(transpose(X), r).map((t) => (2 / 3) * t)
        w = w.map((wi, k) => wi - 0.01 * g[k]!)
      }
      return w
    })(),
  ],
  [
    'fd check: d/dt of sin(t²) at 1.1',
    [J, 'jax.grad(lambda t: jnp.sin(t ** 2))(1.1)'],
    fd1((t) => Math.sin(t * t), 1.1),
  ],
]
