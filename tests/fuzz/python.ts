/**
 * fast-check arbitraries for Python cells, shared by the bounded fuzz test in `npm test` and the
 * long run (`npm run fuzz -- --python-runs P`). Kinds, from hostile to well-formed:
 *  - text: any string, and Python-flavoured hostile text (indentation mixes, tabs, unbalanced
 *    brackets, trailing dots `1.`, pasted `>>>` prompts);
 *  - token soup: Python's tokens and keywords glued together;
 *  - programs: imports of jax, jax.numpy, numpy and torch, `def`s, lambdas, comprehensions,
 *    slices with negative steps, dicts and tuples, and calls of jax.grad/jacfwd/vmap/hessian and
 *    torch.func.* on arrays of random shapes, right or wrong at random; and transforms nested up
 *    to three deep around a smooth function;
 *  - mutated: a corpus of valid Python cells with a few characters deleted, inserted, duplicated
 *    or swapped (the mutations are Julia's, from julia.ts);
 *  - TensorFlow: GradientTape blocks, nested, persistent, watched, asked for gradients and
 *    Jacobians of random sources (pythonTapes.ts);
 *  - edges: sizes negative or huge, empty arrays, transforms given the wrong things, endless
 *    loops and recursion (each must end in the language's own error, within the time bound).
 */
import fc from 'fast-check'
import { anyText } from './arbitraries.ts'
import { mutationOf } from './julia.ts'
import { pythonTapes } from './pythonTapes.ts'

const TOKENS = [
  ...['x', 'y', 'f', 'g', 'h', 'A', 'v', 'M', 's', 'θ', 'None', 'True', 'False', 'self', 'params', 'i'],
  ...['jax', 'jnp', 'np', 'torch', 'jax.grad', 'jax.vmap', 'jax.jacfwd', 'jax.hessian', 'torch.func.grad'],
  ...['jnp.sum', 'jnp.array', 'jnp.ones', 'torch.tensor', 'range', 'len', 'print', 'zip', 'enumerate'],
  ...['def', 'return', 'lambda', 'for', 'in', 'while', 'if', 'elif', 'else', 'import', 'from', 'as'],
  ...['with', 'class', 'try', 'except', 'finally', 'yield', 'global', 'nonlocal', 'pass', 'break'],
  ...['continue', 'and', 'or', 'not', 'is', 'del', 'assert', 'raise', 'async', 'await', 'match', 'case'],
  ...['0', '1', '2', '-1', '0.5', '1.', '.5', '1e-3', '1e308', '0x1f', '1_000', '1j', '0o7', '0b1'],
  ...['+', '-', '*', '/', '//', '%', '**', '@', '==', '!=', '<', '<=', '>', '>=', '=', '+=', '-=', '*=', '@='],
  ...['**=', '//=', ':=', '&', '|', '^', '~', '<<', '>>', '->', ',', ';', ':', '.', '...', '(', ')', '['],
  ...[']', '{', '}', '#', '"s"', "'s'", '"""', "f'{x}'", 'b"x"', '\\', '\n', '\n    ', '\n\t', ' ', '    '],
  ...['*args', '**kw', 'x[::-1]', 'x[1:-1:2]', 'x[..., 0]', '(a, b)', '{"w": 1.}', 'lambda x: x ** 2'],
  ...['@jax.jit', '@', '>>> ', '... ', 'In [1]: ', 'x.shape', 'x.T', 'x.at[0].set(1.)'],
]

/** Python's tokens glued together, with or without spaces or newlines between them. */
export const pythonTokenSoup: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.constantFrom(...TOKENS), fc.constantFrom('', ' ', '', '\n')), { minLength: 1, maxLength: 30 })
  .map((parts) => parts.map(([t, sep]) => t + sep).join(''))

/** Hostile text in Python's shapes: lines of tokens at random indentations, prompts pasted in. */
export const pythonHostileText: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.constantFrom('', '', '    ', '  ', '\t', ' \t', '        ', '>>> ', '... ', 'In [3]: '),
      fc.constantFrom(...TOKENS, 'def f(x):', 'for i in range(3):', 'if x > 0:', 'else:', 'return x', '1.', '[0., 1.'),
      fc.constantFrom('', ':', '(', ')', ']', '.', ' 1.', ','),
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((lines) => lines.map(([indent, body, tail]) => indent + body + tail).join('\n'))

