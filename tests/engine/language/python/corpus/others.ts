// The corpus's torch.func, torch.autograd.functional, TensorFlow GradientTape, Python-semantics
// and array-method cells. Expected values from ./oracle.ts (plain arithmetic, closed forms,
// central differences), never from the engine.
import type { Case } from './cases.ts'
import { X1, diag, fd, flat, seedF, seedGrad, seedH, sigmoid } from './oracle.ts'

const T = 'import torch'
const TSEED = `import torch
A = torch.tensor([[0., 3., 2.], [1., 0., 3.], [2., 1., 0.]])
x1 = torch.tensor([0., 1., 2.])
def f(x):
    return torch.sum((A @ x) ** 2)`
const AF = 'from torch.autograd.functional import jacobian, hessian, hvp, vhp, vjp, jvp'
const t = [0.1, 0.2]
const TT = 't = torch.tensor([0.1, 0.2])'
const TF = `import tensorflow as tf
A = tf.constant([[0., 3., 2.], [1., 0., 3.], [2., 1., 0.]])
x = tf.Variable([0., 1., 2.])`
const TAPE_F = 'with tf.GradientTape() as tape:\n    y = tf.reduce_sum(tf.linalg.matvec(A, x) ** 2)'
const NESTED = `with tf.GradientTape(persistent=True) as outer:
    with tf.GradientTape() as inner:
        y = tf.reduce_sum(tf.linalg.matvec(A, x) ** 2)
    g = inner.gradient(y, x)`
const X = [0, 1, 2]
const H = flat(seedH)

export const TORCH_CASES: Case[] = [
  [
    'torch.func.grad of Σx² is 2x',
    [T, 'torch.func.grad(lambda x: torch.sum(x ** 2))(torch.tensor([1., 2., 3.]))'],
    [2, 4, 6],
  ],
  ['torch.func.jacrev(sin) is diag(cos)', [T, TT, 'torch.func.jacrev(torch.sin)(t)'], flat(diag(t.map(Math.cos)))],
  [
    'torch.func.jacfwd of x³ is diag(3x²)',
    [T, TT, 'torch.func.jacfwd(lambda x: x ** 3)(t)'],
    flat(diag(t.map((s) => 3 * s * s))),
  ],
  [
    'torch.func.hessian of Σ sin is diag(-sin)',
    [T, TT, 'torch.func.hessian(lambda x: torch.sum(torch.sin(x)))(t)'],
    flat(diag(t.map((s) => -Math.sin(s)))),
  ],
  [
    'torch.func.vjp gives (y, vjp_fn), vjp_fn(v) a tuple',
    [T, TT, 'y, vjp_fn = torch.func.vjp(lambda x: x ** 2, t)\nvjp_fn(torch.ones(2))'],
    [t.map((s) => 2 * s)],
  ],
  [
    'torch.func.jvp of exp along ones is (eˣ, eˣ)',
    [T, TT, 'torch.func.jvp(torch.exp, (t,), (torch.ones(2),))'],
    [t.map(Math.exp), t.map(Math.exp)],
  ],
  [
    'torch.func.grad_and_value gives (gradient, value)',
    [T, 'torch.func.grad_and_value(lambda x: torch.sum(x * x))(torch.tensor([1., 2.]))'],
    [[2, 4], [5]],
  ],
  [
    'torch.func.grad argnums=(0, 1) of x·y is (y, x)',
    [
      T,
      'torch.func.grad(lambda x, y: torch.dot(x, y), argnums=(0, 1))(torch.tensor([1., 2.]), torch.tensor([3., 4.]))',
    ],
    [
      [3, 4],
      [1, 2],
    ],
  ],
  ['seed in torch: grad is [16, 44, 64]', [TSEED, 'torch.func.grad(f)(x1)'], seedGrad(X1)],
  ['seed in torch: hessian is 2AᵀA', [TSEED, 'torch.func.hessian(f)(x1)'], H],
  [
    'torch.func.hessian of a vector function: one Hessian per output, 6xᵢ at (i, i, i)',
    [T, 'torch.func.hessian(lambda x: x ** 3)(torch.tensor([1., 2.]))'],
    [6, 0, 0, 0, 0, 0, 0, 12],
  ],
  [
    'torch.func.vmap of grad: per-example 3w²',
    [T, 'torch.func.vmap(torch.func.grad(lambda w: torch.sum(w ** 3)))(torch.tensor([[1., 2.], [3., 4.]]))'],
    [3, 12, 27, 48],
  ],
  [
    'torch.func.vmap with in_dims (0, None)',
    [T, 'torch.func.vmap(lambda a, b: torch.dot(a, b), in_dims=(0, None))(torch.eye(2), torch.tensor([3., 4.]))'],
    [3, 4],
  ],
  [
    'torch.func.grad has_aux gives (gradient, aux)',
    [T, 'torch.func.grad(lambda x: (torch.sum(x ** 3), x + 1.), has_aux=True)(torch.tensor([1., 2.]))'],
    [
      [3, 12],
      [2, 3],
    ],
  ],
  // torch.autograd.functional
  ['jacobian of x² is diag(2x)', [T, AF, TT, 'jacobian(lambda x: x ** 2, t)'], flat(diag(t.map((s) => 2 * s)))],
  [
    'hessian of Σx³ is diag(6x)',
    [T, AF, TT, 'hessian(lambda x: torch.sum(x ** 3), t)'],
    flat(diag(t.map((s) => 6 * s))),
  ],
  [
    'seed: hvp gives (86, H·v = [36, 80, 108])',
    [TSEED, AF, 'hvp(f, x1, torch.tensor([1., 2., 3.]))'],
    [[seedF(X1)], [36, 80, 108]],
  ],
  [
    'seed: vhp with ones gives (86, the sum trap [20, 36, 44])',
    [TSEED, AF, 'vhp(f, x1, torch.ones(3))'],
    [[seedF(X1)], [20, 36, 44]],
  ],
  [
    'vjp gives (f(x), vᵀJ)',
    [T, AF, TT, 'vjp(lambda x: x ** 2, t, torch.ones(2))'],
    [t.map((s) => s * s), t.map((s) => 2 * s)],
  ],
  [
    'jvp gives (f(x), Jv)',
    [T, AF, TT, 'jvp(lambda x: x ** 2, t, torch.ones(2))'],
    [t.map((s) => s * s), t.map((s) => 2 * s)],
  ],
  [
    'jacobian of a tuple of inputs gives one Jacobian per input: ∂(a⊙b) = (diag b, diag a)',
    [T, AF, 'jacobian(lambda a, b: a * b, (torch.tensor([1., 2.]), torch.tensor([3., 4.])))'],
    [
      [3, 0, 0, 4],
      [1, 0, 0, 2],
    ],
  ],
  ['seed: autograd.functional.hessian is 2AᵀA', [TSEED, AF, 'hessian(f, x1)'], H],
]

