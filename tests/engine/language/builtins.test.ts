/**
 * Every builtin under the name lessons use, called from the language. Values are checked
 * against closed forms, hand computations and plain loops; derivatives against mathjs's symbolic
 * derivative of the same scalar expression (a separate mathjs instance, used only by tests);
 * the seed session's numbers against 2AᵀA worked out by hand.
 */
import { describe, expect, it } from 'vitest'
import { BUILTINS } from '../../../engine/standard.ts'
import {
  A,
  SEED_PRELUDE,
  X1,
  expectNear,
  lit,
  mathDerivative,
  mathValue,
  matmulPlain,
  num,
  run,
  runError,
  session,
  transposePlain,
} from './helpers.ts'

const METHODS = ['forward-over-reverse', 'reverse-over-reverse', 'forward-over-forward', 'reverse-over-forward']

describe('the builtin table', () => {
  it('has every name the lessons use', () => {
    const names = [
      ...['exp', 'log', 'sin', 'cos', 'tan', 'tanh', 'sqrt', 'abs', 'abs2', 'sign'],
      ...['sum', 'prod', 'dot', 'norm', 'det', 'inv', 'transpose', 'concat', 'reshape', 'size', 'length'],
      ...['zeros', 'ones', 'identity', 'basis', 'map', 'ifelse', 'max', 'min'],
      ...['derivative', 'gradient', 'pullback', 'vjp', 'jvp', 'jacobian', 'jacfwd', 'jacrev', 'hessian', 'hvp'],
      'tf_gradients',
    ]
    for (const n of names) expect(BUILTINS.has(n), n).toBe(true)
    for (const [name, f] of BUILTINS) {
      expect(f.name).toBe(name)
      expect(run(name)).toEqual({ function: name })
    }
  })
})

describe('elementwise functions', () => {
  const cases: [string, (x: number) => number, number[]][] = [
    ['exp', Math.exp, [-1.5, 0, 0.7, 2]],
    ['log', Math.log, [0.2, 1, 2.5, 10]],
    ['sin', Math.sin, [-1, 0, 0.5, 3]],
    ['cos', Math.cos, [-1, 0, 0.5, 3]],
    ['tan', Math.tan, [-1, 0, 0.5, 1.2]],
    ['tanh', Math.tanh, [-2, 0, 0.5, 3]],
    ['sqrt', Math.sqrt, [0.25, 1, 2, 9]],
    ['abs', Math.abs, [-2.5, -1, 0.5, 3]],
    ['abs2', (x) => x * x, [-2.5, -1, 0.5, 3]],
    ['sign', Math.sign, [-2.5, -1, 0.5, 3]],
  ]

  it.each(cases)('%s of numbers, vectors and matrices, keeping the shape', (name, f, xs) => {
    for (const x of xs) expect(num(`${name}(${x})`)).toBeCloseTo(f(x), 14)
    expectNear(run(`${name}(${lit(xs)})`), xs.map(f), 1e-14)
    const M = [xs.slice(0, 2), xs.slice(2, 4)]
    expectNear(
      run(`${name}(${lit(M)})`),
      M.map((r) => r.map(f)),
      1e-14,
    )
  })

  it.each([
    ['exp', 'exp(x)', 0.7],
    ['log', 'log(x)', 2.5],
    ['sin', 'sin(x)', 0.5],
    ['cos', 'cos(x)', 0.5],
    ['tan', 'tan(x)', 0.9],
    ['tanh', 'tanh(x)', 0.5],
    ['sqrt', 'sqrt(x)', 2],
    ['abs', 'abs(x)', -1.5],
    ['abs2', 'x^2', -1.5],
  ])('the derivative of %s agrees with mathjs symbolically', (name, expr, x) => {
    const d1 = mathDerivative(expr, ['x'], { x })
    const d2 = mathDerivative(expr, ['x', 'x'], { x })
    expect(num(`derivative(${name}, ${x})`)).toBeCloseTo(d1, 12)
    expect(num(`derivative(u(x) = derivative(${name}, x), ${x})`)).toBeCloseTo(d2, 10)
  })

  it('sign has derivative 0 away from 0', () => {
    expect(num('derivative(sign, -2)')).toBe(0)
    expect(num('derivative(sign, 3)')).toBe(0)
  })
})