// -----------------------------------------------------------------------------------------------
// Programs

const literal = fc.integer({ min: -30, max: 30 }).map((k) => {
  const t = String(k / 10)
  return t.includes('.') ? t : `${t}.`
})

const NAMES = ['s', 'v', 'M', 'x', 'n', 'p["w"]', 'p["b"]', 't[0]', 't[-1]']
const VECTOR_INDICES = ['0', '-1', '1:', ':-1', '::-1', '::2', '1::-1', '-2:', '10:', '-1:0:-1']
const MATRIX_INDICES = ['0', '-1', '0, :', ':, -1', '::-1', '-1, ::-2', '1:, 0']
/** Indices that are wrong somewhere: out of range, too many, or forms the language refuses. */
const ODD_INDICES = ['5', '-9', '0, 0, 0', '..., 0', 'None', '1.5', '"a"', ':, :, :']

/** Python expressions over the names in scope (s a number, v a vector, M a matrix, p a dict). */
function expr(depth: number): fc.Arbitrary<string> {
  const leaf = fc.oneof(
    { arbitrary: literal, weight: 3 },
    { arbitrary: fc.constantFrom(...NAMES), weight: 4 },
    { arbitrary: fc.constantFrom(...VECTOR_INDICES).map((i) => `v[${i}]`), weight: 1 },
    { arbitrary: fc.constantFrom(...MATRIX_INDICES).map((i) => `M[${i}]`), weight: 1 },
  )
  if (depth <= 0) return leaf
  const sub = expr(depth - 1)
  return fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc
      .tuple(sub, fc.constantFrom('+', '-', '*', '/', '**', '@', '%', '//', '<', '==', 'and', 'or'), sub)
      .map(([a, o, b]) => `(${a} ${o} ${b})`),
    fc.tuple(sub, sub, sub).map(([a, b, c]) => `(${a} < ${b} <= ${c})`),
    fc
      .tuple(
        fc.constantFrom('jnp.sin', 'jnp.exp', 'jnp.tanh', 'jnp.log', 'jnp.sqrt', 'np.cos', 'torch.sin', 'abs'),
        sub,
      )
      .map(([u, a]) => `${u}(${a})`),
    fc
      .tuple(
        fc.constantFrom('jnp.sum', 'jnp.mean', 'len', 'sum', 'jnp.linalg.norm', 'torch.sum', 'jax.nn.softmax'),
        sub,
      )
      .map(([u, a]) => `${u}(${a})`),
    fc.tuple(sub, fc.constantFrom('0', '1', '-1', '(0, 1)', '2')).map(([a, ax]) => `jnp.sum(${a}, axis=${ax})`),
    fc.tuple(sub, sub).map(([a, b]) => `jnp.dot(${a}, ${b})`),
    fc.tuple(sub, sub, sub).map(([c, a, b]) => `jnp.where(${c}, ${a}, ${b})`),
    fc.tuple(sub, sub).map(([a, b]) => `jnp.array([${a}, ${b}])`),
    fc.tuple(sub, sub).map(([a, b]) => `[${a}, ${b}]`),
    fc.tuple(sub, sub).map(([a, b]) => `(${a}, ${b})`),
    fc.tuple(sub, sub).map(([a, b]) => `{"a": ${a}, "b": ${b}}["a"]`),
    fc.tuple(sub, fc.constantFrom(...VECTOR_INDICES, ...ODD_INDICES)).map(([a, i]) => `(${a})[${i}]`),
    fc.tuple(sub, sub, sub).map(([c, a, b]) => `(${a} if ${c} else ${b})`),
    // NumPy's new axes and JAX's functional updates, right or wrong at random.
    fc
      .tuple(sub, fc.constantFrom('None', ':, None', '..., None', 'None, ::-1', '0, None', '..., 0', 'None, None, 0'))
      .map(([a, i]) => `(${a})[${i}]`),
    fc
      .tuple(
        sub,
        fc.constantFrom('0', '-1', '1:', '::2', 'jnp.array([0, 0])', ':, 0', 'None', '...'),
        fc.constantFrom('set', 'add', 'mul', 'subtract', 'divide', 'power', 'min', 'max'),
        sub,
      )
      .map(([a, i, how, b]) => `(${a}).at[${i}].${how}(${b})`),
    fc
      .tuple(sub, fc.constantFrom('', ':.3f', ':>8', '!r', '=', ':e', ':,', ':{n}', ':%', ':d', ':q'))
      .map(([a, spec]) => `f"value {${a}${spec}} {{}}"`),
    sub.map((a) => `[${a} for i in range(3)]`),
    sub.map((a) => `sum([${a} for x in v if x > 0])`),
    sub.map((a) => `(lambda x: ${a})(s)`),
    sub.map((a) => `-${a}`),
    sub.map((a) => `not ${a}`),
    fc.constantFrom('jnp.ones((2, 3))', 'jnp.zeros(3)', 'jnp.eye(2)', 'jnp.arange(4.)', 'jnp.arange(0, 6, 2)'),
    fc.constantFrom('torch.tensor([1., 2.])', 'torch.ones(2, 2)', 'np.array([[1., 2.], [3., 4.]])', 'x.shape'),
  )
}

