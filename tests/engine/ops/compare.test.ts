/**
 * Comparisons and ifelse: comparisons give 0/1 tensors with zero derivative, and ifelse sends
 * each element's derivative down the branch taken. Piecewise functions (max, min, relu, clamp)
 * are checked against central differences away from their kinks.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Tensor, Value } from '../../../engine/index.ts'
import {
  abs2,
  eq,
  exp,
  ge,
  gradient,
  gt,
  ifelse,
  jvp,
  le,
  lt,
  max,
  min,
  mul,
  ne,
  sin,
  sub,
  sum,
  vector,
  getindex,
} from '../../../engine/index.ts'
import { collectNotes } from '../../../engine/ad/notes.ts'
import { derivative } from '../../../engine/index.ts'
import type { Fn } from '../helpers.ts'
import {
  FEW_RUNS,
  RUNS,
  awayFromZero,
  expectExact,
  expectHessianMatchesFD,
  expectRulesMatchFD,
  num,
  t,
  tensorOf,
} from '../helpers.ts'

/** Two 4-vectors whose elements differ by at least 0.1 everywhere: no ties, no kinks nearby. */
const untied = fc
  .tuple(tensorOf([4]), tensorOf([4], awayFromZero({ min: 0.1, max: 2 })))
  .map(([a, d]): [Tensor, Tensor] => [a, vector(Array.from(a.data, (x, i) => x + d.data[i]!))])

const relu: Fn = (x) => max(x, t(0))

describe('comparisons', () => {
  it('give 1 where true and 0 where false, with a scalar on either side', () => {
    const x = t([1, 2, 3])
    expectExact(lt(x, 2), [1, 0, 0])
    expectExact(le(x, 2), [1, 1, 0])
    expectExact(gt(x, 2), [0, 0, 1])
    expectExact(ge(x, 2), [0, 1, 1])
    expectExact(eq(x, 2), [0, 1, 0])
    expectExact(ne(x, 2), [1, 0, 1])
    expectExact(lt(2, x), [0, 0, 1])
    expectExact(gt(x, t([3, 2, 1])), [0, 0, 1])
  })

  it('have zero derivative: they are constants to every transform', () => {
    expectExact(
      gradient((x) => sum(mul(gt(x, 0), 5)), t([-1, 1])),
      [0, 0],
    )
    expectExact(
      jvp((x) => lt(x, 0), t([-1, 1]), t([1, 1])),
      [0, 0],
    )
  })
})

describe('ifelse', () => {
  it('takes a where the condition is nonzero and b elsewhere; scalars broadcast', () => {
    expectExact(ifelse(t([1, 0, 2]), t([1, 2, 3]), t([4, 5, 6])), [1, 5, 3])
    expectExact(ifelse(t([1, 0]), 7, t([4, 5])), [7, 5])
    expectExact(ifelse(0, t([1, 2]), t([4, 5])), [4, 5])
  })

  it('a NaN condition gives NaN, not the first branch, and so do the derivatives there', () => {
    const r = ifelse(t([NaN, 1, 0]), t([1, 2, 3]), t([4, 5, 6])) as Tensor
    expect(Number.isNaN(r.data[0]!)).toBe(true)
    expectExact(getindex(r, [1]), 2)
    expectExact(getindex(r, [2]), 6)
    for (const d of [
      gradient((x) => sum(ifelse(t([NaN, 1]), x, 0)), t([1, 2])),
      jvp((x) => ifelse(t([NaN, 1]), 0, x), t([1, 2]), t([1, 1])),
    ]) {
      expect(Number.isNaN((d as Tensor).data[0]!)).toBe(true)
    }
  })

  it('routes derivatives to the branch taken, against central differences', () => {
    fc.assert(
      fc.property(tensorOf([4]), tensorOf([4]), tensorOf([4]), (c, a, b) => {
        const cond = gt(c, 0)
        expectRulesMatchFD((x) => ifelse(cond, sin(x), b), a)
        expectRulesMatchFD((y) => ifelse(cond, a, exp(y)), b)
        expectRulesMatchFD((x) => ifelse(cond, sin(x), abs2(x)), a)
      }),
      RUNS,
    )
  })

  it('a scalar branch collects the derivative of every element that took it', () => {
    fc.assert(
      fc.property(tensorOf([4]), tensorOf([]), tensorOf([4]), (c, s, b) => {
        const cond = gt(c, 0)
        expectRulesMatchFD((x) => ifelse(cond, mul(x, x), b), s)
        expectRulesMatchFD((y) => ifelse(cond, b, sin(y)), s)
      }),
      RUNS,
    )
    // Two of three elements take the scalar: d/ds sum(ifelse(c, s, b)) = 2.
    expectExact(
      gradient((s) => sum(ifelse(t([1, 0, 1]), s, t([5, 6, 7]))), t(3)),
      2,
    )
  })

  it('second order through a piecewise function matches differences of the gradient', () => {
    fc.assert(
      fc.property(untied, ([a]) => {
        const f: Fn = (x) => sum(ifelse(gt(a, 0.5), mul(sin(x), x), exp(x)))
        expectHessianMatchesFD(f, a)
      }),
      FEW_RUNS,
    )
  })
})

