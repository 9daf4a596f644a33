/**
 * Julia cells: broadcasting. Each case names the Julia rule it pins down (the Julia manual's
 * "Broadcasting" and "Dot Syntax for Vectorizing Functions"); values are closed forms, and
 * derivatives are checked against central differences of the same function written in plain
 * TypeScript.
 */
import { describe, expect, it } from 'vitest'
import { Scope, expectNear, fdGradient, fdJacobian, julia, juliaError } from './cells.ts'

describe('dotted operators stretch shapes as Julia does (dimensions lined up from the first)', () => {
  it('a vector is a column: a 3-vector .+ a 1×3 row is the 3×3 table of sums', () => {
    expect(julia('[1, 2, 3] .+ [10 20 30]')).toEqual([
      [11, 21, 31],
      [12, 22, 32],
      [13, 23, 33],
    ])
  })
  it('a 2×3 matrix .+ a 2-vector adds the vector to each column', () => {
    expect(julia('[1 2 3; 4 5 6] .+ [10, 20]')).toEqual([
      [11, 12, 13],
      [24, 25, 26],
    ])
  })
  it('a matrix .* a 1×3 row scales each column by its entry', () => {
    expect(julia('[1 2 3; 4 5 6] .* [1 10 100]')).toEqual([
      [1, 20, 300],
      [4, 50, 600],
    ])
  })
  it('.^ raises each element; a number broadcasts as a base too', () => {
    expect(julia('x = [1, 2, 3]\nx .^ 2')).toEqual([1, 4, 9])
    expect(julia('2 .^ [1, 2, 3]')).toEqual([2, 4, 8])
  })
  it('./ and .- with a number on either side', () => {
    expect(julia('1 ./ [1, 2, 4]')).toEqual([1, 0.5, 0.25])
    expect(julia('10 .- [1 2]')).toEqual([[9, 8]])
  })
  it('.% is rem element by element, with the sign of the dividend', () => {
    expect(julia('[-7, 7, -7] .% [3, 3, -3]')).toEqual([-1, 1, -1])
    expect(julia('[5 6 7] .% 4')).toEqual([[1, 2, 3]])
  })
  it("the vector (outer) product by broadcasting: x .* x' is the table of products", () => {
    expect(julia("x = [1, 2, 3]\nx .* x'")).toEqual([
      [1, 2, 3],
      [2, 4, 6],
      [3, 6, 9],
    ])
  })
  it('dotted comparisons give arrays of trues and falses; a column against a row gives a table', () => {
    expect(julia('[1, 2, 3] .> 2')).toEqual([0, 0, 1])
    expect(julia('[1, 2, 3] .== [1 2 3]')).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ])
    expect(julia('sum([3, -1, 4, -1] .< 0)')).toBe(2)
  })
  it('sizes that are neither equal nor 1 cannot broadcast (Julia: DimensionMismatch), naming both shapes', () => {
    expect(juliaError('[1, 2] .+ [1, 2, 3]')).toMatch(/2-vector and a 3-vector/)
    expect(juliaError('[1 2 3; 4 5 6] .+ [1, 2, 3]')).toMatch(/2×3 matrix and a 3-vector/)
  })
})

describe('+ and - without a dot need equal shapes (Julia has no implicit broadcasting)', () => {
  it('arrays of one shape add', () => {
    expect(julia('[1, 2] + [3, 4]')).toEqual([4, 6])
    expect(julia('[1 2; 3 4] - [1 1; 1 1]')).toEqual([
      [0, 1],
      [2, 3],
    ])
  })
  it("a vector plus a row is Julia's DimensionMismatch, and the message suggests .+", () => {
    expect(juliaError('[1, 2] + [1 2]')).toMatch(/same shape.*2-vector and a 1×2 matrix.*\.\+/)
  })
  it('a number plus an array is an error in Julia (a MethodError); the message suggests .+ and .-', () => {
    expect(juliaError('[1, 2] + 1')).toMatch(/number and an array.*x \.\+ 1/)
    expect(juliaError('1 - [1, 2]')).toMatch(/\.-/)
  })
})

