/**
 * Julia cells: what the operators mean (the Julia manual's "Mathematical Operations", and
 * LinearAlgebra's adjoint, `\` and matrix powers), and Zygote's `f'` for a function. Values
 * are closed forms; derivatives central differences or closed forms.
 */
import { describe, expect, it } from 'vitest'
import { Scope, expectNear, julia, juliaError } from './cells.ts'

describe("' is the adjoint", () => {
  it('of a real matrix, its transpose', () => {
    expect(julia("[1 2; 3 4]'")).toEqual([
      [1, 3],
      [2, 4],
    ])
  })
  it("of a vector, a 1×n row; x'y is the dot product and x * x' the outer product", () => {
    const scope = new Scope()
    julia('x = [1, 2, 3]\ny = [4, 5, 6]', scope)
    expect(julia("x'", scope)).toEqual([[1, 2, 3]])
    expect(julia("x'y", scope)).toBe(32)
    expect(julia("x' * y", scope)).toBe(32)
    expect(julia("x * x'", scope)).toEqual([
      [1, 2, 3],
      [2, 4, 6],
      [3, 6, 9],
    ])
  })
  it("a row times a matrix is a row: x' * M", () => {
    expect(julia("x = [1, 2, 3]\nx' * [1 0; 0 1; 1 1]")).toEqual([[4, 5]])
  })
  it("the quadratic form x'Ax is a number", () => {
    expect(julia("x = [1, 2]\nA = [2 1; 1 3]\nx'A*x")).toBe(2 + 2 * 2 + 3 * 4)
  })
})

describe("f' of a function is Zygote's x -> gradient(f, x)[1]", () => {
  it('for a function of a vector, the gradient vector', () => {
    expect(julia("f(x) = sum(x .^ 2)\nf'([1.0, 2.0, 3.0])")).toEqual([2, 4, 6])
  })
  it('for a function of a number, the derivative', () => {
    expectNear(julia("sin'(0.0)"), 1, 1e-12)
    expectNear(julia("g(t) = t^3\ng'(2.0)"), 12, 1e-12)
  })
  it("[g(x1) f'(x1)] puts two 3-vectors side by side: a 3×2 matrix", () => {
    const cell = "g(x) = x .^ 2\nf(x) = sum(x .^ 3)\nx1 = [1.0, 2.0, 3.0]\n[g(x1) f'(x1)]"
    expect(julia(cell)).toEqual([
      [1, 3],
      [4, 12],
      [9, 27],
    ])
  })
  it("f' of a function with a vector output has no gradient: the message says so", () => {
    expect(juliaError("h(x) = x .^ 2\nh'([1.0, 2.0])")).toMatch(/scalar output|one number|jacobian/i)
  })
})

