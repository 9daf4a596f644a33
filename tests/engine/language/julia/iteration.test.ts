/**
 * Julia's iteration helpers (engine/language/julia/iteration.ts) in loops and comprehensions,
 * each case with the Julia rule it pins down and its value by hand.
 */
import { describe, expect, it } from 'vitest'
import { julia } from './julia.ts'

describe('enumerate, zip and pairs', () => {
  it('enumerate gives (index, entry) from 1 (Julia: enumerate counts from 1)', () => {
    const s = julia()
    expect(s.run('t = 0\nfor (i, x) in enumerate([10, 20, 30])\n  t += i * x\nend\nt')).toBe(140) // 10 + 40 + 90
    expect(s.run('enumerate([5, 7])')).toEqual({ tuple: [{ tuple: [1, 5] }, { tuple: [2, 7] }] })
  })

  it('enumerate walks a matrix column by column (Julia: column-major iteration)', () => {
    // A = reshape(0:8, 3, 3) .% 4 is [0 3 2; 1 0 3; 2 1 0]; its column-major entries 0 1 2 3 0 1 2 3 0.
    expect(julia().run('[i * a for (i, a) in enumerate(A)]')).toEqual([0, 2, 6, 12, 0, 6, 14, 24, 0])
  })

  it('zip stops at the shorter (Julia: zip ends with its shortest argument)', () => {
    const s = julia()
    expect(s.run('[a * b for (a, b) in zip([1, 2, 3], [4, 5])]')).toEqual([4, 10])
    expect(s.run('zip(1:3, (7, 8, 9), [1, 1, 1])')).toEqual({
      tuple: [{ tuple: [1, 7, 1] }, { tuple: [2, 8, 1] }, { tuple: [3, 9, 1] }],
    })
  })

  it('pairs of a vector gives its indices and entries; of a matrix it says what to write', () => {
    const s = julia()
    expect(s.run('[i + x for (i, x) in pairs([10, 20])]')).toEqual([11, 22])
    expect(s.error('pairs(A)')).toContain('enumerate(A)')
  })

  it('a loop over enumerate is differentiated through its entries', () => {
    // g(v) = Σ i·v_i², so ∂g/∂v_i = 2 i v_i: at [1, 2, 3] it is [2, 8, 18].
    const s = julia()
    s.run('function g(v)\n  t = 0\n  for (i, x) in enumerate(v)\n    t += i * x^2\n  end\n  t\nend')
    expect(s.run('gradient(g, [1.0, 2.0, 3.0])[1]')).toEqual([2, 8, 18])
  })
})

describe('eachcol and eachrow', () => {
  it('eachcol gives the columns and eachrow the rows, as vectors (Julia: slices of a matrix)', () => {
    const s = julia()
    expect(s.run('[sum(c) for c in eachcol(A)]')).toEqual([3, 4, 5]) // columns [0,1,2] [3,0,1] [2,3,0]
    expect(s.run('[sum(r) for r in eachrow(A)]')).toEqual([5, 4, 3]) // rows [0,3,2] [1,0,3] [2,1,0]
    expect(s.run('first(eachcol(A))')).toEqual([0, 1, 2])
  })

  it('the gradient flows through columns: sum of squared column sums', () => {
    // h(M) = Σ_j (Σ_i M_ij)²: ∂h/∂M_ij = 2 Σ_i M_ij; for [1 2; 3 4] the column sums are 4 and 6.
    const s = julia()
    s.run('h(M) = sum([sum(c)^2 for c in eachcol(M)])')
    expect(s.run('gradient(h, [1.0 2.0; 3.0 4.0])[1]')).toEqual([
      [8, 12],
      [8, 12],
    ])
  })

  it('a vector is refused with the reason', () => {
    expect(julia().error('eachcol([1, 2])')).toContain('takes a matrix')
  })
})

describe('isodd and iseven', () => {
  it('give the parity of integers, negative ones too (Julia: isodd(-3) is true)', () => {
    const s = julia()
    expect(s.run('isodd(3), iseven(3), isodd(-3), iseven(0)')).toEqual({ tuple: [true, false, true, true] })
    expect(s.run('[k for k in 1:7 if isodd(k)]')).toEqual([1, 3, 5, 7])
  })

  it('a number that is not an integer is neither (Julia: isodd(2.5) is false), and 4.0 is even', () => {
    expect(julia().run('isodd(2.5), iseven(2.5), iseven(4.0)')).toEqual({ tuple: [false, false, true] })
  })

  it('an array asks for the broadcast', () => {
    expect(julia().error('isodd([1, 2])')).toContain('isodd.(x)')
  })
})
