/**
 * Julia's number functions take numbers (Base: `sin(::Vector)` has no method; LinearAlgebra:
 * `exp(::Matrix)` is the matrix exponential). A Julia cell that calls one on an array without a
 * dot is told to broadcast, and the suggestion runs as typed; with the dot, and inside a
 * learner's function broadcast over an array, they apply to each entry.
 */
import { describe, expect, it } from 'vitest'
import { expectJsonClose, julia } from './julia.ts'

describe('Julia cells: number functions on arrays need a dot', () => {
  it('sin(v) of a vector says to write sin.(v), which runs', () => {
    const s = julia('v = [0.0, 1.0]')
    expect(s.error('sin(v)')).toMatch(/sin takes one number.*write sin\.\(v\)/)
    expectJsonClose(s.run('sin.(v)'), [0, Math.sin(1)])
  })

  it('exp(A) of a square matrix names the matrix exponential instead of giving each entry’s exp', () => {
    const s = julia('M = [0.0 1; 2 3]')
    expect(s.error('exp(M)')).toMatch(/matrix exponential.*exp\.\(M\)/)
    expectJsonClose(s.run('exp.(M)'), [
      [1, Math.E],
      [Math.exp(2), Math.exp(3)],
    ])
  })

  it('numbers, broadcasting and a learner’s function applied with f.(x) are unchanged', () => {
    const s = julia('q(x) = sin(x) + x^2')
    expectJsonClose(s.run('sin(0.5)'), Math.sin(0.5))
    expectJsonClose(s.run('q.([1.0, 2.0])'), [Math.sin(1) + 1, Math.sin(2) + 4])
    expectJsonClose(s.run('gradient(v -> sum(q.(v)), [1.0, 2.0])[1]'), [Math.cos(1) + 2, Math.cos(2) + 4])
    expectJsonClose(s.run('sum(abs2, [1, 2])'), 5)
    expectJsonClose(s.run('map(x -> exp(x), [0.0, 1.0])'), [1, Math.E])
  })

  it('ad cells keep applying them entry by entry', async () => {
    const { Scope, runCell, toJson } = await import('../../../../engine/standard.ts')
    const r = runCell('sin([0, 1])', new Scope(), 'ad')
    expect(r.ok && toJson(r.value)).toEqual([0, Math.sin(1)])
  })
})