const FUNCTION_NAMES = ['f', 'g', 'h', 'jnp.sin', 'lambda x: jnp.sum(x ** 2)', 'lambda x: x']

const JAX_CALLS = [
  'jax.grad(F)',
  'jax.grad(F, argnums=0)',
  'jax.grad(F, argnums=(0,))',
  'jax.grad(F, has_aux=True)',
  'jax.value_and_grad(F)',
  'jax.jacfwd(F)',
  'jax.jacrev(F)',
  'jax.hessian(F)',
  'jax.jacfwd(jax.grad(F))',
  'jax.grad(jax.grad(F))',
  'jax.vmap(F)',
  'jax.vmap(F, in_axes=0)',
  'jax.vmap(F, in_axes=(0,))',
  'jax.vmap(F, in_axes=1)',
  'jax.vmap(F, in_axes=-1, out_axes=1)',
  'jax.vmap(F, in_axes=(1,), out_axes=-1)',
  'jax.value_and_grad(F, has_aux=True)',
  'torch.func.grad(F, has_aux=True)',
  'jax.jit(F)',
  'torch.func.grad(F)',
  'torch.func.jacfwd(F)',
  'torch.func.jacrev(F)',
  'torch.func.hessian(F)',
  'torch.func.vmap(F)',
  'torch.func.grad_and_value(F)',
]

/** A random shape's array: the transform calls get scalars, vectors, matrices and empties. */
const shaped: fc.Arbitrary<string> = fc.oneof(
  literal,
  fc.array(literal, { minLength: 0, maxLength: 4 }).map((xs) => `jnp.array([${xs.join(', ')}])`),
  fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })).map(([r, c]) => `jnp.ones((${r}, ${c}))`),
  fc.array(literal, { minLength: 1, maxLength: 3 }).map((xs) => `torch.tensor([${xs.join(', ')}])`),
  fc.constantFrom('v', 'M', 's', 'p', 't', '(v, s)', '[v, v]', '{"w": v}'),
)

