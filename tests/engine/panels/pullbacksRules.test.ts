/**
 * The pullbacks panel through a rule the learner wrote (engine/language/rules.ts): the graph
 * shows the rule as one node labelled as theirs, reverse passes pull back through their pullback
 * (rows from the rule), forward passes push through the function's body, one step at that node,
 * and when the two disagree the summary says which rule to check. Oracle: the closed-form
 * Jacobian of g(x) = [sum(x.^2), x₁x₂] at (1, 2), [2 4; 2 1], and the rule's claimed slope 3x.
 */
import { describe, expect, it } from 'vitest'
import { panelSpecOf } from '../../../engine/panels/index.ts'
import type { SpecOf } from './helpers.ts'
import { julia } from '../language/julia/julia.ts'

function panel(rule: string): SpecOf<'pullbacks'> {
  const s = julia('')
  s.value('h(x) = x .^ 2')
  s.value(`ChainRulesCore.rrule(::typeof(h), x) = h(x), ȳ -> (NoTangent(), ${rule})`)
  s.value('g(x) = [sum(h(x)), x[1] * x[2]]')
  const spec = panelSpecOf(s.value('show_pullbacks(g, [1.0, 2.0])'))
  if (spec?.kind !== 'pullbacks') throw new Error('expected a pullbacks panel')
  return spec
}

describe('show_pullbacks through a learner’s rule', () => {
  it('shows the rule as one node, and both modes step through it', () => {
    const spec = panel('2 .* x .* ȳ')
    const ruled = spec.nodes.filter((n) => n.label === 'h (your rule)')
    expect(ruled).toHaveLength(1)
    const id = ruled[0]!.id
    expect(spec.jacobian).toEqual([
      [2, 4],
      [2, 1],
    ])
    for (const pass of spec.reverse.passes) expect(pass.steps.some((st) => st.node === id)).toBe(true)
    for (const pass of spec.forward.passes) expect(pass.steps.some((st) => st.node === id)).toBe(true)
    expect(spec.summary).not.toMatch(/disagree/)
  })

  it('a wrong rule gives rows that differ from the columns, and the summary names the rule', () => {
    const spec = panel('3 .* x .* ȳ')
    // Row 1 is the rule's 3x = [3, 6]; the columns come from the body: [2, 2] and [4, 1].
    expect(spec.jacobian[0]).toEqual([3, 6])
    expect(spec.forward.passes.map((p) => p.column)).toEqual([
      [2, 2],
      [4, 1],
    ])
    expect(spec.summary).toMatch(/disagree, by up to 2\.0: reverse mode used your rule for h.*test_rrule/)
  })
})
