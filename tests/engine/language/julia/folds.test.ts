/**
 * Julia's folds and type-shaped helpers (engine/language/julia/folds.ts), each case with the
 * Julia rule it pins down and its value by hand; derivatives against closed forms.
 */
import { describe, expect, it } from 'vitest'
import { expectJsonClose, julia } from './julia.ts'

describe('reduce, foldl, foldr and the map-then-reduce forms', () => {
  it('reduce with an operator is the reduction it names (Base: reduce(+, x) == sum(x))', () => {
    const s = julia()
    expect(s.run('reduce(+, [1.0, 2.0, 3.0])')).toBe(6)
    expect(s.run('reduce(*, [1.0, 2.0, 3.0, 4.0])')).toBe(24)
    expect(s.run('reduce(max, [1.0, 5.0, 3.0]), reduce(min, [4.0, 2.0, 3.0])')).toEqual({ tuple: [5, 2] })
    // A matrix is walked in column-major order; + does not care, but a non-commutative op does.
    expect(s.run('reduce(+, A)')).toBe(12)
  })

  it('foldl and foldr associate to the left and to the right (Base: foldl(-, 1:3) == -4, foldr == 2)', () => {
    const s = julia()
    expect(s.run('foldl(-, [1, 2, 3])')).toBe(-4) // (1 - 2) - 3
    expect(s.run('foldr(-, [1, 2, 3])')).toBe(2) // 1 - (2 - 3)
    expect(s.run('foldl((a, b) -> 10a + b, [1, 2, 3])')).toBe(123)
    expect(s.run('foldr((a, b) -> a + 10b, [1, 2, 3])')).toBe(321)
  })

  it('init is the starting value, and the answer for an empty collection (Base: reduce(+, []; init=0) == 0)', () => {
    const s = julia()
    expect(s.run('reduce(+, [1.0, 2.0]; init = 10.0)')).toBe(13)
    expect(s.run('foldl(-, [1, 2]; init = 10)')).toBe(7) // (10 - 1) - 2
    expect(s.run('reduce(*, Float64[]; init = 1.0)')).toBe(1)
    expect(s.error('foldl(-, Float64[])')).toContain('empty collection has no value')
  })

  it('mapreduce applies f first, then folds (Base: mapreduce(f, op, xs) == reduce(op, map(f, xs)))', () => {
    const s = julia()
    expect(s.run('mapreduce(abs2, +, [1.0, -2.0, 3.0])')).toBe(14)
    expect(s.run('mapreduce(x -> 2x, max, [1.0, 4.0, 2.0])')).toBe(8)
    expect(s.run('mapfoldl(x -> 2x, -, [1, 2, 3])')).toBe(-8) // (2 - 4) - 6
    expect(s.run('mapfoldr(x -> 2x, -, [1, 2, 3])')).toBe(4) // 2 - (4 - 6)
    // Several collections are walked together: the dot product.
    expect(s.run('mapreduce(*, +, [1.0, 2.0, 3.0], [4.0, 5.0, 6.0])')).toBe(32)
    expect(s.run('mapreduce(x -> x^2, +, [1.0, 2.0]; init = 10.0)')).toBe(15)
  })

  it('folds differentiate as the chain of calls they are', () => {
    const s = julia()
    s.value('using Zygote, ForwardDiff')
    // d/dx Σ x_i² = 2x; d/dx Π x_i = Π/x_i; foldl((a, b) -> a sin(b)) of [x1, x2] is x1 sin(x2).
    expectJsonClose(s.run('gradient(x -> mapreduce(abs2, +, x), [1.0, 2.0])[1]'), [2, 4])
    expectJsonClose(s.run('gradient(x -> reduce(*, x), [1.0, 2.0, 3.0])[1]'), [6, 3, 2])
    expectJsonClose(s.run('ForwardDiff.gradient(x -> foldl((a, b) -> a * sin(b), x), [1.5, 2.0])'), [
      Math.sin(2),
      1.5 * Math.cos(2),
    ])
    expectJsonClose(s.run('gradient(x -> foldr((a, b) -> a * b + 1, x), [2.0, 3.0])[1]'), [3, 2])
    expectJsonClose(s.run('gradient(x -> mapreduce(*, +, x, [1.0, 2.0]), [3.0, 4.0])[1]'), [1, 2])
  })

  it('an operator is a function value, folding several arguments from the left (Base: +(1, 2, 3) == 6)', () => {
    const s = julia()
    expect(s.run('(+)(1, 2, 3), (-)(3), (*)(2, 3), (^)(2, 10)')).toEqual({ tuple: [6, -3, 6, 1024] })
    expect(s.run('map(+, [1, 2], [10, 20])')).toEqual([11, 22])
    expect(s.run('(\\)([2.0 0; 0 4], [2.0, 4])')).toEqual([1, 1])
  })

  it('map walks several collections together, to the shortest (Base: map(f, a, b) as zip)', () => {
    const s = julia()
    expect(s.run('map((a, b) -> a * b, [1.0, 2.0], [3.0, 4.0, 5.0])')).toEqual([3, 8])
    expect(s.run('map(x -> 2x, [1 2; 3 4])')).toEqual([
      [2, 4],
      [6, 8],
    ])
  })
})

