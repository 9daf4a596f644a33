/**
 * The untaken-branch trap (engine/ad/untaken.ts): ifelse(v > 0, sqrt(v), 0) at v = 0 has value
 * 0, and its gradient is NaN, as JAX's jnp.where, PyTorch's torch.where and Zygote give: the
 * branch not taken receives a cotangent of 0, and sqrt's slope at 0 is infinite (0·∞ = NaN).
 * The engine keeps that NaN but attaches a note naming the branch and the fix, the "double
 * where" ifelse(v > 0, sqrt(ifelse(v > 0, v, 1.0)), 0.0), whose gradient is the closed form
 * 1/(2√v) for v > 0 and 0 otherwise. A nonzero cotangent times ∞ stays an error.
 */
import { describe, expect, it } from 'vitest'
import { collectNotes, notesOf } from '../../../engine/ad/notes.ts'
import type { Value } from '../../../engine/index.ts'
import {
  concrete,
  getindex,
  gradient,
  gt,
  hessian,
  ifelse,
  le,
  scalar,
  sqrt,
  sum,
  vector,
} from '../../../engine/index.ts'
import { Scope, runCell, toJson } from '../../../engine/standard.ts'

const trap = (v: Value): Value => ifelse(gt(v, 0), sqrt(v), 0)
const doubleWhere = (v: Value): Value => ifelse(gt(v, 0), sqrt(ifelse(gt(v, 0), v, 1)), 0)
/** d/dv of sqrt(v) for v > 0, 0 for v <= 0: the derivative of the function the learner meant. */
const closedForm = (v: number): number => (v > 0 ? 1 / (2 * Math.sqrt(v)) : 0)

const FIRST_BRANCH_NOTE =
  "the gradient has NaN from the first branch of ifelse, not taken here (its condition was false): the derivative of sqrt at 0 is infinite or undefined, and ifelse's pullback sends the branch not taken a cotangent of 0, so the chain rule computes 0 × ∞ = NaN (JAX's jnp.where and PyTorch's torch.where give the same NaN). The fix is the \"double where\": make the untaken branch's input safe as well, so that it is evaluated where its derivative is finite, e.g. ifelse(c, sqrt(ifelse(c, x, 1.0)), 0.0) instead of ifelse(c, sqrt(x), 0.0)."

const item = (v: Value): number => concrete(v).item()

describe('ifelse(v > 0, sqrt(v), 0) at v = 0', () => {
  it('has the primal value 0 (both branches are computed, the first is discarded)', () => {
    expect(item(trap(scalar(0)))).toBe(0)
  })

  it('has gradient NaN, as JAX and PyTorch give, and a note naming the first branch and the fix', () => {
    const { result, notes } = collectNotes(() => gradient(trap, scalar(0)))
    expect(Number.isNaN(item(result))).toBe(true)
    expect(notes).toContain(FIRST_BRANCH_NOTE)
  })

  it('names the second branch when that is the one not taken', () => {
    const { result, notes } = collectNotes(() => gradient((v) => ifelse(le(v, 0), 0, sqrt(v)), scalar(0)))
    expect(Number.isNaN(item(result))).toBe(true)
    expect(notes.join('\n')).toMatch(/NaN from the second branch of ifelse, not taken here \(its condition was true\)/)
  })

  it('away from 0 the gradient is 1/(2√v), with no note about a branch', () => {
    const { result, notes } = collectNotes(() => gradient(trap, scalar(4)))
    expect(item(result)).toBe(0.25)
    expect(notes.join('\n')).not.toMatch(/branch of ifelse/)
  })

  it('in a vector, only the entry at 0 is NaN: the others keep their derivative', () => {
    const { result, notes } = collectNotes(() => gradient((v) => sum(trap(v)), vector([0, 4, 9])))
    const g = concrete(result).data
    expect(Number.isNaN(g[0]!)).toBe(true)
    expect([g[1], g[2]]).toEqual([0.25, 1 / 6])
    expect(notes.join('\n')).toMatch(/0 × ∞ = NaN/)
  })

  it('a nonzero cotangent times an infinite slope is still the error it was', () => {
    expect(() => gradient(sqrt, scalar(0))).toThrow(/sqrt is not differentiable at 0/)
    // The infinite slope sits where the cotangent is 1 (entry 1 is read), though entry 2's is 0.
    expect(() => gradient((v) => getindex(sqrt(v), [0]), vector([0, 4]))).toThrow(/sqrt is not differentiable at 0/)
  })

  it('a 0 cotangent from elsewhere (an entry never read) meets ∞ as in JAX: NaN there, with the general note', () => {
    const { result, notes } = collectNotes(() => gradient((v) => getindex(sqrt(v), [1]), vector([0, 4])))
    const g = concrete(result).data
    expect(Number.isNaN(g[0]!)).toBe(true)
    expect(g[1]).toBe(0.25)
    expect(notes.join('\n')).toMatch(/^the gradient has NaN where a cotangent of 0 met a slope that is not finite/m)
  })

  it('the domain check is back once the gradient is done: sqrt(-1) is still an error', () => {
    gradient(trap, scalar(0))
    expect(() => sqrt(scalar(-1))).toThrow(/sqrt\(-1\) is undefined/)
  })
})

