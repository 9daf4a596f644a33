/**
 * Hessians in all four nestings of forward and reverse mode, against closed forms and each
 * other; Hessian-vector products against H·v; and derivatives of third and fourth order.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Tensor, Value } from '../../../engine/index.ts'
import {
  HESSIAN_METHODS,
  abs2,
  add,
  cos,
  derivative,
  exp,
  getindex,
  gradient,
  hessian,
  hvp,
  jacfwd,
  jacrev,
  log,
  matmul,
  mul,
  prod,
  range,
  record,
  reshape,
  sin,
  sub,
  sum,
  tanh,
  transpose,
} from '../../../engine/index.ts'
import type { Fn } from '../helpers.ts'
import {
  FEW_RUNS,
  RUNS,
  expectClose,
  expectExact,
  expectHessianMatchesFD,
  fdJacobian,
  matmulPlain,
  matrixOf,
  num,
  t,
  tensorOf,
  vectorOf,
} from '../helpers.ts'

/** The Rosenbrock function: sum over i of 100 (x_{i+1} - x_i²)² + (1 - x_i)². */
function rosenbrock(x: Value): Value {
  const n = x.shape[0]!
  const head = getindex(x, [range(0, n - 1)])
  const tail = getindex(x, [range(1, n)])
  return sum(add(mul(100, abs2(sub(tail, abs2(head)))), abs2(sub(1, head))))
}

/** Its Hessian, derived by hand: tridiagonal. */
function rosenbrockHessian(x: number[]): number[][] {
  const n = x.length
  const h = x.map(() => x.map(() => 0))
  for (let i = 0; i < n - 1; i++) {
    // Terms of 100 (x_{i+1} - x_i²)² + (1 - x_i)².
    h[i]![i]! += 1200 * x[i]! ** 2 - 400 * x[i + 1]! + 2
    h[i]![i + 1]! += -400 * x[i]!
    h[i + 1]![i]! += -400 * x[i]!
    h[i + 1]![i + 1]! += 200
  }
  return h
}

/** Scalar functions on which the four methods must agree. */
const scalars: [string, Fn][] = [
  ['sum(exp(x) .* sin(x))', (x) => sum(mul(exp(x), sin(x)))],
  ['rosenbrock', rosenbrock],
  ['log(1 + |x|²) · prod(x)', (x) => mul(log(add(1, sum(abs2(x)))), prod(x))],
  ['sum(tanh(x xᵀ x))', (x) => sum(tanh(matmul(matmul(x, transpose(x)), x)))],
]

describe('hessian: closed forms by every method', () => {
  it.each(HESSIAN_METHODS)('%s: sum(exp(x) .* sin(x)) has Hessian diag(2 exp(x) cos(x))', (method) => {
    fc.assert(
      fc.property(vectorOf(4), (x) => {
        const d = Array.from(x.data, (v) => 2 * Math.exp(v) * Math.cos(v))
        const closed = d.map((di, i) => d.map((_, j) => (i === j ? di : 0)))
        expectClose(
          hessian((v) => sum(mul(exp(v), sin(v))), x, method),
          closed,
          1e-12,
        )
      }),
      FEW_RUNS,
    )
  })

  it.each(HESSIAN_METHODS)("%s: x'·A·x has Hessian A + Aᵀ", (method) => {
    fc.assert(
      fc.property(matrixOf(3, 3), vectorOf(3), (a, x) => {
        const rows = [0, 1, 2].map((i) => Array.from(a.data.slice(3 * i, 3 * i + 3)))
        const closed = rows.map((r, i) => r.map((v, j) => v + rows[j]![i]!))
        expectClose(
          hessian((v) => matmul(transpose(v), matmul(a, v)), x, method),
          closed,
          1e-12,
        )
      }),
      FEW_RUNS,
    )
  })

  it.each(HESSIAN_METHODS)('%s: the Rosenbrock function has its hand-derived Hessian', (method) => {
    fc.assert(
      fc.property(vectorOf(4), (x) => {
        expectClose(hessian(rosenbrock, x, method), rosenbrockHessian(Array.from(x.data)), 1e-12)
      }),
      FEW_RUNS,
    )
    // At the minimum (1, 1) the Hessian is [802 -400; -400 200], exactly.
    expectExact(hessian(rosenbrock, t([1, 1]), method), [
      [802, -400],
      [-400, 200],
    ])
  })

  it('of a function of a matrix has shape [m, n, m, n] and matches differences of the gradient', () => {
    const f: Fn = (m) => sum(sin(matmul(m, m)))
    fc.assert(
      fc.property(matrixOf(2, 2), (x) => {
        expect(hessian(f, x).shape).toEqual([2, 2, 2, 2])
        expectHessianMatchesFD(f, x)
      }),
      FEW_RUNS,
    )
  })
})

