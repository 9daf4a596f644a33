// Coverage of the elementwise functions learners type from JAX's, PyTorch's and TensorFlow's docs:
// each call's value against plain JavaScript, and (differentiable ones) its derivative by the
// library's own transform against central differences of the same JavaScript. Binary functions are
// also checked broadcast from the right, a (2, 3) against a (3,), as NumPy lines shapes up.
import { describe, expect, it } from 'vitest'
import { numbers, run } from './cells.ts'

type Case = [name: string, f: (...x: number[]) => number, args: number[], smooth?: boolean]

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x))
const softplus = (x: number) => Math.log1p(Math.exp(x))
const roundHalfEven = (x: number) => {
  const r = Math.round(x)
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r
}

/** NumPy's names (jnp.NAME), the JavaScript oracle, an argument, and whether it has a derivative. */
const NUMPY: Case[] = [
  ['arcsin', Math.asin, [0.3]],
  ['arccos', Math.acos, [0.3]],
  ['arctan', Math.atan, [0.7]],
  ['sinh', Math.sinh, [0.7]],
  ['cosh', Math.cosh, [0.7]],
  ['tanh', Math.tanh, [0.7]],
  ['arcsinh', Math.asinh, [0.7]],
  ['arccosh', Math.acosh, [1.7]],
  ['arctanh', Math.atanh, [0.4]],
  ['exp2', (x) => 2 ** x, [0.7]],
  ['log2', Math.log2, [0.7]],
  ['log10', Math.log10, [0.7]],
  ['cbrt', Math.cbrt, [0.7]],
  ['square', (x) => x * x, [0.7]],
  ['reciprocal', (x) => 1 / x, [0.7]],
  ['negative', (x) => -x, [0.7]],
  ['absolute', Math.abs, [-0.7]],
  ['abs', Math.abs, [-0.7]],
  ['sign', Math.sign, [-0.7], false],
  ['deg2rad', (x) => (x * Math.PI) / 180, [30]],
  ['rad2deg', (x) => (x * 180) / Math.PI, [0.7]],
  ['floor', Math.floor, [-0.7], false],
  ['ceil', Math.ceil, [-0.7], false],
  ['trunc', Math.trunc, [-0.7], false],
  ['round', roundHalfEven, [2.5], false],
  ['exp', Math.exp, [0.7]],
  ['log', Math.log, [0.7]],
  ['log1p', Math.log1p, [0.7]],
  ['expm1', Math.expm1, [0.7]],
  ['sqrt', Math.sqrt, [0.7]],
  ['arctan2', Math.atan2, [0.7, -0.4]],
  ['hypot', Math.hypot, [0.7, -0.4]],
  ['logaddexp', (a, b) => Math.log(Math.exp(a) + Math.exp(b)), [0.7, -0.4]],
  ['power', (a, b) => a ** b, [0.7, 2.5]],
  ['float_power', (a, b) => a ** b, [0.7, 2.5]],
  ['maximum', Math.max, [0.7, -0.4]],
  ['minimum', Math.min, [0.7, -0.4]],
  ['fmax', Math.max, [0.7, -0.4]],
  ['fmin', Math.min, [0.7, -0.4]],
  ['mod', (a, b) => a - b * Math.floor(a / b), [2.7, -0.4]],
  ['remainder', (a, b) => a - b * Math.floor(a / b), [2.7, 0.4]],
  ['fmod', (a, b) => a % b, [-2.7, 0.4]],
  ['add', (a, b) => a + b, [0.7, -0.4]],
  ['subtract', (a, b) => a - b, [0.7, -0.4]],
  ['multiply', (a, b) => a * b, [0.7, -0.4]],
  ['divide', (a, b) => a / b, [0.7, -0.4]],
]

