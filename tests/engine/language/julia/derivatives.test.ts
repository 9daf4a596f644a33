/**
 * Derivatives through Julia's builtins in Julia cells, against central finite differences of
 * the learner's own function (evaluated on plain tensors, so no derivative rule can hide
 * behind itself): Zygote's gradient (reverse), ForwardDiff's gradient (its array), and
 * Zygote's hessian against differences of the gradient. Each case names the Julia rule.
 */
import { describe, expect, it } from 'vitest'
import type { LangFunction, LangValue } from '../../../../engine/standard.ts'
import type { Tensor, Value } from '../../../../engine/index.ts'
import { concrete, fromNested, isValue } from '../../../../engine/index.ts'
import { expectClose, fdJacobian } from '../../helpers.ts'
import { julia } from './julia.ts'

const asValue = (v: LangValue): Value => {
  if (!isValue(v)) expect.fail(`expected an array, got ${String(v)}`)
  return v
}

/** [rule, F as a Julia function of one array, the point]. */
const cases: [string, string, Tensor][] = [
  ['the seed: ∇|Ax|² = 2AᵀAx', 'x -> sum(abs2, A*x)', fromNested([0, 1, 2])],
  [
    'reshape fills columns, so weights meet the right entries',
    'x -> sum(reshape(x, 2, 3) * [1, 2, 3])',
    fromNested([1, 2, 3, 4, 5, 6]),
  ],
  [
    'reshape of a square then a product: |reshape(x, 2, 2)·v|²',
    'x -> sum(abs2, reshape(x, 2, 2) * [1, -2])',
    fromNested([0.5, -1, 2, 0.3]),
  ],
  [
    'vec reads columns: weights by column order',
    'X -> dot(vec(X), [1, 2, 3, 4])',
    fromNested([
      [1, 2],
      [3, 4],
    ]),
  ],
  [
    'sum(X, dims=1) keeps a row; squared',
    'X -> sum(abs2, sum(X, dims=1))',
    fromNested([
      [1, 2],
      [3, 4],
    ]),
  ],
  [
    'sum(X, dims=2) keeps a column; weighted',
    'X -> sum(sum(X, dims=2) .* [1, 3])',
    fromNested([
      [1, 2],
      [3, 4],
    ]),
  ],
  [
    'mean(X, dims=1) divides by the column length',
    'X -> sum(abs2, mean(X, dims=1))',
    fromNested([
      [1, -2],
      [0.5, 4],
    ]),
  ],
  [
    "maximum(X, dims=1): the derivative picks each column's largest",
    'X -> sum(maximum(X, dims=1) .* [1 2])',
    fromNested([
      [1, 7],
      [3, 2],
    ]),
  ],
  [
    'cumsum(X; dims=2)',
    'X -> sum(abs2, cumsum(X; dims=2))',
    fromNested([
      [1, -2],
      [0.5, 4],
    ]),
  ],
  [
    'softmax works down the columns',
    'X -> sum(softmax(X) .* [1 2; 3 4])',
    fromNested([
      [0.1, -0.5],
      [0.7, 0.2],
    ]),
  ],
  [
    'logsumexp(X; dims=1)',
    'X -> sum(logsumexp(X; dims=1) .^ 2)',
    fromNested([
      [0.1, -0.5],
      [0.7, 0.2],
    ]),
  ],
  ['hcat of two vectors, as columns', 'x -> sum(abs2, hcat(x, 2x) * [1, -1])', fromNested([1, 2, 3])],
  ['vcat stacks', 'x -> sum(vcat(x, x .^ 2))', fromNested([1, -2, 0.5])],
  ['cat along dims = 2', 'x -> sum(abs2, cat(x, [1, 1, 1]; dims = 2) * [2, 1])', fromNested([1, 2, 3])],
  [
    'A + λI is differentiable in A',
    'X -> logdet(X + 3I)',
    fromNested([
      [1, 0.5],
      [0.2, 1],
    ]),
  ],
  ['I * x', 'x -> sum(abs2, 2I * x)', fromNested([1, -1, 2])],
  ['mod has derivative 1 in x away from its jumps', 'x -> sum(mod.(x, 3) .^ 2)', fromNested([0.5, 4.2, -1.3])],
  ['softmax, sigmoid and log1p compose', 'x -> sum(log1p.(σ.(x)) .* softmax(x))', fromNested([0.3, -1, 2])],
  ['kron', 'x -> sum(kron(x, [1, 2]) .^ 2)', fromNested([1, -0.5])],
  ['norm(x, 3)', 'x -> norm(x, 3)', fromNested([1, -2, 0.5])],
  ['cumprod: a running product', 'x -> sum(cumprod(x))', fromNested([1.5, -2, 0.5])],
  ['diff: neighbours subtracted', 'x -> sum(abs2, diff(x))', fromNested([1, 4, 9, 2])],
  ['std is corrected (n - 1)', 'x -> std(x)', fromNested([1, 4, 9, 2])],
  ['sort permutes, so its derivative permutes back', 'x -> dot(sort(x), [1, 2, 3])', fromNested([0.3, -1, 2])],
  ['reverse', 'x -> dot(reverse(x), [1, 2, 3])', fromNested([0.3, -1, 2])],
  ['findmax: the value at the largest entry', 'x -> first(findmax(x)) * 2', fromNested([0.3, -1, 2])],
  ['clamp.(x, lo, hi) is flat outside [lo, hi]', 'x -> sum(clamp.(x, -1, 1) .^ 2)', fromNested([0.3, -1.5, 2, 0.7])],
]

describe('Julia cells: derivatives against finite differences', () => {
  it.each(cases)('%s: gradient, ForwardDiff.gradient and hessian', (_, source, x) => {
    const s = julia()
    s.value(`F = ${source}`)
    const F = s.fn('F')
    s.scope.define('p', x)
    const g = fdJacobian((y) => asValue(F.call([y])), x)
    expectClose(
      asValue((s.value('gradient(F, p)') as unknown as { items: LangValue[] }).items[0]),
      g,
      1e-6,
      'Zygote.gradient',
    )
    expectClose(asValue(s.value('ForwardDiff.gradient(F, p)')), g, 1e-6, 'ForwardDiff.gradient')
    // The Hessian by Julia's linear index: differences of the gradient read in column order.
    const n = x.size
    const byIndex = (z: Value) => {
      const grad = asValue(
        ((s.value('gradient') as LangFunction).call([F, reshapeFrom(z, x)]) as unknown as { items: LangValue[] })
          .items[0],
      )
      return columnVec(grad)
    }
    const Hfd = fdJacobian(byIndex, columnVec(x) as Tensor)
    const Hjl = asValue(s.value('hessian(F, p)'))
    expect(concrete(Hjl).shape).toEqual([n, n])
    expectClose(Hjl, Hfd, 1e-5, 'Zygote.hessian')
  })
})

/** vec in Julia's order, on plain tensors. */
function columnVec(v: Value): Value {
  const t = concrete(v)
  if (t.shape.length < 2) return t
  const [m, n] = t.shape as [number, number]
  return fromNested(Array.from({ length: m * n }, (_, k) => t.data[(k % m) * n + Math.floor(k / m)]!))
}

/** The inverse of columnVec: a vector poured into x's shape by columns. */
function reshapeFrom(z: Value, like: Tensor): Value {
  if (like.shape.length < 2) return z
  const [m, n] = like.shape as [number, number]
  const d = concrete(z).data
  return fromNested(Array.from({ length: m }, (_, i) => Array.from({ length: n }, (_, j) => d[j * m + i]!)))
}