describe('derivatives of scalar expressions against mathjs symbolically', () => {
  const exprs: [string, number[]][] = [
    ['x^3 - 2*x + 1', [-1.3, 0.5, 2]],
    ['sin(x) * cos(x)', [0.2, 1.1]],
    ['exp(-x^2 / 2)', [-0.8, 0.6]],
    ['log(1 + x^2)', [-2, 0.3]],
    ['sqrt(1 + x^2) / x', [0.4, 1.7]],
    ['tanh(2 * x) - tan(x / 2)', [0.3, -0.9]],
    ['x * exp(sin(x))', [0.7, 2.2]],
    ['1 / (1 + exp(-x))', [-1, 0.25]],
    ['x^x', [0.5, 1.3]],
    ['abs(x) * x^2', [-1.5, 0.8]],
  ]

  for (const [expr, points] of exprs) {
    it(`f(x) = ${expr}: value, derivative, gradient, second derivative and all four Hessians`, () => {
      const s = session()
      s.run(`f(x) = ${expr}`)
      for (const x of points) {
        const at = { x }
        const d1 = mathDerivative(expr, ['x'], at)
        const d2 = mathDerivative(expr, ['x', 'x'], at)
        expect(s.run(`f(${x})`)).toBeCloseTo(mathValue(expr, at), 12)
        expectNear(s.run(`derivative(f, ${x})`), d1, 1e-11)
        expectNear(s.run(`gradient(f, ${x})`), d1, 1e-11)
        expectNear(s.run(`jvp(f, ${x}, 2)`), 2 * d1, 1e-11)
        expectNear(s.run(`vjp(f, ${x}, 3)`), 3 * d1, 1e-11)
        expectNear(s.run(`derivative(g(y) = derivative(f, y), ${x})`), d2, 1e-9)
        for (const m of METHODS) expectNear(s.run(`hessian(f, ${x}, "${m}")`), d2, 1e-9)
        expectNear(s.run(`hvp(f, ${x}, 1)`), d2, 1e-9)
      }
    })
  }
})

