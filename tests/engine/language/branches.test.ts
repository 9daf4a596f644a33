/**
 * Branches in notebooks, at and away from their switch points: ifelse and `? :` differentiate
 * only the branch taken, so where the condition ties on the value being differentiated the
 * result carries a note; away from it the closed form holds with no note. Also max and min with
 * NaN on either side, elementwise and folded over a vector, and overflow messages that name the
 * point the learner gave.
 */
import { describe, expect, it } from 'vitest'
import { notesOf } from '../../../engine/ad/notes.ts'
import { concrete, isValue } from '../../../engine/index.ts'
import type { LangValue } from '../../../engine/standard.ts'
import { mathDerivative, runError, session } from './helpers.ts'

/** A cell's number (or numbers) and the notes attached to its value. */
function evaluate(source: string): { data: number[]; notes: readonly string[] } {
  const v: LangValue = session().value(source)
  if (!isValue(v)) expect.fail(`expected numbers from ${source}`)
  return { data: Array.from(concrete(v).data), notes: notesOf(v) }
}

const BRANCH_NOTE = /^the comparison (==|>) met two equal values \(0\).*only the branch taken was differentiated/

describe('a branch at its switch point carries a note', () => {
  // Each case: a definition, its derivative at the switch point, what AD gives there (the branch
  // taken), and the true value (a closed form) or null where there is none.
  const cases: { define: string; at0: string; ad: number; truth: number | null; away: [string, number] }[] = [
    // h is the identity: slope 1 everywhere.
    {
      define: 'h(x) = ifelse(x == 0, 0, x)',
      at0: 'derivative(h, 0)',
      ad: 0,
      truth: 1,
      away: ['derivative(h, 0.3)', 1],
    },
    // A jump at 0: no derivative there.
    {
      define: 'h(x) = ifelse(x == 0, 5, x)',
      at0: 'derivative(h, 0)',
      ad: 0,
      truth: null,
      away: ['derivative(h, -2)', 1],
    },
    // relu by ifelse: one-sided slopes 0 and 1.
    {
      define: 'h(x) = ifelse(x > 0, x, 0)',
      at0: 'derivative(h, 0)',
      ad: 0,
      truth: null,
      away: ['derivative(h, 2)', 1],
    },
    // |x| by ? : — one-sided slopes -1 and 1.
    { define: 'h(x) = x > 0 ? x : -x', at0: 'derivative(h, 0)', ad: -1, truth: null, away: ['derivative(h, 0.5)', 1] },
  ]

  for (const { define, at0, ad, truth, away } of cases) {
    it(`${define}: ${at0} follows one branch, with the note; elsewhere the slope, no note`, () => {
      const r = evaluate(`${define}\n${at0}`)
      expect(r.data).toEqual([ad])
      if (truth !== null) expect(ad).not.toBe(truth) // the reason for the note
      expect(r.notes).toHaveLength(1)
      expect(r.notes[0]).toMatch(BRANCH_NOTE)
      const [source, slope] = away
      expect(evaluate(`${define}\n${source}`)).toEqual({ data: [slope], notes: [] })
    })
  }

  it('sinc(x) = x == 0 ? 1 : sin(x)/x: its second derivative at 0 is -1/3, not the 0 AD gives; noted', () => {
    const define = 'sinc(x) = x == 0 ? 1 : sin(x)/x\nd2(x) = derivative(y(t) = derivative(sinc, t), x)'
    const r = evaluate(`${define}\nd2(0)`)
    expect(r.data).toEqual([0])
    expect(r.notes).toHaveLength(1)
    expect(r.notes[0]).toMatch(BRANCH_NOTE)
    // Away from 0 the closed form (mathjs, symbolically) matches, and tends to -1/3.
    for (const x of [0.5, 0.01]) {
      const away = evaluate(`${define}\nd2(${x})`)
      expect(away.notes).toEqual([])
      expect(away.data[0]).toBeCloseTo(mathDerivative('sin(x)/x', ['x', 'x'], { x }), 10)
    }
    expect(evaluate(`${define}\nd2(0.001)`).data[0]).toBeCloseTo(-1 / 3, 6)
  })

  it('reverse mode and a tensor condition note it too, once per statement', () => {
    const r = evaluate('g(x) = sum(x > 0 ? x : -x)\ngradient(g, [0, 1, -2])')
    expect(r.data).toEqual([-1, 1, -1])
    expect(r.notes).toHaveLength(1)
    expect(r.notes[0]).toMatch(BRANCH_NOTE)
    expect(evaluate('g(x) = sum(x > 0 ? x : -x)\ngradient(g, [3, 1, -2])').notes).toEqual([])
  })

  it('no note without a derivative, and max at a tie keeps its own single note', () => {
    expect(evaluate('x = 0\nx == 0 ? 1 : 2').notes).toEqual([])
    const m = evaluate('derivative(h(x) = max(x, 0), 0)')
    expect(m.notes).toHaveLength(1)
    expect(m.notes[0]).toMatch(/^max is not differentiable/)
  })
})

describe('max and min: NaN on either side gives NaN, with a note', () => {
  it('two arguments, in both orders, and Inf - Inf', () => {
    for (const source of ['max(NaN, 1)', 'max(1, NaN)', 'min(NaN, 1)', 'min(1, NaN)', 'max(Inf - Inf, 0)']) {
      const r = evaluate(source)
      expect(r.data.map(Number.isNaN), source).toEqual([true])
      expect(r.notes[0]).toMatch(/^(max|min) was given NaN/)
    }
  })

  it('folded over a vector: min([3, NaN, 1]) and max([NaN, 1, 2]) are NaN; without NaN, the extreme', () => {
    expect(evaluate('min([3, NaN, 1])').data.map(Number.isNaN)).toEqual([true])
    expect(evaluate('max([NaN, 1, 2])').data.map(Number.isNaN)).toEqual([true])
    expect(evaluate('min([3, 2, 1])')).toEqual({ data: [1], notes: [] })
  })

  it('the gradient of max(x) at [NaN, 1] is NaN, not [0, 1]; without NaN it picks the largest', () => {
    expect(evaluate('m(x) = max(x)\ngradient(m, [NaN, 1])').data.map(Number.isNaN)).toEqual([true, true])
    expect(evaluate('m(x) = max(x)\ngradient(m, [3, 1])').data).toEqual([1, 0])
  })
})

describe('derivatives that overflow name the point given', () => {
  it('derivative(log, 1e-320): 1/1e-320 overflows; not "1/0"', () => {
    const error = runError('derivative(log, 1e-320)')
    expect(error).toContain('1/1e-320 overflows')
    expect(error).toContain('log at 1e-320')
    expect(error).not.toMatch(/\/0\b|at 0\b/)
  })

  it('r(x) = 1/x at 1e-200: the overflow, not "not differentiable at 0"', () => {
    const error = session().runError('r(x) = 1/x\nderivative(r, 1e-200)')
    expect(error).toContain('overflows')
    expect(error).toContain('1e-200')
    expect(error).not.toMatch(/division by zero|at 0\b|zero denominator/)
  })
})

describe('a NaN condition chooses no branch', () => {
  // A comparison with NaN is false, as in IEEE arithmetic and Julia; only NaN itself as the
  // condition is refused.
  it('NaN ? 1 : 2 says the condition is NaN instead of picking a side', () => {
    expect(runError('NaN ? 1 : 2')).toContain('the condition of ? : is NaN')
    expect(runError('x = Inf - Inf\nx ? 1 : 2')).toContain('is NaN (not a number)')
    expect(evaluate('0 ? 1 : 2').data).toEqual([2])
  })
})
