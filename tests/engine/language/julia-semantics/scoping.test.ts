/**
 * Julia cells: scopes (the Julia manual's "Scope of Variables"): at a cell's top level loops
 * follow the REPL's soft scope (they update the cell's accumulators, as Pluto and Jupyter do);
 * function bodies and let are hard scopes; a loop variable is new in each iteration, so a
 * closure made in iteration i sees that i; a closure's assignment reaches the function it was
 * made in. Keyword parameters: `f(x; k = 2)`.
 */
import { describe, expect, it } from 'vitest'
import { expectNear, julia, juliaError } from './cells.ts'

describe('soft scope at top level', () => {
  it('a for loop updates a top-level accumulator', () => {
    expect(julia('s = 0\nfor i in 1:4\n  s += i\nend\ns')).toBe(10)
  })
  it('a while loop updates a top-level counter', () => {
    expect(julia('n = 0\nwhile n < 5\n  n += 2\nend\nn')).toBe(6)
  })
  it("the loop variable is the loop's own: an outer i keeps its value", () => {
    expect(julia('i = 10\nfor i in 1:3\nend\ni')).toBe(10)
  })
  it('a name first assigned inside a loop does not exist after it (UndefVarError)', () => {
    expect(juliaError('for i in 1:2\n  zz = i\nend\nzz')).toMatch(/zz is not defined/)
  })
  it('Newton steps for sqrt(2) as a top-level loop', () => {
    expectNear(julia('x = 1.0\nfor k in 1:6\n  x = x - (x^2 - 2) / (2x)\nend\nx'), Math.SQRT2, 1e-12)
  })
})

describe('hard scopes: function bodies and let', () => {
  it('assigning a top-level name inside a function makes a local; the top-level name is unchanged', () => {
    expect(julia('s = 1\nfunction f()\n  s = 5\n  return s\nend\n(f(), s)')).toEqual({ tuple: [5, 1] })
  })
  it("a let block's assignments are its own", () => {
    expect(julia('t = 1\nlet\n  t = 2\nend\nt')).toBe(1)
    expect(julia('let a = 2, b = a + 1\n  a * b\nend')).toBe(6)
  })
  it("a loop inside a function updates the function's local accumulator", () => {
    expect(julia('function total(n)\n  s = 0\n  for i in 1:n\n    s += i\n  end\n  return s\nend\ntotal(4)')).toBe(10)
  })
  it("a closure's assignment updates the variable of the function it was made in", () => {
    const cell = 'function counter()\n  n = 0\n  inc() = (n += 1)\n  inc()\n  inc()\n  return n\nend\ncounter()'
    expect(julia(cell)).toBe(2)
  })
  it('power iteration in a function: the largest eigenvalue of [2 1; 1 2] is 3', () => {
    const cell =
      "function power(A, steps)\n  v = [1.0, 0.0]\n  for k in 1:steps\n    w = A * v\n    v = w / sqrt(sum(w .^ 2))\n  end\n  return v' * A * v\nend\npower([2.0 1.0; 1.0 2.0], 50)"
    expectNear(julia(cell), 3, 1e-9)
  })
})

describe('closures capture loop variables per iteration', () => {
  it('a closure made in iteration i sees that i', () => {
    const cell =
      'f1 = 0\nf2 = 0\nfor i in 1:2\n  if i == 1\n    f1 = () -> i\n  else\n    f2 = () -> i\n  end\nend\n(f1(), f2())'
    expect(julia(cell)).toEqual({ tuple: [1, 2] })
  })
  it('a closure over a parameter: make_scale(2) doubles', () => {
    expect(julia('make_scale(c) = x -> c * x\nd = make_scale(2)\nd(21)')).toBe(42)
  })
})

describe('keyword parameters', () => {
  it('f(x; k = 2) takes k by name, after ; or after a comma, or its default', () => {
    expect(julia('f(x; k = 2) = x^k\n(f(3), f(3; k = 3), f(3, k = 1))')).toEqual({ tuple: [9, 27, 3] })
  })
  it('a default may use the positional parameters', () => {
    expect(julia('h(x; s = x + 1) = s * 2\nh(3)')).toBe(8)
  })
  it('a keyword without a default must be given (UndefKeywordError)', () => {
    expect(juliaError('g(x; k) = x + k\ng(1)')).toMatch(/g needs the keyword argument k/)
  })
  it('an unknown keyword is named with the ones the function takes', () => {
    expect(juliaError('f(x; k = 2) = x^k\nf(3; p = 1)')).toMatch(/no keyword argument p.*k/)
  })
  it('function ... end with keywords, differentiated in x', () => {
    expectNear(
      julia("function q(x; a = 3)\n  return a * sum(x .^ 2)\nend\nloss(x) = q(x; a = 5)\nloss'([1.0, 2.0])"),
      [10, 20],
    )
  })
})
