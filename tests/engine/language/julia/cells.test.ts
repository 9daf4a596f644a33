/**
 * Julia cells, run as a learner types them (issue 12, points 2, 3 and 6): each case names the
 * Julia rule it pins down, and its expected value comes from a closed form worked out by hand
 * (the seed: A = [0 3 2; 1 0 3; 2 1 0], f(x) = |Ax|², ∇f = 2AᵀAx, H = 2AᵀA).
 */
import { describe, expect, it } from 'vitest'
import { record } from '../../../../engine/index.ts'
import type { Json } from '../../../../engine/standard.ts'
import { expectJsonClose, julia } from './julia.ts'

const H = [
  [10, 4, 6],
  [4, 20, 12],
  [6, 12, 26],
]
const A = [
  [0, 3, 2],
  [1, 0, 3],
  [2, 1, 0],
]
const tuple = (...items: Json[]): Json => ({ tuple: items })

const cases: [string, string, Json][] = [
  // The thread's seed
  ['the seed: reshape(0:8, 3, 3) .% 4 is [0 3 2; 1 0 3; 2 1 0]', 'A', A],
  ['the seed: f(x1) = |A x1|² = 86', 'f(x1)', 86],
  ["H = 2A'A is the Hessian [10 4 6; 4 20 12; 6 12 26]", 'H', H],
  // Zygote: tuples
  ['Zygote.gradient returns a tuple: gradient(f, x1) == ([16, 44, 64],)', 'gradient(f, x1)', tuple([16, 44, 64])],
  ['indexing the tuple gives the whole vector: gradient(f, x1)[1]', 'gradient(f, x1)[1]', [16, 44, 64]],
  ['Zygote.gradient by its module name', 'Zygote.gradient(f, x1)[1]', [16, 44, 64]],
  [
    'a gradient is one entry per argument: gradient((a, b) -> a*b, 2, 3) == (3, 2)',
    'gradient((a, b) -> a*b, 2, 3)',
    tuple(3, 2),
  ],
  [
    'a named function of two arguments: g(a, b) = a^2*b; gradient(g, 3, 2) == (12, 9)',
    'g(a, b) = a^2*b\ngradient(g, 3, 2)',
    tuple(12, 9),
  ],
  [
    'each argument keeps its shape: d/dW sum(W*x) = ones·xᵀ, d/dx = Wᵀ·ones',
    'W = [1 2; 3 4; 5 6]\nx = [7, 8]\ngradient((W, x) -> sum(W*x), W, x)',
    tuple(
      [
        [7, 8],
        [7, 8],
        [7, 8],
      ],
      [9, 12],
    ),
  ],
  ['a number argument gives a number: gradient(x -> x^2, 3) == (6,)', 'gradient(x -> x^2, 3)', tuple(6)],
  ['jacobian returns a tuple holding the matrix: the Jacobian of x -> A*x is A', 'jacobian(x -> A*x, x1)[1]', A],
  ['jacobian of a scalar function is one row', 'jacobian(f, x1)[1]', [[16, 44, 64]]],
  ['the Jacobian of the gradient is the Hessian', 'jacobian(x -> gradient(f, x)[1], x1)[1]', H],
  ['Zygote.hessian returns the matrix itself', 'Zygote.hessian(f, x1)', H],
  ["hessian is Zygote's by default in Julia cells", 'hessian(f, x1)', H],
  ['hessian_reverse gives the same H', 'Zygote.hessian_reverse(f, x1)', H],
  [
    '[Zygote.hessian(f, x1) H] puts the two side by side',
    '[Zygote.hessian(f, x1) H]',
    [
      [10, 4, 6, 10, 4, 6],
      [4, 20, 12, 4, 20, 12],
      [6, 12, 26, 6, 12, 26],
    ],
  ],
  ['hessian of a number is a number: hessian(x -> x^3, 2.0) == 12', 'hessian(x -> x^3, 2.0)', 12],
  ["the notebook's method argument still works", 'hessian(f, x1, "reverse-over-forward")', H],
  ['pullback returns (y, back); y is f(x1)', 'out, back = pullback(f, x1)\nout', 86],
  ['back(1) returns a tuple', 'out, back = Zygote.pullback(f, x1)\nback(1)', tuple([16, 44, 64])],
  [
    'back of a vector output pulls back a row: back([0, 1, 0])[1] is row 2 of A',
    'y, back = pullback(x -> A*x, x1)\nback([0, 1, 0])[1]',
    [1, 0, 3],
  ],
  ['pullback of two arguments: back(1) == (3, 2)', 'y, back = pullback((a, b) -> a*b, 2, 3)\nback(1)', tuple(3, 2)],
  [
    'withgradient: the value and the gradient tuple',
    'r = withgradient(f, x1)\n(r.val, r.grad[1])',
    tuple(86, [16, 44, 64]),
  ],
  [
    'the gradient with respect to a tuple is a tuple: gradient(p -> p[1]^2 * p[2], (3, 2)) == ((12, 9),)',
    'gradient(p -> p[1]^2 * p[2], (3, 2))',
    tuple(tuple(12, 9)),
  ],
  [
    'a named tuple gets a named tuple: gradient(p -> p.a * p.b, (a = 2, b = 3))',
    'gradient(p -> p.a * p.b, (a = 2, b = 3))[1]',
    { a: 3, b: 2 },
  ],
  [
    'parameters as a tuple of arrays and a point: d/dW, d/db of sum(W*x + b)',
    'gradient((θ, x) -> sum(θ[1]*x + θ[2]), ([1 2; 3 4], [0, 0]), [5, 6])',
    tuple(
      tuple(
        [
          [5, 6],
          [5, 6],
        ],
        [1, 1],
      ),
      [4, 6],
    ),
  ],
  [
    'pullback through a tuple: back(1) is a tuple holding a tuple',
    'y, back = pullback(p -> p[1] * p[2], (2, 5))\nback(1)',
    tuple(tuple(5, 2)),
  ],
  [
    'hessian of a matrix argument is by linear index: diag(6 vec(X)) for sum(X .^ 3)',
    'hessian(X -> sum(X .^ 3), [1.0 2.0; 3.0 4.0])',
    [
      [6, 0, 0, 0],
      [0, 18, 0, 0],
      [0, 0, 12, 0],
      [0, 0, 0, 24],
    ],
  ],
  [
    'jacobian of a matrix function is length(y) × length(X), both by vec',
    'jacobian(X -> X .^ 2, [1 2; 3 4])[1]',
    [
      [2, 0, 0, 0],
      [0, 6, 0, 0],
      [0, 0, 4, 0],
      [0, 0, 0, 8],
    ],
  ],
  [
    'a Julia builtin with keywords is still a function of one argument: jacfwd(softmax, [0, 0])',
    'jacfwd(softmax, [0.0, 0.0])',
    [
      [0.25, -0.25],
      [-0.25, 0.25],
    ],
  ],
  // ForwardDiff: arrays
  ['ForwardDiff.gradient returns an array, not a tuple', 'ForwardDiff.gradient(f, x1)', [16, 44, 64]],
  ['ForwardDiff.jacobian returns the matrix', 'ForwardDiff.jacobian(x -> A*x, x1)', A],
  ['ForwardDiff.hessian returns the matrix', 'ForwardDiff.hessian(f, x1)', H],
  [
    'ForwardDiff.jacobian over Zygote.gradient is forward-over-reverse: H',
    'ForwardDiff.jacobian(x -> Zygote.gradient(f, x)[1], x1)',
    H,
  ],
  ["derivative is ForwardDiff's: a number", 'derivative(sin, 0.0)', 1],
  ['ForwardDiff.derivative(x -> x^3, 2) == 12', 'ForwardDiff.derivative(x -> x^3, 2)', 12],
  ['derivative of a vector-valued function of a number is a vector', 'derivative(t -> [t, t^2], 3.0)', [1, 6]],
  ["f' is x -> gradient(f, x)[1]", "f'(x1)", [16, 44, 64]],
  // Packages by name
  ['using the packages evaluates to nothing', 'using Zygote, ForwardDiff, LinearAlgebra', null],
  ['import ForwardDiff as FD binds FD', 'import ForwardDiff as FD\nFD.gradient(f, x1)', [16, 44, 64]],
  ['LinearAlgebra.norm by its module name', 'LinearAlgebra.norm([3, 4])', 5],
  // Memory order
  ['reshape fills columns: reshape(1:6, 2, 3)[1, 2] == 3', 'reshape(1:6, 2, 3)[1, 2]', 3],
  [
    'reshape(1:6, 2, 3) is [1 3 5; 2 4 6]',
    'reshape(1:6, 2, 3)',
    [
      [1, 3, 5],
      [2, 4, 6],
    ],
  ],
  [
    'reshape takes its dimensions as a tuple',
    'reshape(1:6, (3, 2))',
    [
      [1, 4],
      [2, 5],
      [3, 6],
    ],
  ],
  ['reshape reads columns too: reshape([1 2; 3 4], 4) == [1, 3, 2, 4]', 'reshape([1 2; 3 4], 4)', [1, 3, 2, 4]],
  [
    'reshape 2×3 -> 3×2 keeps column order',
    'reshape(reshape(1:6, 2, 3), 3, 2)',
    [
      [1, 4],
      [2, 5],
      [3, 6],
    ],
  ],
  ['vec reads columns: vec([1 2; 3 4]) == [1, 3, 2, 4]', 'vec([1 2; 3 4])', [1, 3, 2, 4]],
  ['A[:] counts down columns', 'A[:]', [0, 1, 2, 3, 0, 1, 2, 3, 0]],
  ['linear indexing counts down columns: A[4] == A[1, 2] == 3', 'A[4]', 3],
  ['collect(0:2) is the vector [0, 1, 2]', 'collect(0:2)', [0, 1, 2]],
  ['collect of a tuple is a vector', 'collect((1, 2, 3))', [1, 2, 3]],
  [
    'first and last go by memory order: first == B[1, 1], last == B[2, 2]',
    'B = [1 2; 3 4]\n(first(B), last(B))',
    tuple(1, 4),
  ],
  ['transpose of a vector is a 1×n row', 'transpose([1, 2])', [[1, 2]]],
  [
    'reshape(x, :, 2): the colon is what the other dimensions leave',
    'reshape(1:6, :, 2)',
    [
      [1, 4],
      [2, 5],
      [3, 6],
    ],
  ],
  // Joining
  [
    'hcat puts vectors side by side as columns',
    'hcat([1, 2], [3, 4])',
    [
      [1, 3],
      [2, 4],
    ],
  ],
  [
    'vcat stacks rows',
    'vcat([1 2], [3 4])',
    [
      [1, 2],
      [3, 4],
    ],
  ],
  ['vcat of vectors is a longer vector', 'vcat([1, 2], [3])', [1, 2, 3]],
  [
    'cat(...; dims = 1) stacks, dims = 2 joins side by side',
    '(cat([1 2], [3 4]; dims = 1), cat([1, 2], [3, 4]; dims = 2))',
    tuple(
      [
        [1, 2],
        [3, 4],
      ],
      [
        [1, 3],
        [2, 4],
      ],
    ),
  ],
  [
    'cat joins three along dims = 2',
    'cat([1, 2], [3, 4], [5, 6]; dims = 2)',
    [
      [1, 3, 5],
      [2, 4, 6],
    ],
  ],
  // Reductions with dims
  ['sum(A, dims=1) keeps a 1×n matrix', 'sum(A, dims=1)', [[3, 4, 5]]],
  ['sum(A, dims=2) keeps an n×1 matrix', 'sum(A, dims=2)', [[5], [4], [3]]],
  ['size(sum(A, dims=1)) == (1, 3)', 'size(sum(A, dims=1))', tuple(1, 3)],
  ['sum(A, dims=(1, 2)) is a 1×1 matrix', 'sum(A; dims=(1, 2))', [[12]]],
  ['sum(f, A; dims) applies f first', 'sum(abs2, A; dims=2)', [[13], [10], [5]]],
  ['sum(abs2, x) with a function first', 'sum(abs2, x1)', 5],
  ['sum(x -> x^2, v) with an anonymous function', 'sum(x -> x^2, [1, 2, 3])', 14],
  ['mean(A, dims=1) is a 1×n row of column means', 'mean([1 2; 3 4], dims=1)', [[2, 3]]],
  ['maximum(A, dims=2) keeps the rows', 'maximum(A, dims=2)', [[3], [3], [2]]],
  ['minimum(A, dims=1) keeps the columns', 'minimum(A, dims=1)', [[0, 0, 0]]],
  ['cumsum of a vector', 'cumsum([1, 2, 3])', [1, 3, 6]],
  [
    'cumsum(A; dims=1) runs down columns',
    'cumsum([1 2; 3 4]; dims=1)',
    [
      [1, 2],
      [4, 6],
    ],
  ],
  [
    'cumsum(A; dims=2) runs along rows',
    'cumsum([1 2; 3 4]; dims=2)',
    [
      [1, 3],
      [3, 7],
    ],
  ],
  [
    'softmax of a matrix works down the columns',
    'softmax([0 5; 0 5])',
    [
      [0.5, 0.5],
      [0.5, 0.5],
    ],
  ],
  [
    'softmax(x; dims=2) along the rows',
    'softmax([0 0; 5 5]; dims=2)',
    [
      [0.5, 0.5],
      [0.5, 0.5],
    ],
  ],
  ['logsumexp([0, 0]) == log(2)', 'logsumexp([0, 0])', Math.log(2)],
  ['logsumexp(A; dims=1) keeps a row', 'logsumexp([0 1; 0 1]; dims=1)', [[Math.log(2), 1 + Math.log(2)]]],
  // Shapes
  ['size(A) is a tuple', 'size(zeros(2, 3))', tuple(2, 3)],
  [
    'size(A, d) is a number; past the last dimension it is 1',
    '(size(zeros(2, 3), 2), size(zeros(2, 3), 3))',
    tuple(3, 1),
  ],
  ['m, n = size(A) destructures the tuple', 'm, n = size(zeros(2, 3))\n10m + n', 23],
  ['length of a tuple, of a matrix; ndims', '(length((1, 2, 3)), length(A), ndims(A))', tuple(3, 9, 2)],
  [
    'zeros(size(A)) takes the tuple',
    'zeros(size(zeros(2, 3)))',
    [
      [0, 0, 0],
      [0, 0, 0],
    ],
  ],
  [
    'zeros(n) is a vector, ones(m, n) a matrix, fill(v, m, n)',
    '(zeros(2), ones(1, 2), fill(7, 2, 1))',
    tuple([0, 0], [[1, 1]], [[7], [7]]),
  ],
  // I
  [
    'A + I adds one to the diagonal',
    'A + I',
    [
      [1, 3, 2],
      [1, 1, 3],
      [2, 1, 1],
    ],
  ],
  [
    'A - 2I subtracts two',
    'A - 2I',
    [
      [-2, 3, 2],
      [1, -2, 3],
      [2, 1, -2],
    ],
  ],
  [
    'A + λ*I',
    'λ = 0.5\nA + λ*I',
    [
      [0.5, 3, 2],
      [1, 0.5, 3],
      [2, 1, 0.5],
    ],
  ],
  ['I*x is x', 'I*x1', [0, 1, 2]],
  [
    'I(2) is the 2×2 identity',
    'I(2)',
    [
      [1, 0],
      [0, 1],
    ],
  ],
  ['d/dλ tr(A + λI) = n', 'gradient(λ -> tr(A + λ*I), 1.0)', tuple(3)],
  [
    'I from LinearAlgebra by name',
    'A + LinearAlgebra.I',
    [
      [1, 3, 2],
      [1, 1, 3],
      [2, 1, 1],
    ],
  ],
  // Everyday functions
  ["mod has the divisor's sign, rem the dividend's", '(mod(-1, 3), rem(-1, 3))', tuple(2, -1)],
  ['mod broadcasts: mod.(-2:2, 3)', 'mod.(-2:2, 3)', [1, 2, 0, 1, 2]],
  ['norm(x, p): 2, 1 and Inf', '(norm([3, -4]), norm([3, -4], 1), norm([3, -4], Inf))', tuple(5, 7, 4)],
  ['dot, tr, diag', '(dot([1, 2], [3, 4]), tr([1 2; 3 4]), diag([1 2; 3 4]))', tuple(11, 5, [1, 4])],
  [
    'diagm and kron',
    '(diagm([1, 2]), kron([1 0; 0 1], [1 2]))',
    tuple(
      [
        [1, 0],
        [0, 2],
      ],
      [
        [1, 2, 0, 0],
        [0, 0, 1, 2],
      ],
    ),
  ],
  ['logdet([2 0; 0 3]) == log(6)', 'logdet([2 0; 0 3])', Math.log(6)],
  [
    "the gradient of logdet is inv(A)'",
    'gradient(logdet, [2.0 1.0; 1.0 3.0])[1]',
    [
      [0.6, -0.2],
      [-0.2, 0.4],
    ],
  ],
  [
    'σ, sigmoid, relu, log1p, expm1 at their easy points',
    '(σ(0), sigmoid(0), relu(-1), log1p(0), expm1(0))',
    tuple(0.5, 0.5, 0, 0, 0),
  ],
  [
    'floor, ceil, round (half to even), trunc',
    '(floor(-1.5), ceil(-1.5), round(2.5), trunc(-1.5))',
    tuple(-2, -1, 2, -1),
  ],
  [
    'a number type may come first: zeros(Float64, 2), rand(Float64, 2) sizes, round(Int, 2.6), Int(3.0)',
    '(zeros(Float64, 2), size(rand(Float64, 2)), round(Int, 2.6), Int(3.0))',
    tuple([0, 0], tuple(2), 3, 3),
  ],
  [
    'Random.seed! restarts the stream: the same numbers again',
    'Random.seed!(7)\na = randn(3)\nRandom.seed!(7)\nb = randn(3)\na == b',
    true,
  ],
  [
    'a generator of its own: randn(MersenneTwister(42), 2, 2) is 2×2',
    'size(randn(MersenneTwister(42), 2, 2))',
    tuple(2, 2),
  ],
  // Base and Statistics
  [
    'range(a, b, length = n) and LinRange(a, b, n) include both ends',
    '(range(0, 1, length = 3), LinRange(0, 1, 3), range(0, 1, 3))',
    tuple([0, 0.5, 1], [0, 0.5, 1], [0, 0.5, 1]),
  ],
  ['range(a; stop, step) counts by the step', 'range(1; stop = 2, step = 0.5)', [1, 1.5, 2]],
  [
    'isapprox compares within √eps relative',
    '(isapprox(1.0, 1.0 + 1e-10), isapprox(1.0, 1.1), isapprox(1.0, 1.1; atol = 0.2))',
    tuple(true, false, true),
  ],
  [
    'zero(x) is zeros like x, one(A) the identity',
    '(zero([1, 2]), one([1 2; 3 4]))',
    tuple(
      [0, 0],
      [
        [1, 0],
        [0, 1],
      ],
    ),
  ],
  [
    'Matrix(I, 2, 3) is the 2×3 identity',
    'Matrix(I, 2, 3)',
    [
      [1, 0, 0],
      [0, 1, 0],
    ],
  ],
  ['copy and float keep the value', '(copy([1, 2]), float(3))', tuple([1, 2], 3)],
  [
    'reverse, sort (and rev = true), diff, cumprod',
    '(reverse([1, 2, 3]), sort([3, 1, 2]), sort([3, 1, 2]; rev = true), diff([1, 4, 9]), cumprod([1, 2, 3]))',
    tuple([3, 2, 1], [1, 2, 3], [3, 2, 1], [3, 5], [1, 2, 6]),
  ],
  [
    'argmax is a linear index for vectors, (i, j) for matrices; findmax gives (value, index)',
    '(argmax([1, 5, 2]), argmin([1 5; 0 2]), findmax([1, 5, 2]))',
    tuple(2, tuple(2, 1), tuple(5, 2)),
  ],
  ['var and std divide by n - 1', '(var([1, 2, 3, 4]), std([2, 4]))', tuple(5 / 3, Math.SQRT2)],
  ['clamp.(x, lo, hi)', 'clamp.([-2, 0.5, 3], -1, 1)', [-1, 0.5, 1]],
  [
    'isempty, eachindex, typeof',
    '(isempty(Float64[]), eachindex([5, 6]), typeof([1.0 2.0]))',
    tuple(true, [1, 2], 'Matrix{Float64}'),
  ],
]

