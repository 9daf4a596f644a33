/**
 * Julia's everyday Base functions and constants (engine/language/julia/everyday.ts, the
 * overlay's constants, ∘ and ×), each case with the Julia rule it pins down and its value by
 * hand; derivatives against closed forms.
 */
import { describe, expect, it } from 'vitest'
import { expectJsonClose, julia } from './julia.ts'

describe('constants by their Julia names', () => {
  it('π and ℯ are pi and e (Base.MathConstants), NaN is not a number', () => {
    const s = julia()
    expectJsonClose(s.run('2π, ℯ, sin(π / 6)'), { tuple: [2 * Math.PI, Math.E, 0.5] })
    expect(s.run('isnan(NaN), isinf(-Inf), isfinite(1.0), iszero(0.0)')).toEqual({ tuple: [true, true, true, true] })
  })

  it('derivatives at π work as at any number', () => {
    const s = julia()
    s.value('using ForwardDiff')
    expectJsonClose(s.run('ForwardDiff.derivative(sin, π / 4)'), Math.cos(Math.PI / 4))
  })
})

describe('elementary functions, as Julia names them', () => {
  it('log(b, x) is the logarithm to base b; atan(y, x) the angle (Base.log, Base.atan)', () => {
    const s = julia()
    expectJsonClose(s.run('log(2, 8), log10(1000.0), log2(1 / 8), atan(1, -1)'), {
      tuple: [3, 3, -3, (3 * Math.PI) / 4],
    })
  })

  it('inv of a number is its reciprocal, of a matrix its inverse (Base.inv)', () => {
    expect(julia().run('inv(4.0), inv([2.0 0; 0 4])')).toEqual({
      tuple: [
        0.25,
        [
          [0.5, 0],
          [0, 0.25],
        ],
      ],
    })
  })

  it('hypot neither overflows nor underflows (Base.hypot: 3e200, 4e200 gives 5e200)', () => {
    expectJsonClose(julia().run('hypot(3, 4), hypot(3e200, 4e200), hypot(3e-200, 4e-200)'), {
      tuple: [5, 5e200, 5e-200],
    })
  })

  it('differentiates through sinh, atan(y, x) and hypot', () => {
    const s = julia()
    s.value('using Zygote')
    // d/dx sinh(x)² = 2 sinh cosh; ∂/∂y atan(y, x) at (1, 1) = 1/2; ∇ hypot(x, y) = (x, y)/r.
    expectJsonClose(s.run('gradient(x -> sinh(x)^2, 0.5)[1]'), 2 * Math.sinh(0.5) * Math.cosh(0.5))
    expectJsonClose(s.run('gradient((y, x) -> atan(y, x), 1.0, 1.0)'), { tuple: [0.5, -0.5] })
    expectJsonClose(s.run('gradient((x, y) -> hypot(x, y), 3.0, 4.0)'), { tuple: [0.6, 0.8] })
  })

  it('eps is the spacing of float64 (Base.eps: eps() == 2^-52, eps(1024.0) == 2^-42)', () => {
    expect(julia().run('eps(), eps(1.0), eps(1024.0), eps(Float64)')).toEqual({
      tuple: [2 ** -52, 2 ** -52, 2 ** -42, 2 ** -52],
    })
  })
})

describe('small helpers', () => {
  it('max and min of several, minmax, sincos, fma (Base: max(1, 5, 3) == 5)', () => {
    expectJsonClose(julia().run('max(1, 5, 3), min(4, 2, 3), minmax(3, 1), sincos(0.0), fma(2.0, 3.0, 1.0)'), {
      tuple: [5, 2, { tuple: [1, 3] }, { tuple: [0, 1] }, 7],
    })
  })

  it('count, findall, sortperm, ntuple, Tuple, step', () => {
    expect(julia().run('count([1, 5, 2] .> 1), count(iseven, [1, 2, 4]), findall([1, 5, 2] .> 1)')).toEqual({
      tuple: [2, 2, [2, 3]],
    })
    expect(julia().run('sortperm([3.0, 1.0, 2.0]), ntuple(i -> i^2, 3), Tuple([7, 8]), step(0:0.25:1)')).toEqual({
      tuple: [[2, 3, 1], { tuple: [1, 4, 9] }, { tuple: [7, 8] }, 0.25],
    })
  })

  it('f ∘ g composes and a × b is the cross product (Base.:∘, LinearAlgebra.cross)', () => {
    const s = julia()
    expect(s.run('h = sum ∘ (x -> x .^ 2)\nh([1.0, 2.0]), [1.0, 2.0] |> h')).toEqual({ tuple: [5, 5] })
    expect(s.run('[1, 0, 0] × [0, 1, 0], cross([1.0, 2, 3], [4.0, 5, 6])')).toEqual({
      tuple: [
        [0, 0, 1],
        [-3, 6, -3],
      ],
    })
    expect(s.error('sum ∘ 3')).toContain('∘ composes two functions')
  })
})