/** torch's names: torch.NAME(x) as the same NumPy function. */
const TORCH: Case[] = [
  ['asin', Math.asin, [0.3]],
  ['acos', Math.acos, [0.3]],
  ['atan', Math.atan, [0.7]],
  ['sinh', Math.sinh, [0.7]],
  ['cosh', Math.cosh, [0.7]],
  ['asinh', Math.asinh, [0.7]],
  ['acosh', Math.acosh, [1.7]],
  ['atanh', Math.atanh, [0.4]],
  ['atan2', Math.atan2, [0.7, -0.4]],
  ['log2', Math.log2, [0.7]],
  ['log10', Math.log10, [0.7]],
  ['exp2', (x) => 2 ** x, [0.7]],
  ['reciprocal', (x) => 1 / x, [0.7]],
  ['square', (x) => x * x, [0.7]],
  ['pow', (a, b) => a ** b, [0.7, 2.5]],
  ['hypot', Math.hypot, [0.7, -0.4]],
  ['logaddexp', (a, b) => Math.log(Math.exp(a) + Math.exp(b)), [0.7, -0.4]],
  ['sigmoid', sigmoid, [0.7]],
  ['logit', (p) => Math.log(p / (1 - p)), [0.3]],
  ['floor', Math.floor, [-0.7], false],
  ['ceil', Math.ceil, [-0.7], false],
  ['round', roundHalfEven, [-2.5], false],
  ['neg', (x) => -x, [0.7]],
  // torch.fmod keeps the dividend's sign (C's fmod), torch.remainder the divisor's (Python's %).
  ['fmod', (a, b) => a % b, [-2.7, 0.4]],
  ['remainder', (a, b) => a - b * Math.floor(a / b), [-2.7, 0.4]],
  ['exp', Math.exp, [0.7]],
  ['tanh', Math.tanh, [0.7]],
]

/** tf.math's names. */
const TF: Case[] = [
  ['asin', Math.asin, [0.3]],
  ['acos', Math.acos, [0.3]],
  ['atan', Math.atan, [0.7]],
  ['sinh', Math.sinh, [0.7]],
  ['cosh', Math.cosh, [0.7]],
  ['asinh', Math.asinh, [0.7]],
  ['acosh', Math.acosh, [1.7]],
  ['atanh', Math.atanh, [0.4]],
  ['atan2', Math.atan2, [0.7, -0.4]],
  ['log1p', Math.log1p, [0.7]],
  ['expm1', Math.expm1, [0.7]],
  ['tan', Math.tan, [0.7]],
  ['square', (x) => x * x, [0.7]],
  ['sqrt', Math.sqrt, [0.7]],
  ['reciprocal', (x) => 1 / x, [0.7]],
  ['sigmoid', sigmoid, [0.7]],
  ['softplus', softplus, [0.7]],
  ['log_sigmoid', (x) => -softplus(-x), [0.7]],
  ['pow', (a, b) => a ** b, [0.7, 2.5]],
  ['maximum', Math.max, [0.7, -0.4]],
  ['minimum', Math.min, [0.7, -0.4]],
  ['multiply', (a, b) => a * b, [0.7, -0.4]],
  ['floor', Math.floor, [-0.7], false],
]

/** ∂f/∂(first argument) by central differences. */
const slope = (f: (...x: number[]) => number, args: number[]) => {
  const h = 1e-6
  const [x, ...rest] = args
  return (f(x! + h, ...rest) - f(x! - h, ...rest)) / (2 * h)
}

const literal = (x: number) => (Number.isInteger(x) ? `${x}.` : String(x))
const only = (v: unknown) => (numbers(v as never) as number[])[0]!

const J = 'import jax\nimport jax.numpy as jnp'

