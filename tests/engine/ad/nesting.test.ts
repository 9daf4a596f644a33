/**
 * Nesting and perturbation confusion. When one derivative is taken inside another, the inner
 * transform must treat the outer variable as a constant. An engine that mixes the two
 * perturbations up gives a wrong number without any error, so each case here is one whose
 * confused answer differs from the right one.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Value } from '../../../engine/index.ts'
import {
  Box,
  Dual,
  TapeNode,
  add,
  concrete,
  derivative,
  dot,
  exp,
  gradient,
  hessian,
  jacfwd,
  mul,
  pullback,
  scalar,
  sin,
  sum,
  vector,
} from '../../../engine/index.ts'
import { FEW_RUNS, RUNS, expectClose, expectExact, num, t, vectorOf } from '../helpers.ts'

const D = (f: (x: Value) => Value, x: number | Value) => derivative(f, typeof x === 'number' ? scalar(x) : x)
const grad = (f: (x: Value) => Value) => (x: number | Value) => gradient(f, typeof x === 'number' ? scalar(x) : x)

describe('perturbation confusion', () => {
  it('forward in forward: D(x -> x · D(y -> x + y, 1), 1) = 1 (a confused engine gives 2)', () => {
    expectExact(
      D(
        (x) =>
          mul(
            x,
            D((y) => add(x, y), 1),
          ),
        1,
      ),
      1,
    )
  })

  it('reverse in reverse: gradient(x -> x · gradient(y -> x · y)(2))(1) = 2', () => {
    expectExact(grad((x) => mul(x, grad((y) => mul(x, y))(2)))(1), 2)
    expectExact(grad((x) => mul(x, grad((y) => add(x, y))(1)))(1), 1)
  })

  it('forward in reverse: gradient(x -> x · D(y -> x + y, 1))(1) = 1, and with x · y it is 2x', () => {
    expectExact(
      grad((x) =>
        mul(
          x,
          D((y) => add(x, y), 1),
        ),
      )(1),
      1,
    )
    fc.assert(
      fc.property(num(), (x0) => {
        expectClose(
          grad((x) =>
            mul(
              x,
              D((y) => mul(x, y), 2),
            ),
          )(x0),
          2 * x0,
          1e-15,
        )
      }),
      RUNS,
    )
  })

  it('reverse in forward: D(x -> x · gradient(y -> x + y)(1), 1) = 1, and with x · y it is 2x', () => {
    expectExact(
      D((x) => mul(x, grad((y) => add(x, y))(1)), 1),
      1,
    )
    fc.assert(
      fc.property(num(), (x0) => {
        expectClose(
          D((x) => mul(x, grad((y) => mul(x, y))(2)), x0),
          2 * x0,
          1e-15,
        )
      }),
      RUNS,
    )
  })

  it('three levels: D(x -> D(y -> D(z -> x·y·z, 1), 1), 1) = 1', () => {
    expectExact(
      D((x) => D((y) => D((z) => mul(x, mul(y, z)), 1), 1), 1),
      1,
    )
    expectExact(grad((x) => grad((y) => D((z) => mul(x, mul(y, z)), 1))(1))(1), 1)
  })

  it('vectors: d/dx of gradient(y -> dot(x, y) · sum(y))(y0) against its closed form', () => {
    // gradient in y of (x·y) sum(y) is x sum(y) + (x·y) 1; its Jacobian in x is sum(y) I + 1 yᵀ.
    fc.assert(
      fc.property(vectorOf(3), vectorOf(3), (x, y) => {
        const inner = (v: Value) => gradient((w) => mul(dot(v, w), sum(w)), y)
        const s = y.data.reduce((a, b) => a + b, 0)
        const closed = [0, 1, 2].map((i) => [0, 1, 2].map((j) => (i === j ? s : 0) + y.data[j]!))
        expectClose(jacfwd(inner, x), closed, 1e-12)
      }),
      FEW_RUNS,
    )
  })

  it('the same function differentiated at two levels: d²/dx² of x·sin(x)', () => {
    const f = (x: Value) => mul(x, sin(x))
    fc.assert(
      fc.property(num(), (x0) => {
        const expected = 2 * Math.cos(x0) - x0 * Math.sin(x0)
        expectClose(
          D((x) => D(f, x), x0),
          expected,
          1e-14,
        )
        expectClose(grad((x) => grad(f)(x))(x0), expected, 1e-14)
        expectClose(hessian(f, t(x0)), expected, 1e-14)
      }),
      RUNS,
    )
  })

  it('a pullback made outside a derivative and called inside it', () => {
    // back is linear, so d/ds back(s·u) = back(u), with s perturbed by a later transform.
    const f = (x: Value) => mul(exp(x), sin(x))
    const x0 = vector([0.1, 0.5, -0.3])
    const u = vector([1, -2, 3])
    const { back } = pullback(f, x0)
    expectClose(
      D((s) => back(mul(s, u)), 2),
      back(u),
      1e-15,
    )
  })
})

describe('boxes and levels', () => {
  it('a transform wraps its input in a box of its own level, and inner levels are higher', () => {
    let outer: Value | null = null
    let innerBox: Value | null = null
    D((x) => {
      outer = x
      return D((y) => {
        innerBox = y
        return mul(x, y)
      }, 1)
    }, 1)
    expect(outer).toBeInstanceOf(Dual)
    expect(innerBox).toBeInstanceOf(Dual)
    expect((innerBox as unknown as Dual).level).toBeGreaterThan((outer as unknown as Dual).level)

    let tapeBox: Value | null = null
    grad((x) => {
      tapeBox = x
      return x
    })(1)
    expect(tapeBox).toBeInstanceOf(TapeNode)
  })

  it('an operation on plain tensors gives a plain tensor; on a box, a box over the same primal', () => {
    const plain = mul(t(2), t(3))
    expect(plain).not.toBeInstanceOf(Box)
    D((x) => {
      const y = mul(x, 3)
      expect(y).toBeInstanceOf(Dual)
      expectExact(concrete(y), 3)
      return y
    }, 1)
  })
})
