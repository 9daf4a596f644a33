/**
 * check_gradient, test_rrule and test_frule, run as a learner writes them. The oracles are closed
 * forms (softmax's Jacobian diag(s) − s·sᵀ, the seed's gradient 2AᵀA·x, the blocks of W·x), and
 * a function whose AD is wrong by construction: it holds one factor as a constant (as torch's
 * detach does), so AD misses half of ∂y₂/∂x₂ while finite differences, which run the body, see it.
 */
import { describe, expect, it } from 'vitest'
import { concrete } from '../../../engine/ad/value.ts'
import type { Value } from '../../../engine/ad/value.ts'
import * as ops from '../../../engine/ops/index.ts'
import { vector } from '../../../engine/tensor/tensor.ts'
import type { LangFunction, LangValue } from '../../../engine/standard.ts'
import { panelSpecOf } from '../../../engine/panels/index.ts'
import { DEFAULT_CHECK, toleranceRatio } from '../../../engine/panels/derivativeCheck.ts'
import type { DerivativeCheckSpec } from '../../../engine/panels/derivativeCheck.ts'
import { session } from '../language/helpers.ts'
import { julia } from '../language/julia/julia.ts'

/** The check panel a cell (of any language's session) ends with. */
function check(s: { value(source: string): LangValue }, source: string): DerivativeCheckSpec {
  const spec = panelSpecOf(s.value(source))
  if (spec?.kind !== 'derivativeCheck') throw new Error(`expected a derivative check from ${source}`)
  return spec
}

/** Rows of a block, from its row-major data. */
const rows = (data: number[], cols: number) =>
  Array.from({ length: data.length / cols }, (_, i) => data.slice(i * cols, (i + 1) * cols))

function expectMatrix(actual: number[][], expected: number[][], tol: number): void {
  expect(actual.length).toBe(expected.length)
  actual.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - expected[i]![j]!)).toBeLessThan(tol)))
}

/**
 * sq(x) = x .* x with the second factor of entry 2 held constant: its true Jacobian at x is
 * diag(2x), but AD (forward or reverse) gets x₂ instead of 2x₂ at (2,2).
 */
const halfDetached: LangFunction = {
  kind: 'function',
  name: 'sq',
  params: ['x'],
  source: 'sq(x)',
  call([x]) {
    const v = x as Value
    const n = v.shape[0]!
    const mask = vector(Array.from({ length: n }, (_, i) => (i === 1 ? 1 : 0)))
    const kept = ops.add(ops.mul(v, ops.sub(vector(new Array<number>(n).fill(1)), mask)), ops.mul(concrete(v), mask))
    return ops.mul(v, kept)
  },
}

const withSq = () => {
  const s = julia()
  s.scope.define('sq', halfDetached)
  return s
}

describe('a correct derivative passes', () => {
  it("test_rrule(softmax, x): reverse mode's Jacobian is diag(s) − s·sᵀ, and finite differences agree", () => {
    const spec = check(julia(''), 'test_rrule(softmax, [1.0, 2.0, 3.0])')
    const e = [1, 2, 3].map(Math.exp)
    const s = e.map((v) => v / (e[0]! + e[1]! + e[2]!))
    const J = s.map((si, i) => s.map((sj, j) => (i === j ? si : 0) - si * sj))
    const [b] = spec.blocks
    expectMatrix(rows(b!.ad, 3), J, 1e-15)
    expectMatrix(rows(b!.fd, 3), J, 1e-11)
    expect(spec.status).toBe('consistent')
    expect(spec.mode).toBe('reverse')
    expect(spec.verdict).toMatch(/^Consistent with finite differences to \de-1\d \(rtol 1e-6, atol 1e-9\)$/)
    expect(spec.directions.map((d) => d.kind)).toEqual(['cotangent', 'cotangent', 'cotangent'])
    expect(spec.directions.every((d) => d.ratio <= 1)).toBe(true)
  })

  it('test_frule pushes tangents (forward mode) and passes on the same function', () => {
    const spec = check(julia(''), 'test_frule(softmax, [1.0, 2.0, 3.0])')
    expect(spec.mode).toBe('forward')
    expect(spec.status).toBe('consistent')
    expect(spec.directions.map((d) => d.kind)).toEqual(['tangent', 'tangent', 'tangent'])
  })

  it('check_gradient(f, x1) on the seed: the gradient 2AᵀA·x = [16, 44, 64]', () => {
    const spec = check(julia(), 'check_gradient(f, x1)')
    expect(spec.blocks[0]!.rows).toBe(1)
    expectMatrix([spec.blocks[0]!.fd], [[16, 44, 64]], 1e-9)
    expect(spec.status).toBe('consistent')
    expect(spec.summary).toContain('the gradient (3 entries) by reverse mode')
  })

  it('check_gradient of a vector-valued f says to use test_rrule', () => {
    expect(julia('').error('check_gradient(softmax, [1.0, 2.0])')).toContain(
      'check_gradient is for functions that return one number, but softmax returns a 2-vector: use test_rrule(softmax, x)',
    )
  })
})

