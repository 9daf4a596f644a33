/**
 * show_hessian(f, x[, v]), run as a learner writes it in a cell. The seed example's tape is
 * checked value by value against the dual numbers worked out by hand in plain JavaScript (A·x,
 * A·e_j, 2AᵀA e_j), a non-quadratic function against mathjs's symbolic second derivatives, and
 * the four nestings' pass counts against what each nesting must do.
 */
import { describe, expect, it } from 'vitest'
import type { DualValue } from '../../../engine/panels/hessian.ts'
import { MAX_HESSIAN_N } from '../../../engine/panels/hessian.ts'
import { setSideTimings } from '../../../engine/panels/timing.ts'
import { SEED_HESSIAN, panelOf, seedSession } from './helpers.ts'
import { toDisplay } from '../../../engine/standard.ts'
import type { Session } from '../language/helpers.ts'
import { A, X1, mathDerivative, matmulPlain, session, transposePlain } from '../language/helpers.ts'

const H = SEED_HESSIAN

const hessianPanel = (source: string, s: Session = session()) => panelOf('hessian', source, s)

const seed = () => seedSession()

const close = (a: number, b: number, tol = 1e-9) =>
  expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)))
const closeAll = (a: readonly number[], b: readonly number[], tol = 1e-9) => {
  expect(a.length).toBe(b.length)
  a.forEach((x, k) => close(x, b[k]!, tol))
}
const matvec = (M: number[][], v: number[]) => M.map((row) => row.reduce((s, m, k) => s + m * v[k]!, 0))
const basisVec = (n: number, j: number) => Array.from({ length: n }, (_, k) => (k === j ? 1 : 0))
const expectDual = (d: DualValue, primal: number[], tangent: number[]) => {
  closeAll(d.primal, primal)
  closeAll(d.tangent, tangent)
}

