/**
 * show_sum_trap(g, x), run as a learner writes it. The oracles are independent of the panel:
 * the seed's Hessian 2AᵀA by plain matrix products, column sums by hand, the language's own
 * tf_gradients and gradient cells, and closed-form derivatives (2v, cos v) for the diagonal case.
 */
import { describe, expect, it } from 'vitest'
import type { SumTrapSpec } from '../../../engine/panels/sumtrap.ts'
import { panelOf, seedSession } from './helpers.ts'
import { toDisplay } from '../../../engine/standard.ts'
import { A, SEED_PRELUDE, expectNear, failure, matmulPlain, session, transposePlain } from '../language/helpers.ts'

/** The spec of the sum-trap panel a cell ends with. */
const sumTrap = (source: string, s = session()) => panelOf('sumtrap', source, s)

const rowsOf = (spec: SumTrapSpec) =>
  Array.from({ length: spec.jacobian.rows }, (_, i) =>
    spec.jacobian.data.slice(i * spec.jacobian.cols, (i + 1) * spec.jacobian.cols),
  )

const seed = () => seedSession('g(x) = gradient(f, x)')

describe('show_sum_trap on the seed example', () => {
  const H = matmulPlain(transposePlain(A), A).map((row) => row.map((v) => 2 * v))

  it('shows the Jacobian of the gradient, which is the Hessian 2AᵀA', () => {
    const spec = sumTrap('show_sum_trap(g, x1)', seed())
    expect(H).toEqual([
      [10, 4, 6],
      [4, 20, 12],
      [6, 12, 26],
    ])
    expectNear(rowsOf(spec), H)
    expectNear(spec.value, [16, 44, 64])
    expect(spec.x).toEqual([0, 1, 2])
  })

  it('gives the column sums [20, 36, 44], and they are what tf_gradients returns', () => {
    const s = seed()
    const spec = sumTrap('show_sum_trap(g, x1)', s)
    const sums = [0, 1, 2].map((j) => H.reduce((acc, row) => acc + row[j]!, 0))
    expect(sums).toEqual([20, 36, 44])
    expectNear(spec.columnSums, sums)
    expectNear(spec.tfGradients, sums)
    expectNear(spec.tfGradients, s.run('tf_gradients(g, x1)') as number[])
  })

  it("carries the strict engine's own error, which names the scalar output and tf.gradients", () => {
    const s = seed()
    const spec = sumTrap('show_sum_trap(g, x1)', s)
    expect(spec.strictError).toContain('scalar')
    expect(spec.strictError).toContain('tf.gradients')
    // The cell's own error says the same in the learner's names (g, x1): see teaching.test.ts.
    const cell = s.runError('gradient(g, x1)')
    for (const said of ['needs a function with a scalar output', 'returns a 3-vector', 'tf.gradients'])
      expect(spec.strictError.includes(said) && cell.includes(said), said).toBe(true)
  })

  it('says the Jacobian is not diagonal, so the sums mix outputs', () => {
    const spec = sumTrap('show_sum_trap(g, x1)', seed())
    expect(spec.structure).toBe('mixed')
    expect(spec.nonzeros).toEqual([3, 3, 3])
    expect(spec.explanation).toMatch(/not diagonal/)
    expect(spec.explanation).toContain('20')
  })

  it('is the default with no arguments', () => {
    const spec = sumTrap('show_sum_trap()')
    expectNear(rowsOf(spec), H)
    expectNear(spec.tfGradients, [20, 36, 44])
    expect(spec.strictError).toContain('scalar')
  })

  it('has a summary for screen readers, and one that keeps the answer back until the reveal', () => {
    const spec = sumTrap('show_sum_trap(g, x1)', seed())
    expect(spec.summary).toContain('[20, 36, 44]')
    expect(spec.summary).toContain('[10, 4, 6], [4, 20, 12], [6, 12, 26]')
    expect(spec.summaryBeforeReveal).toContain('[10, 4, 6]')
    expect(spec.summaryBeforeReveal).not.toContain('[20, 36, 44]')
    expect(spec.title).toContain('g')
  })

  it('is plain data for the page, with the three equivalent snippets', () => {
    const s = seed()
    const d = toDisplay(s.value('show_sum_trap(g, x1)'))
    expect(d.kind).toBe('panel')
    const spec = (d.kind === 'panel' ? d.panel : undefined) as SumTrapSpec
    expect(structuredClone(spec)).toEqual(spec)
    expect(spec.code.julia).toContain('Zygote.jacobian')
    expect(spec.code.julia).toContain('pullback')
    expect(spec.code.jax).toContain('jax.jacrev')
    expect(spec.code.jax).toContain('jnp.ones_like')
    expect(spec.code.pytorch).toContain('torch.autograd.functional')
    expect(spec.code.pytorch).toContain('backward(torch.ones_like(y))')
    expect(spec.code.jax).toContain('[0.0, 1.0, 2.0]')
  })
})