describe('the double where', () => {
  it.each([-2, -1e-9, 0, 1e-9, 0.25, 4])('gives the closed-form gradient at v = %s, with no NaN note', (v) => {
    const { result, notes } = collectNotes(() => gradient(doubleWhere, scalar(v)))
    expect(item(result)).toBeCloseTo(closedForm(v), 12)
    expect(notes.join('\n')).not.toMatch(/NaN/)
    expect(item(doubleWhere(scalar(v)))).toBe(v > 0 ? Math.sqrt(v) : 0)
  })

  it('has the closed-form second derivative -1/(4 v^(3/2)) for v > 0 and 0 for v < 0', () => {
    expect(item(hessian(doubleWhere, scalar(4)))).toBeCloseTo(-1 / 32, 14)
    expect(item(hessian(doubleWhere, scalar(-1)))).toBe(0)
  })
})

describe('in cells', () => {
  const julia = (source: string) => runCell(source, new Scope(), 'julia')

  it('Julia: Zygote.gradient of the trap is (NaN,) with the note; the double where gives (0.0,)', () => {
    const r = julia('using Zygote\ngradient(v -> ifelse(v > 0, sqrt(v), 0.0), 0.0)')
    if (!r.ok) expect.fail(r.error)
    expect(toJson(r.value)).toEqual({ tuple: ['NaN'] })
    // Julia keeps IEEE's Inf (ad/domain.ts), so the 0·∞ is seen at the product, not at sqrt's rule.
    expect(notesOf(r.value).join('\n')).toMatch(
      /NaN from the first branch of ifelse, not taken here \(its condition was false\).*"double where".*ifelse\(c, sqrt\(ifelse\(c, x, 1\.0\)\), 0\.0\)/,
    )
    const fixed = julia('using Zygote\ngradient(v -> ifelse(v > 0, sqrt(ifelse(v > 0, v, 1.0)), 0.0), 0.0)')
    if (!fixed.ok) expect.fail(fixed.error)
    expect(toJson(fixed.value)).toEqual({ tuple: [0] })
  })

  it('Julia: the ternary runs one branch only, so it has no trap (gradient 0 at 0)', () => {
    const r = julia('using Zygote\ngradient(v -> v > 0 ? sqrt(v) : 0.0, 0.0)')
    if (!r.ok) expect.fail(r.error)
    expect(toJson(r.value)).toEqual({ tuple: [0] })
    expect(notesOf(r.value).join('\n')).not.toMatch(/branch of ifelse/)
  })

  it('ad: the same trap and the same note', () => {
    const r = runCell('f(v) = ifelse(v > 0, sqrt(v), 0)\ngradient(f, 0)', new Scope())
    if (!r.ok) expect.fail(r.error)
    expect(toJson(r.value)).toBe('NaN')
    expect(notesOf(r.value)).toContain(FIRST_BRANCH_NOTE)
  })
})