describe('f.(x) for any function, with the same shape rules', () => {
  it('a builtin: sin.(x)', () => {
    expectNear(julia('sin.([0, pi / 2])'), [0, 1], 1e-12)
  })
  it("a learner's elementwise function: f(x) = 3x^2 + 1 (x^2 of each element, not a matrix power)", () => {
    expect(julia('f(x) = 3x^2 + 1\nf.([1, 2, 3])')).toEqual([4, 13, 28])
  })
  it('two arguments stretch against each other: a 3-vector and a 1×2 row give 3×2', () => {
    expect(julia('g(x, y) = x * y + 1\ng.([1, 2, 3], [10 20])')).toEqual([
      [11, 21],
      [21, 41],
      [31, 61],
    ])
  })
  it('a body with a local variable and return', () => {
    expect(julia('function s(x)\n  y = x^2\n  return y + 1\nend\ns.([1, 2])')).toEqual([2, 5])
  })
  it('a branch in the body: evaluated element by element', () => {
    expect(julia('h(x) = x > 0 ? x : 0.0\nh.([-1, 2, -3])')).toEqual([0, 2, 0])
  })
  it('a number captured from the cell is the same for each element', () => {
    expect(julia('a = 3\nk(x) = a * x\nk.([1, 2])')).toEqual([3, 6])
  })
  it('a vector captured from the cell is used whole in each call (not broadcast along)', () => {
    expect(julia('v = [1, 2]\nm(x) = sum(v) * x\nm.([1, 2])')).toEqual([3, 6])
  })
  it('a constant function gives one value per element, in the shape of the argument', () => {
    expect(julia('c(x) = 1\nc.([1 2; 3 4])')).toEqual([
      [1, 1],
      [1, 1],
    ])
  })
  it('an anonymous function: (x -> x + 1).(x)', () => {
    expect(julia('(x -> x + 1).([1, 2])')).toEqual([2, 3])
  })
  it('an elementwise body runs once on whole arrays: 400,000 elements fit in the step limit (element by element they would not)', () => {
    expect(julia('f(x) = 3x^2 + 1\ny = f.(1:400000)\ny[end]')).toBe(3 * 400000 ** 2 + 1)
  })
  it('a function returning a vector per element cannot be broadcast into numbers', () => {
    expect(juliaError('p(x) = [x, x]\np.([1, 2])')).toMatch(/one number from each call/)
  })
})

