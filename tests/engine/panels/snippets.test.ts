/**
 * The equivalent code beside the panels runs (the app's Run button puts it in a cell): each JAX
 * and PyTorch snippet of the pullbacks and sum-trap panels, run as a Python cell in the
 * notebook's scope, gives the panel's own numbers. Oracle: the seed's g(x) = 2AᵀAx at x = (0, 1, 2),
 * whose all-ones pullback is the column sums of H = 2AᵀA, [20, 36, 44].
 */
import { describe, expect, it } from 'vitest'
import { concrete, isValue } from '../../../engine/ad/value.ts'
import { panelSpecOf } from '../../../engine/panels/index.ts'
import { Scope, runCell } from '../../../engine/standard.ts'
import type { LangValue } from '../../../engine/language/values.ts'
import { isTuple } from '../../../engine/language/values.ts'

const SEED = "A = reshape(0:8, 3, 3) .% 4\nx1 = collect(0:2)\ng(x) = 2 .* (A' * (A * x))"
const COLUMN_SUMS = [20, 36, 44]

function numbers(v: LangValue): number[] {
  if (isValue(v)) return Array.from(concrete(v).data)
  if (isTuple(v)) return numbers(v.items[v.items.length - 1])
  throw new Error('not numbers')
}

function snippetsOf(call: string): { scope: Scope; code: Record<string, string> } {
  const scope = new Scope()
  const seed = runCell(SEED, scope, 'julia')
  if (!seed.ok) throw new Error(seed.error)
  const r = runCell(call, scope, 'julia')
  if (!r.ok) throw new Error(r.error)
  const spec = panelSpecOf(r.value) as { code?: Record<string, string> } | undefined
  if (!spec?.code) throw new Error(`${call} has no code`)
  return { scope, code: spec.code }
}

describe('the panels’ equivalent code runs in a Python cell', () => {
  it.each([
    ['show_pullbacks(g, x1)', 'jax'],
    ['show_pullbacks(g, x1)', 'pytorch'],
    ['show_sum_trap(g, x1)', 'jax'],
    ['show_sum_trap(g, x1)', 'pytorch'],
  ])('%s, %s: its last line gives the all-ones pullback', (call, library) => {
    const { scope, code } = snippetsOf(call)
    const r = runCell(code[library]!, new Scope(scope), 'python')
    if (!r.ok) expect.fail(`${library} snippet of ${call} failed: ${r.error}\n${code[library]}`)
    expect(numbers(r.value)).toEqual(COLUMN_SUMS)
  })

  it('a function of another name is called by that name', () => {
    const { code } = snippetsOf('h = g\nshow_sum_trap(h, x1)')
    expect(code.pytorch).toContain('jacobian(g, x)')
    const { code: named } = snippetsOf('k(x) = g(x)\nshow_sum_trap(k, x1)')
    expect(named.jax).toContain('jax.jacrev(k)(x)')
  })
})