describe('gradients, Jacobians and Hessians of functions of vectors, against mathjs', () => {
  const VARS = ['a', 'b', 'c']
  /** The expression in a, b, c written as a function of one vector v. */
  const inV = (expr: string) =>
    VARS.reduce((e, name, i) => e.replace(new RegExp(`\\b${name}\\b`, 'g'), `v[${i + 1}]`), expr)

  const scalars: [string, number[]][] = [
    ['a^2 * b + sin(a * b) + exp(c) * a', [0.7, -1.2, 0.4]],
    ['log(1 + a^2 + b^2) * c + sqrt(c) * b', [0.5, 0.3, 2]],
    ['tanh(a * b - c) / (1 + c^2)', [1.1, 0.4, -0.3]],
  ]

  for (const [expr, point] of scalars) {
    it(`f(v) = ${expr}`, () => {
      const at = Object.fromEntries(VARS.map((n, i) => [n, point[i]!]))
      const grad = VARS.map((n) => mathDerivative(expr, [n], at))
      const H = VARS.map((r) => VARS.map((c) => mathDerivative(expr, [r, c], at)))
      const w = [0.5, -1, 2]
      const s = session()
      s.run(`f(v) = ${inV(expr)}\nx0 = ${lit(point)}\nw = ${lit(w)}`)
      expect(s.run('f(x0)')).toBeCloseTo(mathValue(expr, at), 12)
      expectNear(s.run('gradient(f, x0)'), grad, 1e-11)
      expectNear(s.run('pullback(f, x0).back(1)'), grad, 1e-11)
      expect(s.run('pullback(f, x0).value')).toBeCloseTo(mathValue(expr, at), 12)
      expectNear(
        s.run('vjp(f, x0, 2)'),
        grad.map((g) => 2 * g),
        1e-11,
      )
      expectNear(
        s.run('jvp(f, x0, w)'),
        grad.reduce((acc, g, i) => acc + g * w[i]!, 0),
        1e-11,
      )
      expectNear(s.run('jacobian(f, x0)'), grad, 1e-11)
      for (const m of METHODS) expectNear(s.run(`hessian(f, x0, "${m}")`), H, 1e-9)
      expectNear(s.run('hessian(f, x0)'), H, 1e-9)
      expectNear(s.run('jacobian(g(v) = gradient(f, v), x0)'), H, 1e-9)
      expectNear(
        s.run('hvp(f, x0, w)'),
        H.map((row) => row.reduce((acc, h, j) => acc + h * w[j]!, 0)),
        1e-9,
      )
    })
  }

  it('the Jacobian of a vector function, by jacobian, jacfwd, jacrev, jvp, vjp and pullback', () => {
    const outs = ['a * b^2', 'sin(a) + c * a', 'exp(b - c)', 'a * b * c']
    const point = [0.6, -0.4, 1.3]
    const at = Object.fromEntries(VARS.map((n, i) => [n, point[i]!]))
    const J = outs.map((e) => VARS.map((v) => mathDerivative(e, [v], at)))
    const s = session()
    s.run(`g(v) = [${outs.map(inV).join(', ')}]\nx0 = ${lit(point)}`)
    expectNear(
      s.run('g(x0)'),
      outs.map((e) => mathValue(e, at)),
      1e-12,
    )
    for (const fn of ['jacobian', 'jacfwd', 'jacrev']) expectNear(s.run(`${fn}(g, x0)`), J, 1e-11)
    const v = [1, 2, -1]
    expectNear(
      s.run(`jvp(g, x0, ${lit(v)})`),
      J.map((row) => row.reduce((acc, x, j) => acc + x * v[j]!, 0)),
      1e-11,
    )
    const u = [0, 1, 0, 0]
    expectNear(s.run(`vjp(g, x0, ${lit(u)})`), J[1]!, 1e-11)
    expectNear(s.run(`pullback(g, x0).back(${lit(u)})`), J[1]!, 1e-11)
    // tf_gradients pulls back all ones: the column sums of J
    expectNear(
      s.run('tf_gradients(g, x0)'),
      VARS.map((_, j) => J.reduce((acc, row) => acc + row[j]!, 0)),
      1e-11,
    )
  })

  it('derivative refuses a vector point; the transforms need a one-argument function', () => {
    expect(runError('derivative(sin, [1, 2])')).toContain('derivative is for functions of one number')
    expect(runError('f(x, y) = x * y\ngradient(f, 1)')).toContain(
      'gradient differentiates functions of one argument, but f takes 2 (x, y)',
    )
    expect(runError('gradient(1, 1)')).toContain('gradient needs a function as its first argument')
    expect(runError('gradient(f(x) = "s", 1)')).toContain('must return a number, vector or matrix')
    expect(runError('hessian(f(x) = 2 * x, [1, 2])')).toContain('needs a function with a scalar output')
  })
})