const statement: fc.Arbitrary<string> = fc.oneof(
  expr(2),
  fc
    .tuple(fc.constantFrom(...JAX_CALLS), fc.constantFrom(...FUNCTION_NAMES), shaped)
    .map(([t, fn, x]) => `${t.replace('F', fn)}(${x})`),
  fc.tuple(fc.constantFrom('f', 'g'), shaped, shaped).map(([fn, x, d]) => `jax.jvp(${fn}, (${x},), (${d},))`),
  fc.tuple(fc.constantFrom('f', 'g'), shaped, shaped).map(([fn, x, d]) => `y, back = jax.vjp(${fn}, ${x})\nback(${d})`),
  fc
    .tuple(fc.constantFrom('jacobian', 'hessian', 'hvp', 'vhp'), fc.constantFrom('f', 'g'), shaped)
    .map(([t, fn, x]) => `torch.autograd.functional.${t}(${fn}, ${x}${t.endsWith('hvp') ? ', v' : ''})`),
  fc.tuple(expr(1), expr(2)).map(([it, body]) => `acc = 0.\nfor x in ${it}:\n    acc += ${body}\nacc`),
  fc.tuple(expr(1), expr(1)).map(([c, body]) => `k = 0\nwhile k < 3 and ${c}:\n    k += 1\n    ${body}\nk`),
  fc
    .tuple(expr(1), expr(1), expr(1))
    .map(([c, a, b]) => `if ${c}:\n    r = ${a}\nelif not ${c}:\n    r = ${b}\nelse:\n    r = 0.\nr`),
  fc.tuple(expr(1), expr(1)).map(([a, b]) => `a, b = ${a}, ${b}\n(b, a)`),
  fc.tuple(expr(1), expr(1)).map(([a, b]) => `def k(x, n=${a}):\n    z = x * n\n    return z + ${b}\nk(s), k(v, n=2.)`),
  fc.constantFrom('v[::-1]', 'M[::-1, ::-2]', 'v[10:]', 'v[-10]', 'M[0][0]', 'p["missing"]', 't[5]', 'v[0] = 1.'),
  fc.constantFrom('x.at[0].set(1.)', 'class C:\n    pass', 'def f(*args):\n    return 1', 'yield 1', 'del v'),
  fc.constantFrom(
    'class F(torch.autograd.Function):\n    @staticmethod\n    def forward(ctx, x):\n        ctx.save_for_backward(x)\n        return x ** 2\n    @staticmethod\n    def backward(ctx, g):\n        x, = ctx.saved_tensors\n        return 2 * x * g\njax.grad(lambda v: jnp.sum(F.apply(v)))(v)',
    'class F(torch.autograd.Function):\n    def forward(ctx, x):\n        return x\nF.apply(v)',
    'from jax.test_util import check_grads\ncheck_grads(lambda z: jnp.sum(z ** 2), (v,), order=2)',
    'torch.autograd.gradcheck(lambda z: z * s, (v,))',
    'print(f"{s:.2f}", v, sep=", ", end="")',
  ),
)

/**
 * A cell of several statements: imports, data (a number, a vector, a matrix, a dict, a tuple),
 * definitions of f, g and h (def, def with locals, lambda), then statements over them.
 */
export const pythonProgram: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(literal, { minLength: 1, maxLength: 4 }),
    expr(2),
    expr(2),
    expr(2),
    fc.array(statement, { minLength: 1, maxLength: 3 }),
    fc.boolean(),
  )
  .map(([v, fBody, gBody, hBody, statements, silent]) =>
    [
      'import jax',
      'import jax.numpy as jnp',
      'import numpy as np',
      'import torch',
      's = 0.5',
      'n = 2',
      `v = jnp.array([${v.join(', ')}])`,
      `M = jnp.array([[${v.join(', ')}], [${v.map((x) => `-${x}`).join(', ')}]])`,
      'p = {"w": v, "b": s}',
      't = (s, v)',
      'x = v',
      `def f(x):\n    return ${fBody}`,
      `def g(x):\n    y = ${gBody}\n    return y`,
      `h = lambda x: ${hBody}`,
      ...statements.map((st, i) => (silent && i < statements.length - 1 ? `${st};` : st)),
    ].join('\n'),
  )

/** Bodies that are right for most inputs, so the transforms below run instead of failing early. */
const SMOOTH_BODIES = [
  'jnp.sum(x ** 2)',
  'jnp.sum(jnp.sin(x) * x)',
  'x ** 3',
  'jnp.tanh(x) * 2.',
  'jnp.dot(x, x) + jnp.sum(jnp.exp(-x))',
  'jax.nn.softmax(x)',
  'x[::-1] * x',
  'jnp.sum(x[1:] - x[:-1])',
  'jax.scipy.special.logsumexp(x)',
  'torch.sum(torch.sin(x))',
  '(x, jnp.sum(x))',
  '{"y": x * 2.}',
  'jnp.where(x > 0, x, 0.)',
  'jnp.linalg.norm(x)',
  'x.sum() * x.mean()',
  '(x.T @ x).sum()',
  'x.reshape(-1).dot(x.reshape(-1))',
  'x.pow(2).sum()',
  '(jnp.sum(x ** 2), x * 2.)',
  '[x, x * 2.]',
  'jnp.max(x) + jnp.min(x, axis=0)',
  'jax.lax.stop_gradient(x) * x',
  'jnp.stack([x, x], axis=-1)',
  'jnp.concatenate([x, x ** 2])',
  'x.at[0].set(1.)',
  'x[None]',
]

