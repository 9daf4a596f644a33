// Python cells run with JAX's names and conventions. Oracles: the seed's numbers (its README),
// closed forms, and central differences.
import { describe, expect, it } from 'vitest'
import { SEED_HESSIAN, failure, numbers, run } from './cells.ts'

const SEED = `import jax
import jax.numpy as jnp
A = jnp.array([[0., 3., 2.], [1., 0., 3.], [2., 1., 0.]])
x1 = jnp.array([0., 1., 2.])
def f(x):
    return jnp.sum((A @ x) ** 2)
g = jax.grad(f)`

describe('the seed example, the JAX way', () => {
  it('f(x1) = 86 and its gradient is 2AᵀAx1 = [16, 44, 64]', () => {
    expect(numbers(run(SEED, 'f(x1)'))).toEqual([86])
    expect(numbers(run(SEED, 'g(x1)'))).toEqual([16, 44, 64])
  })

  it('the Hessian is 2AᵀA, by jax.hessian and by jacfwd of the gradient (forward over reverse)', () => {
    const H = SEED_HESSIAN
    expect(numbers(run(SEED, 'jax.hessian(f)(x1)'))).toEqual(H)
    expect(numbers(run(SEED, 'jax.jacfwd(jax.grad(f))(x1)'))).toEqual(H)
    expect(numbers(run(SEED, 'jax.jacrev(g)(x1)'))).toEqual(H)
  })

  it("grad of grad is refused with JAX's words and the course's explanation", () => {
    const message = failure(SEED, 'jax.grad(g)(x1)')
    expect(message).toMatch(/Gradient only defined for scalar-output functions\. Output had shape: \(3,\)/)
    expect(message).toMatch(/jax\.jacfwd\(jax\.grad\(f\)\)/)
  })

  it('pulling back the all-ones vector through the gradient is the sum trap: [20, 36, 44]', () => {
    expect(numbers(run(SEED, 'y, g_vjp = jax.vjp(g, x1)', 'g_vjp(jnp.ones(3))'))).toEqual([[20, 36, 44]])
  })

  it('a Hessian-vector product in one forward pass over the gradient: H·[1, 2, 3] = [36, 80, 108]', () => {
    const out = run(SEED, 'jax.jvp(g, (x1,), (jnp.array([1., 2., 3.]),))')
    expect(numbers(out)).toEqual([
      [16, 44, 64],
      [36, 80, 108],
    ])
  })
})

