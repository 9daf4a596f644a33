/**
 * The first transforms: derivative, jvp, vjp, pullback, gradient and tf_gradients, checked
 * against closed forms and central differences, and against each other with the dot-product
 * test <u, J v> = <Jᵀu, v> on composite functions.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Tensor } from '../../../engine/index.ts'
import {
  TransformError,
  abs2,
  add,
  concat,
  cos,
  derivative,
  det,
  div,
  exp,
  getindex,
  gradient,
  jvp,
  log,
  matmul,
  mul,
  norm,
  ones,
  pow,
  pullback,
  reshape,
  scalar,
  sin,
  sub,
  sum,
  tanh,
  tf_gradients,
  transpose,
  vjp,
  zeros,
} from '../../../engine/index.ts'
import type { Fn } from '../helpers.ts'
import {
  RUNS,
  awayFromZero,
  axpy,
  expectAdjoint,
  expectClose,
  expectExact,
  fdJacobian,
  fdJvp,
  fdVjp,
  matmulPlain,
  matrixOf,
  num,
  t,
  tensorOf,
  vectorOf,
  wellConditioned,
} from '../helpers.ts'

const M_ROWS = [
  [1, -2, 0.5],
  [0, 3, -1],
]
const M = t(M_ROWS)

/** Inputs for the composites: away from 0, where norm has no derivative. */
const point = tensorOf([3], awayFromZero({ min: 0.2, max: 2 }))

/** Composite functions R^3 -> R^2 (or other shapes), tangled on purpose. */
const composites: [string, Fn, number[]][] = [
  ['A·sin(x)', (x) => matmul(M, sin(x)), [2]],
  ['x .* exp(-x²) ./ (1 + x²)', (x) => div(mul(x, exp(mul(-1, abs2(x)))), add(1, abs2(x))), [3]],
  ['[sum(x)·x; norm(x)]', (x) => concat([mul(sum(x), x), reshape(norm(x), [1])]), [4]],
  ['outer(x, tanh(x)) (a matrix)', (x) => matmul(x, transpose(tanh(x))), [3, 3]],
  [
    'x[[2,0,0]] .^ 2 + log(1 + x²)[[1,1,2]]',
    (x) => add(pow(getindex(x, [[2, 0, 0]]), 2), getindex(log(add(1, abs2(x))), [[1, 1, 2]])),
    [3],
  ],
]

describe('derivative', () => {
  it('of x³ - 2x is 3x² - 2', () => {
    fc.assert(
      fc.property(num(), (x) => {
        const f: Fn = (v) => sub(mul(v, mul(v, v)), mul(2, v))
        expectClose(derivative(f, scalar(x)), 3 * x * x - 2, 1e-12)
      }),
      RUNS,
    )
  })

  it('of a vector-valued function of one number is the vector of derivatives', () => {
    const f: Fn = (s) => concat([mul(s, t([1, 2])), sin(mul(s, t([1])))])
    expectClose(derivative(f, scalar(0.3)), [1, 2, Math.cos(0.3)], 1e-15)
  })

  it('refuses a vector input and points to gradient and jacobian', () => {
    expect(() => derivative(sin, t([1, 2]))).toThrow(TransformError)
    expect(() => derivative(sin, t([1, 2]))).toThrow(/gradient.*jacobian|jacobian.*gradient/)
  })

  it('of a constant function is 0', () => {
    expectExact(
      derivative(() => scalar(4), scalar(1)),
      0,
    )
  })
})