describe('Julia cells: values', () => {
  it.each(cases)('%s', (_, source, expected) => {
    expectJsonClose(julia().run(source), expected, 1e-9)
  })
})

describe('Julia cells: each package differentiates in its own mode', () => {
  // Counted with the engine's recorder: ForwardDiff pushes forward once per input entry,
  // Zygote pulls back once per output entry, and neither runs the other mode.
  const passes = (source: string) => {
    const s = julia()
    return record(() => s.value(source)).trace.counters.passes
  }
  // ForwardDiff carries a chunk of partials per pass: all n of them when n ≤ 12 (pickchunksize).
  it('ForwardDiff.gradient(f, x1): one forward pass (a chunk of 3 partials), no reverse pass; chunk = 1 gives 3', () => {
    const p = passes('ForwardDiff.gradient(f, x1)')
    expect([p.forward, p.reverse]).toEqual([1, 0])
    const one = passes('ForwardDiff.gradient(f, x1; chunk = 1)')
    expect([one.forward, one.reverse]).toEqual([3, 0])
  })
  it('Zygote.jacobian(x -> vcat(x, 2x), x1): 6 reverse passes (a row each) though 3 forward would do', () => {
    const p = passes('Zygote.jacobian(x -> vcat(x, 2x), x1)')
    expect([p.forward, p.reverse]).toEqual([0, 6])
  })
  it('ForwardDiff.jacobian(x -> A*x, x1): one forward pass carrying the 3 columns; chunk = 2 takes 2', () => {
    const p = passes('ForwardDiff.jacobian(x -> A*x, x1)')
    expect([p.forward, p.reverse]).toEqual([1, 0])
    const two = passes('ForwardDiff.jacobian(x -> A*x, x1; chunk = 2)')
    expect([two.forward, two.reverse]).toEqual([2, 0])
  })
})