describe('hessian: the four methods agree', () => {
  it.each(scalars)('%s', (_name, f) => {
    fc.assert(
      fc.property(vectorOf(3), (x) => {
        const reference = hessian(f, x, 'forward-over-reverse')
        for (const method of HESSIAN_METHODS) expectClose(hessian(f, x, method), reference, 1e-10, method)
        expectHessianMatchesFD(f, x, 1e-5)
      }),
      FEW_RUNS,
    )
  })

  it('the Hessian is symmetric', () => {
    fc.assert(
      fc.property(vectorOf(4), (x) => {
        const h = hessian(scalars[2]![1], x) as Tensor
        for (let i = 0; i < 4; i++)
          for (let j = 0; j < i; j++) expect(h.data[i * 4 + j]!).toBeCloseTo(h.data[j * 4 + i]!, 10)
      }),
      FEW_RUNS,
    )
  })
})

describe.each([1, 2, 3])('hessian: each method makes the passes its name says (n = 3, chunk %i)', (chunk) => {
  const f: Fn = (x) => sum(mul(exp(x), sin(x)))
  const x = t([0.1, 0.2, 0.3])
  const passes = (method: string) => record(() => hessian(f, x, method, { chunk })).trace.counters.passes
  // n basis vectors in chunks: one pass per chunk.
  const p = Math.ceil(3 / chunk)

  it('forward-over-reverse: one forward pass per chunk of columns, each over one gradient (a primal and a reverse pass)', () => {
    expect(passes('forward-over-reverse')).toEqual({ primal: p, forward: p, reverse: p })
  })

  it("reverse-over-reverse: one primal pass over the gradient (which makes its own), then a reverse sweep per chunk of rows and the gradient's", () => {
    expect(passes('reverse-over-reverse')).toEqual({ primal: 2, forward: 0, reverse: 1 + p })
  })

  it('forward-over-forward: a pass per outer chunk, each over a pass per inner chunk', () => {
    expect(passes('forward-over-forward')).toEqual({ primal: 0, forward: p + p * p, reverse: 0 })
  })

  it('reverse-over-forward: one primal pass over a forward pass per chunk, then a reverse sweep per chunk', () => {
    expect(passes('reverse-over-forward')).toEqual({ primal: 1, forward: p, reverse: p })
  })

  it('hvp: one forward pass over one gradient, whatever n is', () => {
    expect(record(() => hvp(f, x, t([1, 2, 3]))).trace.counters.passes).toEqual({ primal: 1, forward: 1, reverse: 1 })
  })
})

describe('hessian in chunks: every method, chunk 1, 3 and n, against differences of the gradient', () => {
  // n = 7, so that chunk 3 leaves a short last chunk (3 + 3 + 1).
  const n = 7
  const x = t(Array.from({ length: n }, (_, k) => 0.3 * Math.sin(k + 1)))
  const Wt = t(Array.from({ length: n * n }, (_, k) => 0.4 * Math.cos(1.7 * k)))
  const Wm = reshape(Wt, [n, n])
  const problems: [string, Fn][] = [
    ['the tanh layer sum(tanh(W x).^2)', (y) => sum(abs2(tanh(matmul(Wm, y))))],
    ['rosenbrock', rosenbrock],
    ['log(1 + |x|²) · prod(x)', (y) => mul(log(add(1, sum(abs2(y)))), prod(y))],
  ]
  const H2 = (f: Fn) => fdJacobian((y) => gradient(f, y), x)
  for (const [name, f] of problems)
    it.each(HESSIAN_METHODS.flatMap((m) => [1, 3, n].map((c) => [m, c] as const)))(
      `${name}: %s, chunk %i`,
      (method, chunk) => {
        expectClose(hessian(f, x, method, { chunk }), H2(f), 1e-5, `${method}, chunk ${chunk}`)
        // And exactly the unchunked result up to rounding.
        expectClose(hessian(f, x, method, { chunk }), hessian(f, x, method, { chunk: 1 }), 1e-12)
      },
    )

  it('hvp with several vectors (the columns of V) is H·V, in chunks of any size', () => {
    const f = problems[0]![1]
    const V = reshape(t(Array.from({ length: n * 3 }, (_, k) => Math.sin(k))), [n, 3])
    const HV = matmul(hessian(f, x), V)
    for (const chunk of [1, 2, 3]) expectClose(hvp(f, x, V, { chunk }), HV, 1e-12, `chunk ${chunk}`)
  })
})