describe('show_sum_trap on elementwise functions (diagonal Jacobians)', () => {
  it('for v .^ 2, tf_gradients is the diagonal 2v of J', () => {
    const s = session()
    s.run('h(v) = v .^ 2')
    const spec = sumTrap('show_sum_trap(h, [1, 2, 3])', s)
    expect(spec.structure).toBe('diagonal')
    expectNear(rowsOf(spec), [
      [2, 0, 0],
      [0, 4, 0],
      [0, 0, 6],
    ])
    expectNear(spec.tfGradients, [2, 4, 6])
    expectNear(spec.tfGradients, spec.diagonal!)
    expect(spec.explanation).toMatch(/diagonal/)
    expect(spec.explanation).toMatch(/single nonzero/)
  })

  it('for sin, tf_gradients is cos x, the diagonal', () => {
    const spec = sumTrap('show_sum_trap(sin, [0, 1, 2])')
    expect(spec.structure).toBe('diagonal')
    expectNear(spec.tfGradients, [Math.cos(0), Math.cos(1), Math.cos(2)], 1e-12)
    expectNear(spec.diagonal!, spec.tfGradients)
    expect(spec.nonzeros).toEqual([1, 1, 1])
  })

  it('for a function that mixes inputs, the sums differ from the diagonal', () => {
    const s = session()
    s.run('k(v) = [v[1] * v[2], v[1] + v[2]]')
    const spec = sumTrap('show_sum_trap(k, [2, 3])', s)
    // J = [x2 x1; 1 1] = [3 2; 1 1]
    expectNear(rowsOf(spec), [
      [3, 2],
      [1, 1],
    ])
    expectNear(spec.tfGradients, [4, 3])
    expectNear(spec.diagonal!, [3, 1])
    expectNear(spec.rowSums, [5, 2])
    expect(spec.structure).toBe('mixed')
  })

  it('for one nonzero per column off the diagonal, says the sums do not line up with the outputs', () => {
    const s = session()
    s.run('p(v) = [v[2] ^ 2, v[1] ^ 3]')
    const spec = sumTrap('show_sum_trap(p, [1, 2])', s)
    expect(spec.structure).toBe('one-per-column')
    expectNear(spec.tfGradients, [3, 4])
    expect(spec.explanation).toContain('∂p₂/∂x₁')
  })

  it('works for a non-square Jacobian', () => {
    const s = session()
    s.run('q(v) = [sum(v), v[1] * 5, v[2] - v[3], 0 * v[1]]')
    const spec = sumTrap('show_sum_trap(q, [1, 2, 3])', s)
    expect(spec.jacobian.rows).toBe(4)
    expect(spec.jacobian.cols).toBe(3)
    // J = [1 1 1; 5 0 0; 0 1 -1; 0 0 0]
    expectNear(spec.tfGradients, [6, 2, 0])
    expect(spec.diagonal).toBeUndefined()
  })
})

describe('show_sum_trap errors', () => {
  it('refuses a scalar function: there is no trap', () => {
    const s = session()
    s.run(SEED_PRELUDE)
    expect(s.runError('show_sum_trap(f, x1)')).toMatch(/single number.*no trap/)
  })

  it('says what is missing with one argument', () => {
    expect(failure('show_sum_trap(sin)').error).toMatch(/takes a function and a point/)
  })

  it('needs a function and a vector', () => {
    expect(failure('show_sum_trap(1, [1, 2])').error).toMatch(/needs a vector-valued function/)
    expect(failure('show_sum_trap(sin, 2)').error).toMatch(/must be a vector/)
  })

  it('has a size limit, with the limit kind', () => {
    const { error, cause } = failure('show_sum_trap(sin, ones(9))')
    expect(error).toMatch(/up to 8 inputs and 8 outputs/)
    expect(cause.kind).toBe('limit')
    const s = session()
    s.run('w(v) = concat(v, v, v)')
    expect(s.failure('show_sum_trap(w, [1, 2, 3])').cause.kind).toBe('limit')
  })

  it('passes on an error from the function itself', () => {
    const s = session()
    s.run('bad(v) = v[5]')
    expect(s.runError('show_sum_trap(bad, [1, 2])')).toBeTruthy()
  })
})