export const TAPE_CASES: Case[] = [
  ['GradientTape: the seed gradient', [TF, TAPE_F, 'tape.gradient(y, x)'], seedGrad(X)],
  ['GradientTape: y keeps its value after the block', [TF, TAPE_F, 'y'], seedF(X)],
  [
    'nested tapes: the outer gradient of the inner gradient is the sum trap H·1',
    [TF, NESTED, 'outer.gradient(g, x)'],
    [20, 36, 44],
  ],
  ['nested tapes: the outer jacobian of the inner gradient is the Hessian', [TF, NESTED, 'outer.jacobian(g, x)'], H],
  [
    'persistent=True: two gradients from one tape',
    [
      TF,
      'with tf.GradientTape(persistent=True) as tape:\n    y = tf.reduce_sum(x ** 2)\n    z = tf.reduce_sum(x ** 3)',
      'tape.gradient(y, x), tape.gradient(z, x)',
    ],
    [X.map((s) => 2 * s), X.map((s) => 3 * s * s)],
  ],
  [
    'None for a source the tape did not watch',
    [TF, 'c = tf.constant(2.)\nwith tf.GradientTape() as tape:\n    y = tf.reduce_sum(x) * c', 'tape.gradient(y, c)'],
    null,
  ],
  [
    'unconnected_gradients=ZERO gives zeros instead of None',
    [
      TF,
      'c = tf.constant(2.)\nwith tf.GradientTape() as tape:\n    y = tf.reduce_sum(x) * c',
      'tape.gradient(y, c, unconnected_gradients=tf.UnconnectedGradients.ZERO)',
    ],
    0,
  ],
  [
    'a vector target is summed silently: gradient of x² is 2x',
    [TF, 'with tf.GradientTape() as tape:\n    y = x ** 2', 'tape.gradient(y, x)'],
    [0, 2, 4],
  ],
  [
    'tape.jacobian of x² is diag(2x)',
    [TF, 'with tf.GradientTape() as tape:\n    y = x ** 2', 'tape.jacobian(y, x)'],
    flat(diag([0, 2, 4])),
  ],
  [
    'output_gradients weigh the outputs: w ⊙ 2x',
    [
      TF,
      'with tf.GradientTape() as tape:\n    y = x ** 2',
      'tape.gradient(y, x, output_gradients=tf.constant([1., 0., 2.]))',
    ],
    [0, 0, 8],
  ],
  [
    'tape.watch makes a constant a source',
    [
      TF,
      'c = tf.constant(3.)\nwith tf.GradientTape() as tape:\n    tape.watch(c)\n    y = c ** 2',
      'tape.gradient(y, c)',
    ],
    6,
  ],
  [
    'second derivative by nested tapes: (x³)′ = 3x², (x³)″ = 6x at 1.5',
    [
      'import tensorflow as tf\nv = tf.Variable(1.5)',
      'with tf.GradientTape() as t2:\n    with tf.GradientTape() as t1:\n        y = v ** 3\n    dy = t1.gradient(y, v)\nd2 = t2.gradient(dy, v)',
      'dy, d2',
    ],
    [[6.75], [9]],
  ],
  [
    'watch_accessed_variables=False: a Variable not watched gives None',
    [
      TF,
      'with tf.GradientTape(watch_accessed_variables=False) as tape:\n    y = tf.reduce_sum(x ** 2)',
      'tape.gradient(y, x)',
    ],
    null,
  ],
  [
    'a list of sources [W, b]: Σ(Wb)², r = Wb = [3, 7], ∂W = 2rbᵀ, ∂b = 2Wᵀr',
    [
      'import tensorflow as tf\nW = tf.Variable([[1., 2.], [3., 4.]])\nb = tf.Variable([1., 1.])',
      'with tf.GradientTape() as tape:\n    loss = tf.reduce_sum(tf.linalg.matvec(W, b) ** 2)',
      'tape.gradient(loss, [W, b])',
    ],
    [
      [6, 6, 14, 14],
      [48, 68],
    ],
  ],
  [
    'a tuple of sources gives a tuple',
    [
      TF,
      'c = tf.constant(2.)\nwith tf.GradientTape() as tape:\n    tape.watch(c)\n    y = tf.reduce_sum(x) * c',
      'tape.gradient(y, (x, c))',
    ],
    [[2, 2, 2], [3]],
  ],
  [
    'a list of scalar Variables is a list of sources: (3w + b - 4)², r = 3, ∂w = 6r, ∂b = 2r',
    [
      'import tensorflow as tf\nw = tf.Variable(2.)\nb = tf.Variable(1.)',
      'with tf.GradientTape() as tape:\n    loss = (w * 3. + b - 4.) ** 2',
      'tape.gradient(loss, [w, b])',
    ],
    [[18], [6]],
  ],
  [
    'reduce_mean: gradient 2x/n',
    [TF, 'with tf.GradientTape() as tape:\n    y = tf.reduce_mean(x ** 2)', 'tape.gradient(y, x)'],
    X.map((s) => (2 * s) / 3),
  ],
  [
    'a tape through tanh: 1 - tanh²',
    [TF, 'with tf.GradientTape() as tape:\n    y = tf.reduce_sum(tf.tanh(x))', 'tape.gradient(y, x)'],
    X.map((s) => 1 - Math.tanh(s) ** 2),
  ],
  [
    'softplus′ = sigmoid: log(eˣ + 1)',
    [TF, 'with tf.GradientTape() as tape:\n    y = tf.reduce_sum(tf.math.log(tf.exp(x) + 1.))', 'tape.gradient(y, x)'],
    X.map(sigmoid),
  ],
  [
    'a tape inside a def, called at two points: 3v²',
    [
      'import tensorflow as tf',
      'def grad_of(v):\n    with tf.GradientTape() as t:\n        t.watch(v)\n        y = tf.reduce_sum(v ** 3)\n    return t.gradient(y, v)',
      'grad_of(tf.constant([1., 2.])), grad_of(tf.constant([-3.]))',
    ],
    [[3, 12], [27]],
  ],
]