describe('the seed session: f(x) = sum(abs2, A * x)', () => {
  const AtA = matmulPlain(transposePlain(A), A)
  const H = AtA.map((row) => row.map((x) => 2 * x))
  const g1 = matmulPlain(
    H,
    X1.map((x) => [x]),
  ).map((r) => r[0]!)

  it('has the hand-computed value, gradient 2AᵀAx and Hessian 2AᵀA', () => {
    expect(H).toEqual([
      [10, 4, 6],
      [4, 20, 12],
      [6, 12, 26],
    ])
    expect(g1).toEqual([16, 44, 64])
    const s = session()
    s.run(SEED_PRELUDE)
    // A x1 = (7, 6, 1): 49 + 36 + 1
    expect(s.run('A * x1')).toEqual([7, 6, 1])
    expect(s.run('f(x1)')).toBe(86)
    expect(s.run('sum(abs2, A * x1)')).toBe(86)
    expect(s.run('g(x) = gradient(f, x)\ng(x1)')).toEqual(g1)
    expect(s.run("2 * A' * A * x1")).toEqual(g1)
    expect(s.run('jacobian(g, x1)')).toEqual(H)
    expect(s.run('H = hessian(f, x1)')).toEqual(H)
    for (const m of METHODS) expect(s.run(`hessian(f, x1, "${m}")`)).toEqual(H)
    expect(s.run("H == 2 * A' * A")).toEqual(H.map((r) => r.map(() => 1)))
  })

  it('gradient of the gradient fails; tf_gradients gives the column sums of H', () => {
    const s = session()
    s.run(SEED_PRELUDE + '\ng(x) = gradient(f, x)\nH = hessian(f, x1)')
    expect(s.runError('gradient(g, x1)')).toContain('returns a 3-vector')
    const colSums = [0, 1, 2].map((j) => H.reduce((acc, row) => acc + row[j]!, 0))
    expect(colSums).toEqual([20, 36, 44])
    expect(s.run('tf_gradients(g, x1)')).toEqual(colSums)
    expect(s.run("H' * ones(3)")).toEqual(colSums)
    expect(s.run('sum(H, 1)')).toEqual(colSums)
  })

  it('pullbacks of basis vectors are the rows of H; hvp of e1 is its first column', () => {
    const s = session()
    s.run(SEED_PRELUDE + '\ng(x) = gradient(f, x)\np = pullback(g, x1)')
    expect(s.run('p.value')).toEqual(g1)
    for (let i = 0; i < 3; i++) expect(s.run(`p.back(basis(3, ${i + 1}))`)).toEqual(H[i])
    expect(s.run('p.back(ones(3))')).toEqual([20, 36, 44])
    expect(s.run('hvp(f, x1, [1, 0, 0])')).toEqual(H.map((r) => r[0]))
    expect(s.run('hvp(f, x1, [1, 2, 3])')).toEqual(matmulPlain(H, [[1], [2], [3]]).map((r) => r[0]))
  })
})

describe('sum', () => {
  const M = '[1, 2, 3; 4, 5, 6]'

  it('adds everything, or along a 1-based dimension: 1 gives column sums, 2 row sums', () => {
    expect(run(`sum(${M})`)).toBe(21)
    expect(run(`sum(${M}, 1)`)).toEqual([5, 7, 9])
    expect(run(`sum(${M}, 2)`)).toEqual([6, 15])
    expect(run('sum([1, 2, 3])')).toBe(6)
    expect(run('sum([1, 2, 3], 1)')).toBe(6)
    expect(run('sum(5)')).toBe(5)
    expect(run('sum([])')).toBe(0)
  })

  it('sum(fn, X) adds fn of each element, as in Julia, with builtins, user and inline functions', () => {
    expect(run('sum(abs2, [1, -2, 3])')).toBe(14)
    expect(run('sum(abs, [1, -2; 3, -4])')).toBe(10)
    expect(run('q(t) = t ^ 3\nsum(q, [1, 2, 3])')).toBe(36)
    expect(run('sum(r(t) = 2 * t + 1, [1, 2, 3])')).toBe(15)
    // d/dx Σ x_i³ = 3x²
    expect(run('q(t) = t ^ 3\ngradient(h(x) = sum(q, x), [1, 2])')).toEqual([3, 12])
  })

  it('says what is wrong with its arguments', () => {
    expect(runError(`sum(${M}, 3)`)).toContain('sum: a 2×3 matrix has dimensions 1 to 2, not 3')
    expect(runError(`sum(${M}, 0)`)).toContain('not 0')
    expect(runError('sum(abs2)')).toContain('sum(fn, X) needs the tensor X after the function')
    expect(runError('sum(q(t) = [t, t], [1, 2])')).toContain('must return one number per element')
    expect(runError('sum("abc")')).toContain('sum needs a number, vector or matrix, but got a string')
  })
})