/** A transform wrapped around another (or a function): jax's and torch.func's, mixed at random. */
function transformed(depth: number): fc.Arbitrary<string> {
  const fn = fc.constantFrom('f', 'lambda x: f(x) * 2.', 'jnp.sin')
  if (depth <= 0) return fn
  return fc.oneof(
    { depthSize: 'small' },
    fn,
    fc.tuple(fc.constantFrom(...JAX_CALLS), transformed(depth - 1)).map(([t, inner]) => t.replace('F', inner)),
  )
}

/** A smooth f, then transforms (nested up to three deep) of it at random shapes and pytrees. */
export const pythonTransforms: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...SMOOTH_BODIES), fc.array(fc.tuple(transformed(3), shaped), { minLength: 1, maxLength: 3 }))
  .map(([body, calls]) =>
    [
      'import jax',
      'import jax.numpy as jnp',
      'import torch',
      's = 0.5',
      'v = jnp.array([0.5, -1., 2.])',
      'M = jnp.array([[1., 2., 3.], [0., -1., 0.5]])',
      'p = {"w": v, "b": s}',
      't = (s, v)',
      `def f(x):\n    return ${body}`,
      ...calls.map(([t, x]) => `${t}(${x})`),
    ].join('\n'),
  )

// -----------------------------------------------------------------------------------------------
// Corpus and its mutations

/** Valid Python cells as JAX and PyTorch users write them. */
export const PYTHON_CORPUS: string[] = [
  'import jax\nimport jax.numpy as jnp\nA = jnp.array([[0., 3., 2.], [1., 0., 3.], [2., 1., 0.]])\nx1 = jnp.array([0., 1., 2.])\ndef f(x):\n    return jnp.sum((A @ x) ** 2)\ng = jax.grad(f)\ng(x1)',
  'import jax\njax.value_and_grad(lambda t: t ** 3)(2.)',
  'from jax import grad, jit\njit(grad(grad(lambda t: t ** 3)))(2.)',
  'import jax.numpy as jnp\nx = jnp.array([10., 20., 30., 40.])\nx[-3:], x[10:], x[3:0:-1], x[::-1]',
  '7 // 2, -7 // 2, -7 % 3, 7 % -3, -2 ** 2',
  '1 < 2 < 3, 3 > 2 > 2, not 0',
  'def f(x, n=2):\n    return x ** n\nf(3.), f(3., n=3), f(n=1, x=5.)',
  'c = 1.\nadd_c = lambda x: x + c\nc = 5.\nadd_c(1.)',
  's = 0.\nfor i in range(4):\n    s += i\ns',
  '[i * i for i in range(5) if i % 2 == 0]',
  't = 0.\nfor i, v in enumerate([5., 6.]):\n    t += i * v\nt',
  'import jax\nimport jax.numpy as jnp\ndef loss(p, x):\n    return jnp.sum((p["w"] * x + p["b"]) ** 2)\njax.grad(loss)({"w": 2., "b": 1.}, jnp.array([1., 2.]))',
  'import jax\nimport jax.numpy as jnp\njax.vmap(lambda x: jnp.dot(x, x))(jnp.ones((3, 2)))',
  'import jax\nimport jax.numpy as jnp\njax.jvp(jnp.sin, (1.,), (1.,))',
  'import jax\ny, f_vjp = jax.vjp(lambda x: x ** 2, 3.)\nf_vjp(1.)',
  'import jax\nimport jax.numpy as jnp\njax.hessian(lambda x: jnp.sum(x ** 3))(jnp.array([1., 2.]))',
  'import torch\nfrom torch.func import grad, jacrev, hessian\nx = torch.tensor([1., 2., 3.])\ngrad(lambda x: torch.sum(x ** 2))(x), hessian(lambda x: torch.sum(torch.sin(x)))(x)',
  'import torch\nx = torch.tensor([1., 2.])\ntorch.autograd.functional.jacobian(lambda x: x ** 2, x)',
  'import torch\ntorch.func.grad_and_value(lambda x: torch.sum(x * x))(torch.tensor([1., 2.]))',
  'import jax.numpy as jnp\nM = jnp.array([[1., 2.], [3., 4.]])\nM[1], M[:, -1], jnp.linalg.det(M), jnp.linalg.inv(M)',
  'import jax\nimport jax.numpy as jnp\njax.nn.softmax(jnp.array([1., 2., 3.])), jax.scipy.special.logsumexp(jnp.zeros(2))',
  'import numpy as np\nnp.ones((2, 3)) + np.array([1., 2., 3.])',
]

