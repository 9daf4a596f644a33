/**
 * A learner's function applied element by element (sum(fn, x), map(fn, x), fn.(x)) under a
 * gradient, as a Julia cell runs it: each element is read with x[i], and reverse mode must add
 * those reads' cotangents into one buffer, so that the work grows linearly with n. The gradient
 * of sum(sq, x) was refused at n = 16,000 (10⁹ element operations, n² of them from the reads).
 * A branching fn keeps f.(x) element by element (a body of whole-array operations would run once
 * on the whole array instead).
 */
import { describe, expect, it } from 'vitest'
import { concrete, isValue, record } from '../../../engine/index.ts'
import { withBudget, workUsed } from '../../../engine/limits.ts'
import { Scope, runCell } from '../../../engine/standard.ts'

/** The gradient of the cell's expression at x = range(-1, 1, length = n), and the work it took. */
function gradientAt(n: number, expression: string): { g: Float64Array; x: Float64Array; work: number } {
  const scope = new Scope()
  const setup = runCell(
    `sq(t) = t^2\nkink(t) = t > 0 ? t^2 : -t\nx = collect(range(-1.0, 1.0, length=${n}))`,
    scope,
    'julia',
  )
  if (!setup.ok) throw new Error(setup.error)
  let work = 0
  const r = withBudget(() => {
    const out = runCell(`Zygote.gradient(x -> ${expression}, x)[1]`, scope, 'julia')
    work = workUsed()
    return out
  })
  if (!r.ok) throw new Error(r.error)
  const x = runCell('x', scope, 'julia')
  if (!x.ok || !isValue(r.value) || !isValue(x.value)) throw new Error('no tensor')
  return { g: concrete(r.value).data, x: concrete(x.value).data, work }
}

const CASES: [string, (t: number) => number][] = [
  ['sum(sq, x)', (t) => 2 * t],
  ['sum(kink, x)', (t) => (t > 0 ? 2 * t : -1)],
  ['sum(map(kink, x))', (t) => (t > 0 ? 2 * t : -1)],
  ['sum(kink.(x))', (t) => (t > 0 ? 2 * t : -1)],
]

describe('gradients through a learner’s function applied per element', () => {
  for (const [expression, derivative] of CASES) {
    it(`${expression}: the closed-form gradient, with work linear in n`, () => {
      const small = gradientAt(500, expression)
      const large = gradientAt(2000, expression)
      for (const { g, x } of [small, large]) g.forEach((gi, i) => expect(gi).toBe(derivative(x[i]!)))
      // Linear work makes 4× the elements about 4× the work; n² reads made it about 8×.
      expect(large.work / small.work).toBeLessThan(5)
    }, 60_000)
  }
})

describe('sum(fn, x) with a function whose body only combines elements', () => {
  // Julia's sum(f, x) is f applied to each element, then added: for sq(t) = t^2 that is x .^ 2,
  // which runs once on the whole array, as sq.(x) does in a Julia cell (functions.ts), instead of
  // n calls, n reads and n tape nodes.
  it('runs once on the whole array: the same value and gradient, in a number of operations that does not grow with n', () => {
    const opsAt = (n: number) => {
      const scope = new Scope()
      const setup = runCell(`sq(t) = t^2\nx = collect(range(-1.0, 1.0, length=${n}))`, scope, 'julia')
      if (!setup.ok) throw new Error(setup.error)
      const { result, trace } = record(() => runCell('Zygote.gradient(x -> sum(sq, x), x)[1]', scope, 'julia'), {
        maxSteps: 0,
      })
      if (!result.ok || !isValue(result.value)) throw new Error('no gradient')
      const value = runCell('sum(sq, x) - sum(x .^ 2)', scope, 'julia')
      if (!value.ok || !isValue(value.value)) throw new Error('no value')
      expect(concrete(value.value).data[0]).toBe(0)
      const x = runCell('x', scope, 'julia')
      if (!x.ok || !isValue(x.value)) throw new Error('no x')
      const xs = concrete(x.value).data
      concrete(result.value).data.forEach((g, i) => expect(g).toBe(2 * xs[i]!))
      return trace.counters.ops
    }
    expect(opsAt(1000)).toBe(opsAt(10))
    expect(opsAt(1000)).toBeLessThan(20)
  })

  it('gives the gradient 2x at n = 10⁵ (the bench’s largest size)', () => {
    const scope = new Scope()
    const setup = runCell('sq(t) = t^2\nx = collect(range(-1.0, 1.0, length=100000))', scope, 'julia')
    if (!setup.ok) throw new Error(setup.error)
    const g = runCell('Zygote.gradient(x -> sum(sq, x), x)[1]', scope, 'julia')
    const x = runCell('x', scope, 'julia')
    if (!g.ok || !x.ok || !isValue(g.value) || !isValue(x.value)) throw new Error('no gradient')
    const xs = concrete(x.value).data
    const gs = concrete(g.value).data
    expect(gs.length).toBe(100_000)
    expect(gs.every((gi, i) => gi === 2 * xs[i]!)).toBe(true)
  })
})