describe('piecewise functions built on ifelse', () => {
  it('max and min: rules against central differences away from ties', () => {
    fc.assert(
      fc.property(untied, ([a, b]) => {
        expectRulesMatchFD((x) => max(x, b), a)
        expectRulesMatchFD((y) => max(a, y), b)
        expectRulesMatchFD((x) => min(x, b), a)
        expectRulesMatchFD((y) => min(a, y), b)
      }),
      RUNS,
    )
  })

  it('max and min: the derivative is 1 for the larger (smaller) argument and 0 for the other', () => {
    const a = t([1, 5])
    const b = t([3, 2])
    expectExact(
      gradient((x) => sum(max(x, b)), a),
      [0, 1],
    )
    expectExact(
      gradient((y) => sum(max(a, y)), b),
      [1, 0],
    )
    expectExact(
      gradient((x) => sum(min(x, b)), a),
      [1, 0],
    )
  })

  it('relu: slope 1 above 0 and 0 below, away from 0', () => {
    fc.assert(
      fc.property(tensorOf([5], awayFromZero({ min: 0.05, max: 3 })), (x) => {
        expectRulesMatchFD(relu, x)
        expectExact(
          gradient((y) => sum(relu(y)), x),
          Array.from(x.data, (v) => (v > 0 ? 1 : 0)),
        )
      }),
      RUNS,
    )
  })

  it('clamp(x, lo, hi) = min(max(x, lo), hi): slope 1 inside, 0 outside', () => {
    const clamp = (x: Value) => min(max(x, t(-1)), t(1))
    fc.assert(
      fc.property(
        tensorOf([4], num({ min: -3, max: 3 })).filter((x) => x.data.every((v) => Math.abs(Math.abs(v) - 1) > 0.05)),
        (x) => expectRulesMatchFD(clamp, x),
      ),
      RUNS,
    )
    expect(Array.from((gradient((x) => sum(clamp(x)), t([-2, 0.5, 2])) as Tensor).data)).toEqual([0, 1, 0])
  })
})

/** The value of fn and the notes raised while it ran. */
const noted = (fn: () => Value) => collectNotes(fn)