describe('products, quotients and powers', () => {
  it("* of two vectors is an error in Julia; the message suggests dot(x, y), x'y and x .* y", () => {
    const message = juliaError('x = [1, 2]\nx * x')
    expect(message).toMatch(/dot\(x, y\)/)
    expect(message).toMatch(/x'y/)
    expect(message).toMatch(/x \.\* y/)
  })
  it('* of a matrix and a vector, and of two matrices', () => {
    expect(julia('[1 2; 3 4] * [1, 1]')).toEqual([3, 7])
    expect(julia('[1 2; 3 4] * [0 1; 1 0]')).toEqual([
      [2, 1],
      [4, 3],
    ])
  })
  it('A \\ b solves A x = b', () => {
    // [2 1; 1 3] x = [5, 6]: x = [9/5, 7/5].
    expectNear(julia('[2 1; 1 3] \\ [5, 6]'), [1.8, 1.4], 1e-12)
    expectNear(julia('2 \\ 6'), 3, 1e-12)
  })
  it('A \\ b differentiates: d/db of sum(A \\ b) is the row sums of inv(A)ᵀ', () => {
    // inv([2 1; 1 3]) = [3 -1; -1 2] / 5; the gradient of sum(inv(A) b) in b is inv(A)ᵀ·1.
    expectNear(julia("s(b) = sum([2 1; 1 3] \\ b)\ns'([5.0, 6.0])"), [0.4, 0.2], 1e-12)
  })
  it('A / B is A times the inverse of B', () => {
    expectNear(julia('[1 2; 3 4] / [2 0; 0 4]'), [
      [0.5, 0.5],
      [1.5, 1],
    ])
  })
  it('^ of a square matrix by a whole number is a matrix power; .^ raises each element', () => {
    expect(julia('[1 2; 3 4]^2')).toEqual([
      [7, 10],
      [15, 22],
    ])
    expect(julia('[1 2; 3 4].^2')).toEqual([
      [1, 4],
      [9, 16],
    ])
  })
  it('A^-1 is the inverse, A^-2 its square (Julia)', () => {
    expectNear(julia('[2 0; 0 4]^-1'), [
      [0.5, 0],
      [0, 0.25],
    ])
    expectNear(julia('[1 1; 0 1]^-2'), [
      [1, -2],
      [0, 1],
    ])
  })
  it('^ of a vector is an error suggesting .^', () => {
    expect(juliaError('[1, 2]^2')).toMatch(/\.\^/)
  })
})

describe('remainders and integer division', () => {
  it('% (rem) takes the sign of the dividend', () => {
    expect(julia('7 % 3')).toBe(1)
    expect(julia('-7 % 3')).toBe(-1)
    expect(julia('7 % -3')).toBe(1)
    expect(julia('5.5 % 2')).toBe(1.5)
  })
  it('÷ is the quotient truncated toward zero', () => {
    expect(julia('7 ÷ 2')).toBe(3)
    expect(julia('-7 ÷ 2')).toBe(-3)
  })
  it('% of an array needs the dot', () => {
    expect(juliaError('[1, 2] % 2')).toMatch(/\.%/)
  })
  it('the derivative of x % c is 1 away from the jumps', () => {
    expectNear(julia("r(x) = x % 0.7\nr'(2.3)"), 1, 1e-12)
  })
})

describe('comparisons', () => {
  it('of two numbers, true or false', () => {
    expect(julia('1 < 2')).toBe(true)
    expect(julia('2 <= 1')).toBe(false)
    expect(julia('1 < 2 < 3')).toBe(true)
    expect(julia('1 < 3 < 2')).toBe(false)
  })
  it('== compares whole arrays: equal shapes and entries; different shapes are simply unequal', () => {
    expect(julia('[1, 2] == [1, 2]')).toBe(true)
    expect(julia('[1, 2] == [1, 3]')).toBe(false)
    expect(julia('[1, 2] == [1 2]')).toBe(false)
    expect(julia('[1, 2] != [1, 3]')).toBe(true)
  })
  it('a dotted chain a .< x .< b holds where both comparisons hold (Julia reads it as (a .< x) .& (x .< b))', () => {
    expect(julia('x = [1.0, 2.0, 3.0]\n1.5 .< x .< 2.5')).toEqual([0, 1, 0])
    expect(julia('x = [1.0, 2.0, 3.0]\n0 .< x .< 5 .< 6')).toEqual([1, 1, 1])
    expect(julia('x = [1.0, 2.0, 3.0]\n(x .< 2) .< 3')).toEqual([1, 1, 1])
  })
  it('< of two arrays asks for the dotted comparison', () => {
    expect(juliaError('[1, 2] < [3, 4]')).toMatch(/\.</)
  })
  it('a comparison chooses a branch', () => {
    expect(julia('x = 3\nx > 2 ? 10 : 20')).toBe(10)
  })
  it('≈ is isapprox with its default tolerance (√eps, relative)', () => {
    expect(julia('1 ≈ 1 + 1e-12')).toBe(true)
    expect(julia('1 ≈ 1.001')).toBe(false)
    expect(julia('[1.0, 2.0] ≈ [1.0, 2.0 + 1e-12]')).toBe(true)
    expect(julia('0.1 + 0.2 ≈ 0.3')).toBe(true)
    expect(julia('0.1 + 0.2 == 0.3')).toBe(false)
  })
  it('== of tuples compares their items', () => {
    expect(julia('(1, [2, 3]) == (1, [2, 3])')).toBe(true)
    expect(julia('(1, 2) == (1, 3)')).toBe(false)
  })
  it('.& and .| combine masks element by element, and the result picks elements', () => {
    const x = 'x = [1.0, 2.0, 3.0]\n'
    expect(julia(`${x}(x .> 1) .& (x .< 3)`)).toEqual([0, 1, 0])
    expect(julia(`${x}(x .< 2) .| (x .> 2)`)).toEqual([1, 0, 1])
    expect(julia(`${x}x[(x .> 1) .& (x .< 3)]`)).toEqual([2])
  })
  it('& and | of two booleans; of whole numbers, their bits', () => {
    expect(julia('true & false')).toBe(false)
    expect(julia('true | false')).toBe(true)
    expect(julia('6 & 3')).toBe(2)
    expect(juliaError('[true, false] & [true, true]')).toMatch(/\.&/)
  })
})

describe('strings', () => {
  it('* joins two strings (Julia writes concatenation as a product)', () => {
    expect(julia('"loss " * "value"')).toBe('loss value')
  })
})