describe('show_hessian(f, x1) on the seed example', () => {
  const spec = hessianPanel('show_hessian(f, x1)', seed())
  const At = transposePlain(A)

  it('the oracle itself: 2AᵀA is the Hessian of the seed thread', () => {
    expect(matmulPlain(At, A).map((r) => r.map((v) => 2 * v))).toEqual(H)
  })

  it('makes one pass per column, seeded with e_j', () => {
    expect(spec.passes).toHaveLength(3)
    spec.passes.forEach((p, j) => expect(p.seed).toEqual(basisVec(3, j)))
  })

  it('ends pass j with the gradient [16, 44, 64] and, in the ε-parts, column j of H', () => {
    spec.passes.forEach((p, j) => {
      expectDual(
        p.result,
        [16, 44, 64],
        H.map((row) => row[j]!),
      )
      // The input's cotangent is the last one of the reverse sweep.
      const last = p.cotangents.at(-1)!
      expect(last.node).toBe(0)
      expect(last.value).toEqual(p.result)
    })
    expect(spec.H).toEqual(H)
    expect(spec.gradient).toEqual([16, 44, 64])
    expect(spec.value).toBe(86)
  })

  it('records the tape x → A·x → abs2 → sum with dual values a + bε worked out by hand', () => {
    spec.passes.forEach((p, j) => {
      const e = basisVec(3, j)
      const Ax = matvec(A, X1) // [7, 6, 1]
      const Ae = matvec(A, e) // the ε-part of A·(x + εe)
      expect(p.tape.map((t) => [t.name, t.prim])).toEqual([
        ['x', ''],
        ['t1', 'matmul'],
        ['t2', 'abs2'],
        ['t3', 'sum'],
      ])
      expect(p.tape[1]!.args).toEqual(['c1', 'x'])
      expectDual(p.tape[0]!.value, X1, e)
      expectDual(p.tape[1]!.value, Ax, Ae)
      expectDual(
        p.tape[2]!.value,
        Ax.map((a) => a * a),
        Ax.map((a, k) => 2 * a * Ae[k]!),
      )
      expectDual(p.tape[3]!.value, [86], [Ax.reduce((s, a, k) => s + 2 * a * Ae[k]!, 0)])
    })
    expect(spec.constants).toEqual([{ name: 'c1', shape: [3, 3], data: A.flat() }])
  })

  it('sweeps back with dual cotangents: 1, then [1, 1, 1], then 2A·x + 2A·e_j ε, then the gradient', () => {
    spec.passes.forEach((p, j) => {
      const Ax = matvec(A, X1)
      const Ae = matvec(A, basisVec(3, j))
      expect(p.cotangents.map((c) => c.node)).toEqual([3, 2, 1, 0])
      expectDual(p.cotangents[0]!.value, [1], [0])
      expectDual(p.cotangents[1]!.value, [1, 1, 1], [0, 0, 0])
      expectDual(
        p.cotangents[2]!.value,
        Ax.map((a) => 2 * a),
        Ae.map((a) => 2 * a),
      )
    })
  })

  it('checks symmetry: max |H − Hᵀ| = 0', () => {
    expect(spec.asymmetry).toBe(0)
  })

  it('gives H·e_1 in one pass by default', () => {
    expect(spec.hvp.v).toEqual([1, 0, 0])
    expect(spec.hvp.Hv).toEqual([10, 4, 6])
  })

  it('compares the four nestings: they agree, with the passes each must make', () => {
    const by = Object.fromEntries(spec.methods.filter((m) => m.chunk === 1).map((m) => [m.method, m]))
    expect(Object.keys(by)).toEqual([
      'forward-over-reverse',
      'reverse-over-reverse',
      'forward-over-forward',
      'reverse-over-forward',
    ])
    for (const m of spec.methods) {
      expect(m.maxDifference, m.method).toBeLessThanOrEqual(1e-9)
      expect(m.ms).toBeGreaterThan(0)
      expect(m.minMs).toBeLessThanOrEqual(m.ms)
      expect(m.maxMs).toBeGreaterThanOrEqual(m.ms)
      expect(m.repeats).toBeGreaterThanOrEqual(1)
      expect(m.flops).toBeGreaterThan(0)
      expect(m.description).toContain(`${m.flops} flops`)
    }
    const n = 3
    // n forward passes, each containing one reverse-mode gradient (a primal sweep and a reverse sweep).
    expect(by['forward-over-reverse']!.passes).toEqual({ primal: n, forward: n, reverse: n })
    // One outer tape over the inner gradient (two primal sweeps, one inner reverse), then n outer reverse sweeps.
    expect(by['reverse-over-reverse']!.passes).toEqual({ primal: 2, forward: 0, reverse: n + 1 })
    // n outer forward passes, each through n inner ones.
    expect(by['forward-over-forward']!.passes).toEqual({ primal: 0, forward: n + n * n, reverse: 0 })
    // One tape over the n inner forward passes, then n reverse sweeps.
    expect(by['reverse-over-forward']!.passes).toEqual({ primal: 1, forward: n, reverse: n })
    expect(by['forward-over-forward']!.tapes).toBe(0)
    expect(by['reverse-over-reverse']!.largestTape).toBeGreaterThan(by['forward-over-reverse']!.largestTape)
    expect(by['forward-over-forward']!.flops).toBeGreaterThan(by['forward-over-reverse']!.flops)
  })

  it('counts flops and memory by the model: columns are Hessian-vector products, tapes hold dual values', () => {
    const fr = spec.methods.find((m) => m.method === 'forward-over-reverse' && m.chunk === 1)!
    // One column per pass, and a pass seeded with e_j is the H·v pass with v = e_j: the same
    // work each time (stacking the columns moves numbers, 0 flops).
    expect(fr.flops).toBe(3 * spec.hvp.pass.flops)
    // The gradient's tape holds A·x (3 numbers), abs2 of it (3) and the sum (1), each as a + bε:
    // 2 × 7 = 14 on the tape, one pass at a time. Memory adds x (3) and H (9).
    expect(fr.tapeMemory).toBe(14)
    expect(fr.memory).toBe(3 + 9 + 14)
    // Forward over forward keeps no tape: only x and H.
    const ff = spec.methods.find((m) => m.method === 'forward-over-forward')!
    expect(ff.memory).toBe(3 + 9)
  })

  it('batched, forward over reverse makes one pass with n tangent lanes; reverse over reverse one outer sweep', () => {
    const frb = spec.methods.find((m) => m.method === 'forward-over-reverse' && m.chunk === 3)!
    const rrb = spec.methods.find((m) => m.method === 'reverse-over-reverse' && m.chunk === 3)!
    expect(frb.passes).toEqual({ primal: 1, forward: 1, reverse: 1 })
    expect(rrb.passes).toEqual({ primal: 2, forward: 0, reverse: 2 })
    expect(frb.maxDifference).toBeLessThanOrEqual(1e-9)
    // The primal and reverse sweeps run once instead of three times: fewer flops than one per pass.
    const fr = spec.methods.find((m) => m.method === 'forward-over-reverse' && m.chunk === 1)!
    expect(frb.flops).toBeLessThan(fr.flops)
    // Its tape holds A·x, abs2 and the sum (7 numbers), each with its 3 tangent lanes: 4 × 7 = 28.
    expect(frb.tapeMemory).toBe(28)
    expect(spec.methods.map((m) => m.chunk)).toEqual([1, 1, 1, 1, 3, 3])
  })

  it('takes its verdict from the counts: flops, then memory, the same on every run', () => {
    const again = hessianPanel('show_hessian(f, x1)', seed())
    expect(again.verdict).toBe(spec.verdict)
    expect(again.cheapest).toBe(spec.cheapest)
    const passes = (m: (typeof spec.methods)[number]) => m.passes.primal + m.passes.forward + m.passes.reverse
    const sorted = [...spec.methods].sort((a, b) => a.flops - b.flops || a.memory - b.memory || passes(a) - passes(b))
    expect(spec.methods[spec.cheapest]).toBe(sorted[0])
    expect(spec.verdict).not.toMatch(/\bms\b|faster|slower/)
    const best = sorted[0]!
    expect(spec.verdict).toContain(`Cheapest here by the count: ${best.method}${best.chunk > 1 ? ', batched' : ''}.`)
  })

  it('words its verdict from the numbers, and summarises the columns for screen readers', () => {
    expect(spec.verdict).toMatch(/forward-over-reverse with one tangent per pass makes 3 forward passes/)
    expect(spec.verdict).toMatch(/Forward-over-forward: \d+ flops in 12 forward passes/)
    expect(spec.title).toBe('Forward-over-reverse Hessian of f')
    expect(spec.summary).toContain('Column 2 of H = [4, 20, 12]')
    expect(spec.summary).toContain('max |H − Hᵀ| = 0')
  })

  it('is plain data for the worker to post, shown as a panel', () => {
    expect(structuredClone(spec)).toEqual(spec)
    const d = toDisplay(seed().value('show_hessian(f, x1)'))
    expect(d.kind).toBe('panel')
  })
})