describe('all and any', () => {
  it('with and without a predicate (Base: all(p, xs), any(xs))', () => {
    const s = julia()
    expect(s.run('all([1.0, 2.0] .> 0), any([1.0, 2.0] .> 1), all(x -> x > 1, [1.0, 2.0])')).toEqual({
      tuple: [true, true, false],
    })
    expect(s.run('all(isodd, [1, 3]), any(iseven, [1, 3])')).toEqual({ tuple: [true, false] })
  })

  it('of nothing: all is true and any is false (Base: the empty conjunction and disjunction)', () => {
    expect(julia().run('all(Bool[]), any(Bool[])')).toEqual({ tuple: [true, false] })
  })

  it('a number that is not true or false is refused, as Julia refuses it in a boolean context', () => {
    expect(julia().error('all([1.0, 2.0])')).toContain('needs true or false')
  })
})

describe('types as arguments', () => {
  it('eltype is Float64, which zeros and zero take first (Base: zeros(eltype(x), n))', () => {
    const s = julia()
    expect(s.run('x = [1.0, 2.0]\nzeros(eltype(x), 3)')).toEqual([0, 0, 0])
    expect(s.run('zero(eltype([1.0])), one(Float64), convert(Float64, 2)')).toEqual({ tuple: [0, 1, 2] })
  })

  it('similar and undef give an array to fill in (its entries start at 0 here)', () => {
    const s = julia()
    expect(s.run('similar([1.0, 2.0, 3.0])')).toEqual([0, 0, 0])
    expect(s.run('similar([1.0, 2.0], 2, 2)')).toEqual([
      [0, 0],
      [0, 0],
    ])
    expect(s.run('Vector{Float64}(undef, 2)')).toEqual([0, 0])
    expect(s.run('size(Matrix{Float64}(undef, 2, 3)), size(Array{Float64}(undef, 3, 2))')).toEqual({
      tuple: [{ tuple: [2, 3] }, { tuple: [3, 2] }],
    })
    expect(s.run('Matrix{Float64}(I, 2, 2)')).toEqual([
      [1, 0],
      [0, 1],
    ])
  })

  it('a loop filling similar(x) differentiates in forward mode (ForwardDiff allows x[i] = v)', () => {
    const s = julia()
    s.value('using ForwardDiff')
    s.value('function sq!(x)\n  y = similar(x)\n  for i in eachindex(x)\n    y[i] = x[i]^2\n  end\n  sum(y)\nend')
    expectJsonClose(s.run('ForwardDiff.gradient(sq!, [1.0, 3.0])'), [2, 6])
  })
})
