/**
 * The numerics of issue 13 item 5 as the learner meets them: Julia's LinearAlgebra.norm, det,
 * logdet and logabsdet, and the ad cells' builtins of the same names, route to the scaled norm
 * and the cofactor gradient (closed forms: ‖(3, 4)·1e-200‖ = 5e-200; ∂det/∂A = adj(A)ᵀ).
 */
import { describe, expect, it } from 'vitest'
import { notesOf } from '../../../engine/ad/notes.ts'
import { Scope, runCell, toJson } from '../../../engine/standard.ts'
import type { Json } from '../../../engine/standard.ts'

function cell(source: string, language: 'julia' | 'ad'): { json: Json; notes: readonly string[] } {
  const r = runCell(source, new Scope(), language)
  if (!r.ok) expect.fail(`${language} cell failed: ${r.error}\n${source}`)
  return { json: toJson(r.value), notes: notesOf(r.value) }
}

function error(source: string, language: 'julia' | 'ad'): string {
  const r = runCell(source, new Scope(), language)
  if (r.ok) expect.fail(`expected an error from ${source}`)
  return r.error
}

describe('Julia cells', () => {
  it('LinearAlgebra.norm is scaled: 5e-200 and 5e200, not 0 and an overflow', () => {
    expect(cell('using LinearAlgebra\nnorm([3e-200, 4e-200])', 'julia').json).toBe(5e-200)
    expect(cell('using LinearAlgebra\nLinearAlgebra.norm([3e200, 4e200])', 'julia').json).toBe(Math.hypot(3e200, 4e200))
  })

  it("Zygote.gradient(norm, zeros) is the subgradient 0 with ChainRules' note", () => {
    const { json, notes } = cell('using LinearAlgebra, Zygote\ngradient(norm, [0.0, 0.0])', 'julia')
    expect(json).toEqual({ tuple: [[0, 0]] })
    expect(notes.join('\n')).toMatch(/^norm is not differentiable at the zero vector; the derivative used here is 0/)
  })

  it('Zygote.gradient(det, A) at a singular A is adj(A)ᵀ = [4 -2; -2 1]', () => {
    expect(cell('using LinearAlgebra, Zygote\ngradient(det, [1.0 2.0; 2.0 4.0])', 'julia').json).toEqual({
      tuple: [
        [
          [4, -2],
          [-2, 1],
        ],
      ],
    })
  })

  it('logdet of a negative determinant says so and points to logabsdet, which answers', () => {
    expect(error('using LinearAlgebra\nlogdet([0.0 1.0; 1.0 0.0])', 'julia')).toContain(
      'logdet: the determinant is -1, and logdet needs a positive determinant',
    )
    expect(cell('using LinearAlgebra\nlogabsdet([0.0 1.0; 1.0 0.0])', 'julia').json).toEqual({ tuple: [0, -1] })
  })
})

describe('ad cells', () => {
  it('norm, norm(x, 3), and det at a singular matrix', () => {
    expect(cell('norm([3e-200, 4e-200])', 'ad').json).toBe(5e-200)
    const p3 = cell('norm([3e200, 4e200], 3)', 'ad').json as number
    expect(Math.abs(p3 / 1e200 - Math.cbrt(27 + 64))).toBeLessThan(1e-14)
    expect(cell('gradient(det, [1, 2; 2, 4])', 'ad').json).toEqual([
      [4, -2],
      [-2, 1],
    ])
  })
})