export const PYTHON_CASES: Case[] = [
  ["// floors and % takes the divisor's sign", ['7 // 2, -7 // 2, -7 % 3, 7 % -3'], [[3], [-4], [2], [-2]]],
  ['a < b < c is a and b', ['1 < 2 < 3, 3 > 2 > 2, not 0'], [true, false, true]],
  ['-2 ** 2 is -(2 ** 2)', ['-2 ** 2'], -4],
  ['closures bind late: the c at the call', ['c = 1.\nadd_c = lambda x: x + c\nc = 5.\nadd_c(1.)'], 6],
  ['defaults and keywords', ['def f(x, n=2):\n    return x ** n\nf(3.), f(3., n=3), f(n=1, x=5.)'], [[9], [27], [5]]],
  [
    'a while loop: Newton for √2',
    ['x = 1.\nwhile abs(x * x - 2.) > 1e-12:\n    x = x - (x * x - 2.) / (2. * x)\nx'],
    Math.SQRT2,
  ],
  [
    'grad through a for loop: Horner for t³ + t² + t + 1, derivative 17 at 2',
    [
      'import jax\ndef p(t):\n    y = 1.\n    for k in range(3):\n        y = y * t + 1.\n    return y',
      'jax.grad(p)(2.)',
    ],
    17,
  ],
  [
    'grad through a while loop: sin∘sin∘sin',
    [
      'import jax\nimport jax.numpy as jnp\ndef f(t):\n    n = 0\n    y = t\n    while n < 3:\n        y = jnp.sin(y)\n        n += 1\n    return y',
      'jax.grad(f)(0.5)',
    ],
    Math.cos(Math.sin(Math.sin(0.5))) * Math.cos(Math.sin(0.5)) * Math.cos(0.5),
  ],
  ['a comprehension with a condition', ['sum([i * i for i in range(5) if i % 2 == 0])'], 20],
  ['enumerate counts from 0', ['t = 0.\nfor i, v in enumerate([5., 6.]):\n    t += i * v\nt'], 6],
  ['zip pairs items', ['sum([a * b for a, b in zip([1., 2., 3.], [4., 5., 6.])])'], 32],
  ['if on a value under grad: |t|′ at -3 is -1', ['import jax\njax.grad(lambda t: t if t > 0 else -t)(-3.)'], -1],
  ['tuple unpacking swaps', ['a, b = 1., 2.\na, b = b, a\na - b'], 1],
  ['a dict by its keys', ['d = {"w": 2., "b": 3.}\nd["w"] * d["b"]'], 6],
  ['recursion', ['def fact(n):\n    return 1 if n <= 1 else n * fact(n - 1)\nfact(5)'], 120],
  [
    'grad of a recursive power: (t⁴)′ = 4t³',
    ['import jax\ndef pw(t, n):\n    return 1. if n == 0 else t * pw(t, n - 1)', 'jax.grad(pw)(1.5, 4)'],
    13.5,
  ],
  ['augmented assignment on arrays', ['import jax.numpy as jnp\nx = jnp.array([1., 2.])\nx += 1.\nx *= 2.\nx'], [4, 6]],
  ['range(start, stop, step) excludes its stop', ['len(range(2, 10, 3))'], 3],
  [
    'broadcasting lines shapes up from the right',
    ['import numpy as np\nnp.ones((2, 3)) + np.array([1., 2., 3.])'],
    [2, 3, 4, 2, 3, 4],
  ],
  [
    'a 2×1 column times a 3-vector is 2×3',
    ['import jax.numpy as jnp\njnp.array([[1.], [2.]]) * jnp.array([10., 20., 30.])'],
    [10, 20, 30, 20, 40, 60],
  ],
  [
    'vector @ matrix is vᵀM',
    ['import jax.numpy as jnp\njnp.array([1., 2.]) @ jnp.array([[1., 2.], [3., 4.]])'],
    [7, 10],
  ],
  [
    'names a def assigns are local: a global of the same name is untouched',
    ['x = 10.\ndef f():\n    x = 1.\n    return x', 'f(), x'],
    [[1], [10]],
  ],
]

