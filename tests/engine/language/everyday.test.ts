/**
 * The everyday builtins from the notebook language: each under its name, with values against
 * closed forms, derivatives through the language's transforms, and an argument check whose
 * message names the builtin and what was wrong. (Their derivative rules are checked against
 * finite differences in tests/engine/ops/everyday.test.ts.)
 */
import { describe, expect, it } from 'vitest'
import { BUILTINS } from '../../../engine/standard.ts'
import { expectNear, run, runError } from './helpers.ts'

const NAMES = [
  ...['mean', 'tr', 'diag', 'diagm', 'logdet', 'norm', 'size', 'vec', 'first', 'last', 'maximum', 'minimum'],
  ...['cumsum', 'softmax', 'logsumexp', 'sigmoid', 'σ', 'relu', 'log1p', 'expm1', 'kron', 'fill'],
  ...['hcat', 'vcat', 'cat', 'randn'],
]

describe('the everyday builtins', () => {
  it('are all in the table', () => {
    for (const n of NAMES) expect(BUILTINS.has(n), n).toBe(true)
  })

  it.each([
    ['mean([1, 2, 6])', 3],
    ['mean([1, 2; 3, 4], 1)', [2, 3]],
    ['tr([1, 2; 3, 4])', 5],
    ['diag([1, 2, 3; 4, 5, 6])', [1, 5]],
    [
      'diagm([1, 2])',
      [
        [1, 0],
        [0, 2],
      ],
    ],
    ['logdet([2, 1; 1, 2])', Math.log(3)],
    ['norm([3, -4], 1)', 7],
    ['norm([3, -4], 2)', 5],
    ['norm([3, -4], Inf)', 4],
    ['norm([3, -4])', 5],
    ['size([1, 2, 3; 4, 5, 6], 2)', 3],
    ['size([1, 2, 3; 4, 5, 6])', [2, 3]],
    // Julia's column-major order: the columns one after another.
    ['vec([1, 2; 3, 4])', [1, 3, 2, 4]],
    ['first([4, 5, 6])', 4],
    ['last([1, 2; 3, 4])', 4],
    ['maximum([1, 5, -2])', 5],
    ['minimum([1, 5, -2])', -2],
    ['cumsum([1, 2, 3])', [1, 3, 6]],
    ['softmax([0, log(3)])', [0.25, 0.75]],
    ['logsumexp([1000, 1000])', 1000 + Math.LN2],
    ['sigmoid(0)', 0.5],
    ['σ([0, 2])', [0.5, 1 / (1 + Math.exp(-2))]],
    ['relu([-1, 2])', [0, 2]],
    ['log1p(1e-20)', 1e-20],
    ['expm1(1e-20)', 1e-20],
    ['kron([1, 2], [1, 10])', [1, 10, 2, 20]],
    [
      'fill(2, 2, 3)',
      [
        [2, 2, 2],
        [2, 2, 2],
      ],
    ],
    [
      'hcat([1, 2], [3, 4])',
      [
        [1, 3],
        [2, 4],
      ],
    ],
    ['vcat([1, 2], 3)', [1, 2, 3]],
    [
      'cat([1, 2], [3, 4], 2)',
      [
        [1, 3],
        [2, 4],
      ],
    ],
    ['size(randn(42, 2, 3))', [2, 3]],
  ] as const)('%s', (source, expected) => {
    expectNear(run(source), expected as never, 1e-12)
  })

  it('randn(seed, n) repeats for a seed', () => {
    expect(run('randn(42, 4)')).toEqual(run('randn(42, 4)'))
    expect(run('randn(42, 4)')).not.toEqual(run('randn(43, 4)'))
  })

  it('differentiate through the language', () => {
    const e = [1, Math.E, Math.E ** 2]
    const s = e.reduce((a, b) => a + b, 0)
    expectNear(
      run('gradient(logsumexp, [0, 1, 2])'),
      e.map((x) => x / s),
    )
    expectNear(run('gradient(logdet, [2, 1; 1, 2])'), [
      [2 / 3, -1 / 3],
      [-1 / 3, 2 / 3],
    ])
    expectNear(run('derivative(sigmoid, 0)'), 0.25)
    expectNear(run('derivative(log1p, 1)'), 0.5)
    expectNear(run('hessian(logsumexp, [0, 0])'), [
      [0.25, -0.25],
      [-0.25, 0.25],
    ])
    expectNear(run('gradient(mean, [1, 2, 3, 4])'), [0.25, 0.25, 0.25, 0.25])
    expectNear(run('gradient(norm, [3, 4])'), [0.6, 0.8])
    expectNear(run('f(x) = sum(cumsum(x))\ngradient(f, [1, 2, 3])'), [3, 2, 1])
  })

  it.each([
    ['tr([1, 2, 3])', /tr needs a matrix, got a 3-vector/],
    ['tr([1, 2, 3; 4, 5, 6])', /tr needs a square matrix/],
    ['norm([1, 2], 0)', /p > 0/],
    ['norm([1, 2], [1, 2])', /norm: p must be a number/],
    ['size([1, 2], 3)', /size: a 2-vector has dimensions 1 to 1, not 3/],
    ['mean([1, 2], 2)', /mean: a 2-vector has dimensions 1 to 1, not 2/],
    ['logdet([0, 1; 1, 0])', /determinant is -1/],
    ['first([])', /first of an empty/],
    ['cumsum([1, 2; 3, 4])', /cumsum needs a vector/],
    ['softmax([1, 2; 3, 4])', /softmax needs a vector/],
    ['diagm([1, 2; 3, 4])', /diagm needs a vector/],
    ['fill([1, 2], 3)', /fill: the value to fill with must be a number/],
    ['fill(1, -2)', /fill: dimension 1 must be a whole number/],
    ['hcat([1, 2], [1, 2, 3])', /hcat: cannot join a 2-vector and a 3-vector side by side .*same number of rows/],
    ['vcat([1, 2; 3, 4], [1, 2, 3])', /same number of columns/],
    ['cat([1], [2])', /cat needs the dimension to join along as its last argument/],
    ['randn(1.5, 3)', /seed .* whole number/],
    ['randn(42)', /randn takes at least 2 arguments/],
    ['log1p(-2)', /x > -1/],
    ['kron(1)', /kron takes 2 arguments/],
    ['norm([1, 2], 1, 2)', /norm takes a tensor x and optionally p/],
  ])('%s says what was wrong', (source, message) => {
    expect(runError(source)).toMatch(message)
  })
})