describe('show_hessian(f, x1, v): the Hessian-vector product in one pass', () => {
  it('gives H·v = [36, 80, 108] for v = [1, 2, 3], equal to the product with the full H', () => {
    const spec = hessianPanel('show_hessian(f, x1, [1, 2, 3])', seed())
    expect(spec.hvp.v).toEqual([1, 2, 3])
    closeAll(spec.hvp.Hv, [36, 80, 108])
    closeAll(spec.hvp.Hv, matvec(spec.H, [1, 2, 3]))
    // One pass: the tape seeded with x + εv, and the gradient as its primal part.
    expectDual(spec.hvp.pass.tape[0]!.value, X1, [1, 2, 3])
    expectDual(spec.hvp.pass.result, [16, 44, 64], [36, 80, 108])
    // A third of the whole Hessian's flops by forward over reverse, one column per pass.
    const full = spec.methods.find((m) => m.method === 'forward-over-reverse' && m.chunk === 1)!
    expect(spec.hvp.pass.flops * 3).toBe(full.flops)
  })
})

describe('show_hessian on a function that is not quadratic', () => {
  it('matches mathjs’s symbolic second derivatives', () => {
    const s = session()
    s.run('g(v) = sin(v[1]) * v[2]^2 + exp(v[1] * v[3])')
    const spec = hessianPanel('show_hessian(g, [0.3, -1.2, 0.7])', s)
    const expr = 'sin(a) * b^2 + exp(a * c)'
    const vars = ['a', 'b', 'c']
    const at = { a: 0.3, b: -1.2, c: 0.7 }
    vars.forEach((vi, i) => vars.forEach((vj, j) => close(spec.H[i]![j]!, mathDerivative(expr, [vi, vj], at), 1e-9)))
    expect(spec.asymmetry).toBeLessThanOrEqual(1e-12)
    for (const m of spec.methods) expect(m.maxDifference, m.method).toBeLessThanOrEqual(1e-9)
  })

  it('works for a function of one number (n = 1)', () => {
    const spec = hessianPanel('show_hessian(q(t) = t^3, 2)')
    expect(spec.H).toEqual([[12]])
    expect(spec.passes).toHaveLength(1)
  })
})