describe('hvp', () => {
  it.each(scalars)('%s: hvp(f, x, v) = H·v', (_name, f) => {
    fc.assert(
      fc.property(vectorOf(3), vectorOf(3), (x, v) => {
        const h = hessian(f, x) as Tensor
        const rows = [0, 1, 2].map((i) => Array.from(h.data.slice(3 * i, 3 * i + 3)))
        const hv = matmulPlain(
          rows,
          Array.from(v.data, (vi) => [vi]),
        ).flat()
        expectClose(hvp(f, x, v), hv, 1e-10)
      }),
      FEW_RUNS,
    )
  })
})

describe('higher order', () => {
  it('the third derivative of sin is -cos, the fourth is sin', () => {
    const d =
      (f: Fn): Fn =>
      (x) =>
        derivative(f, x)
    fc.assert(
      fc.property(num({ min: -4, max: 4 }), (x) => {
        expectClose(d(d(d(sin)))(t(x)), -Math.cos(x), 1e-14)
        expectClose(d(d(d(d(sin))))(t(x)), Math.sin(x), 1e-14)
        // Mixing modes: reverse over forward over reverse.
        const g =
          (f: Fn): Fn =>
          (y) =>
            gradient(f, y)
        expectClose(g(d(g(sin)))(t(x)), -Math.cos(x), 1e-14)
      }),
      RUNS,
    )
  })

  it('the third derivative of x0·x1·x2 is 1 where i, j, k are all different, 0 elsewhere', () => {
    const f: Fn = (x) => prod(x)
    const closed = [0, 1, 2].map((i) =>
      [0, 1, 2].map((j) => [0, 1, 2].map((k) => (i !== j && j !== k && i !== k ? 1 : 0))),
    )
    fc.assert(
      fc.property(vectorOf(3), (x) => {
        expectExact(
          jacfwd((y) => hessian(f, y), x),
          closed,
        )
        expectExact(
          jacrev((y) => hessian(f, y, 'reverse-over-forward'), x),
          closed,
        )
      }),
      FEW_RUNS,
    )
  })

  it('the third derivative tensor of sum(x.^3)/6 + x0 sin(x1) against its closed form', () => {
    const f: Fn = (x) => add(mul(1 / 6, sum(mul(x, abs2(x)))), mul(getindex(x, [0]), sin(getindex(x, [1]))))
    fc.assert(
      fc.property(tensorOf([2], num({ min: -2, max: 2 })), (x) => {
        const [x0, x1] = Array.from(x.data) as [number, number]
        // f_000 = 1, f_111 = 1 - x0 cos x1, f_011 = f_101 = f_110 = -sin x1, the rest 0.
        const closed = [
          [
            [1, 0],
            [0, -Math.sin(x1)],
          ],
          [
            [0, -Math.sin(x1)],
            [-Math.sin(x1), 1 - x0 * Math.cos(x1)],
          ],
        ]
        expectClose(
          jacfwd((y) => hessian(f, y), x),
          closed,
          1e-12,
        )
        expectClose(
          jacrev((y) => hessian(f, y, 'forward-over-forward'), x),
          closed,
          1e-12,
        )
        expectClose(
          jacfwd((y) => hessian(f, y, 'reverse-over-reverse'), x),
          closed,
          1e-12,
        )
      }),
      FEW_RUNS,
    )
  })

  it('d/dx of cos through its own rule (-sin) and the rule of that (-cos)', () => {
    expectClose(
      derivative((x) => derivative(cos, x), t(0.4)),
      -Math.cos(0.4),
      1e-15,
    )
  })
})
