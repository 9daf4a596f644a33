// Python cells with TensorFlow's GradientTape. Oracles: the seed's numbers (f(x) = Σ(Ax)², its
// gradient 2AᵀAx = [16, 44, 64] at x1, H = 2AᵀA, and the sum trap's H·1 = [20, 36, 44]), closed
// forms, and central differences.
import { describe, expect, it } from 'vitest'
import { SEED_HESSIAN, failure, numbers, run } from './cells.ts'
import { concrete } from '../../../../engine/ad/value.ts'
import { Scope } from '../../../../engine/language/scope.ts'
import { runCell } from '../../../../engine/notebook/run.ts'
import { analyzeCell } from '../../../../engine/language/analysis.ts'

const SEED = `import tensorflow as tf
A = tf.constant([[0., 3., 2.], [1., 0., 3.], [2., 1., 0.]])
x1 = tf.constant([0., 1., 2.])
def f(x):
    return tf.reduce_sum(tf.linalg.matvec(A, x) ** 2)`

const H = SEED_HESSIAN

const close = (got: unknown, want: number[], digits = 6) => {
  const g = got as number[]
  expect(g.length).toBe(want.length)
  g.forEach((x, i) => expect(x).toBeCloseTo(want[i]!, digits))
}

describe('GradientTape on the seed example', () => {
  it('tape.gradient(y, x) is 2AᵀAx1 = [16, 44, 64], and y is f(x1) = 86', () => {
    const tape = `with tf.GradientTape() as tape:
    tape.watch(x1)
    y = f(x1)
`
    expect(numbers(run(SEED, tape, 'tape.gradient(y, x1)'))).toEqual([16, 44, 64])
    expect(numbers(run(SEED, tape, 'y'))).toEqual([86])
  })

  it('after the block x1 is the constant again: a computation outside the tape is not recorded', () => {
    const cells = [
      SEED,
      `with tf.GradientTape() as tape:
    tape.watch(x1)
    y = f(x1)
z = f(x1)`,
      'tape.gradient(z, x1)',
    ]
    expect(run(...cells)).toBeUndefined()
  })

  it('nested tapes: the outer tape of the inner gradient (a vector) is the sum trap, H·1 = [20, 36, 44]', () => {
    const cell = `with tf.GradientTape() as t2:
    t2.watch(x1)
    with tf.GradientTape() as t1:
        t1.watch(x1)
        y = f(x1)
    g = t1.gradient(y, x1)
h = t2.gradient(g, x1)`
    expect(numbers(run(SEED, cell, 'g'))).toEqual([16, 44, 64])
    expect(numbers(run(SEED, cell, 'h'))).toEqual([20, 36, 44])
  })

  it("nested tapes: the outer tape's jacobian of the gradient is the Hessian 2AᵀA", () => {
    const cell = `with tf.GradientTape() as t2:
    t2.watch(x1)
    with tf.GradientTape() as t1:
        t1.watch(x1)
        y = f(x1)
    g = t1.gradient(y, x1)
J = t2.jacobian(g, x1)`
    expect(numbers(run(SEED, cell, 'J'))).toEqual(H)
  })

  it('tape2.gradient(tape1.gradient(y, x), x) inside the outer block, not after it, and with two tapes in one with', () => {
    const oneLine = `with tf.GradientTape() as t2:
    t2.watch(x1)
    with tf.GradientTape() as t1:
        t1.watch(x1)
        y = f(x1)
    g = t1.gradient(y, x1)
t2.gradient(g, x1)`
    expect(numbers(run(SEED, oneLine))).toEqual([20, 36, 44])
    const insideOuter = `with tf.GradientTape(persistent=True) as t2:
    t2.watch(x1)
    with tf.GradientTape() as t1:
        t1.watch(x1)
        y = f(x1)
    h = t2.gradient(t1.gradient(y, x1), x1)
h`
    expect(numbers(run(SEED, insideOuter))).toEqual([20, 36, 44])
    // As in TensorFlow, the inner gradient taken after the outer block is not recorded by the outer tape: None.
    const afterBoth = `with tf.GradientTape() as t2:
    t2.watch(x1)
    with tf.GradientTape() as t1:
        t1.watch(x1)
        y = f(x1)
t2.gradient(t1.gradient(y, x1), x1)`
    expect(run(SEED, afterBoth)).toBeUndefined()
    const together = `with tf.GradientTape() as t2, tf.GradientTape() as t1:
    t2.watch(x1)
    t1.watch(x1)
    y = f(x1)
    g = t1.gradient(y, x1)
t2.gradient(g, x1)`
    expect(numbers(run(SEED, together))).toEqual([20, 36, 44])
  })

  it('tape.jacobian of Ax is A, and of the gradient 2AᵀAx (one tape, persistent) it is 2AᵀA', () => {
    const cell = `with tf.GradientTape(persistent=True) as tape:
    tape.watch(x1)
    u = tf.linalg.matvec(A, x1)
    g = 2. * tf.linalg.matvec(tf.transpose(A), u)
`
    const withTranspose = `${SEED}\nimport numpy as np`
    const c = cell.replace('tf.transpose', 'np.transpose')
    expect(numbers(run(withTranspose, c, 'tape.jacobian(u, x1)'))).toEqual([0, 3, 2, 1, 0, 3, 2, 1, 0])
    expect(numbers(run(withTranspose, c, 'tape.jacobian(g, x1)'))).toEqual(H)
    // The sum trap in the tape's own words: the gradient of a vector is the Jacobian's column sums.
    expect(numbers(run(withTranspose, c, 'tape.gradient(g, x1)'))).toEqual([20, 36, 44])
  })
})