const INSERTS = [
  '',
  '(',
  ')',
  '[',
  ']',
  ',',
  ':',
  '=',
  '.',
  ' ',
  '    ',
  '\t',
  '\n',
  '\n    ',
  '-',
  '*',
  '**',
  'lambda',
  '"',
  '#',
  '1.',
]

/** A valid corpus cell with one to three mutations: nearly valid Python. */
export const pythonMutated: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...PYTHON_CORPUS), fc.array(mutationOf(INSERTS), { minLength: 1, maxLength: 3 }))
  .map(([src, ms]) => ms.reduce((s, m) => m(s), src))

/** Cells at the edges: sizes negative or huge, empty arrays, transforms given the wrong things. */
export const PYTHON_EDGES: string[] = [
  'import jax.numpy as jnp\njnp.arange(1e12)',
  'import jax.numpy as jnp\njnp.ones((-1, 2))',
  'import jax.numpy as jnp\njnp.eye(100000)',
  'import torch\ntorch.ones(2, -3)',
  'import jax.numpy as jnp\njnp.arange(0, 1, 0)',
  "import jax.numpy as jnp\njnp.arange(float('nan'))",
  'import jax.numpy as jnp\njnp.array([[1., 2.], [3.]])',
  'import jax.numpy as jnp\njnp.array([[], []])',
  'import jax.numpy as jnp\njnp.mean(jnp.ones(0))',
  'import jax.numpy as jnp\njnp.linalg.inv(jnp.zeros((2, 2)))',
  'import jax.numpy as jnp\njnp.sum(jnp.ones(3), axis=(0, 0))',
  'import jax.numpy as jnp\njnp.ones(3)[::0]',
  'import jax.numpy as jnp\njnp.ones(3)[10**20]',
  'import jax\nimport jax.numpy as jnp\njax.vmap(lambda x: x)(jnp.ones(0))',
  'import jax\nimport jax.numpy as jnp\njax.vmap(lambda x: x, in_axes=5)(jnp.ones(3))',
  'import jax\njax.grad(lambda x: x, argnums=1.5)(1.)',
  'import jax\njax.grad(lambda x: (x, 1.), has_aux=True)(1.)',
  'import jax\njax.grad(lambda x: 1.)({"a": []})',
  'import jax\njax.jvp(lambda x: x, (), ())',
  'import jax\ny, b = jax.vjp(lambda x: {"a": x}, 1.)\nb(1.)',
  'import jax\njax.hessian(lambda x: x)({"a": 1.})',
  'import torch\ntorch.autograd.functional.hvp(lambda x: torch.sum(x), torch.ones(2), torch.ones(3))',
  'import torch\ntorch.tensor([None])',
  'def f(x):\n    return f(x)\nf(1.)',
  'while True:\n    pass',
  '2 ** 10000',
  'range(0, 10, 0)',
  'a, b = (1., 2., 3.)',
  '>>> def f(x):\n...     return x\n',
  'import jax\njax.tree_util.tree_map(lambda a: a, {"a": [1., (2., 3.)]}, {"a": 1.})',
  'import jax.numpy as jnp\njnp.linspace(0., 1., -3)',
  'import jax.numpy as jnp\njnp.linspace(0., 1., 1e9)',
  'import jax.numpy as jnp\njnp.stack([])',
  'import jax.numpy as jnp\njnp.concatenate([jnp.ones(2), jnp.ones((2, 2))])',
  'import jax.numpy as jnp\njnp.max(jnp.ones(0))',
  'import jax.numpy as jnp\njnp.ones(6).reshape(-1, -1)',
  'x = 1\ndef f():\n    x += 1\n    return x\nf()',
  'import jax\n@jax.custom_vjp\ndef f(x):\n    return x\nf.defvjp(1, 2)\njax.grad(f)(1.)',
]

/** Everything the Python robustness property runs on. */
export const anyPythonCell: fc.Arbitrary<string> = fc.oneof(
  anyText,
  pythonHostileText,
  pythonTokenSoup,
  pythonProgram,
  pythonTransforms,
  pythonTransforms,
  pythonTapes,
  pythonTapes,
  pythonMutated,
  fc.constantFrom(...PYTHON_CORPUS),
  fc.constantFrom(...PYTHON_EDGES),
)
