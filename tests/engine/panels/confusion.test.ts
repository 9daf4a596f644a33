/**
 * show_confusion(c): the engine's nested derivative (1) against the untagged dual numbers (2).
 * The oracle for the engine's answer is the language itself (an inline nested derivative in a
 * cell) and calculus: d/dx [x · d/dy (x + y)] = d/dx [x] = 1 at every x.
 */
import { describe, expect, it } from 'vitest'
import type { ConfusionSpec } from '../../../engine/panels/confusion.ts'
import { untaggedNested } from '../../../engine/panels/confusion.ts'
import { panelOf } from './helpers.ts'
import { toDisplay } from '../../../engine/standard.ts'
import { failure, num, session } from '../language/helpers.ts'

const confusion = (source: string) => panelOf('confusion', source)

describe('the untagged evaluator', () => {
  it('gives 2 at every point: the inner derivative reads the outer ε too', () => {
    for (const c of [1, 0, -2.5, 7]) {
      const u = untaggedNested(c)
      expect(u.result).toBe(2)
      expect(u.inner).toBe(2)
      expect(u.sum).toEqual({ v: c + 1, d: 2 })
      expect(u.product).toEqual({ v: 2 * c, d: 2 })
    }
  })
})

describe('show_confusion', () => {
  it('the engine gives 1, the untagged evaluator 2', () => {
    const spec = confusion('show_confusion()')
    expect(spec.correct).toBe(1)
    expect(spec.confused).toBe(2)
    expect(spec.c).toBe(1)
    expect(spec.expression).toBe('D(x -> x * D(y -> x + y)(1))(1)')
  })

  it('agrees with the same nested derivative written in a cell', () => {
    expect(num('derivative(o(x) = x * derivative(i(y) = x + y, 1), 1)')).toBe(confusion('show_confusion()').correct)
    expect(num('derivative(o(x) = x * derivative(i(y) = x + y, 1), 3)')).toBe(1)
  })

  it('walks four steps on both sides, ending at the two answers', () => {
    const spec = confusion('show_confusion()')
    expect(spec.steps.map((s) => s.phase)).toEqual(['outer-seed', 'inner-seed', 'inner-result', 'outer-result'])
    const [outerSeed, innerSeed, innerResult, outerResult] = spec.steps as [
      ConfusionSpec['steps'][number],
      ConfusionSpec['steps'][number],
      ConfusionSpec['steps'][number],
      ConfusionSpec['steps'][number],
    ]
    expect(outerSeed.tagged).toContain('x = 1 + 1·ε₁')
    expect(outerSeed.untagged).toContain('x = 1 + 1·ε')
    expect(innerSeed.tagged).toContain('y = 1 + 1·ε₂')
    expect(innerResult.tagged).toContain('x + y = 2 + 1·ε₁ + 1·ε₂')
    expect(innerResult.untagged).toContain('x + y = 2 + 2·ε')
    expect(outerResult.tagged).toMatch(/ε₁-part: 1$/)
    expect(outerResult.untagged).toMatch(/ε-part: 2$/)
    for (const [k, s] of spec.steps.entries()) expect(s.announce).toMatch(new RegExp(`^Step ${k + 1} of 4`))
  })

  it('carries the trace of both levels from record(), split among the four steps', () => {
    const spec = confusion('show_confusion()')
    const levels = new Set(spec.trace.map((r) => r.level))
    expect(levels).toEqual(new Set([0, 1, 2]))
    // Each trace row belongs to exactly one step, in order.
    const all = spec.steps.flatMap((s) => s.traceRows)
    expect(all).toEqual(spec.trace.map((_, i) => i))
    for (const s of spec.steps) expect(s.traceRows.length).toBeGreaterThan(0)
    // The inner add runs at level 2 with ε₂-part 1; the outer product at level 1 with ε₁-part 1.
    const inner = spec.trace.find((r) => r.level === 2 && r.kind === 'op')!
    expect(inner.what).toContain('x + y')
    expect(inner.tangent).toBe(1)
    const outer = spec.trace.filter((r) => r.level === 1 && r.kind === 'op').at(-1)!
    expect(outer.what).toContain('x · 1')
    expect(outer.tangent).toBe(1)
    expect(spec.trace.filter((r) => r.kind === 'pass').map((r) => r.level)).toEqual([1, 2])
  })

  it('moves the values with c but not the answers', () => {
    const spec = confusion('show_confusion(3)')
    expect(spec.correct).toBe(1)
    expect(spec.confused).toBe(2)
    expect(spec.steps[2]!.tagged).toContain('x + y = 4 + 1·ε₁ + 1·ε₂')
    expect(spec.steps[3]!.untagged).toContain('6 + 2·ε')
    expect(spec.trace.some((r) => r.primal === 4)).toBe(true)
  })

  it('explains what keeps the levels apart, and has a summary and snippets', () => {
    const spec = confusion('show_confusion()')
    const text = spec.explanation.join(' ')
    expect(text).toMatch(/fresh level/)
    expect(text).toMatch(/constant/)
    expect(spec.summary).toMatch(/gives 1/)
    expect(spec.summary).toMatch(/give 2/)
    expect(spec.code.julia).toContain('ForwardDiff')
    expect(spec.code.jax).toContain('jax.jvp')
    expect(spec.code.pytorch).toContain('torch.func')
    const d = toDisplay(session().value('show_confusion()'))
    expect(d.kind).toBe('panel')
    const panel = (d.kind === 'panel' ? d.panel : undefined) as ConfusionSpec
    expect(structuredClone(panel)).toEqual(panel)
  })

  it('checks its argument', () => {
    expect(failure('show_confusion([1, 2])').error).toMatch(/c must be a number/)
    expect(failure('show_confusion("a")').error).toMatch(/c must be a number/)
    expect(failure('show_confusion(1, 2)').error).toMatch(/at most one number/)
    const big = failure('show_confusion(1e9)')
    expect(big.cause.kind).toBe('limit')
  })
})
