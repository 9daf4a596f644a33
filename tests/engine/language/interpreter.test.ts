/**
 * The notebook language itself: assignments, function definitions that are closures, inline
 * definitions as arguments, records and calls through fields, strings, indexing and slicing,
 * operators and broadcasting, matrix literals, conditionals, nested differentiation written in
 * the language, the errors a learner meets (what went wrong and where), and safety: user text is
 * never JavaScript. Expected numbers come from closed forms and hand computations.
 */
import { describe, expect, it } from 'vitest'
import { readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { LangError, Scope, evaluate, parseStatement, runCell, toJson } from '../../../engine/standard.ts'
import type { Expr } from '../../../engine/language/syntax/tree.ts'
import { failure, lit, matmulPlain, num, run, runError, session, transposePlain, value } from './helpers.ts'

describe('assignments and names', () => {
  it('binds a value to a name that later statements and cells read', () => {
    const s = session()
    expect(s.run('a = 2\nb = a * 3\na + b')).toBe(8)
    expect(s.run('b - a')).toBe(4)
  })

  it('gives the assigned value as the statement value, and rebinding replaces it', () => {
    const s = session()
    expect(s.run('x = [1, 2]')).toEqual([1, 2])
    expect(s.run('x = 5')).toBe(5)
    expect(s.run('x')).toBe(5)
  })

  it('chains assignments', () => {
    expect(run('a = b = 3\na + b')).toBe(6)
  })

  it('knows the constants pi, e and Inf', () => {
    expect(num('pi')).toBe(Math.PI)
    expect(num('e')).toBe(Math.E)
    expect(run('Inf')).toBe('Infinity')
    expect(run('-Inf')).toBe('-Infinity')
  })

  it('has booleans, which count as 0 and 1 in arithmetic', () => {
    expect(run('true')).toBe(true)
    expect(run('false')).toBe(false)
    expect(run('true + true')).toBe(2)
    expect(run('[1, 2] * true')).toEqual([1, 2])
  })
})

describe('function definitions', () => {
  it('defines a function and calls it, the definition being its value', () => {
    const s = session()
    expect(s.run('sq(x) = x ^ 2')).toEqual({ function: 'sq(x) = x ^ 2' })
    expect(s.run('sq(7)')).toBe(49)
    expect(s.run('sq(-0.5)')).toBe(0.25)
    expect(s.run('sq(sq(2))')).toBe(16)
  })

  it('takes several arguments and none', () => {
    const s = session()
    s.run('h(a, b, c) = a * 100 + b * 10 + c')
    expect(s.run('h(1, 2, 3)')).toBe(123)
    s.run('k() = 42')
    expect(s.run('k()')).toBe(42)
  })

  it('looks names up when called, so a later definition of a global is seen', () => {
    const s = session()
    s.run('g(x) = x + c')
    s.run('c = 10')
    expect(s.run('g(1)')).toBe(11)
    s.run('c = 20')
    expect(s.run('g(1)')).toBe(21)
  })

  it('keeps arguments local: they shadow globals and do not leak out', () => {
    const s = session()
    s.run('x = 100')
    s.run('f(x) = x * 2')
    expect(s.run('f(3)')).toBe(6)
    expect(s.run('x')).toBe(100)
  })

  it('makes closures: an inner definition sees the outer function’s arguments', () => {
    const s = session()
    s.run('h(a) = gradient(q(v) = a * sum(v .* v), [1, 2])')
    // d/dv a·Σv² = 2a·v
    expect(s.run('h(3)')).toEqual([6, 12])
    expect(s.run('h(-0.5)')).toEqual([-1, -2])
  })

  it('makes closures that outlive the call that made them', () => {
    const s = session()
    s.run('adder(a) = add(x) = x + a')
    s.run('add5 = adder(5)')
    expect(s.run('add5(1)')).toBe(6)
    expect(s.run('adder(2)(10)')).toBe(12)
  })

  it('calls the function value on the left of f(x)(y)', () => {
    const s = session()
    s.run('sq(x) = x ^ 2')
    s.run('pick(k) = sq')
    expect(s.run('pick(0)(3)')).toBe(9)
    expect(s.run('(sq)(4)')).toBe(16)
  })

  it('passes functions as values, under new names too', () => {
    const s = session()
    s.run('twice(fn, x) = fn(fn(x))')
    s.run('inc(x) = x + 1')
    expect(s.run('twice(inc, 5)')).toBe(7)
    expect(s.run('twice(sqrt, 81)')).toBe(3)
    s.run('k = inc')
    expect(s.run('k(1)')).toBe(2)
  })

  it('takes an inline definition as an argument without defining its name', () => {
    const s = session()
    // ∇ ½|v|² = v
    expect(s.run('gradient(q(v) = sum(v .* v) / 2, [3, 4])')).toEqual([3, 4])
    expect(s.runError('q')).toContain('q is not defined')
  })

  it('runs recursion that ends', () => {
    const s = session()
    s.run('fact(n) = n <= 1 ? 1 : n * fact(n - 1)')
    expect(s.run('fact(10)')).toBe(3628800)
    s.run('depth(n) = n > 0 ? depth(n - 1) + 1 : 0')
    expect(s.run('depth(150)')).toBe(150)
  })
})

describe('records: the pullback object, and literals', () => {
  it('reads fields with a dot and calls a function-valued field', () => {
    const s = session()
    s.run('g(x) = [x[1] * x[2], x[1] + x[3], x[3] ^ 2]')
    s.run('p = pullback(g, [2, 3, 4])')
    expect(s.run('p.value')).toEqual([6, 6, 16])
    // J = [3 2 0; 1 0 1; 0 0 8]; the pullback of e3 is row 3, of (1, 1, 0) rows 1 + 2
    expect(s.run('p.back([0, 0, 1])')).toEqual([0, 0, 8])
    expect(s.run('p.back([1, 1, 0])')).toEqual([4, 2, 1])
    expect(s.run('pullback(g, [2, 3, 4]).back([1, 0, 0])')).toEqual([3, 2, 0])
  })

  it('builds records from literals', () => {
    const s = session()
    expect(s.run('r = {a: 1, b: [1, 2]}')).toEqual({ a: 1, b: [1, 2] })
    expect(s.run('r.b')).toEqual([1, 2])
    expect(s.run('{k: 3}.k')).toBe(3)
  })
})

describe('strings', () => {
  it('are values, in double or single quotes, with escapes', () => {
    expect(run('"forward-over-reverse"')).toBe('forward-over-reverse')
    expect(run("'abc'")).toBe('abc')
    expect(run('"a\\"b"')).toBe('a"b')
  })

  it('keep # and ; inside them', () => {
    expect(run('s = "a#b;c" # a comment\ns')).toBe('a#b;c')
  })

  it('compare equal and unequal', () => {
    expect(run('"a" == "a"')).toBe(1)
    expect(run('"a" == "b"')).toBe(0)
    expect(run('"a" != "b"')).toBe(1)
  })

  it('name the Hessian method', () => {
    const s = session()
    s.run('f(x) = x[1] ^ 2 * x[2]')
    for (const m of ['forward-over-reverse', 'reverse-over-reverse', 'forward-over-forward', 'reverse-over-forward']) {
      s.run(`m = "${m}"`)
      // H of a²b at (3, 5): [2b 2a; 2a 0]
      expect(s.run('hessian(f, [3, 5], m)')).toEqual([
        [10, 6],
        [6, 0],
      ])
    }
  })
})

describe('indexing and slicing (1-based)', () => {
  const X = 'x = [10, 20, 30, 40]\n'
  const M = 'A = [1, 2, 3; 4, 5, 6]\n'

  it('picks elements of a vector from 1, with end for the last', () => {
    expect(run(X + 'x[1]')).toBe(10)
    expect(run(X + 'x[4]')).toBe(40)
    expect(run(X + 'x[end]')).toBe(40)
    expect(run(X + 'x[end - 1]')).toBe(30)
  })

  it('slices with ranges, end and steps, and picks with a vector of indices', () => {
    expect(run(X + 'x[2:end]')).toEqual([20, 30, 40])
    expect(run(X + 'x[1:2]')).toEqual([10, 20])
    expect(run(X + 'x[1:2:4]')).toEqual([10, 30])
    expect(run(X + 'x[:]')).toEqual([10, 20, 30, 40])
    expect(run(X + 'x[[4, 1]]')).toEqual([40, 10])
  })

  it('takes an element, a row, a column and a block of a matrix', () => {
    expect(run(M + 'A[2, 3]')).toBe(6)
    expect(run(M + 'A[2, :]')).toEqual([4, 5, 6])
    expect(run(M + 'A[:, 1]')).toEqual([1, 4])
    expect(run(M + 'A[1, 2:end]')).toEqual([2, 3])
    expect(run(M + 'A[end, end]')).toBe(6)
    expect(run(M + 'A[:, 2:3]')).toEqual([
      [2, 3],
      [5, 6],
    ])
  })

  it('indexes inside differentiated functions', () => {
    // ∂/∂x (x1 x2², x3) at (1, 2, 3) = (4, 4, 0)
    expect(run('gradient(f(x) = x[1] * x[end - 1] ^ 2, [1, 2, 3])')).toEqual([4, 4, 0])
    expect(run('gradient(f(v) = sum(v[2:end]), [1, 2, 3])')).toEqual([0, 1, 1])
  })

  it('builds ranges as vectors', () => {
    expect(run('1:4')).toEqual([1, 2, 3, 4])
    expect(run('0:0.5:2')).toEqual([0, 0.5, 1, 1.5, 2])
    expect(run('5:-2:1')).toEqual([5, 3, 1])
    expect(run('5:1')).toEqual([])
  })
})

describe('operators', () => {
  it('does scalar arithmetic with the usual precedence', () => {
    expect(num('1 + 2 * 3 ^ 2 - 8 / 4')).toBe(17)
    expect(num('-2 ^ 2')).toBe(-4)
    expect(num('(1 + 2) * 3')).toBe(9)
    expect(num('2 ^ 10')).toBe(1024)
    expect(num('2 ^ 0.5')).toBeCloseTo(Math.SQRT2, 15)
  })

  it('does elementwise .* ./ .^ on tensors of one shape', () => {
    expect(run('[1, 2, 3] .* [4, 5, 6]')).toEqual([4, 10, 18])
    expect(run('[1, 2, 3] ./ [4, 5, 8]')).toEqual([0.25, 0.4, 0.375])
    expect(run('[1, 2, 3] .^ [2, 2, 3]')).toEqual([1, 4, 27])
    expect(run('[1, 2; 3, 4] .* [1, 0; 0, 1]')).toEqual([
      [1, 0],
      [0, 4],
    ])
  })

  it('broadcasts a scalar against a tensor, on either side', () => {
    expect(run('[1, 2] + 1')).toEqual([2, 3])
    expect(run('10 - [1, 2]')).toEqual([9, 8])
    expect(run('2 * [1, 2; 3, 4]')).toEqual([
      [2, 4],
      [6, 8],
    ])
    expect(run('[1, 2; 3, 4] / 2')).toEqual([
      [0.5, 1],
      [1.5, 2],
    ])
    expect(run('[1, 2, 3] .^ 2')).toEqual([1, 4, 9])
    expect(run('2 .^ [1, 2, 3]')).toEqual([2, 4, 8])
    expect(run('-[1, -2]')).toEqual([-1, 2])
  })

  it('multiplies matrices with *, a 1-D vector acting as a column', () => {
    const P = [
      [1, 2],
      [3, 4],
    ]
    const Q = [
      [0, 1],
      [1, 5],
    ]
    expect(run(`${lit(P)} * ${lit(Q)}`)).toEqual(matmulPlain(P, Q))
    // [1 2 3; 4 5 6] (1, 1, 1) = (6, 15)
    expect(run('[1, 2, 3; 4, 5, 6] * [1, 1, 1]')).toEqual([6, 15])
  })

  it("makes x' * y of two vectors a scalar, and x * y' their outer product", () => {
    expect(run("[1, 2, 3]' * [4, 5, 6]")).toBe(32)
    expect(run("x = [1, 2, 3]\nx' * x")).toBe(14)
    expect(run("[1, 2] * [3, 4]'")).toEqual([
      [3, 4],
      [6, 8],
    ])
  })

  it("transposes with ' and transpose()", () => {
    const M = [
      [1, 2, 3],
      [4, 5, 6],
    ]
    expect(run(`${lit(M)}'`)).toEqual(transposePlain(M))
    expect(run(`transpose(${lit(M)})`)).toEqual(transposePlain(M))
    expect(run("[1, 2]'")).toEqual([[1, 2]])
  })

  it('raises a square matrix to a whole power by repeated products', () => {
    // Fibonacci: [1 1; 1 0]^n = [F(n+1) F(n); F(n) F(n-1)]
    expect(run('[1, 1; 1, 0] ^ 5')).toEqual([
      [8, 5],
      [5, 3],
    ])
    expect(run('[2, 0; 0, 3] ^ 0')).toEqual([
      [1, 0],
      [0, 1],
    ])
    const M = [
      [1, 2],
      [0, 1],
    ]
    expect(run(`${lit(M)} ^ 3`)).toEqual(matmulPlain(matmulPlain(M, M), M))
  })

  it('compares elementwise, giving 1 for true and 0 for false, also in chains', () => {
    expect(run('3 < 5')).toBe(1)
    expect(run('3 >= 5')).toBe(0)
    expect(run('2 == 2')).toBe(1)
    expect(run('2 != 2')).toBe(0)
    expect(run('[1, 2, 3] > 2')).toEqual([0, 0, 1])
    expect(run('[1, 2, 3] <= [3, 2, 1]')).toEqual([1, 1, 0])
    expect(run('1 < 2 < 3')).toBe(1)
    expect(run('1 < 3 < 2')).toBe(0)
    expect(run('3 > 2 >= 2')).toBe(1)
  })

  it('has the logical operators not, and, or', () => {
    expect(run('not 0')).toBe(1)
    expect(run('not true')).toBe(0)
    expect(run('1 and 0')).toBe(0)
    expect(run('1 or 0')).toBe(1)
    expect(run('[1, 0] or [0, 0]')).toEqual([1, 0])
  })

  it('chooses with ? : by one condition, or elementwise by a tensor of them', () => {
    expect(run('2 > 1 ? 10 : 20')).toBe(10)
    expect(run('false ? 10 : 20')).toBe(20)
    expect(run('[1, -1, 3] > 0 ? 1 : -1')).toEqual([1, -1, 1])
    // Only the chosen branch runs: the other would fail.
    expect(run('1 > 0 ? 1 : nosuchname')).toBe(1)
  })

  it('differentiates through the branch ? : takes', () => {
    // |x| by cases: slope -1 left of 0, +1 right of it
    const s = session()
    s.run('a(x) = x < 0 ? -x : x')
    expect(s.run('derivative(a, -2)')).toBe(-1)
    expect(s.run('derivative(a, 3)')).toBe(1)
  })
})

describe('matrix and vector literals', () => {
  it('reads [a, b; c, d] as rows', () => {
    expect(run('[1, 2; 3, 4]')).toEqual([
      [1, 2],
      [3, 4],
    ])
    expect(run('[1, 2, 3]')).toEqual([1, 2, 3])
    expect(run('[[1, 2], [3, 4]]')).toEqual([
      [1, 2],
      [3, 4],
    ])
    expect(run('[]')).toEqual([])
  })

  it('stacks vectors [x; y] into one longer vector', () => {
    expect(run('u = [1, 2]\nw = [3, 4, 5]\n[u; w]')).toEqual([1, 2, 3, 4, 5])
  })

  it('computes entries from expressions and names', () => {
    expect(run('a = 2\n[a, a ^ 2; sqrt(a * 8), -a]')).toEqual([
      [2, 4],
      [4, -2],
    ])
  })
})

describe('cells: statements, silence, comments, continuation lines', () => {
  it('takes the last statement’s value as the cell’s', () => {
    expect(run('1\n2\n3')).toBe(3)
    expect(run('1; 2; 3')).toBe(3)
  })

  it('hides a value with a trailing ;', () => {
    expect(run('x = 1;')).toBeNull()
    expect(run('x = 1;\n')).toBeNull()
    expect(run('x = 1; # note')).toBeNull()
    expect(run('x = 1;\nx + 1')).toBe(2)
  })

  it('ignores comments after #, and comment-only lines', () => {
    expect(run('# a comment\nx = 2 # two\n# another\nx * 3 # six')).toBe(6)
    expect(run('# nothing here')).toBeNull()
    expect(run('')).toBeNull()
  })

  it('continues a statement over lines inside brackets', () => {
    expect(run('A = [1, 2;\n     3, 4]\nA[2, 1]')).toBe(3)
    expect(run('v = [1, # first\n 2,\n 3] # last\nsum(v)')).toBe(6)
    expect(run('f(x) = (x +\n  1) * 2\nf(1)')).toBe(4)
    expect(run('gradient(\n  q(v) = sum(v .* v),\n  [1, 2]\n)')).toEqual([2, 4])
  })
})

describe('nested differentiation in the language (perturbation confusion)', () => {
  it('keeps the inner derivative’s perturbation apart from the outer one', () => {
    // d/dx [x · d/dy (x + y)] at 1 = d/dx [x · 1] = 1 (a confused engine says 2)
    expect(run('derivative(a(x) = x * derivative(b(y) = x + y, 1), 1)')).toBe(1)
    // d/dx [x · ∂/∂y (x y)] at 1 = d/dx x² = 2
    expect(run('gradient(a(x) = x * gradient(b(y) = x * y, 2), 1)')).toBe(2)
  })

  it('works through a user-defined D(f, x)', () => {
    const s = session()
    s.run('D(f, x) = derivative(f, x)')
    expect(s.run('D(a(x) = x * D(b(y) = x + y, 1), 1)')).toBe(1)
    // d/dx [x · d/dy (x · y)] = d/dx x² = 2x, at 3
    expect(s.run('D(a(x) = x * D(b(y) = x * y, 2), 3)')).toBe(6)
    // d/dx D(sin)(x) = -sin x
    expect(s.run('D(c(x) = D(sin, x), 0.3)')).toBeCloseTo(-Math.sin(0.3), 14)
  })

  it('differentiates a function that differentiates', () => {
    // d/dx d/dy (x y²) at y = x, i.e. d/dx (2 x·x) = 4x; at 1.5, 6
    expect(run('derivative(a(x) = derivative(b(y) = x * y ^ 2, x), 1.5)')).toBe(6)
    // third derivative of x⁴ at 2: 24·2 = 48
    expect(run('derivative(d1(x) = derivative(d2(y) = derivative(d3(z) = z ^ 4, y), x), 2)')).toBe(48)
  })

  it('differentiates through a closure made by a gradient', () => {
    const s = session()
    s.run('h(a) = gradient(q(v) = a * sum(v .* v), [1, 2])')
    // h(a) = 2a (1, 2), so d/da Σ h(a) = 6
    expect(s.run('derivative(r(a) = sum(h(a)), 3)')).toBe(6)
    expect(s.run('jacobian(h, 7)')).toEqual([2, 4])
  })
})

describe('errors say what went wrong', () => {
  it('an undefined name, with the nearest defined name as a suggestion', () => {
    expect(runError('x1 = [0, 1, 2]\nx2')).toMatch(/x2 is not defined \(did you mean x1\?\)/)
    expect(runError('gradinet(sin, 1)')).toMatch(/gradinet is not defined \(did you mean gradient\?\)/)
    expect(runError('sim(1)')).toMatch(/did you mean sin\?/)
    const far = runError('zzzzzzzz')
    expect(far).toContain('zzzzzzzz is not defined')
    expect(far).not.toContain('did you mean')
    expect(failure('nosuch').cause.kind).toBe('name')
  })

  it('the wrong number of arguments, for user functions and builtins', () => {
    const s = session()
    s.run('f(x) = x')
    expect(s.runError('f(1, 2)')).toContain('f takes 1 argument (x), but was given 2')
    s.run('g(a, b) = a + b')
    expect(s.runError('g(1)')).toContain('g takes 2 arguments (a, b), but was given 1')
    expect(s.runError('sin()')).toContain('sin takes 1 argument (x), but was given 0')
    expect(s.runError('sum(1, 2, 3)')).toContain('sum takes 1 to 2 arguments (x, dim), but was given 3')
    expect(s.runError('concat()')).toContain('concat takes at least 1 argument (')
  })

  it('calling something that is not a function', () => {
    expect(runError('x1 = [0, 1, 2]\nx1(2)')).toContain('x1 is a 3-vector, not a function, so x1(...) cannot be called')
    expect(runError('p = pullback(sin, 0)\np(1)')).toContain('p is a pullback object, not a function')
    expect(runError('s = "abc"\ns(1)')).toContain('s is a string, not a function')
  })

  it('the gradient of a vector function: its shape, scalar, and what to use instead', () => {
    const e = runError('g(x) = 2 * x\ngradient(g, [1, 2, 3])')
    expect(e).toContain('3-vector')
    expect(e).toContain('scalar')
    expect(e).toContain('jacobian')
    expect(e).toContain('pullback')
    expect(e).toContain('tf.gradients')
    expect(e).toContain('tf_gradients')
  })

  it('a shape mismatch, naming both shapes', () => {
    expect(runError('[1, 2] + [1, 2, 3]')).toMatch(/2-vector.*3-vector/)
    expect(runError('[1, 2; 3, 4] * [1, 2, 3]')).toMatch(/2×2 matrix.*3-vector/)
    expect(runError('[1, 2] .* [1, 2; 3, 4]')).toMatch(/2-vector.*2×2 matrix/)
    expect(runError('x = [1, 2, 3]\nx * x')).toContain("x' * y")
  })

  it('an index out of range, with the valid range', () => {
    expect(runError('x = [1, 2, 3]\nx[4]')).toContain(
      'index 4 is out of range for dimension 1 of a 3-vector: indices run from 1 to 3',
    )
    expect(runError('x = [1, 2, 3]\nx[0]')).toContain('index 0 is out of range')
    expect(runError('x = [1, 2, 3]\nx[end + 1]')).toContain('index 4 is out of range')
    expect(runError('A = [1, 2, 3; 4, 5, 6]\nA[3, 1]')).toContain(
      'index 3 is out of range for dimension 1 of a 2×3 matrix: indices run from 1 to 2',
    )
    expect(runError('A = [1, 2, 3; 4, 5, 6]\nA[1, 4]')).toContain('dimension 2')
    expect(runError('x = [1, 2, 3]\nx[end / 2]')).toContain(
      'index 1.5 is not a whole number for dimension 1 of a 3-vector: indices run from 1 to 3',
    )
  })

  it('the wrong number of indices, with how to write a row', () => {
    expect(runError('A = [1, 2; 3, 4]\nA[1]')).toContain('a 2×2 matrix needs 2 indices, but 1 were given')
    expect(runError('A = [1, 2; 3, 4]\nA[1]')).toContain('A[i, :]')
  })

  it('redefining a builtin, as a value or as a function', () => {
    expect(runError('sin = 3')).toContain('sin is a built-in function and cannot be redefined')
    expect(runError('gradient(x) = x')).toContain('gradient is a built-in function and cannot be redefined')
    expect(num('cos(0)')).toBe(1)
  })

  it('runaway recursion stops with a clear limit, not a JavaScript stack overflow', () => {
    const s = session()
    s.run('f(x) = f(x)')
    const { error, cause } = s.failure('f(1)')
    expect(cause).toBeInstanceOf(LangError)
    expect(cause.kind).toBe('limit')
    expect(error).toContain('nested calls')
    expect(error).toContain('calling itself')
    expect(error).not.toMatch(/Maximum call stack|RangeError/)
    // the same under a transform, and through two functions calling each other
    expect(s.runError('gradient(f, [1, 2])')).toContain('nested calls')
    s.run('m1(x) = m2(x)\nm2(x) = m1(x)')
    expect(s.runError('m1(1)')).toContain('nested calls')
    // a body that nests deeply may run JavaScript's stack out before the call limit (which one
    // comes first depends on the engine's frame sizes): either way the same kind of message
    s.run('r(x) = 1 + (2 * (3 + (4 * (5 + [1, 2; 3, 4] * r(x)))))')
    const deep = s.failure('r([1, 2])')
    expect(deep.cause.kind).toBe('limit')
    expect(deep.error).toMatch(/(too many|more than \d+) nested calls; is a function calling itself without end\?/)
    expect(deep.error).not.toContain('Maximum call stack')
    // the depth count is back to zero afterwards: deep but finite recursion still runs
    s.run('depth(n) = n > 0 ? depth(n - 1) + 1 : 0')
    expect(s.run('depth(150)')).toBe(150)
  })

  it('an unknown Hessian method, listing the four', () => {
    const e = runError('hessian(f(x) = sum(x .* x), [1, 2], "sideways")')
    expect(e).toContain('unknown method "sideways"')
    for (const m of ['forward-over-reverse', 'reverse-over-reverse', 'forward-over-forward', 'reverse-over-forward'])
      expect(e).toContain(`"${m}"`)
    expect(runError('hessian(f(x) = sum(x .* x), [1, 2], 3)')).toContain('the method must be a string')
  })

  it('a field of something that is not a record, or a missing field', () => {
    expect(runError('x = [1, 2, 3]\nx.a')).toContain('a 3-vector has no field a')
    expect(runError('f(x) = x\nf.source')).toContain('the function f has no field source')
    expect(runError('p = pullback(sin, 0)\np.nope')).toContain(
      'a pullback object has no field nope; its fields are value, back',
    )
  })

  it('log(-1), sqrt(-1) and 1/0 as domain errors', () => {
    expect(runError('log(-1)')).toContain('log(-1) is undefined')
    expect(runError('sqrt(-1)')).toContain('sqrt(-1) is undefined')
    expect(runError('1 / 0')).toContain('division by zero')
  })

  it('operators on values they do not apply to', () => {
    expect(runError('"abc" + 1')).toContain('the operator + needs a number, vector or matrix, but got a string')
    expect(runError('[1, 2] / [1, 2]')).toContain('use ./ to divide elementwise')
    expect(runError('[1, 2, 3; 4, 5, 6] ^ 2')).toContain('use .^ to raise each element')
    expect(runError('[1, 1; 1, 0] ^ 0.5')).toContain('whole power')
    expect(runError('2 mod 3')).toContain('the operator mod is not part of the notebook language')
    expect(runError('p = {a: 1}\np.a = 5')).toContain('assigning to a field of a record (.a = ...) is not supported')
  })
})

describe('errors say where', () => {
  it('a syntax error gives the line and column in the cell', () => {
    const { error, cause } = failure('x = 1\ny = 2 +* 3')
    expect(cause.kind).toBe('syntax')
    // line 2: "y = 2 +* 3", the * is column 8
    expect(cause.span).toMatchObject({ line: 2, column: 8 })
    expect(error).toMatch(/^line 2, column 8: syntax error: /)
  })

  it('a syntax error in a statement that spans lines, or that is not first on its line', () => {
    // the ) on line 3 is column 2
    expect(failure('a = 1\nq = [1,\n ), 2]').cause.span).toMatchObject({ line: 3, column: 2 })
    // the ) is the 12th character of the line
    expect(failure('x = 1; y = )').cause.span).toMatchObject({ line: 1, column: 12 })
    expect(failure('  y = )').cause.span).toMatchObject({ line: 1, column: 7 })
    expect(failure('a = )').cause.span).toMatchObject({ line: 1, column: 5 })
  })

  it('a run-time error gives its line and the expression that failed', () => {
    const e = runError('f(x) = x\ny = 1\nf(2, 3)')
    expect(e).toMatch(/^line 3, in f\(2, 3\): f takes 1 argument/)
    const g = runError('x1 = [0, 1, 2]\n\ng(x) = 2 * x\ngradient(g, x1)')
    expect(g).toMatch(/^line 4, in gradient\(g, x1\): gradient needs a function with a scalar output/)
  })

  it('an error inside a function says which function', () => {
    const s = session()
    s.run('f(x) = x + [1, 2, 3]')
    expect(s.runError('f([1, 2])')).toContain('(inside f)')
  })

  it('an error in a later statement keeps what earlier statements defined', () => {
    const s = session()
    expect(s.runError('a = 1\nb(x) = x + a\nc = nosuch\nd = 4')).toMatch(/^line 3: nosuch is not defined/)
    expect(s.run('a')).toBe(1)
    expect(s.run('b(1)')).toBe(2)
    expect(s.runError('c')).toContain('c is not defined')
    expect(s.runError('d')).toContain('d is not defined')
  })
})

describe('safety: user text is never JavaScript', () => {
  const jsNames = [
    'constructor',
    '__proto__',
    'prototype',
    'toString',
    'valueOf',
    'hasOwnProperty',
    'isPrototypeOf',
    '__defineGetter__',
    'Object',
    'Function',
    'eval',
    'globalThis',
    'window',
    'process',
    'require',
    'Math',
  ]

  it('JavaScript’s built-in names are simply undefined', () => {
    for (const name of jsNames) {
      expect(runError(name), name).toContain(`${name} is not defined`)
      expect(runError(`${name}(1)`), name).toContain(`${name} is not defined`)
    }
  })

  it('mathjs’s own functions are not reachable', () => {
    for (const name of ['evaluate', 'parse', 'compile', 'import', 'createUnit', 'simplify', 'resolve', 'config'])
      expect(runError(`${name}("1 + 1")`), name).toContain(`${name} is not defined`)
  })

  it('JavaScript names can be ordinary variables of the language, without effect on JS', () => {
    const s = session()
    expect(s.run('constructor = 5\nconstructor + 1')).toBe(6)
    expect(s.run('__proto__ = [1, 2]\n__proto__ .* 2')).toEqual([2, 4])
    expect(s.run('toString(x) = x * 3\ntoString(2)')).toBe(6)
    expect(s.run('hasOwnProperty = 1')).toBe(1)
    expect(Object.getPrototypeOf(s.scope.vars)).toBe(Map.prototype)
    expect(s.run('{constructor: 1}.constructor')).toBe(1)
  })

  it('records and functions expose only their own fields', () => {
    const s = session()
    s.run('p = pullback(sin, 0)')
    for (const field of ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'prototype'])
      expect(s.runError(`p.${field}`), field).toContain(`a pullback object has no field ${field}`)
    expect(s.runError('p.back.call')).toContain('the function back has no field call')
    expect(s.runError('p.back.constructor')).toContain('has no field constructor')
    expect(s.runError('sin.apply')).toContain('has no field apply')
    expect(s.runError('s = "abc"\ns.length')).toContain('a string has no field length')
    expect(s.runError('p["value"]')).toContain('indexing needs a number, vector or matrix')
    expect(s.runError('{__proto__: 1}')).toContain('__proto__ cannot be the name of a field')
  })

  it('strings that look like JavaScript are only strings', () => {
    const s = session()
    const code = 'globalThis.pwned = 1; process.exit(3)'
    expect(s.run(`s = "${code}"`)).toBe(code)
    expect(s.runError('s + 1')).toContain('but got a string')
    expect(s.runError('s(1)')).toContain('s is a string, not a function')
    expect('pwned' in globalThis).toBe(false)
  })

  it('no cell pollutes a prototype', () => {
    const snapshot = () =>
      [Object.prototype, Function.prototype, Array.prototype, Map.prototype, String.prototype].map((p) =>
        Object.getOwnPropertyNames(p).sort().join(','),
      )
    const before = snapshot()
    const s = session()
    const attempts = [
      '__proto__.polluted = 1',
      'constructor.prototype.polluted = 1',
      'x = [1, 2]\nx.__proto__.polluted = 1',
      'p = pullback(sin, 0)\np.__proto__.polluted = 1',
      'p = pullback(sin, 0)\np.constructor.prototype.polluted = 1',
      '{__proto__: {polluted: 1}}',
      'r = {a: 1}\nr.__proto__ = {polluted: 1}',
      'sin.constructor("return 1")()',
      'constructor = 1\n__proto__ = {polluted: 1}',
      '"__proto__" == "__proto__"',
    ]
    for (const a of attempts) runCell(a, s.scope)
    expect(snapshot()).toEqual(before)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('the language’s source never evaluates text, and takes only the parser from mathjs', () => {
    const dir = fileURLToPath(new URL('../../../engine/', import.meta.url))
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))
    expect(files.length).toBeGreaterThan(30)
    for (const file of files) {
      const src = readFileSync(dir + file, 'utf8')
      expect(src, file).not.toMatch(/\beval\s*\(|\bnew\s+Function\b|\bFunction\s*\(|math\.(evaluate|compile)\b/)
      // Only the ad front-end knows mathjs: everything else walks the language's own tree.
      if (file.replace(/\\/g, '/') !== 'language/frontends/ad.ts') expect(src, file).not.toMatch(/from\s+'mathjs'/)
      for (const m of src.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+'mathjs'/g)) {
        const names = m[2]!.split(',').map((n) => n.trim())
        if (!m[1]) expect(names.sort(), file).toEqual(['create', 'parseDependencies'])
      }
    }
  })

  it('expressions outside the language are refused, not evaluated', () => {
    expect(runError('5 cm')).toContain('cm is not defined')
    expect(runError('3!')).toContain('not part of the notebook language')
    expect(runError('x -> x')).toContain('syntax error')
  })
})

describe('parseStatement and evaluate', () => {
  it('parses one statement and evaluates it in a scope', () => {
    const scope = new Scope()
    expect(toJson(evaluate(parseStatement('a = 4'), scope))).toBe(4)
    expect(toJson(scope.lookup('a'))).toBe(4)
    expect(toJson(evaluate(parseStatement('sqrt(a) * [1, 2]'), scope))).toEqual([2, 4])
    expect(toJson(value('sqrt(16)'))).toBe(4)
  })

  it('turns syntax errors into LangErrors with a span', () => {
    try {
      parseStatement('1 +\n)')
      expect.fail('no syntax error')
    } catch (err) {
      expect(err).toBeInstanceOf(LangError)
      expect((err as LangError).kind).toBe('syntax')
      expect((err as LangError).span).toEqual({ line: 2, column: 1 })
    }
  })

  it('scopes chain: a child sees its parent, defines its own, and builtins are not redefinable', () => {
    const outer = new Scope()
    outer.define('a', 'outer')
    const inner = new Scope(outer)
    inner.define('b', 'inner')
    expect(inner.lookup('a')).toBe('outer')
    expect(inner.has('b')).toBe(true)
    expect(outer.has('b')).toBe(false)
    expect(inner.has('sin')).toBe(true)
    expect(() => inner.define('sin', 'x')).toThrow(/built-in/)
  })
})

describe('the interpreter walks the language’s own tree, whatever front-end built it', () => {
  // Built by hand here, as the Julia and Python front-ends will build them.
  const pos = { line: 1, column: 1, offset: 0, length: 0 }
  const n = (value: number): Expr => ({ kind: 'number', value, raw: String(value), pos })
  const v = (name: string): Expr => ({ kind: 'name', name, pos })
  const block = (...body: Expr[]): Extract<Expr, { kind: 'block' }> => ({ kind: 'block', body, scope: 'shared', pos })
  const eval_ = (e: Expr, scope = new Scope()) => toJson(evaluate(e, scope))

  it('&& and || run their right side only when it decides the result', () => {
    // undefined_name would fail if it were evaluated.
    expect(eval_({ kind: 'logical', op: '&&', left: n(0), right: v('undefined_name'), pos })).toBe(false)
    expect(eval_({ kind: 'logical', op: '||', left: n(1), right: v('undefined_name'), pos })).toBe(true)
    expect(eval_({ kind: 'logical', op: '&&', left: n(1), right: n(7), pos })).toBe(7)
  })

  it('if / elseif / else, and a local block whose names do not leak', () => {
    const branch = (c: number, value: number) => ({ condition: n(c), body: block(n(value)) })
    expect(eval_({ kind: 'if', branches: [branch(0, 1), branch(1, 2)], otherwise: block(n(3)), pos })).toBe(2)
    expect(eval_({ kind: 'if', branches: [branch(0, 1)], otherwise: null, pos })).toBeNull()
    const scope = new Scope()
    const assign: Expr = { kind: 'assign', target: v('t') as never, value: n(5), op: null, pos }
    expect(eval_({ ...block(assign, v('t')), scope: 'local' }, scope)).toBe(5)
    expect(scope.has('t')).toBe(false)
  })

  it('indexes from the base the front-end chose, and ranges may exclude their end', () => {
    const scope = new Scope()
    runCell('x = [10, 20, 30]', scope)
    const index = (base: 0 | 1, i: number): Expr => ({
      kind: 'index',
      object: v('x'),
      indices: [n(i)],
      base,
      negativeFromEnd: false,
      pos,
    })
    expect(eval_(index(0, 0), scope)).toBe(10)
    expect(eval_(index(1, 1), scope)).toBe(10)
    expect(() => evaluate(index(0, 3), scope)).toThrow(/indices run from 0 to 2/)
    const range = (inclusive: boolean): Expr => ({ kind: 'range', start: n(0), step: null, stop: n(3), inclusive, pos })
    expect(eval_(range(false))).toEqual([0, 1, 2])
    expect(eval_(range(true))).toEqual([0, 1, 2, 3])
  })

  it('a slice without ends takes the whole dimension; Python counts negative indices from the end', () => {
    const scope = new Scope()
    runCell('x = [10, 20, 30, 40]', scope)
    const slice = (start: Expr | null, inclusive: boolean, base: 0 | 1): Expr => ({
      kind: 'index',
      object: v('x'),
      indices: [{ kind: 'range', start, step: null, stop: null, inclusive, pos }],
      base,
      negativeFromEnd: base === 0,
      pos,
    })
    expect(eval_(slice(null, true, 1), scope)).toEqual([10, 20, 30, 40]) // Julia x[:]
    expect(eval_(slice(n(2), true, 1), scope)).toEqual([20, 30, 40]) // Julia x[2:end]
    expect(eval_(slice(n(1), false, 0), scope)).toEqual([20, 30, 40]) // Python x[1:]
    const last: Expr = { kind: 'index', object: v('x'), indices: [n(-1)], base: 0, negativeFromEnd: true, pos }
    expect(eval_(last, scope)).toBe(40) // Python x[-1]
  })

  it('x += v updates a name from its value', () => {
    const scope = new Scope()
    runCell('s = 2', scope)
    expect(eval_({ kind: 'assign', target: v('s') as never, value: n(3), op: '+', pos }, scope)).toBe(5)
    expect(toJson(scope.lookup('s'))).toBe(5)
  })

  it('a with block on anything but a tape says what with takes', () => {
    expect(() => evaluate({ kind: 'with', context: n(0), target: null, body: block(), pos }, new Scope())).toThrow(
      'with works here on a tf.GradientTape() only',
    )
  })
})