describe('derivatives through broadcasting (checked against central differences)', () => {
  it("gradient of sum(f.(x)) for a learner's elementwise f: 6x", () => {
    expectNear(julia("f(x) = 3x^2 + 1\nloss(x) = sum(f.(x))\nloss'([1.0, 2.0, -0.5])"), [6, 12, -3])
  })
  it('gradient through a column stretched against a row: d/dx_i sum_j exp(x_i + r_j)', () => {
    const x = [0.1, -0.2]
    const r = [1, 2, 3]
    const f = (v: number[]) => v.reduce((s, xi) => s + r.reduce((t, rj) => t + Math.exp(xi + rj), 0), 0)
    expectNear(julia("L(x) = sum(exp.(x .+ [1 2 3]))\nL'([0.1, -0.2])"), fdGradient(f, x), 1e-6)
  })
  it('gradient through a per-element function with a branch', () => {
    expectNear(julia("h(x) = x > 0 ? x^2 : -x\nH(x) = sum(h.(x))\nH'([1.5, -2.0, 0.5])"), [3, -1, 1])
  })
  it("Zygote.jacobian of a learner's per-element function: diag(2x where x > 0, -1 elsewhere)", () => {
    expectNear(julia('h(x) = x > 0 ? x^2 : -x\nZygote.jacobian(x -> h.(x), [1.5, -2.0])[1]'), [
      [3, 0],
      [0, -1],
    ])
  })
  it("ForwardDiff.jacobian of a learner's elementwise function run on whole arrays: diag(3x²)", () => {
    expectNear(julia('c3(x) = x^3 + 1\nForwardDiff.jacobian(x -> c3.(x), [1.0, 2.0])'), [
      [3, 0],
      [0, 12],
    ])
  })
  it("the Hessian of sum(sin.(x .* x')) (an outer product by broadcasting) against differences of the gradient", () => {
    const f = (v: number[]) => v.reduce((s, a) => s + v.reduce((t, b) => t + Math.sin(a * b), 0), 0)
    const grad = (v: number[]) => fdGradient(f, v, 1e-5)
    const x = [0.3, 0.5, -0.4]
    expectNear(julia("hessian(x -> sum(sin.(x .* x')), [0.3, 0.5, -0.4])"), fdJacobian(grad, x, 1e-4), 1e-4)
  })
  it("the Hessian through a learner's elementwise function: diag(6x) for x^3", () => {
    expectNear(julia('cube(x) = x^3\nhessian(x -> sum(cube.(x)), [1.0, 2.0])'), [
      [6, 0],
      [0, 12],
    ])
  })
  it('the Hessian of a broadcast against a fixed column: sum(x .^ 3 ./ [1, 2])', () => {
    expectNear(julia('hessian(x -> sum(x .^ 3 ./ [1, 2]), [1.0, 1.0])'), [
      [6, 0],
      [0, 3],
    ])
  })
  it("f' of a function is its gradient function (Zygote): nested, f'' of a scalar function", () => {
    const scope = new Scope()
    julia('q(t) = t^3 + sin(t)', scope)
    expectNear(julia("q'(0.7)", scope), 3 * 0.49 + Math.cos(0.7), 1e-9)
    expectNear(julia("q''(0.7)", scope), 6 * 0.7 - Math.sin(0.7), 1e-9)
  })
  it('Zygote.jacobian of a broadcast: diag(c + 2x) for x .* c .+ x .^ 2', () => {
    expectNear(julia('Zygote.jacobian(x -> x .* [1, 2, 3] .+ x .^ 2, [1.0, 2.0, 3.0])[1]'), [
      [3, 0, 0],
      [0, 6, 0],
      [0, 0, 9],
    ])
  })
  it("ForwardDiff.hessian of sum(x .* x') = (sum x)^2: every entry 2", () => {
    expectNear(julia("ForwardDiff.hessian(x -> sum(x .* x'), [1.0, 2.0])"), [
      [2, 2],
      [2, 2],
    ])
  })
  it('the Jacobian of a gradient taken through a column stretched against a row (forward over reverse)', () => {
    // f(y) = sum_i sum_j sin(j y_i): the Hessian is diagonal, -sum_j j^2 sin(j y_i).
    const h = (y: number) => -(Math.sin(y) + 4 * Math.sin(2 * y))
    const cell = 'ForwardDiff.jacobian(x -> Zygote.gradient(y -> sum(sin.(y .* [1 2])), x)[1], [0.3, 0.4])'
    expectNear(julia(cell), [
      [h(0.3), 0],
      [0, h(0.4)],
    ])
  })
})

describe('broadcast updates and keywords', () => {
  it('x .+= v and x .*= c update x element by element, stretching v', () => {
    expect(julia('x = [1.0, 2.0]\nx .+= [10, 20]\nx .*= 2\nx')).toEqual([22, 44])
    expect(julia('A = [1 2; 3 4]\nA .-= [1 2]\nA')).toEqual([
      [0, 0],
      [2, 2],
    ])
  })
  it('f.(x; k = 10): keyword arguments go whole to every call', () => {
    expect(julia('f(x; k = 1) = x + k\nf.([1, 2]; k = 10)')).toEqual([11, 12])
  })
})
