/**
 * Reverse mode through indexing: a function that reads its input element by element (what
 * sum(fn, x), map and f.(x) do with a learner's fn) must pull back in time linear in n. Each
 * read x[i] used to pull back as a scatter into zeros of x's size, and the n of them were then
 * added: n² elements. The sweep now adds the indexed cotangents of one tensor into one buffer
 * (scatter-add), which must give the same gradients, and stay differentiable for the Hessians.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Value } from '../../../engine/index.ts'
import {
  HESSIAN_METHODS,
  Tensor,
  add,
  concrete,
  getindex,
  gradient,
  hessian,
  mul,
  pow,
  range,
  record,
  reshape,
  sin,
  stack,
  sum,
  vjp,
} from '../../../engine/index.ts'
import { FEW_RUNS, expectClose, expectHessianMatchesFD, expectRulesMatchFD, t, vectorOf } from '../helpers.ts'

/** sum(fn, x) as the language runs it for a learner's fn: one read x[i] and one call per element. */
const sumEach =
  (fn: (t: Value) => Value) =>
  (x: Value): Value =>
    sum(stack(range(0, x.shape[0]!).map((i) => fn(getindex(x, [i])))))

const cube = (u: Value) => pow(u, 3)
const waves = (u: Value) => mul(sin(u), u)

/** Elements computed by concrete primitive evaluations while fn runs (the arithmetic done). */
function elementsComputed(fn: () => unknown): number {
  const { trace } = record(fn, { maxSteps: 1e7 })
  let n = 0
  for (const s of trace.steps) if (s.kind === 'op' && s.mode === 'primal') n += s.primal.size
  return n
}

const points = (n: number) =>
  new Tensor(
    [n],
    Float64Array.from({ length: n }, (_, i) => Math.sin(i) + 0.5),
  )

describe('reverse mode through element-by-element reads is linear in n', () => {
  it('the gradient of sum(fn, x) with fn read per element costs O(n) elements, not O(n²)', () => {
    const cost = (n: number) => elementsComputed(() => gradient(sumEach(cube), points(n)))
    // Quadratic accumulation would make 4× the size cost 16×; linear cost is about 4×.
    expect(cost(400) / cost(100)).toBeLessThan(5)
  })

  it('so does a second pull back through the same reads (jacrev-style reuse of one tape)', () => {
    const x = points(300)
    const work = elementsComputed(() => vjp(sumEach(waves), x, t(1)))
    expect(work).toBeLessThan(300 * 60)
  })

  it('gives the whole-array gradient, to rounding (3x² and sin(x) + x cos(x))', () => {
    fc.assert(
      fc.property(vectorOf(7), (x) => {
        const rel = (a: Value, b: Value) => {
          const p = concrete(a).data
          const q = concrete(b).data
          let worst = 0
          let scale = 1
          for (let i = 0; i < q.length; i++) {
            worst = Math.max(worst, Math.abs(p[i]! - q[i]!))
            scale = Math.max(scale, Math.abs(q[i]!))
          }
          return worst / scale
        }
        expect(
          rel(
            gradient(sumEach(cube), x),
            gradient((y) => sum(cube(y)), x),
          ),
        ).toBeLessThanOrEqual(1e-12)
        expect(
          rel(
            gradient(sumEach(waves), x),
            gradient((y) => sum(waves(y)), x),
          ),
        ).toBeLessThanOrEqual(1e-12)
      }),
      FEW_RUNS,
    )
  })

  it('adds reads of one element (x[2] twice) and overlapping slices into the same place', () => {
    // f = x₂² · x₃ + sum(x[1:3] .* x[2:4]): ∂f/∂x = [x₂, 2x₂x₃ + x₁ + x₃, x₂² + x₂ + x₄, x₃]
    const f = (x: Value) =>
      add(
        mul(mul(getindex(x, [1]), getindex(x, [1])), getindex(x, [2])),
        sum(mul(getindex(x, [range(0, 3)]), getindex(x, [range(1, 4)]))),
      )
    const [a, b, c, d] = [0.3, -1.2, 0.7, 2.1]
    expectClose(gradient(f, t([a, b, c, d])), [b, 2 * b * c + a + c, b * b + b + d, c], 1e-14)
  })
})

describe('the gathered cotangents stay differentiable (Hessians nest through them)', () => {
  it('every Hessian method gives diag(6x) for sum(x[i]^3 for each i)', () => {
    const x = t([0.5, -1.5, 2, 0.25])
    const expected = [0, 1, 2, 3].map((i) => [0, 1, 2, 3].map((j) => (i === j ? 6 * x.data[i]! : 0)))
    for (const m of HESSIAN_METHODS) expectClose(hessian(sumEach(cube), x, m), expected, 1e-12, m)
  })

  it('reads, slices and whole-array uses of x mixed: every method against differences of the gradient', () => {
    const f = (x: Value) =>
      add(
        sumEach(waves)(x),
        add(sum(mul(getindex(x, [range(0, 2)]), getindex(x, [range(1, 3)]))), mul(sum(x), getindex(x, [0]))),
      )
    fc.assert(
      fc.property(vectorOf(3), (x) => expectHessianMatchesFD(f, x)),
      FEW_RUNS,
    )
  })

  it('first-order rules of a function that reads each element twice, against differences', () => {
    const f = (x: Value) => reshape(stack(range(0, 3).map((i) => mul(getindex(x, [i]), getindex(x, [2 - i])))), [3])
    fc.assert(
      fc.property(vectorOf(3), (x) => expectRulesMatchFD(f, x)),
      FEW_RUNS,
    )
  })
})
