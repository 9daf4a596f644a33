/**
 * Notes under a cell's value (display flags): non-finite entries, and derivatives taken where the
 * function has none (abs and sign at 0, max and min at a tie). Closed forms are the oracle: the
 * value the rule chose is checked along with the note that explains it.
 */
import { describe, expect, it } from 'vitest'
import type { CellOutput } from '../../../engine/standard.ts'
import { DISPLAY_MAX_ENTRIES, Scope, runCell, toCellOutput } from '../../../engine/standard.ts'
import { failure } from '../language/helpers.ts'

function output(source: string): Extract<CellOutput, { ok: true }> {
  const r = runCell(source, new Scope())
  if (!r.ok) throw new Error(r.error)
  const out = toCellOutput(r)
  if (!out.ok) throw new Error('failed')
  return structuredClone(out) // what the worker posts must survive it
}

const tensor = (o: CellOutput) => (o.ok && o.display.kind === 'tensor' ? o.display.data : null)

describe('non-differentiable points', () => {
  it('abs at 0: derivative 0, the middle of the subgradient [-1, 1], with a note saying so', () => {
    const o = output('derivative(abs, 0)')
    expect(tensor(o)).toEqual([0])
    expect(o.flags).toEqual([
      'abs is not differentiable at 0; the derivative used here is 0 (a subgradient: any slope in [-1, 1] fits)',
    ])
  })

  it('abs away from 0 has its slope ±1 and no note', () => {
    expect(output('derivative(abs, -2)')).toEqual({
      ok: true,
      display: { kind: 'tensor', shape: [], data: [-1] },
      sliders: [],
    })
    expect(output('gradient(h(x) = sum(abs(x)), [3, 1, -2])').flags).toBeUndefined()
  })

  it('a gradient through abs with one entry at 0: sign(x) elsewhere, 0 there, and the note', () => {
    const o = output('gradient(h(x) = sum(abs(x)), [0, 1, -2])')
    expect(tensor(o)).toEqual([0, 1, -1])
    expect(o.flags?.[0]).toMatch(/^abs is not differentiable at 0/)
  })

  it('reverse and forward mode both note it (the rule is shared), and only once per statement', () => {
    const o = output('h(x) = abs(x) + abs(2 * x)\n[derivative(h, 0), gradient(h, 0), jacfwd(h, 0)]')
    expect(tensor(o)).toEqual([0, 0, 0])
    expect(o.flags).toHaveLength(1)
  })

  it('sign at 0: derivative 0, noted as a jump', () => {
    const o = output('derivative(sign, 0)')
    expect(tensor(o)).toEqual([0])
    expect(o.flags).toEqual(['sign jumps at 0, so it has no derivative there; the derivative used here is 0'])
    expect(output('derivative(sign, 3)').flags).toBeUndefined()
  })

  it('max and min at a tie follow one branch, and say which', () => {
    // max(x, 1 - x) at x = 1/2: slopes 1 and -1; the second argument's is used.
    const mx = output('derivative(h(x) = max(x, 1 - x), 0.5)')
    expect(tensor(mx)).toEqual([-1])
    expect(mx.flags?.[0]).toMatch(
      /^max is not differentiable where its two arguments are equal; .* the second argument's/,
    )
    const mn = output('derivative(h(x) = min(x, 1 - x), 0.5)')
    expect(tensor(mn)).toEqual([1])
    expect(mn.flags?.[0]).toMatch(/^min .* the first argument's/)
    expect(output('derivative(h(x) = max(x, 1 - x), 0.7)').flags).toBeUndefined()
    // no derivative taken, no note
    expect(output('max(0.5, 0.5)').flags).toBeUndefined()
  })

  it('sqrt at 0 has an infinite slope: an error that says so, not a note', () => {
    expect(failure('derivative(sqrt, 0)').error).toContain(
      'sqrt is not differentiable at 0 (its slope is infinite there)',
    )
  })

  it('norm at the zero vector uses the subgradient 0 (as ChainRules does) and says so in a note', () => {
    const o = output('gradient(norm, [0, 0])')
    expect(tensor(o)).toEqual([0, 0])
    expect(o.flags?.[0]).toMatch(/^norm is not differentiable at the zero vector; the derivative used here is 0/)
  })

  it('log(-1) and 0/0 in a derivative stop with the domain error', () => {
    expect(failure('derivative(log, -1)').error).toContain('log(-1) is undefined')
    expect(failure('derivative(h(x) = x / 0, 1)').error).toContain('division by zero')
  })
})

describe('NaN and infinite entries', () => {
  it('names each entry and explains where such values come from', () => {
    // 1 - Inf = -Inf, Inf - Inf = NaN
    const o = output('[1, Inf, 2] - Inf')
    expect(tensor(o)).toEqual([-Infinity, NaN, -Infinity])
    expect(o.flags).toHaveLength(2)
    expect(o.flags![0]).toMatch(/^entries 1 and 3 are -Infinity: an infinite entry comes from -Inf given as input/)
    expect(o.flags![1]).toMatch(/^entry 2 is NaN: NaN means "not a number"/)
  })

  it('matrix entries are named by row and column; a scalar as "the value"', () => {
    expect(output('[1, Inf; 2, Inf]').flags).toEqual([
      expect.stringMatching(/^entries \(1, 2\) and \(2, 2\) are Infinity: /),
    ])
    expect(output('Inf * 0').flags).toEqual([expect.stringMatching(/^the value is NaN: /)])
  })

  it('lists the first five entries and how many more', () => {
    expect(output('ones(8) * Inf').flags).toEqual([
      expect.stringMatching(/^entries 1, 2, 3, 4, 5 and 3 more are Infinity/),
    ])
  })

  it('finite values have no flags field at all', () => {
    expect('flags' in output('[1, 2] * 3')).toBe(false)
  })

  it('records are searched field by field, and the field is named', () => {
    // 1 * Inf = Inf, 0 * Inf = NaN; the record's function field has nothing to flag.
    expect(output('pullback(h(x) = x * Inf, [1, 0])').flags).toEqual([
      expect.stringMatching(/^value: entry 1 is Infinity/),
      expect.stringMatching(/^value: entry 2 is NaN/),
    ])
  })
})

describe('tensors too large to send to the page', () => {
  it('are described with their shape, ends and range instead of sent entry by entry', () => {
    const out = output(`v = 1:${DISPLAY_MAX_ENTRIES + 1}`)
    expect(out.ok && out.display.kind).toBe('string')
    const text = out.ok && out.display.kind === 'string' ? out.display.value : ''
    expect(text).toContain(`A ${DISPLAY_MAX_ENTRIES + 1}-vector with ${DISPLAY_MAX_ENTRIES + 1} entries`)
    expect(text).toContain('First 1, 2, 3, 4, 5;')
    expect(text).toContain(`smallest 1, largest ${DISPLAY_MAX_ENTRIES + 1}.`)
  })

  it('at the limit are still sent whole', () => {
    const out = output(`1:${DISPLAY_MAX_ENTRIES}`)
    expect(out.ok && out.display.kind === 'tensor' && out.display.data.length).toBe(DISPLAY_MAX_ENTRIES)
  })

  it('are still checked for NaN, in one pass, naming the first few', () => {
    const n = 4 * DISPLAY_MAX_ENTRIES
    const out = output(`ones(${n}) * Inf - Inf`)
    expect(out.display.kind).toBe('string')
    // NaN has no place in a range: the description gives none rather than a wrong one.
    expect(out.display.kind === 'string' && out.display.value).not.toMatch(/smallest|largest/)
    expect(out.flags).toEqual([expect.stringMatching(new RegExp(`^entries 1, 2, 3, 4, 5 and ${n - 5} more are NaN`))])
  })
})
