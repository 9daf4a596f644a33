/**
 * The checks on the learner's own rules (engine/language/rules.ts), the point of issue 15: a
 * wrong rrule is caught by test_rrule with the entry named, while test_frule (which runs f's
 * body, having no frule) passes; a wrong frule the other way round; a pullback right on every
 * basis vector but not linear in ȳ is caught by the random cotangents; an rrule whose value is
 * not f(x) is said; a rule on a builtin is checked like any other; and in the reactive notebook
 * a check in its own cell follows the rule cell. Expected values are closed forms (x² has 2x).
 */
import { describe, expect, it } from 'vitest'
import type { LangValue } from '../../../engine/standard.ts'
import { ReactiveNotebook } from '../../../engine/standard.ts'
import { panelSpecOf } from '../../../engine/panels/index.ts'
import type { DerivativeCheckSpec } from '../../../engine/panels/derivativeCheck.ts'
import { julia } from '../language/julia/julia.ts'

function specOf(v: LangValue | undefined): DerivativeCheckSpec {
  const spec = panelSpecOf(v)
  if (spec?.kind !== 'derivativeCheck') throw new Error('expected a derivative check')
  return spec
}

const checked = (setup: string, check: string) => {
  const s = julia('')
  s.value(setup)
  return specOf(s.value(check))
}

// The true Jacobian of x .^ 2 is diag(2x); this rule claims 3x.
const WRONG = 'w(x) = x .^ 2\nChainRulesCore.rrule(::typeof(w), x) = w(x), ȳ -> (NoTangent(), 3 .* x .* ȳ)'

describe("the learner's rules", () => {
  it('a wrong rrule: test_rrule names the worst entry and counts the others', () => {
    const spec = checked(WRONG, 'test_rrule(w, [1.0, 2.0])')
    expect(spec.status).toBe('wrong')
    expect(spec.verdict).toBe(
      'Entry (2,2) of ∂w/∂x is off: AD gives 6, finite differences 4; 1 more entry is off too (rtol 1e-6, atol 1e-9)',
    )
    expect(spec.blocks[0]!.ratio.map((r) => r > 1)).toEqual([true, false, false, true])
  })

  it('the same function passes test_frule: forward mode runs its body, as in ChainRules', () => {
    expect(checked(WRONG, 'test_frule(w, [1.0, 2.0])').status).toBe('consistent')
  })

  it('a correct rrule passes', () => {
    const right = WRONG.replace('3 .* x', '2 .* x')
    expect(checked(right, 'test_rrule(w, [1.0, 2.0])').status).toBe('consistent')
  })

  it('a wrong frule is caught by test_frule, and test_rrule (no rrule: the body) passes', () => {
    const cube = 'c(x) = x^3\nfunction ChainRulesCore.frule((_, ẋ), ::typeof(c), x)\n  return c(x), 2x^2 * ẋ\nend'
    expect(checked(cube, 'test_frule(c, 2.0)').verdict).toBe(
      '∂c/∂x is off: AD gives 8, finite differences 12 (rtol 1e-6, atol 1e-9)',
    )
    expect(checked(cube, 'test_rrule(c, 2.0)').status).toBe('consistent')
  })

  it('a pullback right on every basis vector but not linear (ȳ.^2) is caught by a random cotangent', () => {
    const spec = checked(
      'n(x) = x .^ 2\nChainRulesCore.rrule(::typeof(n), x) = n(x), ȳ -> (NoTangent(), 2 .* x .* ȳ .^ 2)',
      'test_rrule(n, [1.0, 2.0, 3.0])',
    )
    expect(spec.wrongCount).toBe(0)
    expect(spec.status).toBe('wrong')
    expect(spec.verdict).toMatch(
      /^The pullback of a random cotangent ȳ = \[.*\] is off: .*the pullback is not linear in ȳ/,
    )
    // ȳᵀJ with J = diag(2x): the finite-difference side is 2·x·ȳ.
    const d = spec.directions.find((x) => x.ratio > 1)!
    d.fd.forEach((v, i) => expect(v).toBeCloseTo(2 * (i + 1) * d.direction[i]!, 9))
  })

  it('an rrule whose value is not f(x) is said, with both values', () => {
    const spec = checked(
      'p(x) = x .^ 2\nChainRulesCore.rrule(::typeof(p), x) = 2 .* p(x), ȳ -> (NoTangent(), 2 .* x .* ȳ)',
      'test_rrule(p, [1.0, 2.0])',
    )
    expect(spec.verdict).toBe(
      'The value the reverse pass computes is not p(x): entry 1 is 2, but p gives 1 (rtol 1e-6, atol 1e-9)',
    )
  })

  it('an frule whose value is not f(x) is said too', () => {
    const twice = 'c(x) = x^3\nfunction ChainRulesCore.frule((_, ẋ), ::typeof(c), x)\n  return 2c(x), 3x^2 * ẋ\nend'
    expect(checked(twice, 'test_frule(c, 2.0)').verdict).toBe(
      'The value the forward pass computes is not c(x): 16, but c gives 8 (rtol 1e-6, atol 1e-9)',
    )
  })

  it('a wrong rule on a builtin (softmax as the identity) is checked like any other', () => {
    const spec = checked(
      'ChainRulesCore.rrule(::typeof(softmax), x) = softmax(x), ȳ -> (NoTangent(), ȳ)',
      'test_rrule(softmax, [1.0, 2.0, 3.0])',
    )
    expect(spec.wrongCount).toBe(9)
  })

  it('in the reactive notebook, a check in its own cell reruns when the rule cell changes', () => {
    const nb = new ReactiveNotebook()
    const cells = [
      { id: 'check', source: 'test_rrule(w, [1.0, 2.0])' },
      { id: 'rule', source: 'ChainRulesCore.rrule(::typeof(w), x) = w(x), ȳ -> (NoTangent(), 3 .* x .* ȳ)' },
      { id: 'w', source: 'w(x) = x .^ 2' },
    ].map((c) => ({ ...c, language: 'julia' as const }))
    const status = () => {
      const r = nb.result('check')
      if (!r?.ok) expect.fail(`the check failed: ${r && !r.ok ? r.error : 'not run'}`)
      return specOf(r.value).status
    }
    nb.update(cells)
    expect(status()).toBe('wrong')
    const fixed = cells.map((c) => (c.id === 'rule' ? { ...c, source: c.source.replace('3 .* x', '2 .* x') } : c))
    expect(nb.update(fixed)).toContain('check')
    expect(status()).toBe('consistent')
  })
})