describe('products, norms and linear algebra', () => {
  it('prod multiplies the elements; its gradient is prod/x_i', () => {
    expect(run('prod([1, 2, 3, 4])')).toBe(24)
    expect(run('prod([1, 2; 3, 4])')).toBe(24)
    expect(run('gradient(prod, [1, 2, 3, 4])')).toEqual([24, 12, 8, 6])
  })

  it('dot is Σ x_i y_i; its gradient in x is y', () => {
    expect(run('dot([1, 2, 3], [4, 5, 6])')).toBe(32)
    expect(run('gradient(f(x) = dot(x, [4, 5, 6]), [1, 2, 3])')).toEqual([4, 5, 6])
    expect(runError('dot([1, 2], [1, 2, 3])')).toMatch(/2-vector.*3-vector/)
  })

  it('norm is the Euclidean (Frobenius) norm; its gradient is x/|x|', () => {
    expect(run('norm([3, 4])')).toBe(5)
    expect(num('norm([1, 2; 3, 4])')).toBeCloseTo(Math.sqrt(30), 14)
    expectNear(run('gradient(norm, [3, 4])'), [0.6, 0.8], 1e-14)
  })

  it('det: by hand, and its gradient is the cofactor matrix', () => {
    expect(run('det([1, 2; 3, 4])')).toBe(-2)
    // by the first row: 2(3·2 - 2·1) - 0 + 1(1·1 - 3·1) = 8 - 2 = 6
    expectNear(run('det([2, 0, 1; 1, 3, 2; 1, 1, 2])'), 6, 1e-12)
    // ∂det/∂[a b; c d] = [d -c; -b a]
    expectNear(
      run('gradient(det, [1, 2; 3, 4])'),
      [
        [4, -3],
        [-2, 1],
      ],
      1e-12,
    )
    expect(runError('det([1, 2, 3])')).toContain('det needs a square matrix, got a 3-vector')
  })

  it('inv: by the 2×2 formula, and A inv(A) = I', () => {
    expectNear(
      run('inv([1, 2; 3, 4])'),
      [
        [-2, 1],
        [1.5, -0.5],
      ],
      1e-12,
    )
    expectNear(
      run('B = [4, 1, 0; 1, 3, 1; 0, 1, 2]\nB * inv(B)'),
      [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
      1e-12,
    )
    expect(runError('inv([1, 2; 2, 4])')).toContain('singular')
  })

  it('transpose swaps rows and columns, like the postfix quote', () => {
    const M = [
      [1, 2, 3],
      [4, 5, 6],
    ]
    expect(run(`transpose(${lit(M)})`)).toEqual(transposePlain(M))
    expect(run(`transpose(transpose(${lit(M)}))`)).toEqual(M)
  })
})

describe('building and shaping tensors', () => {
  it('concat joins along the last dimension, or a trailing 1-based one; other numbers count as 1-vectors', () => {
    expect(run('concat([1, 2], [3], [4, 5])')).toEqual([1, 2, 3, 4, 5])
    expect(run('concat(1, [2, 3])')).toEqual([1, 2, 3])
    expect(run('concat([1, 2; 3, 4], [5, 6; 7, 8])')).toEqual([
      [1, 2, 5, 6],
      [3, 4, 7, 8],
    ])
    expect(run('concat([1, 2; 3, 4], [5, 6; 7, 8], 1)')).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
      [7, 8],
    ])
    expect(run('gradient(f(x) = sum(concat(x, 2 * x) .^ 2), [1, 2])')).toEqual([10, 20])
    expect(runError('concat([1, 2], [3, 4], 2)')).toContain('concat: there is no dimension 2 to join along')
  })

  it('reshape keeps the elements in row order and checks their count', () => {
    expect(run('reshape(1:6, [2, 3])')).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ])
    expect(run('reshape([1, 2; 3, 4], [4])')).toEqual([1, 2, 3, 4])
    expect(run('reshape(1:8, [2, 2, 2])')).toEqual([
      [
        [1, 2],
        [3, 4],
      ],
      [
        [5, 6],
        [7, 8],
      ],
    ])
    expect(runError('reshape([1, 2, 3], [2, 2])')).toContain('a 3-vector has 3 elements, a 2×2 matrix needs 4')
  })

  it('size and length', () => {
    expect(run('size([1, 2, 3; 4, 5, 6])')).toEqual([2, 3])
    expect(run('size([1, 2, 3])')).toEqual([3])
    expect(run('size(7)')).toEqual([])
    expect(run('length([1, 2, 3; 4, 5, 6])')).toBe(6)
  })

  it('zeros, ones, identity and basis', () => {
    expect(run('zeros(3)')).toEqual([0, 0, 0])
    expect(run('zeros(2, 3)')).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ])
    expect(run('ones([2, 2])')).toEqual([
      [1, 1],
      [1, 1],
    ])
    expect(run('ones(2)')).toEqual([1, 1])
    expect(run('identity(3)')).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ])
    expect(run('basis(4, 1)')).toEqual([1, 0, 0, 0])
    expect(run('basis(4, 4)')).toEqual([0, 0, 0, 1])
    expect(runError('basis(3, 4)')).toContain('the index must be between 1 and 3')
    expect(runError('zeros(-1)')).toContain('must be a whole number, but got -1')
    expect(runError('zeros(1.5)')).toContain('must be a whole number, but got 1.5')
    expect(runError('zeros(100000, 100000)')).toContain('limit')
  })
})

