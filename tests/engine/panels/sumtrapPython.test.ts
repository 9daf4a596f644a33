// The sum-trap panel opened from a Python cell speaks the cell's language: jax.grad and jax.jacrev
// where an ad or Julia cell reads gradient(g, x) and jacobian(g, x), and the strict engine's error
// is JAX's own ("Gradient only defined for scalar-output functions. Output had shape: (3,).").
// The numbers are the seed's (the thread's): J = 2AᵀA, tf.gradients = [20, 36, 44].
import { describe, expect, it } from 'vitest'
import { panelSpecOf } from '../../../engine/panels/registry.ts'
import type { SumTrapSpec } from '../../../engine/panels/sumtrap.ts'
import { Scope } from '../../../engine/language/scope.ts'
import { runCell } from '../../../engine/notebook/run.ts'
import { run } from '../language/python/cells.ts'
import { SEED } from '../language/python/corpus/jax.ts'

const spec = (...cells: string[]) => panelSpecOf(run(...cells)) as SumTrapSpec

describe('show_sum_trap in a Python cell', () => {
  it("names JAX's calls and gives JAX's error, with the seed's numbers", () => {
    const s = spec(SEED, 'g = jax.grad(f)', 'show_sum_trap(g, x1)')
    expect(s.tfGradients).toEqual([20, 36, 44])
    expect(s.strictError).toBe('jax.grad: Gradient only defined for scalar-output functions. Output had shape: (3,).')
    expect(s.summary).toMatch(/jax\.grad\(g\)\(x\) stops with an error/)
    expect(s.explanation).toMatch(/or jax\.jacrev\(g\)\(x\)\./)
    expect(`${s.summary} ${s.explanation}`).not.toMatch(/\bgradient\(g, x\)|\bjacobian\(g, x\)/)
  })
  it("with no arguments, the seed's example written the JAX way", () => {
    expect(spec('show_sum_trap()').source).toMatch(/^g = jax\.grad\(f\), with f\(x\) = jnp\.sum\(\(A @ x\) \*\* 2\)/)
  })
  it('a Julia cell keeps its own words', () => {
    const r = runCell('show_sum_trap()', new Scope(null), 'julia')
    expect(r.ok).toBe(true)
    const s = panelSpecOf(r.ok ? r.value : undefined) as SumTrapSpec
    expect(s.summary).toMatch(/gradient\(g, x\) stops with an error/)
  })
})
