/**
 * cost_explorer() and cost_explorer(f, x), run as a learner writes them in a cell. Pass counts
 * are what each mode must make (n pushforwards, or one primal sweep and m pullbacks); flops are
 * n times one pushforward's, memory the tape counted by hand; the family's Jacobian is checked against its closed form
 * diag(1 − tanh²(Wx))·W in plain JavaScript; the timer against a busy-wait of known length.
 */
import { describe, expect, it } from 'vitest'
import { basis, concrete, record } from '../../../engine/index.ts'
import * as T from '../../../engine/transforms/index.ts'
import { COST_SIZES, crossovers, familyMember } from '../../../engine/panels/costs.ts'
import { medianTimes } from '../../../engine/panels/timing.ts'
import { panelOf } from './helpers.ts'
import type { Session } from '../language/helpers.ts'
import { SEED_PRELUDE, session } from '../language/helpers.ts'

const costs = (source: string, s: Session = session()) => panelOf('costs', source, s)

/** A whole explorer (36 cells counted and timed) per test: seconds on a loaded machine. */
const SLOW = 30_000

/** Equal up to the odd reshape that a 1-vector skips: within 20% of each other. */
const expectNearlyEqual = (xs: number[]) => expect(Math.max(...xs)).toBeLessThanOrEqual(1.2 * Math.min(...xs))

describe('cost_explorer(): jacfwd against jacrev on tanh(W x) over a grid of n and m', () => {
  const spec = costs('cost_explorer()')
  const cell = (m: number, n: number) => spec.cells.find((c) => c.m === m && c.n === n)!

  it('measures every n and m in 1, 2, 4, 8, 16, 32', () => {
    expect(spec.sizes).toEqual(COST_SIZES)
    expect(spec.sizes).toEqual([1, 2, 4, 8, 16, 32])
    expect(spec.cells).toHaveLength(36)
    spec.cells.forEach((c, k) => {
      expect(c.m).toBe(spec.sizes[Math.floor(k / 6)])
      expect(c.n).toBe(spec.sizes[k % 6])
    })
  })

  it('jacfwd makes n forward passes; jacrev one primal sweep and m reverse passes', () => {
    for (const c of spec.cells) {
      expect(c.forward.passes, `n = ${c.n}, m = ${c.m}`).toBe(c.n)
      expect(c.forward.primalPasses).toBe(0)
      expect(c.reverse.passes, `n = ${c.n}, m = ${c.m}`).toBe(c.m)
      expect(c.reverse.primalPasses).toBe(1)
      expect(c.forward.ms).toBeGreaterThan(0)
      expect(c.reverse.ms).toBeGreaterThan(0)
    }
  })

  it('counts operations that grow with the passes: forward with n only, reverse with m only', () => {
    for (const m of spec.sizes) {
      const row = spec.sizes.map((n) => cell(m, n))
      row.slice(1).forEach((c, i) => expect(c.forward.ops).toBeGreaterThan(row[i]!.forward.ops))
      expectNearlyEqual(row.map((c) => c.reverse.ops))
    }
    for (const n of spec.sizes) {
      const col = spec.sizes.map((m) => cell(m, n))
      col.slice(1).forEach((c, i) => expect(c.reverse.ops).toBeGreaterThan(col[i]!.reverse.ops))
      expectNearlyEqual(col.map((c) => c.forward.ops))
    }
    // Tall Jacobians favour forward mode, wide ones reverse mode.
    expect(cell(32, 1).forward.ops).toBeLessThan(cell(32, 1).reverse.ops)
    expect(cell(1, 32).reverse.ops).toBeLessThan(cell(1, 32).forward.ops)
  })

  it('counts flops and memory by the model: n pushforwards; a tape of W·x and tanh(W·x)', () => {
    for (const c of spec.cells) {
      const { fn, x } = familyMember(c.m, c.n)
      // Every forward pass is one jvp, and a jvp's flops do not depend on its direction;
      // assembling the columns only moves numbers (0 flops).
      const oneJvp = record(() => T.jvp(fn, x, basis([c.n], 0)), { maxSteps: 0 }).trace.counters.flops
      expect(c.forward.flops, `n = ${c.n}, m = ${c.m}`).toBe(c.n * oneJvp)
      // jacfwd keeps no tape: x (n numbers) and the m×n Jacobian. jacrev's tape holds W·x and
      // tanh(W·x), m numbers each, through all m reverse passes.
      expect(c.forward.memory).toBe(c.n + c.m * c.n)
      expect(c.reverse.memory).toBe(c.n + c.m * c.n + 2 * c.m)
      expect(c.forward.chunk).toBe(1)
      const d = c.forward.flops - c.reverse.flops || c.forward.memory - c.reverse.memory
      expect(c.cheaper).toBe(d < 0 ? 'forward' : d > 0 ? 'reverse' : null)
      expect(c.forward.minMs).toBeLessThanOrEqual(c.forward.ms)
      expect(c.reverse.maxMs).toBeGreaterThanOrEqual(c.reverse.ms)
    }
  })

  it('names the crossover for each m, and summarises it for screen readers', () => {
    const lines = crossovers(spec)
    expect(lines).toHaveLength(6)
    expect(lines.at(-1)).toMatch(/^m = 32: forward is cheaper up to n = (8|16)$/)
    expect(spec.summary).toContain('By the count: m = 1:')
    expect(spec.family).toMatch(/tanh\(W x\)/)
    expect(structuredClone(spec)).toEqual(spec)
  })

  it('keeps the work bounded', () => {
    // About half a second on an idle machine; generous here for a loaded test runner.
    expect(spec.totalMs).toBeLessThan(8000)
    expect(spec.repeats).toBeGreaterThanOrEqual(1)
  })
})

