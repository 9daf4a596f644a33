/**
 * logdet in a Julia cell as Julia has it: LinearAlgebra's logdet(A) is logabsdet's d plus
 * log(sign), so a singular A (sign 0) gives log(0) = -Inf, kept with a note, while a negative
 * determinant is log of a negative number, Julia's DomainError. An ad cell keeps both errors.
 * norm and det at their edges, in a cell: norm([3e-200, 4e-200]) = 5e-200 (scaled as hypot),
 * norm of 1e200 entries is finite, and det's gradient at a singular matrix is adj(A)ᵀ.
 */
import { describe, expect, it } from 'vitest'
import { notesOf } from '../../../engine/ad/notes.ts'
import { Scope, runCell, toJson } from '../../../engine/standard.ts'

const julia = (source: string) => runCell(source, new Scope(), 'julia')

describe('logdet in a Julia cell', () => {
  it('of a singular matrix is -Inf, with a note saying it is singular', () => {
    const r = julia('using LinearAlgebra\nlogdet([1.0 2.0; 2.0 4.0])')
    if (!r.ok) expect.fail(r.error)
    expect(toJson(r.value)).toBe('-Infinity')
    expect(notesOf(r.value).join('\n')).toMatch(/singular.*Julia gives -Inf here/)
  })

  it('of a matrix with a negative determinant is an error naming logabsdet (Julia: DomainError)', () => {
    const r = julia('using LinearAlgebra\nlogdet([1.0 2.0; 3.0 4.0])')
    if (r.ok) expect.fail('logdet of det -2 gave a value')
    expect(r.error).toMatch(/the determinant is -2.*logabsdet/)
  })

  it('in an ad cell a singular matrix is still an error', () => {
    expect(runCell('logdet([1, 2; 2, 4])', new Scope()).ok).toBe(false)
  })
})

describe('norm and det at their edges, in a Julia cell', () => {
  it('norm([3e-200, 4e-200]) is 5e-200 and norm([3e200, 4e200]) is 5e200 (no underflow, no overflow)', () => {
    const r = julia('using LinearAlgebra\nnorm([3e-200, 4e-200]), norm([3e200, 4e200])')
    if (!r.ok) expect.fail(r.error)
    const [small, large] = (toJson(r.value) as { tuple: number[] }).tuple
    expect(Math.abs(small! / 5e-200 - 1)).toBeLessThan(1e-15)
    expect(Math.abs(large! / 5e200 - 1)).toBeLessThan(1e-15)
  })

  it('the gradient of det at the singular [1 2; 2 4] is the cofactor matrix [4 -2; -2 1]', () => {
    const r = julia('using Zygote, LinearAlgebra\nZygote.gradient(det, [1.0 2.0; 2.0 4.0])[1]')
    if (!r.ok) expect.fail(r.error)
    expect(toJson(r.value)).toEqual([
      [4, -2],
      [-2, 1],
    ])
  })
})