describe('GradientTape rules', () => {
  it("a non-persistent tape used twice gives TensorFlow's error; a persistent one answers twice", () => {
    const cell = (p: string) => `import tensorflow as tf
x = tf.constant(3.)
with tf.GradientTape(${p}) as tape:
    tape.watch(x)
    y = x * x
    z = y * y
a = tape.gradient(y, x)
b = tape.gradient(z, x)`
    expect(failure(cell(''))).toContain(
      'A non-persistent GradientTape can only be used to compute one set of gradients',
    )
    // d(x²)/dx = 2x = 6, d(x⁴)/dx = 4x³ = 108
    expect(numbers(run(cell('persistent=True'), '(a, b)'))).toEqual([[6], [108]])
  })

  it('None for a watched source the target does not depend on; a list of sources gives a list', () => {
    const cell = `import tensorflow as tf
x = tf.constant(2.)
z = tf.constant(5.)
with tf.GradientTape() as tape:
    tape.watch(x)
    tape.watch(z)
    y = tf.sin(x) * x
gs = tape.gradient(y, (x, z))`
    // d(x sin x)/dx = sin x + x cos x
    close(numbers(run(cell, 'gs[0]')), [Math.sin(2) + 2 * Math.cos(2)])
    expect(run(cell, 'gs[1]')).toBeUndefined()
    expect(numbers(run(cell, 'len(gs)'))).toEqual([2])
    // A list [x, z] of two numbers is one stacked array in a cell: the tape says to write a tuple.
    expect(failure(cell.replace('(x, z)', '[x, z]'))).toContain('write a tuple')
  })

  it("several watched sources each get their own gradient: d(x z²) = (z², 2xz), and a model's (W, b)", () => {
    const cell = `import tensorflow as tf
x = tf.constant(3.)
z = tf.constant(2.)
with tf.GradientTape() as tape:
    tape.watch(x)
    tape.watch(z)
    y = x * z ** 2
gx, gz = tape.gradient(y, (x, z))`
    expect(numbers(run(cell, '(gx, gz)'))).toEqual([[4], [12]])
    // loss = Σ(Wu + b)²: ∂/∂W = 2 r uᵀ, ∂/∂b = 2 r, with r = Wu + b
    const model = `import tensorflow as tf
W = tf.Variable([[1., 2.], [0., -1.]])
b = tf.Variable([0.5, 1.])
u = tf.constant([2., 1.])
with tf.GradientTape() as tape:
    r = tf.linalg.matvec(W, u) + b
    loss = tf.reduce_sum(r ** 2)
gW, gb = tape.gradient(loss, (W, b))`
    // r = (4.5, 0)
    expect(numbers(run(model, 'gW'))).toEqual([18, 9, 0, 0])
    expect(numbers(run(model, 'gb'))).toEqual([9, 0])
  })

  it('a tape inside a def watches the argument: d/dx Σx³ = 3x², point after point', () => {
    const cell = `import tensorflow as tf
def grad_of(x):
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum(x ** 3)
    return tape.gradient(y, x)
gs = [grad_of(tf.constant([a, 2. * a])) for a in [1., 2.]]`
    expect(numbers(run(cell, 'gs'))).toEqual([3, 12, 12, 48])
  })

  it('tf.Variable is watched without tape.watch; a constant is not (None)', () => {
    const cell = `import tensorflow as tf
w = tf.Variable([1., 2.])
c = tf.constant([3., 4.])
with tf.GradientTape() as tape:
    y = tf.reduce_sum(tf.exp(w) * c)
gw, gc = tape.gradient(y, (w, c))`
    close(numbers(run(cell, 'gw')), [3 * Math.E, 4 * Math.exp(2)])
    expect(run(cell, 'gc')).toBeUndefined()
    const untrained = cell.replace('tf.Variable([1., 2.])', 'tf.Variable([1., 2.], trainable=False)')
    expect(run(untrained, 'gw')).toBeUndefined()
    const unwatched = cell.replace('tf.GradientTape()', 'tf.GradientTape(watch_accessed_variables=False)')
    expect(run(unwatched, 'gw')).toBeUndefined()
  })

  it('matches central differences for tanh, log, square and reduce_mean of a matrix product', () => {
    const cell = `import tensorflow as tf
W = tf.constant([[0.5, -1.], [2., 0.3]])
x = tf.constant([[0.7, 0.2], [1.1, -0.4]])
def loss(x):
    h = tf.tanh(tf.matmul(W, x))
    return tf.reduce_mean(tf.square(h)) + tf.math.log(tf.reduce_sum(tf.exp(x)))
with tf.GradientTape() as tape:
    tape.watch(x)
    y = loss(x)
g = tape.gradient(y, x)`
    const g = numbers(run(cell, 'g')) as number[]
    const step = 1e-6
    const fd = [0, 1, 2, 3].map((i) => {
      const e = (d: number) => [0, 1, 2, 3].map((j) => (j === i ? d : 0))
      const at = (d: number) => {
        const [a, b, c, k] = e(d)
        return (numbers(run(cell, `loss(x + tf.constant([[${a}, ${b}], [${c}, ${k}]]))`)) as number[])[0]!
      }
      return (at(step) - at(-step)) / (2 * step)
    })
    close(g, fd, 6)
  })

  it('output_gradients gives vᵀJ, and reduce_sum with axis and keepdims has the right shape', () => {
    const cell = `${SEED}
with tf.GradientTape() as tape:
    tape.watch(x1)
    u = tf.linalg.matvec(A, x1)
v = tape.gradient(u, x1, output_gradients=tf.constant([1., 0., 0.]))`
    // the first row of A
    expect(numbers(run(cell, 'v'))).toEqual([0, 3, 2])
    expect(numbers(run(SEED, 'tf.reduce_sum(A, axis=0)'))).toEqual([3, 4, 5])
    expect(numbers(run(SEED, 'tf.reduce_sum(A, 1, keepdims=True)'))).toEqual([5, 4, 3])
    expect(numbers(run(SEED, 'tf.ones([2, 3])'))).toEqual([1, 1, 1, 1, 1, 1])
    expect(numbers(run(SEED, 'tf.zeros(2)'))).toEqual([0, 0])
  })

  it('a with on anything but a tape, a watch outside the block, tf.gradients, and tf.matmul of a vector say what to write', () => {
    expect(failure('x = 3\nwith x as y:\n    z = 1')).toContain('with works here on a tf.GradientTape() only')
    expect(failure(SEED, 'tape = tf.GradientTape()\ntape.watch(x1)')).toContain("inside the tape's block")
    const msg = failure(SEED, 'tf.gradients(f(x1), x1)')
    expect(msg).toContain('tf.gradients is not supported when eager execution is enabled')
    expect(msg).toContain('sum-trap lesson')
    expect(failure(SEED, 'tf.matmul(A, x1)')).toContain('tf.linalg.matvec')
  })

  it('an error inside the block puts the watched names back', () => {
    const cells = [
      SEED,
      `with tf.GradientTape() as tape:
    tape.watch(x1)
    y = undefined_name`,
    ]
    const scope = new Scope(null)
    for (const c of cells) runCell(c, scope, 'python')
    expect(concrete(scope.vars.get('x1') as never)).toBe(scope.vars.get('x1'))
  })

  it('a cell with a tape block defines the tape and what the block assigns (for the reactive notebook)', () => {
    const cell = `x = tf.constant(1.)
with tf.GradientTape() as tape:
    tape.watch(x)
    y = x * x
g = tape.gradient(y, x)`
    const a = analyzeCell(cell, 'python')
    expect(a.defines).toEqual(['x', 'tape', 'y', 'g'])
    expect(a.uses).toEqual(['tf'])
  })
})