const M = 'import jax\nimport jax.numpy as jnp\nM = jnp.array([[1., 2., 3.], [4., 5., 6.]])'

export const METHOD_CASES: Case[] = [
  [
    'x.sum() under grad: (Σx)² gives 2Σx',
    ['import jax\nimport jax.numpy as jnp', 'jax.grad(lambda x: x.sum() ** 2)(jnp.array([1., 2., 3.]))'],
    [12, 12, 12],
  ],
  [
    '(MᵀM).sum() = Σₖ(Σᵢ Mₖᵢ)²: central differences',
    [M, 'jax.grad(lambda M: (M.T @ M).sum())(M)'],
    fd((m) => (m[0]! + m[1]! + m[2]!) ** 2 + (m[3]! + m[4]! + m[5]!) ** 2, [1, 2, 3, 4, 5, 6]),
  ],
  [
    'reshape is row-major: x.reshape(2, 2)[1, 0] is x[2]',
    [
      'import jax\nimport jax.numpy as jnp',
      'jax.grad(lambda x: x.reshape(2, 2)[1, 0] * x.reshape(-1)[0])(jnp.array([1., 2., 3., 4.]))',
    ],
    [3, 0, 1, 0],
  ],
  [
    'torch x.pow(3).mean(): 3x²/n',
    ['import torch', 'torch.func.grad(lambda x: x.pow(3).mean())(torch.tensor([1., 2.]))'],
    [1.5, 6],
  ],
  ['M.mean(axis=0) is the column means', [M, 'M.mean(axis=0)'], [2.5, 3.5, 4.5]],
  ['shape, ndim, size', [M, 'M.shape, M.ndim, M.size'], [[[2], [3]], [2], [6]]],
  [
    'a nested list is a matrix: [[1.], [2.]] is 2×1',
    ['import jax.numpy as jnp', 'jnp.array([[1.], [2.]]).shape'],
    [[2], [1]],
  ],
  ['a list of arrays stays a list', ['import jax.numpy as jnp', 'len([jnp.ones(3), jnp.zeros(2)])'], 2],
]