describe('a wrong derivative is detected, with the entry named', () => {
  it('test_rrule names entry (2,2): AD gives 2, finite differences 4', () => {
    const spec = check(withSq(), 'test_rrule(sq, [1.0, 2.0, 3.0])')
    expect(spec.status).toBe('wrong')
    expect(spec.wrongCount).toBe(1)
    expect(spec.verdict).toBe('Entry (2,2) of ∂sq/∂x is off: AD gives 2, finite differences 4 (rtol 1e-6, atol 1e-9)')
  })

  it('test_frule finds the same entry by forward mode', () => {
    const spec = check(withSq(), 'test_frule(sq, [1.0, 2.0, 3.0])')
    expect(spec.verdict).toContain('Entry (2,2) of ∂sq/∂x is off: AD gives 2, finite differences 4')
  })

  it('the heatmap data: the ratio to the tolerance is over 1 at the wrong entry only', () => {
    const { ratio } = check(withSq(), 'test_rrule(sq, [1.0, 2.0, 3.0])').blocks[0]!
    expect(ratio).toHaveLength(9)
    expect(ratio[4]).toBeGreaterThan(4e5) // 2 / (1e-9 + 1e-6·4)
    expect(ratio.filter((_, k) => k !== 4).every((r) => r <= 1)).toBe(true)
  })
})

describe('tolerances', () => {
  // At (2,2) AD is 2 and FD 4 (to about 1e-12): it passes when atol + rtol·4 ≥ 2.
  const verdict = (options: string) => check(withSq(), `test_rrule(sq, [1.0, 2.0, 3.0]; ${options})`)

  it('rtol 0.5001 passes, rtol 0.4999 fails; the verdict states them', () => {
    expect(verdict('rtol = 0.5001, atol = 0').status).toBe('consistent')
    const fails = verdict('rtol = 0.4999, atol = 0')
    expect(fails.status).toBe('wrong')
    expect(fails.verdict).toContain('(rtol 5e-1, atol 0)')
  })

  it('atol alone: 2.001 passes, 1.999 fails', () => {
    expect(verdict('rtol = 0, atol = 2.001').status).toBe('consistent')
    expect(verdict('rtol = 0, atol = 1.999').status).toBe('wrong')
  })

  it('the rule is atol + rtol·max(|AD|, |FD|), as isapprox', () => {
    const o = { ...DEFAULT_CHECK, rtol: 0.1, atol: 0.5 }
    expect(toleranceRatio(10, 8.5, o)).toBe(1) // |10 − 8.5| = 1.5 = 0.5 + 0.1·10
    expect(toleranceRatio(10, 8.4, o)).toBeGreaterThan(1)
    expect(toleranceRatio(NaN, 1, o)).toBe(Infinity)
    expect(toleranceRatio(1, NaN, o)).toBeNaN()
  })

  it('options are checked, and ChainRulesTestUtils options the notebook does not need say why', () => {
    const s = julia('')
    expect(s.error('test_rrule(sin, 1.0; tol = 1)')).toContain(
      'test_rrule has no option tol. Its options are rtol, atol and seed',
    )
    expect(s.error('test_rrule(sin, 1.0; fdm = 1)')).toContain('fdm is not needed here')
    expect(s.error('test_rrule(sin, 1.0; rtol = -1)')).toContain('rtol must be a number ≥ 0')
  })
})

describe('seeds', () => {
  const directions = (seed: string) =>
    check(julia(''), `test_rrule(softmax, [1.0, 2.0, 3.0]${seed})`).directions.map((d) => d.direction)

  it('the same seed gives the same random cotangents; another seed others', () => {
    expect(directions('')).toEqual(directions(''))
    expect(directions('; seed = 7')).toEqual(directions('; seed = 7'))
    expect(directions('; seed = 7')).not.toEqual(directions(''))
    expect(directions('; seed = 1')).toEqual(directions(''))
    expect(
      directions('')
        .flat()
        .every((v) => v >= -1 && v <= 1),
    ).toBe(true)
  })
})