describe('jax.numpy: every name, its value and its jax.grad', () => {
  it.each(NUMPY)('jnp.%s', (name, f, args, smooth = true) => {
    const call = `jnp.${name}(${args.map(literal).join(', ')})`
    expect(only(run(J, call))).toBeCloseTo(f(...args), 12)
    const rest = args.slice(1).map(literal)
    const grad = `jax.grad(lambda t: jnp.${name}(${['t', ...rest].join(', ')}))(${literal(args[0]!)})`
    expect(only(run(J, grad))).toBeCloseTo(smooth ? slope(f, args) : 0, 6)
  })

  it.each(NUMPY.filter(([, , a]) => a.length === 2))(
    'jnp.%s broadcasts a (2, 3) with a (3,) from the right',
    (name, f) => {
      const A = [
        [0.5, 1.5, 2.5],
        [3.5, 0.25, 1.25],
      ]
      const b = [0.75, 1.5, 2.25]
      const got = numbers(run(J, `jnp.${name}(jnp.array(${JSON.stringify(A)}), jnp.array(${JSON.stringify(b)}))`))
      const want = A.flatMap((row) => row.map((a, j) => f(a, b[j]!)))
      ;(got as number[]).forEach((g, i) => expect(g).toBeCloseTo(want[i]!, 12))
    },
  )

  it('clip holds x between its bounds (a_min / a_max, min / max, or one of them None); its slope is 1 inside', () => {
    expect(numbers(run(J, 'jnp.clip(jnp.array([-2., 0.5, 3.]), -1., 1.)'))).toEqual([-1, 0.5, 1])
    expect(numbers(run(J, 'jnp.clip(jnp.array([-2., 3.]), a_max=1.)'))).toEqual([-2, 1])
    expect(numbers(run(J, 'jnp.clip(jnp.array([-2., 3.]), min=0.)'))).toEqual([0, 3])
    expect(numbers(run(J, 'jax.grad(lambda t: jnp.sum(jnp.clip(t, -1., 1.)))(jnp.array([-2., 0.5, 3.]))'))).toEqual([
      0, 1, 0,
    ])
  })

  it('jax.nn.softplus, jax.nn.gelu, jax.scipy.special.expit and logit', () => {
    const x = 0.7
    const gelu = (v: number) => 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v ** 3)))
    expect(only(run(J, `jax.nn.softplus(${x})`))).toBeCloseTo(softplus(x), 12)
    expect(only(run(J, `jax.grad(jax.nn.softplus)(${x})`))).toBeCloseTo(sigmoid(x), 10)
    expect(only(run(J, `jax.nn.softplus(800.)`))).toBe(800) // no overflow
    expect(only(run(J, `jax.nn.gelu(${x})`))).toBeCloseTo(gelu(x), 12)
    expect(only(run(J, `jax.grad(jax.nn.gelu)(${x})`))).toBeCloseTo(slope(gelu, [x]), 6)
    expect(only(run(J, 'import jax.scipy.special\njax.scipy.special.expit(0.7)'))).toBeCloseTo(sigmoid(x), 12)
    expect(only(run(J, 'jax.scipy.special.logit(0.3)'))).toBeCloseTo(Math.log(0.3 / 0.7), 12)
  })

  it('hypot is 0 at (0, 0) with a finite slope and does not overflow; logaddexp does not overflow; round takes halves to even', () => {
    expect(only(run(J, 'jnp.hypot(0., 0.)'))).toBe(0)
    expect(only(run(J, 'jnp.hypot(3e200, 4e200)')) / 5e200).toBeCloseTo(1, 14)
    expect(only(run(J, 'jnp.logaddexp(1000., 1000.)'))).toBeCloseTo(1000 + Math.LN2, 10)
    expect(Number.isFinite(only(run(J, 'jax.grad(lambda t: jnp.hypot(t, 0.))(0.)')))).toBe(true)
    expect(numbers(run(J, 'jnp.round(jnp.array([0.5, 1.5, 2.5, -0.5, -1.5, 0.4]))'))).toEqual([0, 2, 2, -0, -2, 0])
  })
})

describe('torch: every name, its value and torch.func.grad', () => {
  it.each(TORCH)('torch.%s', (name, f, args, smooth = true) => {
    const T = 'import torch'
    const tensors = args.map((a) => `torch.tensor(${literal(a)})`)
    expect(only(run(T, `torch.${name}(${tensors.join(', ')})`))).toBeCloseTo(f(...args), 12)
    const grad = `torch.func.grad(lambda t: torch.${name}(${['t', ...tensors.slice(1)].join(', ')}))(${tensors[0]})`
    expect(only(run(T, grad))).toBeCloseTo(smooth ? slope(f, args) : 0, 6)
  })

  it('torch.clamp(x, min=, max=) and torch.clamp(x, lo, hi)', () => {
    const T = 'import torch\nx = torch.tensor([-2., 0.5, 3.])'
    expect(numbers(run(T, 'torch.clamp(x, min=-1., max=1.)'))).toEqual([-1, 0.5, 1])
    expect(numbers(run(T, 'torch.clamp(x, 0., 1.)'))).toEqual([0, 0.5, 1])
    expect(numbers(run(T, 'torch.clamp(x, min=0.)'))).toEqual([0, 0.5, 3])
  })
})

describe('tf.math: every name, its value and GradientTape', () => {
  it.each(TF)('tf.math.%s', (name, f, args, smooth = true) => {
    const consts = args.map((a) => `tf.constant(${literal(a)})`)
    const T = `import tensorflow as tf\nx = tf.Variable(${literal(args[0]!)})`
    expect(only(run(T, `tf.math.${name}(${consts.join(', ')})`))).toBeCloseTo(f(...args), 12)
    const tape = `with tf.GradientTape() as tape:\n    y = tf.math.${name}(${['x', ...consts.slice(1)].join(', ')})\n`
    expect(only(run(T, tape, 'tape.gradient(y, x)'))).toBeCloseTo(smooth ? slope(f, args) : 0, 6)
  })

  it('the top-level names are the same functions (tf.asin, tf.atan2, tf.sinh)', () => {
    const T = 'import tensorflow as tf'
    expect(numbers(run(T, 'tf.asin(0.3), tf.atan2(0.7, -0.4), tf.sinh(0.7)'))).toEqual([
      [Math.asin(0.3)],
      [Math.atan2(0.7, -0.4)],
      [Math.sinh(0.7)],
    ])
  })
})

