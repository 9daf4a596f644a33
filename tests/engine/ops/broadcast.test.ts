/**
 * The one broadcasting primitive (stretch) and the elementwise operations built on it: Julia's
 * shape rules (dimensions aligned from the left: a 3-vector is 3×1) and numpy's (from the
 * right: a 3-vector is 1×3). Values against plain loops; derivatives against finite
 * differences, forward and reverse, and nested (second order, every Hessian method).
 */
import { describe, expect, it } from 'vitest'
import type { Value } from '../../../engine/index.ts'
import {
  add,
  broadcastShapes,
  broadcasting,
  exp,
  floor,
  gradient,
  hessian,
  intdiv,
  jacobian,
  mod,
  mul,
  rem,
  sin,
  stretch,
  stretched,
  sum,
  trunc,
} from '../../../engine/index.ts'
import type { Tensor } from '../../../engine/tensor/tensor.ts'
import {
  expectAdjoint,
  expectClose,
  expectExact,
  expectHessianMatchesFD,
  expectRulesMatchFD,
  fdJacobian,
  t,
} from '../helpers.ts'

const col3 = t([1, 2, 3])
const row3 = t([[10, 20, 30]])

describe('broadcastShapes', () => {
  it('Julia (left): a 3-vector against a 1×3 row gives 3×3; a 2×3 against a 2-vector gives 2×3', () => {
    expect(broadcastShapes([[3], [1, 3]], 'left')).toEqual([3, 3])
    expect(broadcastShapes([[2, 3], [2]], 'left')).toEqual([2, 3])
    expect(broadcastShapes([[], [2, 2]], 'left')).toEqual([2, 2])
    expect(broadcastShapes([[3], [3]], 'left')).toEqual([3])
  })
  it('numpy (right): a 3-vector against a 2×3 matrix stretches along rows', () => {
    expect(broadcastShapes([[3], [2, 3]], 'right')).toEqual([2, 3])
    expect(broadcastShapes([[2, 3], [2]], 'right')).toBeNull()
    expect(broadcastShapes([[3], [1, 3]], 'right')).toEqual([1, 3])
  })
  it('refuses sizes that are neither equal nor 1', () => {
    expect(broadcastShapes([[3], [2]], 'left')).toBeNull()
    expect(broadcastShapes([[2, 3], [3]], 'left')).toBeNull()
  })
})

describe('stretch', () => {
  it('copies a column across columns and a row down rows (left alignment)', () => {
    expectExact(stretch(col3, [3, 2]), [
      [1, 1],
      [2, 2],
      [3, 3],
    ])
    expectExact(stretch(row3, [2, 3]), [
      [10, 20, 30],
      [10, 20, 30],
    ])
    expectExact(stretch(t(5), [2]), [5, 5])
  })
  it('right alignment makes a vector a row', () => {
    expectExact(stretch(t([1, 2]), [2, 2], 'right'), [
      [1, 2],
      [1, 2],
    ])
  })
  it('a rank-3 stretch agrees with a plain loop', () => {
    const x = t([[[1], [2]]]) // 1×2×1
    const y = stretch(x, [3, 2, 4])
    const d = (y as Tensor).data
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 2; j++) for (let k = 0; k < 4; k++) expect(d[i * 8 + j * 4 + k]).toBe(j + 1)
  })
  it('refuses a size that is neither equal nor 1, naming both shapes', () => {
    expect(() => stretch(t([1, 2]), [3, 3])).toThrow(/2-vector.*3×3/)
  })
  it('its pullback sums over the stretched dimensions (keeping them as size 1): finite differences and adjointness', () => {
    expectRulesMatchFD((x) => stretch(x, [3, 4]), t([0.5, -1, 2]))
    expectRulesMatchFD((x) => stretch(x, [3, 2]), t([[0.5, -1]]))
    expectRulesMatchFD((x) => stretch(x, [2, 3], 'right'), t([0.5, -1, 2]))
    expectAdjoint(
      (x) => stretch(x, [3, 2]),
      t([[1], [2], [3]]),
      t([
        [1, -2],
        [0.5, 4],
        [3, 1],
      ]),
      t([[0.3], [-0.2], [0.7]]),
    )
  })
})