describe('JAX conventions', () => {
  it('argnums picks arguments; a tuple of argnums gives a tuple of gradients', () => {
    const def = 'import jax\nh = lambda a, b: a ** 2 * b'
    expect(numbers(run(def, 'jax.grad(h, argnums=1)(3., 2.)'))).toEqual([9])
    expect(numbers(run(def, 'jax.grad(h, argnums=(0, 1))(3., 2.)'))).toEqual([[12], [9]])
    expect(failure(def, 'jax.grad(h, argnums=2)(3., 2.)')).toMatch(/argnums 2 does not name one of the 2 arguments/)
  })

  it('value_and_grad gives (value, gradient)', () => {
    expect(numbers(run('import jax', 'jax.value_and_grad(lambda t: t ** 3)(2.)'))).toEqual([[8], [12]])
  })

  it('parameters as a dict (a pytree): the gradient is a dict of the same keys', () => {
    // loss = (w·x + b)² at w = [1, 2], b = 0.5, x = [1, 1]: r = 3.5, ∂w = 2r·x, ∂b = 2r.
    const out = run(
      'import jax\nimport jax.numpy as jnp',
      'p = {"w": jnp.array([1., 2.]), "b": 0.5}\nloss = lambda p, x: (jnp.dot(p["w"], x) + p["b"]) ** 2',
      'jax.grad(loss)(p, jnp.array([1., 1.]))',
    )
    expect(numbers(out)).toEqual({ w: [7, 7], b: [7] })
  })

  it('a tuple of parameters gives a tuple of gradients', () => {
    const out = run('import jax', 'jax.grad(lambda wb: wb[0] * 3. + wb[1])((2., 5.))')
    expect(numbers(out)).toEqual([[3], [1]])
  })

  it('vmap maps over the leading axis, in_axes None holds an argument fixed', () => {
    expect(
      numbers(
        run(
          'import jax\nimport jax.numpy as jnp',
          'jax.vmap(lambda v: jnp.dot(v, v))(jnp.array([[1., 2.], [3., 4.]]))',
        ),
      ),
    ).toEqual([5, 25])
    const fixed = run(
      'import jax\nimport jax.numpy as jnp',
      'jax.vmap(lambda v, c: v * c, in_axes=(0, None))(jnp.array([1., 2., 3.]), 10.)',
    )
    expect(numbers(fixed)).toEqual([10, 20, 30])
  })

  it('vmap of grad: per-example gradients agree with central differences', () => {
    const out = numbers(
      run(
        'import jax\nimport jax.numpy as jnp',
        'jax.vmap(jax.grad(lambda v: jnp.sum(jnp.sin(v) * v)))(jnp.array([[0.3, 1.2], [2.0, -0.7]]))',
      ),
    ) as number[]
    const fd = (t: number) => ((t + 1e-6) * Math.sin(t + 1e-6) - (t - 1e-6) * Math.sin(t - 1e-6)) / 2e-6
    ;[0.3, 1.2, 2.0, -0.7].forEach((t, i) => expect(out[i]).toBeCloseTo(fd(t), 7))
  })

  it('a branch on a batched value is refused with what to write', () => {
    const msg = failure(
      'import jax\nimport jax.numpy as jnp\ndef r(v):\n    if v > 0:\n        return v\n    return -v',
      'jax.vmap(r)(jnp.array([1., -2.]))',
    )
    expect(msg).toMatch(/batched value.*jnp\.where/)
  })

  it('from-imports and jit (which changes nothing here)', () => {
    expect(numbers(run('from jax import grad, jit', 'jit(grad(grad(lambda t: t ** 3)))(2.)'))).toEqual([12])
  })

  it('an unknown module says what is built in', () => {
    expect(failure('import scipy')).toMatch(
      /the module scipy is not available here: jax, numpy, torch, tensorflow are built in/,
    )
  })
})