describe('jvp and vjp', () => {
  it('jvp of A·sin(x) along v is A·(cos(x) .* v)', () => {
    fc.assert(
      fc.property(vectorOf(3), vectorOf(3), (x, v) => {
        const expected = matmulPlain(
          M_ROWS,
          Array.from(x.data, (xi, i) => [Math.cos(xi) * v.data[i]!]),
        ).flat()
        expectClose(jvp(composites[0]![1], x, v), expected, 1e-12)
      }),
      RUNS,
    )
  })

  it.each(composites)('%s: jvp along v and vjp of u match central differences', (_name, f, outShape) => {
    fc.assert(
      fc.property(point, vectorOf(3), tensorOf(outShape), (x, v, u) => {
        expectClose(jvp(f, x, v), fdJvp(f, x, v), 1e-6)
        expectClose(vjp(f, x, u), fdVjp(f, x, u), 1e-6)
      }),
      RUNS,
    )
  })

  it.each(composites)('%s: dot-product test <u, J v> = <Jᵀu, v>', (_name, f, outShape) => {
    fc.assert(
      fc.property(point, vectorOf(3), tensorOf(outShape), (x, v, u) => expectAdjoint(f, x, u, v)),
      RUNS,
    )
  })

  it('dot-product test on matrix inputs (det, products, norms)', () => {
    const f: Fn = (m) => add(mul(det(m), m), mul(norm(m), matmul(m, m, true, false)))
    fc.assert(
      fc.property(wellConditioned(3), matrixOf(3, 3), matrixOf(3, 3), (x, u, v) => expectAdjoint(f, x, u, v)),
      RUNS,
    )
  })

  it('jvp is linear in the tangent and vjp in the cotangent', () => {
    const f = composites[1]![1]
    fc.assert(
      fc.property(vectorOf(3), vectorOf(3), vectorOf(3), num(), (x, v, w, a) => {
        expectClose(jvp(f, x, axpy(v, a, w)), axpy(jvp(f, x, v) as Tensor, a, jvp(f, x, w) as Tensor), 1e-12)
        expectClose(vjp(f, x, axpy(v, a, w)), axpy(vjp(f, x, v) as Tensor, a, vjp(f, x, w) as Tensor), 1e-12)
      }),
      RUNS,
    )
  })
})

describe('pullback', () => {
  it('gives f(x), and back can be called again and again on the same tape', () => {
    const f = composites[0]![1]
    fc.assert(
      fc.property(vectorOf(3), vectorOf(2), vectorOf(2), (x, u, w) => {
        const p = pullback(f, x)
        expectClose(p.value, f(x), 0)
        const first = p.back(u)
        p.back(w)
        expectClose(p.back(u), first, 0)
        expectClose(first, fdVjp(f, x, u), 1e-6)
      }),
      RUNS,
    )
  })

  it('of a function that ignores its input pulls back zeros', () => {
    expectExact(pullback(() => t([1, 2]), t([3, 4, 5])).back(t([1, 1])), [0, 0, 0])
  })
})

describe('gradient', () => {
  it('of sum(exp(x) .* sin(x)) is exp(x) .* (sin(x) + cos(x))', () => {
    fc.assert(
      fc.property(vectorOf(4), (x) => {
        const g = gradient((v) => sum(mul(exp(v), sin(v))), x)
        expectClose(
          g,
          Array.from(x.data, (v) => Math.exp(v) * (Math.sin(v) + Math.cos(v))),
          1e-12,
        )
      }),
      RUNS,
    )
  })

  it('matches central differences on a scalar function of a matrix', () => {
    const f: Fn = (m) => add(log(add(1, sum(abs2(m)))), sum(cos(matmul(m, m))))
    fc.assert(
      fc.property(matrixOf(2, 2), (x) => expectClose(gradient(f, x), fdJacobian(f, x), 1e-6)),
      RUNS,
    )
  })

  it('of a function that ignores its input is zero, shaped like the input', () => {
    expectExact(
      gradient(() => scalar(1), zeros([2, 2])),
      [
        [0, 0],
        [0, 0],
      ],
    )
  })

  it('refuses a vector output', () => {
    expect(() => gradient(sin, t([1, 2]))).toThrow(TransformError)
  })
})

describe('tf_gradients, the sum trap', () => {
  it('is the pullback of ones and the gradient of sum(f)', () => {
    fc.assert(
      fc.property(point, (x) => {
        for (const [, f, shape] of composites) {
          const trap = tf_gradients(f, x)
          expectClose(trap, pullback(f, x).back(ones(shape)), 0)
          expectClose(
            trap,
            gradient((v) => sum(f(v)), x),
            1e-12,
          )
        }
      }),
      RUNS,
    )
  })

  it('for an elementwise function (a diagonal Jacobian) it is exactly the diagonal', () => {
    fc.assert(
      fc.property(vectorOf(5), (x) => {
        expectClose(tf_gradients(sin, x), Array.from(x.data, Math.cos), 1e-15)
        expectClose(
          tf_gradients((v) => mul(v, exp(v)), x),
          Array.from(x.data, (v) => (1 + v) * Math.exp(v)),
          1e-12,
        )
      }),
      RUNS,
    )
  })

  it('of a scalar function is the gradient', () => {
    const f: Fn = (v) => sum(mul(v, sin(v)))
    expectClose(tf_gradients(f, t([0.1, 0.2])), gradient(f, t([0.1, 0.2])), 0)
  })
})