describe('show_hessian in an embed (side timings off)', () => {
  it('counts the nestings as ever but times none of them, so the panel shows no timings', () => {
    setSideTimings(false)
    try {
      const methods = hessianPanel('show_hessian(f, x1)', seed()).methods
      expect(methods.length).toBe(6)
      for (const m of methods) {
        expect(m.repeats, m.method).toBe(0)
        expect(m.flops, m.method).toBeGreaterThan(0)
        expect(m.maxDifference, m.method).toBeLessThanOrEqual(1e-9)
      }
    } finally {
      setSideTimings(true)
    }
  })
})

describe('show_hessian: the verdict follows the counts, whichever way they go', () => {
  it('says so when batched forward over reverse does no more flops than reverse over reverse', () => {
    // exp(sum(v .* v)): every step of its value feeds the gradient, so forward mode pushes no
    // tangent the gradient does not need, and the two nestings come out even in flops.
    const spec = hessianPanel('show_hessian(q(v) = exp(sum(v .* v)), [0.1, 0.2, 0.3])')
    const flops = (method: string, chunk: number) =>
      spec.methods.find((m) => m.method === method && m.chunk === chunk)!.flops
    const frb = flops('forward-over-reverse', 3)
    const rr = Math.min(flops('reverse-over-reverse', 1), flops('reverse-over-reverse', 3))
    expect(frb).toBeLessThanOrEqual(rr)
    expect(spec.verdict).toContain(
      `Forward-over-reverse, batched, does no more flops than reverse-over-reverse (${frb} against ${rr})`,
    )
    expect(spec.verdict).not.toContain('visits only the steps on the way back')
  })
})

describe('show_hessian: limits and mistakes', () => {
  it(`steps through vectors of up to ${MAX_HESSIAN_N} entries`, () => {
    const s = session()
    s.run('h(x) = sum(abs2, x)')
    expect(hessianPanel(`show_hessian(h, ones(${MAX_HESSIAN_N}))`, s).passes).toHaveLength(MAX_HESSIAN_N)
    const { error, cause } = s.failure(`show_hessian(h, ones(${MAX_HESSIAN_N + 1}))`)
    expect(error).toMatch(/up to 8 entries, but x has 9; hessian\(f, x\) computes larger Hessians/)
    expect(cause.kind).toBe('limit')
  })

  it('explains that a vector output has no Hessian', () => {
    const s = seed()
    expect(s.failure('show_hessian(lin(v) = A * v, x1)').error).toMatch(
      /must return one number .* only a scalar output has a gradient.* 3-vector/,
    )
  })

  it('checks the function, the point and v', () => {
    const s = seed()
    expect(s.failure('show_hessian(x1, x1)').error).toMatch(/needs a function as its first argument/)
    expect(s.failure('show_hessian(f)').error).toMatch(/takes 2 to 3 arguments/)
    expect(s.failure('show_hessian(f, A)').error).toMatch(/x is a 3×3 matrix; pass a vector/)
    expect(s.failure('show_hessian(f, x1, [1, 2])').error).toMatch(/v must have the shape of x/)
  })
})
