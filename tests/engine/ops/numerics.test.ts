/**
 * Numerics at the edges (issue 13, item 5): norms scaled as hypot is, so that tiny and huge
 * entries neither underflow nor overflow, with the subgradient 0 at the zero vector. Each value
 * comes from a closed form: ‖(3, 4)·k‖ = 5k, ∇‖x‖ = x/‖x‖, ∇‖x‖ₚ = sign(x)|x|^(p-1)/‖x‖ₚ^(p-1).
 */
import { describe, expect, it } from 'vitest'
import { collectNotes } from '../../../engine/ad/notes.ts'
import type { Value } from '../../../engine/index.ts'
import { concrete, gradient, hessian, norm, normP, vector } from '../../../engine/index.ts'
import { expectClose, expectExact, expectHessianMatchesFD } from '../helpers.ts'

const METHODS = ['forward-over-reverse', 'reverse-over-reverse', 'forward-over-forward', 'reverse-over-forward']

/** |actual - expected| <= rel·|expected| elementwise: a relative check that means something at 1e-300. */
function expectRelative(actual: Value, expected: readonly number[], rel = 4 * Number.EPSILON): void {
  const a = concrete(actual).data
  expect(a.length).toBe(expected.length)
  expected.forEach((e, i) => {
    if (!(Math.abs(a[i]! - e) <= rel * Math.abs(e))) expect.fail(`element ${i}: ${a[i]} is not ${e} (relative ${rel})`)
  })
}

describe('norm, scaled as hypot is', () => {
  it.each([1e-200, 1e-300, 1e-310, 1, 1e200, 1e300])('‖(3k, 4k)‖ = 5k and its gradient is (0.6, 0.8), k = %s', (k) => {
    const x = vector([3 * k, 4 * k])
    const exact = Math.hypot(3 * k, 4 * k)
    // A subnormal k has fewer digits: the tolerance is its spacing.
    const rel = k < 1e-300 ? 1e-9 : 4 * Number.EPSILON
    expectRelative(norm(x), [exact], rel)
    expectRelative(gradient(norm, x), [(3 * k) / exact, (4 * k) / exact], rel)
  })

  it('is finite for entries whose squares overflow, and exact for a matrix of them (Frobenius)', () => {
    const big = vector([1e200, 1e200, 1e200, 1e200])
    expectRelative(norm(big), [2e200])
    expectRelative(gradient(norm, big), [0.5, 0.5, 0.5, 0.5])
  })

  it.each(METHODS)('Hessian at 1e200 scale is (I - u uᵀ)/‖x‖, %s', (method) => {
    const k = 1e200
    const x = vector([3 * k, 4 * k])
    const u = [0.6, 0.8]
    const closed = u.map((ui, i) => u.map((uj, j) => ((i === j ? 1 : 0) - ui * uj) / (5 * k)))
    const H = concrete(hessian(norm, x, method)).data
    closed.flat().forEach((h, i) => expect(Math.abs(H[i]! - h)).toBeLessThanOrEqual(1e-14 * (1 / (5 * k))))
  })

  it('at the zero vector: value 0, gradient 0 (the subgradient ChainRules uses), Hessian 0, and a note', () => {
    const zero = vector([0, 0, 0])
    expectExact(norm(zero), 0)
    const { result, notes } = collectNotes(() => gradient(norm, zero))
    expectExact(result, [0, 0, 0])
    expect(notes).toContain(
      "norm is not differentiable at the zero vector; the derivative used here is 0 (a subgradient, as in Julia's ChainRules, where Zygote gives 0; JAX gives NaN)",
    )
    const zeros3 = [
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]
    for (const method of METHODS) expectExact(hessian(norm, zero, method), zeros3)
  })

  it('overflows only when the norm itself is beyond float64, and then says so', () => {
    expectRelative(norm(vector([1e308, 1e307])), [Math.hypot(1e308, 1e307)])
    expect(() => norm(vector([1.5e308, 1.5e308]))).toThrow(/^norm overflowed: the norm of these entries is beyond/)
  })

  it('passes infinite and NaN entries through, as Julia does (norm([Inf, 1]) = Inf)', () => {
    expectExact(norm(vector([Infinity, 1])), Infinity)
    expect(Number.isNaN(concrete(norm(vector([NaN, 1]))).item())).toBe(true)
  })
})

describe('norm(x, p), scaled', () => {
  it.each([3, 1.5, 4])('p = %s at 1e-200 and 1e200: value and gradient from the closed form', (p) => {
    for (const k of [1e-200, 1e200]) {
      const base = [1, -2, 3]
      const x = vector(base.map((v) => v * k))
      const unit = Math.pow(
        base.reduce((s, v) => s + Math.abs(v) ** p, 0),
        1 / p,
      )
      expectRelative(normP(x, p), [unit * k], 1e-14)
      // ∂‖x‖ₚ/∂xᵢ = sign(xᵢ)·(|xᵢ|/‖x‖ₚ)^(p-1): scale-free.
      const closed = base.map((v) => Math.sign(v) * (Math.abs(v) / unit) ** (p - 1))
      expectRelative(
        gradient((y) => normP(y, p), x),
        closed,
        1e-14,
      )
    }
  })

  it('p = 3 at the zero vector: subgradient 0 with a note naming norm(x, 3)', () => {
    const { result, notes } = collectNotes(() => gradient((y) => normP(y, 3), vector([0, 0])))
    expectExact(result, [0, 0])
    expect(notes.join('\n')).toMatch(/^norm\(x, 3\) is not differentiable at the zero vector/)
  })

  it('p = 3: Hessian matches differences of the gradient at an ordinary point', () => {
    expectHessianMatchesFD((y) => normP(y, 3), vector([0.5, -1.2, 2]))
  })

  it('plain values keep their last digits: norm([3, -4], p)', () => {
    expectExact(normP(vector([3, -4]), 2), 5)
    expectClose(normP(vector([3, -4]), 3), Math.cbrt(27 + 64), 1e-15)
  })
})