describe("Python's own meaning", () => {
  it('indexing from 0, negatives from the end, slices exclude the stop', () => {
    const xs = 'import jax.numpy as jnp\nx = jnp.array([10., 20., 30., 40.])'
    expect(numbers(run(xs, 'x[-3:], x[10:], x[3:0:-1]'))).toEqual([[20, 30, 40], [], [40, 30, 20]])
    expect(numbers(run(xs, 'M = jnp.array([[1., 2.], [3., 4.]])\nM[1], M[:, -1]'))).toEqual([
      [3, 4],
      [2, 4],
    ])
    expect(numbers(run(xs, 'x[0], x[-1], x[1:3], x[::-1], x[::2]'))).toEqual([
      [10],
      [40],
      [20, 30],
      [40, 30, 20, 10],
      [10, 30],
    ])
  })

  it("// floors and % takes the divisor's sign", () => {
    expect(numbers(run('7 // 2, -7 // 2, -7 % 3, 7 % -3'))).toEqual([[3], [-4], [2], [-2]])
  })

  it('** and unary minus: -2 ** 2 is -4', () => {
    expect(numbers(run('-2 ** 2'))).toEqual([-4])
  })

  it('NumPy broadcasting lines shapes up from the right', () => {
    const out = run('import jax.numpy as jnp', 'jnp.ones((2, 3)) + jnp.array([1., 2., 3.])')
    expect(numbers(out)).toEqual([2, 3, 4, 2, 3, 4])
  })

  it('@: matrix times vector, vector times matrix, and two vectors give their dot product', () => {
    const m = 'import jax.numpy as jnp\nA = jnp.array([[1., 2.], [3., 4.]])\nv = jnp.array([1., 1.])'
    expect(numbers(run(m, 'A @ v, v @ A, v @ v'))).toEqual([[3, 7], [4, 6], [2]])
  })

  it('chained comparisons and truth values', () => {
    expect(numbers(run('1 < 2 < 3, 3 > 2 > 2, not 0'))).toEqual([true, false, true])
    expect(failure('import jax.numpy as jnp', 'if jnp.array([1., 2.]) > 0:\n    y = 1')).toMatch(
      /must be a single true or false, not a 2-vector/,
    )
  })

  it('def with a default and a keyword argument; closures see the value at call time (late binding)', () => {
    expect(numbers(run('def f(x, n=2):\n    return x ** n', 'f(3.), f(3., n=3), f(n=1, x=5.)'))).toEqual([
      [9],
      [27],
      [5],
    ])
    expect(failure('def f(x, n=2):\n    return x ** n', 'f(3., x=2.)')).toMatch(/got two values for its argument x/)
    expect(failure('def f(x, n=2):\n    return x ** n', 'f(n=3)')).toMatch(/missing its argument x/)
    expect(numbers(run('c = 1.\nadd_c = lambda x: x + c\nc = 5.', 'add_c(1.)'))).toEqual([6])
  })

  it('loops, comprehensions, range, len, enumerate and zip', () => {
    expect(numbers(run('s = 0.\nfor i in range(4):\n    s += i\ns'))).toEqual([6])
    expect(numbers(run('[i * i for i in range(5) if i % 2 == 0]'))).toEqual([0, 4, 16])
    expect(numbers(run('t = 0.\nfor i, v in enumerate([5., 6.]):\n    t += i * v\nt'))).toEqual([6])
    expect(numbers(run('len([1., 2., 3.]), sum([a * b for a, b in zip([1., 2.], [3., 4.])])'))).toEqual([[3], [11]])
  })

  it('writing into an array is refused with what to do', () => {
    expect(failure('import jax.numpy as jnp\nx = jnp.zeros(3)\nx[0] = 1.')).toMatch(
      /cannot be changed in place.*jnp\.where/,
    )
  })

  it('jnp reductions take a 0-based axis', () => {
    const m = 'import jax.numpy as jnp\nM = jnp.array([[1., 2.], [3., 4.]])'
    expect(numbers(run(m, 'jnp.sum(M), jnp.sum(M, axis=0), jnp.mean(M, axis=1), jnp.sum(M, axis=-1)'))).toEqual([
      [10],
      [4, 6],
      [1.5, 3.5],
      [3, 7],
    ])
  })
})

describe('imports that name core functions', () => {
  it("from jax import hessian, jacfwd binds JAX's own functions", () => {
    const out = run(
      'from jax import hessian, jacfwd\nimport jax.numpy as jnp',
      'hessian(lambda x: jnp.sum(x ** 3))(jnp.array([1., 2.]))',
    )
    expect(numbers(out)).toEqual([6, 0, 0, 12])
    expect(
      numbers(run('from jax import jacfwd\nimport jax.numpy as jnp', 'jacfwd(lambda x: x ** 2)(jnp.array([3.]))')),
    ).toEqual([6])
  })
})

describe('Python scopes and the last small meanings', () => {
  it('names assigned in a loop stay after it, the loop variable too', () => {
    expect(numbers(run('for i in range(3):\n    g = i * 2.', 'g, i'))).toEqual([[4], [2]])
    expect(numbers(run('k = 0\nwhile k < 2:\n    k += 1\n    w = k * 10.', 'w'))).toEqual([20])
  })

  it("a nested def's assignment makes its own local, leaving the enclosing function's alone", () => {
    expect(
      numbers(
        run('def f(x):\n    y = 1.\n    def g():\n        y = 2.\n        return y\n    g()\n    return y', 'f(0.)'),
      ),
    ).toEqual([1])
  })

  it('x is None and x is not None', () => {
    expect(numbers(run('x = None\ny = 1.', 'x is None, y is None, y is not None'))).toEqual([true, false, true])
  })

  it('range(10 ** 12) is refused, not allocated', () => {
    expect(failure('for i in range(10 ** 12):\n    pass')).toMatch(/range/)
  })
})