describe('map, ifelse, max and min', () => {
  it('map applies a builtin, a user function or an inline one to each element, keeping the shape', () => {
    expectNear(run('map([0, 1, 2], sin)'), [0, 1, 2].map(Math.sin), 1e-15)
    expect(run('sq(t) = t ^ 2\nmap([1, 2; 3, 4], sq)')).toEqual([
      [1, 4],
      [9, 16],
    ])
    expect(run('map([1, 2, 3], g(v) = v > 1 ? 10 * v : -v)')).toEqual([-1, 20, 30])
    // d/dx Σ x_i³ through map
    expect(run('gradient(f(x) = sum(map(x, c(t) = t ^ 3)), [1, 2])')).toEqual([3, 12])
    expect(runError('map([1, 2], q(t) = [t, t])')).toContain('must return one number per element')
    expect(runError('map([1, 2], 3)')).toContain('map needs a function')
  })

  it('ifelse chooses elementwise, and differentiates through the chosen side', () => {
    expect(run('ifelse([1, 0, 1], [1, 2, 3], [4, 5, 6])')).toEqual([1, 5, 3])
    // relu: slope 1 where x > 0, else 0
    expect(run('gradient(r(x) = sum(ifelse(x > 0, x, 0 * x)), [-1, 2, 3])')).toEqual([0, 1, 1])
  })

  it('max and min pairwise (elementwise) and over all elements', () => {
    expect(run('max(3, 5)')).toBe(5)
    expect(run('min(3, 5)')).toBe(3)
    expect(run('max([1, 7, 2])')).toBe(7)
    expect(run('min([4, 2; 9, 3])')).toBe(2)
    expect(run('max([1, 5], [3, 2])')).toEqual([3, 5])
    expect(run('min([1, 5], [3, 2])')).toEqual([1, 2])
    expect(run('max([1, -2, 3], 0)')).toEqual([1, 0, 3])
    // the slope goes to the larger argument
    expect(run('gradient(f(x) = max(x[1], x[2]), [1, 4])')).toEqual([0, 1])
    expect(runError('max(1:0)')).toContain('max of an empty tensor is undefined')
  })
})