describe('array functions by the libraries’ names', () => {
  const S = `${J}\nimport torch\nimport tensorflow as tf\nA = jnp.array([[2., 1.], [1., 3.]])\nv = jnp.array([1., 2.])`
  it('jnp: full, hstack, vstack, ravel, diag, diagonal, trace, matmul, vdot, inner, sinc, dtype names', () => {
    expect(numbers(run(S, 'jnp.full((2,), 3.), jnp.hstack([v, v]), jnp.vstack([v, v]), jnp.ravel(A)'))).toEqual([
      [3, 3],
      [1, 2, 1, 2],
      [1, 2, 1, 2],
      [2, 1, 1, 3],
    ])
    expect(
      numbers(run(S, 'jnp.diag(v), jnp.diagonal(A), jnp.trace(A), jnp.matmul(A, v), jnp.vdot(A, A), jnp.inner(v, v)')),
    ).toEqual([[1, 0, 0, 2], [2, 3], [5], [4, 7], [15], [5]])
    expect(only(run(S, 'jnp.sinc(0.5)'))).toBeCloseTo(Math.sin(Math.PI / 2) / (Math.PI / 2), 12)
    expect(only(run(S, 'jax.grad(jnp.sinc)(0.)'))).toBe(0)
    expect(numbers(run(S, 'jnp.zeros(2, dtype=jnp.float32)'))).toEqual([0, 0])
    expect(numbers(run(S, 'jnp.amax(A), jnp.amin(A), tf.reduce_prod(A), tf.norm(v)'))).toEqual([
      [3],
      [1],
      [6],
      [Math.sqrt(5)],
    ])
  })

  it('jnp.var and jnp.std (ddof, axis) and their gradients 2(x - x̄)/n', () => {
    const x = [1, 2, 4]
    const m = 7 / 3
    const v = x.reduce((s, t) => s + (t - m) ** 2, 0) / 3
    expect(only(run(S, 'jnp.var(jnp.array([1., 2., 4.]))'))).toBeCloseTo(v, 12)
    expect(only(run(S, 'jnp.std(jnp.array([1., 2., 4.]), ddof=1)'))).toBeCloseTo(Math.sqrt((v * 3) / 2), 12)
    expect(numbers(run(S, 'jnp.var(A, axis=0)'))).toEqual([0.25, 1])
    const g = numbers(run(S, 'jax.grad(jnp.var)(jnp.array([1., 2., 4.]))')) as number[]
    g.forEach((gi, i) => expect(gi).toBeCloseTo((2 * (x[i]! - m)) / 3, 12))
  })

  it('jax.nn.log_softmax, torch.nn.functional, tf.nn, tf.linalg, tf.concat, tf.stack, tf.reduce_max', () => {
    const lse = Math.log(Math.exp(1) + Math.exp(2))
    const ls = numbers(run(S, 'jax.nn.log_softmax(v)')) as number[]
    ;[1 - lse, 2 - lse].forEach((w, i) => expect(ls[i]).toBeCloseTo(w, 12))
    expect(numbers(run(S, 'u = torch.tensor([-1., 2.])', 'torch.nn.functional.relu(u), torch.outer(u, u)'))).toEqual([
      [0, 2],
      [1, -2, -2, 4],
    ])
    const sm = numbers(run(S, 'torch.nn.functional.softmax(torch.tensor([1., 2.]), dim=0)')) as number[]
    expect(sm[1]).toBeCloseTo(Math.exp(2) / (Math.exp(1) + Math.exp(2)), 12)
    expect(
      numbers(run(S, 'F = tf.constant([[2., 1.], [1., 3.]])', 'tf.nn.relu(-F), tf.linalg.det(F), tf.reduce_max(F)')),
    ).toEqual([[0, 0, 0, 0], [5], [3]])
    const inv = numbers(run(S, 'tf.linalg.inv(tf.constant([[2., 1.], [1., 3.]]))')) as number[]
    ;[0.6, -0.2, -0.2, 0.4].forEach((w, i) => expect(inv[i]).toBeCloseTo(w, 12))
    expect(numbers(run(S, 'tf.concat([v, v], axis=0), tf.stack([v, v])'))).toEqual([
      [1, 2, 1, 2],
      [1, 2, 1, 2],
    ])
  })
})