describe('the family tanh(W x)', () => {
  it('is the same on every run (seeded), and its Jacobian is diag(1 − tanh²(Wx))·W', () => {
    const a = familyMember(4, 3)
    const b = familyMember(4, 3)
    expect(Array.from(a.x.data)).toEqual(Array.from(b.x.data))
    // Both modes agree with each other, and with the closed form J = diag(1 − y²)·W, y = tanh(W x):
    const J = concrete(T.jacfwd(a.fn, a.x))
    const Jr = concrete(T.jacrev(a.fn, a.x))
    expect(J.shape).toEqual([4, 3])
    Array.from(J.data).forEach((v, k) => expect(Math.abs(v - Jr.data[k]!)).toBeLessThanOrEqual(1e-12))
    const y = concrete(a.fn(a.x))
    // row i of J over (1 − y_i²) is row i of W, so (J x)_i / (1 − y_i²) = (W x)_i = atanh(y_i).
    for (let i = 0; i < 4; i++) {
      let wx = 0
      for (let j = 0; j < 3; j++) wx += (J.data[i * 3 + j]! / (1 - y.data[i]! ** 2)) * a.x.data[j]!
      expect(Math.abs(wx - Math.atanh(y.data[i]!))).toBeLessThanOrEqual(1e-9)
    }
  })
})

describe('cost_explorer(f, x) on the learner’s own function', () => {
  it(
    'measures the seed f: n = 3 inputs, one output',
    () => {
      const s = session()
      s.run(SEED_PRELUDE)
      const spec = costs('cost_explorer(f, x1)', s)
      const y = spec.yours!
      expect(y).toMatchObject({ name: 'f', n: 3, m: 1, maxDifference: 0 })
      expect(y.forward.passes).toBe(3)
      expect(y.reverse.passes).toBe(1)
      expect(spec.summary).toMatch(/Your f: n = 3, m = 1/)
    },
    SLOW,
  )

  it(
    'measures a vector-valued function: m = size of f(x)',
    () => {
      const s = session()
      s.run(`${SEED_PRELUDE}\ng(x) = gradient(f, x)`)
      const y = costs('cost_explorer(g, x1)', s).yours!
      expect([y.n, y.m]).toEqual([3, 3])
      expect(y.forward.passes).toBe(3)
      expect(y.reverse.passes).toBe(3)
      expect(y.maxDifference).toBeLessThanOrEqual(1e-12)
    },
    SLOW,
  )

  it('explains its arguments and limits', () => {
    const s = session()
    s.run(SEED_PRELUDE)
    expect(s.failure('cost_explorer(f)').error).toMatch(/takes no arguments .* or a function and a point/)
    expect(s.failure('cost_explorer(x1, x1)').error).toMatch(/needs a function as its first argument/)
    const big = s.failure('cost_explorer(h(x) = sum(x), ones(65))')
    expect(big.error).toMatch(/up to 64 by 64/)
    expect(big.cause.kind).toBe('limit')
  })
})

describe('medianTimes', () => {
  it('measures a busy-wait of about 0.3 ms as about 0.3 ms', () => {
    const wait = () => {
      const t0 = performance.now()
      while (performance.now() - t0 < 0.3);
    }
    const [t] = medianTimes([wait], { repeats: 3, budgetMs: 20 })
    expect(t!.ms).toBeGreaterThanOrEqual(0.3)
    expect(t!.ms).toBeLessThan(3)
    expect(t!.repeats).toBeGreaterThanOrEqual(1)
  })
})