describe('TensorFlow array functions', () => {
  it('tf.reshape takes a list shape with one -1; tf.transpose reverses the axes; ones_like, zeros_like', () => {
    const X = 'import tensorflow as tf\nx = tf.constant([[1., 2., 3.], [4., 5., 6.]])'
    expect(numbers(run(X, 'tf.reshape(x, [3, -1])[0]'))).toEqual([1, 2])
    expect(numbers(run(X, 'tf.transpose(x)'))).toEqual([1, 4, 2, 5, 3, 6])
    expect(numbers(run(X, 'tf.ones_like(x[0]) + tf.zeros_like(x[0])'))).toEqual([1, 1, 1])
  })

  it('a list of Variables as sources gives a list of gradients: loss = Σ W·b, ∂W = 1bᵀ, ∂b = column sums of W', () => {
    const cell =
      'import tensorflow as tf\nW = tf.Variable([[1., 2.], [3., 4.]])\nb = tf.Variable([1., 1.])\nwith tf.GradientTape() as tape:\n    loss = tf.reduce_sum(tf.linalg.matvec(W, b))\ntape.gradient(loss, [W, b])'
    expect(numbers(run(cell))).toEqual([
      [1, 1, 1, 1],
      [4, 6],
    ])
  })
})

describe('a list of scalar Variables stays a list', () => {
  it('tape.gradient(loss, [w, b]) after and inside the block: r = 3w + b - 4 = 3, ∂w = 6r, ∂b = 2r', () => {
    const setup = 'import tensorflow as tf\nw = tf.Variable(2.)\nb = tf.Variable(1.)'
    const block = 'with tf.GradientTape() as tape:\n    loss = (w * 3. + b - 4.) ** 2'
    expect(numbers(run(setup, block, 'tape.gradient(loss, [w, b])'))).toEqual([[18], [6]])
    expect(numbers(run(setup, `${block}\n    g = tape.gradient(loss, [w, b])`, 'g'))).toEqual([[18], [6]])
  })
})