describe('several arguments, matrices, the cell language’s order', () => {
  // y = W·x: ∂y/∂x = W; ∂yᵢ/∂W_kl = δᵢₖ·x_l.
  const W = [
    [1, 2],
    [3, 4],
    [5, 6],
  ]
  const x = [7, 8]
  const byW = (order: 'column' | 'row') => {
    const cols =
      order === 'column'
        ? [0, 1].flatMap((l) => [0, 1, 2].map((k) => [k, l]))
        : [0, 1, 2].flatMap((k) => [0, 1].map((l) => [k, l]))
    return [0, 1, 2].map((i) => cols.map(([k, l]) => (i === k ? x[l!]! : 0)))
  }

  it('Julia: one block per argument, vec(W) column-major', () => {
    const s = julia('')
    s.value('h(x, W) = W * x')
    const spec = check(s, 'test_rrule(h, [7.0, 8.0], [1.0 2.0; 3.0 4.0; 5.0 6.0])')
    expect(spec.blocks.map((b) => [b.arg, b.rows, b.cols])).toEqual([
      ['x', 3, 2],
      ['W', 3, 6],
    ])
    expectMatrix(rows(spec.blocks[0]!.ad, 2), W, 1e-12)
    expectMatrix(rows(spec.blocks[1]!.ad, 6), byW('column'), 1e-12)
    expectMatrix(rows(spec.blocks[1]!.fd, 6), byW('column'), 1e-9)
    expect(spec.status).toBe('consistent')
  })

  it('ad cells: rows one after another, options as a record', () => {
    const s = session()
    s.run('h(x, W) = W * x')
    const spec = check(s, 'test_frule(h, [7, 8], [1, 2; 3, 4; 5, 6], {seed: 3})')
    expectMatrix(rows(spec.blocks[1]!.fd, 6), byW('row'), 1e-9)
    expect(spec.options.seed).toBe(3)
    expect(spec.indexing).toEqual({ base: 1, order: 'row' })
  })

  it('a wrong entry of a matrix argument is named by both indices', () => {
    const s = withSq()
    s.value('m(X) = sq(vec(X))')
    const spec = check(s, 'test_rrule(m, [1.0 3.0; 2.0 4.0])')
    // vec(X) = [1, 2, 3, 4]: the wrong entry is (2,2), which is X[2,1].
    expect(spec.verdict).toContain('Entry (2,2) of ∂m/∂X (∂m[2]/∂X[2,1]) is off: AD gives 2, finite differences 4')
    expect(spec.blocks[0]!.shape).toEqual([2, 2])
  })
})

describe('where finite differences cannot check', () => {
  it('abs at 0: a kink, said plainly, and not counted as wrong', () => {
    const spec = check(julia(''), 'test_rrule(abs, 0.0)')
    expect(spec.status).toBe('unchecked')
    expect(spec.verdict).toMatch(
      /abs is not differentiable at x \(to within [\d.e-]+\): its slope is -1 on the left and 1 on the right/,
    )
  })

  it('a jump is called a jump', () => {
    const s = julia('')
    s.value('q(x) = x > 0 ? 1.0 : 0.0')
    expect(check(s, 'test_rrule(q, 0.0)').verdict).toContain('q jumps at')
  })

  it('log next to 0: the step shrinks to stay in the domain, and the check passes', () => {
    const spec = check(julia(''), 'test_rrule(x -> log.(x), [1e-4, 1.0])')
    expect(spec.status).toBe('consistent')
    expectMatrix([[spec.blocks[0]!.fd[0]!]], [[1e4]], 1e-4)
  })

  it('log at 1e-12: no step stays in the domain, and the verdict says why', () => {
    const spec = check(julia(''), 'test_rrule(log, 1e-12)')
    expect(spec.status).toBe('unchecked')
    expect(spec.verdict).toMatch(/Finite differences cannot check this: log is not defined at x − 2h .*logarithm/)
  })

  it('large derivatives: the stated agreement is relative above 1 (exp(50x) has f′ ≈ 2.6e23)', () => {
    const spec = check(julia(''), 'test_rrule(x -> exp.(50 .* x), [1.0])')
    expect(spec.status).toBe('consistent')
    expect(spec.maxError).toBeLessThan(1e-9)
  })

  it('an empty point is refused', () => {
    expect(julia('').error('test_rrule(softmax, Float64[])')).toContain(
      'test_rrule: x is empty: there is no derivative to check',
    )
  })

  it('sizes the check cannot compute are refused with what to do', () => {
    expect(julia('').error('test_rrule(x -> x, ones(1001))')).toContain('test_rrule checks up to 1000 inputs')
  })
})