describe('a comparison that ties on a value being differentiated is noted', () => {
  // h(x) = ifelse(x == 0, 0, x) is the identity: its derivative is 1 everywhere.
  const h: Fn = (x) => ifelse(eq(x, 0), 0, x)

  it('ifelse(x == 0, 0, x) at 0: the branch taken has slope 0, the identity 1, and a note says so', () => {
    const at0 = noted(() => derivative(h, t(0)))
    expectExact(at0.result, 0)
    expect(at0.notes).toHaveLength(1)
    expect(at0.notes[0]).toMatch(/^the comparison == met two equal values \(0\).*only the branch taken/)
    // Reverse mode notes it too.
    expect(noted(() => gradient((x) => sum(h(x)), t([0, 2]))).notes).toHaveLength(1)
  })

  it('away from the switch point: the closed form, and no note', () => {
    for (const x of [-1.5, 0.25, 3]) {
      const r = noted(() => derivative(h, t(x)))
      expectExact(r.result, 1)
      expect(r.notes).toEqual([])
    }
  })

  it('every comparison notes a tie, with either operand differentiated', () => {
    for (const [cmp, symbol] of [
      [lt, '<'],
      [le, '<='],
      [gt, '>'],
      [ge, '>='],
      [eq, '=='],
      [ne, '!='],
    ] as const) {
      const left = noted(() => jvp((x) => ifelse(cmp(x, 2), x, 0), t(2), t(1))).notes
      const right = noted(() => gradient((x) => ifelse(cmp(2, x), x, 0), t(2))).notes
      for (const notes of [left, right]) {
        expect(notes).toHaveLength(1)
        expect(notes[0]).toContain(`the comparison ${symbol} met two equal values (2)`)
      }
    }
  })

  it('no note for a tie between constants, nor for a differentiated value that does not tie', () => {
    expect(noted(() => eq(t(1), t(1))).notes).toEqual([])
    expect(noted(() => derivative((x) => mul(x, eq(t(1), 1)), t(1))).notes).toEqual([])
    expect(noted(() => gradient((x) => sum(ifelse(gt(x, 0), x, 0)), t([1, -1]))).notes).toEqual([])
  })

  it('max and min at a tie give their own note only, not a second one from their comparison', () => {
    const r = noted(() => derivative((x) => max(x, t(0)), t(0)))
    expect(r.notes).toHaveLength(1)
    expect(r.notes[0]).toMatch(/^max is not differentiable/)
  })
})

describe('max and min propagate NaN whichever side it is on', () => {
  const isNaNs = (v: Value) => Array.from((v as Tensor).data, Number.isNaN)

  it('scalars, in both orders', () => {
    for (const f of [max, min]) {
      for (const [a, b] of [
        [NaN, 1],
        [1, NaN],
        [NaN, NaN],
      ] as const) {
        const r = noted(() => f(t(a), t(b)))
        expect(isNaNs(r.result)).toEqual([true])
        expect(r.notes[0]).toMatch(/was given NaN/)
      }
    }
    // Inf - Inf is NaN: max(Inf - Inf, 0) is NaN too.
    expect(isNaNs(max(sub(t(Infinity), t(Infinity)), t(0)))).toEqual([true])
  })

  it('elementwise: only the elements with a NaN, and a scalar against a vector', () => {
    expect(isNaNs(max(t([NaN, 1, 2]), t([0, NaN, 1])))).toEqual([true, true, false])
    expectExact(getindex(max(t([NaN, 1, 2]), t([0, NaN, 1])), [2]), 2)
    expect(isNaNs(min(t(NaN), t([1, 2])))).toEqual([true, true])
    expectExact(min(t([3, 1]), t([2, 2])), [2, 1])
  })

  it('derivatives through a NaN are NaN, and the other elements keep their slopes', () => {
    // d/dx sum(max(x, [NaN, 1])) at [0, 2]: NaN, then 1 (x2 = 2 > 1).
    for (const d of [
      gradient((x) => sum(max(x, t([NaN, 1]))), t([0, 2])),
      jvp((x) => max(x, t([NaN, 1])), t([0, 2]), t([1, 1])),
    ]) {
      expect(isNaNs(d)).toEqual([true, false])
      expectExact(getindex(d, [1]), 1)
    }
    expect(isNaNs(derivative((x) => min(t(NaN), x), t(1)))).toEqual([true])
  })
})