describe('broadcasting elementwise operations', () => {
  const plus = broadcasting(add, '.+', 'left')
  it('Julia: a 3-vector .+ a 1×3 row is the 3×3 table of sums', () => {
    expectExact(plus(col3, row3), [
      [11, 21, 31],
      [12, 22, 32],
      [13, 23, 33],
    ])
  })
  it('Julia: a 2×3 .+ a 2-vector adds the vector to each column', () => {
    expectExact(
      plus(
        t([
          [1, 2, 3],
          [4, 5, 6],
        ]),
        t([10, 20]),
      ),
      [
        [11, 12, 13],
        [24, 25, 26],
      ],
    )
  })
  it('numpy: a 2×3 + a 3-vector adds the vector to each row', () => {
    expectExact(
      broadcasting(
        add,
        '+',
        'right',
      )(
        t([
          [1, 2, 3],
          [4, 5, 6],
        ]),
        t([10, 20, 30]),
      ),
      [
        [11, 22, 33],
        [14, 25, 36],
      ],
    )
  })
  it('the same shapes and a scalar against a tensor give what add gives', () => {
    expectExact(plus(t([1, 2]), t([3, 4])), [4, 6])
    expectExact(plus(2, t([3, 4])), [5, 6])
  })
  it('a mismatch names both shapes and the rule', () => {
    expect(() => plus(t([1, 2, 3]), t([1, 2]))).toThrow(/3-vector and a 2-vector.*equal or one of them 1/)
  })
  it('stretched lines up any number of operands', () => {
    const [a, b, c] = stretched('f.', [col3, row3, 1], 'left')
    expect(a!.shape).toEqual([3, 3])
    expect(b!.shape).toEqual([3, 3])
    expect(c!.shape).toEqual([])
  })
})

describe('derivatives through broadcasting', () => {
  const times = broadcasting(mul, '.*', 'left')
  const plus = broadcasting(add, '.+', 'left')
  const row = t([[0.3, -0.7]])
  const f = (x: Value): Value => sum(sin(times(x, plus(x, row)))) // x is a 3-vector, the table 3×2
  const x0 = t([0.4, -1.1, 0.8])

  it('gradient and Jacobian of x .* (x .+ row) against finite differences, forward and reverse', () => {
    expectRulesMatchFD((x) => times(x, plus(x, row)), x0)
    expectClose(gradient(f, x0), fdJacobian(f, x0), 1e-6, 'gradient')
  })
  it('the Hessian through a broadcast, every nesting of forward and reverse', () => {
    expectHessianMatchesFD(f, x0)
  })
  it('a gradient of a broadcast inside a jacobian (the Hessian as the Jacobian of the gradient)', () => {
    const H = jacobian((y) => gradient(f, y), x0)
    expectClose(H, hessian(f, x0), 1e-9)
    expectClose(
      H,
      fdJacobian((y) => gradient(f, y), x0),
      1e-5,
    )
  })
  it('the row operand gets the sum over the rows it was stretched down', () => {
    // d/d(row_j) sum(exp(col .+ row)) = sum_i exp(col_i + row_j)
    const r0 = [0.1, -0.2, 0.3]
    const g = gradient((r) => sum(exp(plus(col3, r))), t([r0]))
    expectClose(g, [r0.map((r) => [1, 2, 3].reduce((s, c) => s + Math.exp(c + r), 0))], 1e-12)
  })
})

describe('rounding and remainders (Julia: rem and % take the dividend sign, mod the divisor sign)', () => {
  it('values', () => {
    expectExact(rem(t([7, -7, 7, -7]), t([3, 3, -3, -3])), [1, -1, 1, -1])
    expectExact(mod(t([7, -7, 7, -7]), t([3, 3, -3, -3])), [1, 2, -2, -1])
    expectExact(intdiv(t([7, -7]), 2), [3, -3])
    expectExact(trunc(t([-1.5, 1.5])), [-1, 1])
    expectExact(floor(t([-1.5, 1.5])), [-2, 1])
    expectExact(mod(t([-1, 5.5]), 3), [2, 2.5])
  })
  it('derivatives away from the jumps: 1 for the dividend, minus the quotient for the divisor', () => {
    expectRulesMatchFD((x) => rem(x, 0.7), t([2.3, -1.3]))
    expectRulesMatchFD((x) => mod(x, 0.7), t([2.3, -1.3]))
    expectRulesMatchFD((y) => rem(t([2.3, -1.3]), y), t([0.7, 0.9]))
    expectRulesMatchFD((y) => mod(t([2.3, -1.3]), y), t([0.7, 0.9]))
    expectRulesMatchFD((x) => mul(intdiv(x, 1), x), t([2.5, -1.5]))
  })
})
