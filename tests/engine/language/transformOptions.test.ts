/**
 * The chunk option of the Jacobian and Hessian builtins (a keyword in Julia cells, a trailing
 * record in ad cells), several directions for jvp and hvp (the columns of a matrix: J·V, H·V),
 * and the refusal of a branch on a batched value. Values come from the seed's closed forms:
 * f(x) = |Ax|², H = 2AᵀA, and the Jacobian of x -> A*x is A.
 */
import { describe, expect, it } from 'vitest'
import type { Value } from '../../../engine/index.ts'
import { Tensor, concrete, record, vmap } from '../../../engine/index.ts'
import type { LangFunction } from '../../../engine/standard.ts'
import { A, SEED_PRELUDE, session } from './helpers.ts'
import { expectJsonClose, julia } from './julia/julia.ts'

const H = [
  [10, 4, 6],
  [4, 20, 12],
  [6, 12, 26],
]
const V = [
  [1, 0],
  [2, 1],
  [0, -1],
]
/** M·V by hand. */
const times = (M: number[][], W: number[][]) =>
  M.map((row) => W[0]!.map((_, j) => row.reduce((s, m, k) => s + m * W[k]![j]!, 0)))

describe('Julia cells: ; chunk = c', () => {
  const passes = (source: string) => {
    const s = julia()
    return record(() => s.value(source)).trace.counters.passes
  }
  it.each([1, 2, 3])('hessian(f, x1; chunk = %i) is 2AᵀA, in ⌈3 / chunk⌉ forward passes', (c) => {
    expectJsonClose(julia().run(`hessian(f, x1; chunk = ${c})`), H)
    expect(passes(`hessian(f, x1; chunk = ${c})`).forward).toBe(Math.ceil(3 / c))
  })
  it('ForwardDiff.hessian and ForwardDiff.jacobian take the keyword too', () => {
    expectJsonClose(julia().run('ForwardDiff.hessian(f, x1; chunk = 2)'), H)
    expectJsonClose(julia().run('ForwardDiff.jacobian(x -> A*x, x1; chunk = 2)'), A)
  })
  it('jvp(f, x, V) with an n×k matrix: the columns are directions, the result J·V (m×k)', () => {
    expectJsonClose(julia().run(`jvp(x -> A*x, x1, [1 0; 2 1; 0 -1])`), times(A, V))
    expectJsonClose(julia().run(`hvp(f, x1, [1 0; 2 1; 0 -1]; chunk = 1)`), times(H, V))
  })
  it('a keyword other than chunk, or a chunk of 0, is refused by name', () => {
    expect(julia().error('hessian(f, x1; chunks = 2)')).toMatch(/no option chunks/)
    expect(julia().error('hessian(f, x1; chunk = 0)')).toMatch(/chunk must be at least 1/)
  })
})

describe('ad cells: a trailing { chunk: c }', () => {
  const s = () => {
    const t = session()
    t.run(`${SEED_PRELUDE}\ng(x) = A * x`)
    return t
  }
  it('hessian(f, x1, {chunk: 2}) and hessian(f, x1, "reverse-over-reverse", {chunk: 2}) are 2AᵀA', () => {
    expectJsonClose(s().run('hessian(f, x1, {chunk: 2})'), H)
    expectJsonClose(s().run('hessian(f, x1, "reverse-over-reverse", {chunk: 2})'), H)
    expectJsonClose(s().run('jacfwd(g, x1, {chunk: 2})'), A)
    expectJsonClose(s().run('jacobian(g, x1, {chunk: 2})'), A)
  })
  it('jvp and hvp take the directions as the columns of a matrix', () => {
    expectJsonClose(s().run('jvp(g, x1, [1, 0; 2, 1; 0, -1])'), times(A, V))
    expectJsonClose(s().run('hvp(f, x1, [1, 0; 2, 1; 0, -1], {chunk: 1})'), times(H, V))
  })
})

describe('a branch on a batched value is refused', () => {
  /** The learner's function mapped over the rows of X by the batching level (what vmap does). */
  const mapped = (source: string, name: string, language: 'ad' | 'julia', X: Tensor): Value => {
    const s = language === 'julia' ? julia('') : session()
    if (language === 'julia') s.value(source)
    else (s as ReturnType<typeof session>).value(source)
    const f = s.scope.lookup(name) as LangFunction
    return vmap((x) => f.call([x]) as Value, [X])
  }
  const xs = new Tensor([3], Float64Array.of(-1, 0, 2))
  it.each([
    ['ad', 'g(x) = x > 0 ? x : -x'],
    ['julia', 'g(x) = x > 0 ? x : -x'],
    ['julia', 'function g(x)\n  if x > 0\n    return x\n  end\n  -x\nend'],
    ['ad', 'g(x) = ifelse(x > 0, x, 0) + (x > 0 ? 1 : 0)'],
  ] as const)('%s: %s says the branch depends on the batched value and names ifelse', (language, source) => {
    expect(() => mapped(source, 'g', language, xs)).toThrow(/this branch depends on the batched value.*ifelse/)
  })
  it('ifelse chooses for each example: the elementwise form works on the batch', () => {
    const ad = Array.from(concrete(mapped('g(x) = ifelse(x > 0, x, -x)', 'g', 'ad', xs)).data, (v) => v + 0)
    expect(ad).toEqual([1, 0, 2])
    // -x at 0 is -0 in both, batched or not; + 0 makes it 0 for the comparison.
    const julia = Array.from(concrete(mapped('g(x) = ifelse.(x .> 0, x, -x)', 'g', 'julia', xs)).data, (v) => v + 0)
    expect(julia).toEqual([1, 0, 2])
  })
  it('a branch on an unbatched value inside the mapped function still runs', () => {
    const X = new Tensor([2, 2], Float64Array.of(1, 2, 3, 4))
    expect(Array.from(concrete(mapped('g(x) = length(x) > 1 ? sum(x) : 0', 'g', 'ad', X)).data)).toEqual([3, 7])
  })
})
