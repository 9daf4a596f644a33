/**
 * Deferred tangents (ad/forward.ts deferTangent): under forward-over-reverse the values on the
 * inner tape are dual numbers, and their tangents are computed only when the reverse sweep reads
 * them. The Hessian must not change, less work must be done than when every tangent is computed
 * (as it still is while a recorder is on), and a long tape must not make a deep recursion.
 */
import { describe, expect, it } from 'vitest'
import type { Value } from '../../../engine/index.ts'
import {
  Tensor,
  add,
  concrete,
  getindex,
  hessian,
  mul,
  pow,
  range,
  record,
  sin,
  sub,
  sum,
} from '../../../engine/index.ts'
import { withBudget, workUsed } from '../../../engine/limits.ts'

/** Rosenbrock, sum(100 (x[2:n] - x[1:n-1]²)² + (1 - x[1:n-1])²), and its tridiagonal Hessian. */
function rosenbrock(n: number) {
  const tail = range(1, n)
  const head = range(0, n - 1)
  const f = (x: Value) => {
    const x2 = getindex(x, [tail])
    const x1 = getindex(x, [head])
    return sum(add(mul(100, pow(sub(x2, pow(x1, 2)), 2)), pow(sub(1, x1), 2)))
  }
  const H = (x: Float64Array) => {
    const h = new Float64Array(n * n)
    for (let i = 0; i < n - 1; i++) {
      h[i * n + i] += 1200 * x[i]! ** 2 - 400 * x[i + 1]! + 2
      h[(i + 1) * n + i + 1] += 200
      h[i * n + i + 1] += -400 * x[i]!
      h[(i + 1) * n + i] += -400 * x[i]!
    }
    return h
  }
  return { f, H }
}

const point = (n: number) => Float64Array.from({ length: n }, (_, i) => Math.cos(1.3 * i) * 1.1)

describe('forward-over-reverse with deferred tangents', () => {
  for (const n of [1, 2, 10, 40])
    it(`Rosenbrock at n = ${n}: the closed-form Hessian, batched and with chunk 1`, () => {
      const { f, H } = rosenbrock(Math.max(n, 2))
      const xs = point(Math.max(n, 2))
      const x = new Tensor([xs.length], xs)
      const want = H(xs)
      for (const options of [undefined, { chunk: 1 }, { chunk: 3 }]) {
        const h = concrete(hessian(f, x, 'forward-over-reverse', options)).data
        h.forEach((v, k) => expect(Math.abs(v - want[k]!)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want[k]!))))
      }
    })

  it('does less work than computing every tangent, which it still does while a recorder is on', () => {
    const { f } = rosenbrock(40)
    const x = new Tensor([40], point(40))
    const work = (run: () => unknown) =>
      withBudget(() => {
        run()
        return workUsed()
      })
    const deferred = work(() => hessian(f, x, 'forward-over-reverse'))
    const recorded = work(() => record(() => hessian(f, x, 'forward-over-reverse'), { maxSteps: 0 }))
    // The tangents of 100·c, of the sum of the two terms, of f itself, ... are never read.
    expect(deferred).toBeLessThan(0.95 * recorded)
    expect(concrete(record(() => hessian(f, x)).result).data).toEqual(concrete(hessian(f, x)).data)
  })

  it('a tape of 20,000 nodes: the tangents are computed without a deep recursion', () => {
    // x ↦ sum(sin(...sin(x)...)) with 20,000 sines: each tape value waits for the one before.
    const depth = 20_000
    const f = (x: Value) => {
      let y = x
      for (let k = 0; k < depth; k++) y = sin(y)
      return sum(y)
    }
    const x0 = 0.5
    const h = concrete(hessian(f, new Tensor([1], Float64Array.of(x0)), 'forward-over-reverse')).data[0]!
    // d/dx and d²/dx² of sinᵏ, by the chain rule along the chain.
    let y = x0
    let d1 = 1
    let d2 = 0
    for (let k = 0; k < depth; k++) {
      d2 = Math.cos(y) * d2 - Math.sin(y) * d1 * d1
      d1 = Math.cos(y) * d1
      y = Math.sin(y)
    }
    expect(Math.abs(h - d2)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(d2)))
  }, 60_000)
})
