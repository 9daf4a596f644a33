/**
 * The language reference's words for what a name means in a Julia cell where Julia differs
 * from the core table (the Julia overlay, engine/language/julia/, as after `using Zygote,
 * ForwardDiff, LinearAlgebra`), and for the packages' members whose meaning is their own
 * (`ForwardDiff.gradient` returns an array, Zygote's a tuple). Each example runs in a Julia
 * cell. The names come from the overlay (index.ts); a test fails when one has no entry.
 */
import type { Doc } from './doc.ts'

export const JULIA_DOCS: Record<string, Doc> = {
  // Zygote, by bare name
  gradient: {
    summary: "Zygote's gradient: a tuple with one gradient per argument, so gradient(f, x)[1] is ∇f(x).",
    example: 'f(x) = sum(abs2, x)\ngradient(f, [1, 2, 3])[1]',
  },
  jacobian: {
    summary: "Zygote's jacobian: a tuple holding the matrix, so jacobian(f, x)[1] is J.",
    example: 'g(x) = x .^ 2\njacobian(g, [1, 2])[1]',
  },
  hessian: {
    summary: 'The matrix of second derivatives of a single-number function (as Zygote.hessian).',
    example: 'f(x) = x[1]^2 * x[2]\nhessian(f, [1, 2])',
  },
  hessian_reverse: {
    summary: 'The Hessian by reverse over reverse mode (as Zygote.hessian_reverse).',
    example: 'f(x) = sum(x .^ 3)\nhessian_reverse(f, [1, 2])',
  },
  pullback: {
    summary: 'y, back = pullback(f, x): the value and back(ȳ), a tuple holding ȳᵀJ.',
    example: 'y, back = pullback(x -> x .^ 2, [1, 2])\nback([1, 0])[1]',
  },
  withgradient: {
    summary: 'The value and the gradients together: withgradient(f, x).val and .grad.',
    example: 'r = withgradient(x -> sum(x .^ 2), [1, 2])\nr.grad[1]',
  },
  derivative: {
    summary: "ForwardDiff's derivative: f'(x) for a number x, as a number.",
    example: 'derivative(sin, 0.0)',
  },

  // Julia's own meanings of array functions
  sum: {
    summary: 'The sum; sum(A, dims=1) sums each column into a 1×n matrix, as Julia.',
    example: 'sum([1 2; 3 4], dims=1)',
  },
  mean: { summary: 'The average; mean(A, dims=d) along a dimension.', example: 'mean([1 2; 3 4], dims=2)' },
  maximum: { summary: 'The largest entry; maximum(A, dims=d) along a dimension.', example: 'maximum([1 5; 3 4])' },
  minimum: { summary: 'The smallest entry; minimum(A, dims=d) along a dimension.', example: 'minimum([1 5; 3 4])' },
  cumsum: { summary: 'Running sums; cumsum(A, dims=d) down a dimension.', example: 'cumsum([1, 2, 3])' },
  softmax: { summary: 'exp.(x) ./ sum(exp.(x)) (as NNlib.softmax).', example: 'softmax([1, 2, 3])' },
  logsumexp: {
    summary: 'log(sum(exp.(x))) without overflow (as NNlib.logsumexp).',
    example: 'logsumexp([1000, 1000])',
  },
  reshape: {
    summary: 'The same entries in another shape, filled column by column (as Julia).',
    example: 'reshape(1:6, 2, 3)',
  },
  vec: { summary: 'All entries as one vector, column after column.', example: 'vec([1 2; 3 4])' },
  collect: { summary: 'A range written out as a vector.', example: 'collect(0:2:6)' },
  transpose: { summary: 'Aᵀ (a vector becomes a 1×n row).', example: 'transpose([1 2; 3 4])' },
  adjoint: { summary: "A', the adjoint (the transpose, for real numbers).", example: 'adjoint([1, 2])' },
  size: { summary: 'The shape, as a tuple; size(A, d) one dimension.', example: 'size([1 2 3; 4 5 6])' },
  length: { summary: 'The number of entries.', example: 'length([1 2; 3 4])' },
  ndims: { summary: 'The number of dimensions: 1 for a vector, 2 for a matrix.', example: 'ndims([1 2; 3 4])' },
  zeros: { summary: 'zeros(m, n): zeros; zeros(n) a vector.', example: 'zeros(2, 3)' },
  ones: { summary: 'ones(m, n): ones; ones(n) a vector.', example: 'ones(3)' },
  fill: { summary: 'fill(v, m, n): every entry v.', example: 'fill(7, 2, 2)' },
  cat: { summary: 'cat(a, b; dims=d): joins along dimension d.', example: 'cat([1, 2], [3, 4]; dims=2)' },
  I: { summary: 'The identity of any size, as in A + I or A + λ*I.', example: 'A = [1 2; 3 4]\nA + 2I' },

  // Numbers: division, rounding, conversions
  mod: { summary: 'The remainder with the sign of the divisor: mod(-7, 3) is 2.', example: 'mod(-7, 3)' },
  rem: { summary: 'The remainder with the sign of the dividend, as %: rem(-7, 3) is -1.', example: 'rem(-7, 3)' },
  div: { summary: 'Whole division rounded toward zero, as ÷.', example: 'div(7, 2)' },
  fld: { summary: 'Whole division rounded down: fld(-7, 2) is -4.', example: 'fld(-7, 2)' },
  floor: { summary: 'Rounds down, entry by entry.', example: 'floor(2.7)' },
  ceil: { summary: 'Rounds up, entry by entry.', example: 'ceil(2.1)' },
  trunc: { summary: 'Rounds toward zero, entry by entry.', example: 'trunc(-2.7)' },
  round: { summary: 'Rounds to the nearest whole number, halves to even (as Julia).', example: 'round.([2.5, 3.5])' },
  clamp: { summary: 'clamp(x, lo, hi): each entry kept between lo and hi.', example: 'clamp.([-2, 0.5, 3], 0, 1)' },
  float: { summary: 'The number as a floating-point number (all numbers are).', example: 'float(1)' },
  Float64: { summary: 'A 64-bit float: Float64(x), or Float64[] an empty vector.', example: 'Float64(1)' },
  Float32: { summary: 'The number as a float (every number here is a 64-bit float).', example: 'Float32(1)' },
  Int: {
    summary: 'The number as a whole number; an error if it is not one (round(Int, x) rounds first).',
    example: 'Int(3.0)',
  },
  Int64: { summary: 'As Int: the number as a whole number.', example: 'Int64(2.0)' },
  zero: { summary: 'Zero of the same kind and shape.', example: 'zero([1.0, 2.0])' },
  one: { summary: 'One of the same kind (the identity for a square matrix).', example: 'one(2.0)' },
  typeof: {
    summary: 'What kind of value it is: Float64, Vector{Float64}, Matrix{Float64}...',
    example: 'typeof([1.0, 2.0])',
  },
  struct: {
    summary:
      'struct T ... end defines a type with named fields (mutable struct to change them); (a::T)(x) = ... makes its values callable, and Zygote.gradient gives a named tuple of the fields’ gradients.',
    example:
      'struct Affine\n  W\n  b\nend\n(a::Affine)(x) = a.W * x .+ a.b\nlayer = Affine([1.0 2.0; 3.0 4.0], [0.5, 0.5])\ngradient(l -> sum(l([1.0, 1.0])), layer)',
  },
  fieldnames: {
    summary: 'The names of a struct type’s fields, as a tuple.',
    example: 'struct P\n  a\n  b\nend\nfieldnames(P)',
  },
  propertynames: {
    summary: 'The names of a struct’s or a named tuple’s fields.',
    example: 'propertynames((a = 1, b = 2))',
  },
  getfield: { summary: 'getfield(p, :a) is p.a.', example: 'getfield((a = 1, b = 2), :b)' },
  isapprox: { summary: 'Equal up to rounding: isapprox(a, b).', example: 'isapprox(0.1 + 0.2, 0.3)' },
  isempty: { summary: 'Whether an array has no entries.', example: 'isempty(Float64[])' },
  eltype: { summary: 'The type of the entries: Float64 here.', example: 'x = [1.0, 2.0]\nzeros(eltype(x), 3)' },
  convert: { summary: 'convert(T, x): x as a value of type T.', example: 'convert(Float64, 2)' },
  similar: {
    summary: 'An array of the same size to fill in (its entries start at 0 here).',
    example: 'similar([1.0, 2.0])',
  },
  undef: {
    summary: 'Vector{Float64}(undef, n): an array whose entries you fill in next (they start at 0 here).',
    example: 'Vector{Float64}(undef, 3)',
  },
  Vector: {
    summary: 'Vector{Float64}(undef, n) makes a vector to fill in; Vector(x) converts.',
    example: 'Vector{Float64}(undef, 2)',
  },
  Array: { summary: 'Array{Float64}(undef, m, n) makes an array to fill in.', example: 'Array{Float64}(undef, 2, 2)' },
  reduce: {
    summary: 'reduce(op, xs): op applied between the entries, as in reduce(+, x); init = starts from a value.',
    example: 'reduce(*, [1.0, 2.0, 3.0])',
  },
  foldl: { summary: 'As reduce, from the left: foldl(-, [1, 2, 3]) is (1 - 2) - 3.', example: 'foldl(-, [1, 2, 3])' },
  foldr: { summary: 'As reduce, from the right: foldr(-, [1, 2, 3]) is 1 - (2 - 3).', example: 'foldr(-, [1, 2, 3])' },
  mapreduce: {
    summary: 'mapreduce(f, op, xs): f of each entry, then reduced with op.',
    example: 'mapreduce(abs2, +, [1.0, 2.0])',
  },
  mapfoldl: { summary: 'As mapreduce, folding from the left.', example: 'mapfoldl(x -> 2x, -, [1, 2, 3])' },
  mapfoldr: { summary: 'As mapreduce, folding from the right.', example: 'mapfoldr(x -> 2x, -, [1, 2, 3])' },
  all: {
    summary: 'Whether every entry is true, or all(p, xs): whether p holds for every entry.',
    example: 'all(x -> x > 0, [1, 2])',
  },
  any: { summary: 'Whether some entry is true, or any(p, xs): whether p holds for one.', example: 'any([1, 2] .> 1)' },
  π: { summary: 'π = 3.14159…, as pi.', example: 'sin(π / 6)' },
  ℯ: { summary: "Euler's number e = 2.71828… (typed \\euler).", example: 'log(ℯ)' },
  NaN: { summary: 'Not a number: what 0/0 gives.', example: 'isnan(NaN)' },
  Inf64: { summary: 'Infinity, as Inf.', example: 'Inf64 > 1e308' },
  NaN64: { summary: 'Not a number, as NaN.', example: 'isnan(NaN64)' },
  hypot: { summary: '√(x² + y² + …) without overflow or underflow.', example: 'hypot(3, 4)' },
  eps: { summary: 'The gap from 1 (or from x) to the next float64: eps() = 2⁻⁵².', example: 'eps(), eps(1000.0)' },
  step: { summary: 'The step of a range.', example: 'step(0:0.25:1)' },
  ntuple: { summary: 'ntuple(f, n): the tuple (f(1), …, f(n)).', example: 'ntuple(i -> i^2, 3)' },
  Tuple: { summary: 'The entries of an array as a tuple.', example: 'Tuple([1, 2])' },
  sortperm: { summary: 'The indices that sort a vector.', example: 'sortperm([3.0, 1.0, 2.0])' },
  log: { summary: 'Natural logarithm; log(b, x) to base b.', example: 'log(2, 8)' },
  count: {
    summary: 'How many entries are true, or count(p, xs): for how many p holds.',
    example: 'count(x -> x > 1, [1, 2, 3])',
  },
  findall: { summary: 'The indices of the true entries.', example: 'findall([1, 5, 2] .> 1)' },
  inv: {
    summary: 'inv(x) = 1/x for a number; the inverse of a square matrix.',
    example: 'inv(4.0), inv([2.0 0; 0 4])',
  },
  minmax: { summary: '(min(a, b), max(a, b)).', example: 'minmax(3, 1)' },
  sincos: { summary: '(sin(x), cos(x)).', example: 'sincos(0.0)' },
  triu: { summary: 'triu(A, k = 0): A with the entries below diagonal k set to 0.', example: 'triu([1 2; 3 4])' },
  tril: { summary: 'tril(A, k = 0): A with the entries above diagonal k set to 0.', example: 'tril([1 2; 3 4])' },
  opnorm: {
    summary: 'opnorm(A, 1): the largest column sum of |aᵢⱼ|; opnorm(A, Inf): the largest row sum.',
    example: 'opnorm([1 -2; 3 4], 1)',
  },
  Diagonal: {
    summary: 'Diagonal(x): the diagonal matrix with x on its diagonal (a plain matrix here).',
    example: 'Diagonal([1, 2])',
  },
  Symmetric: {
    summary: 'Symmetric(A): the symmetric matrix read from A’s upper triangle.',
    example: 'Symmetric([1 2; 3 4])',
  },
  Hermitian: { summary: 'Hermitian(A): for real A, as Symmetric(A).', example: 'Hermitian([1 2; 3 4])' },
  UpperTriangular: {
    summary: 'UpperTriangular(A): A’s upper triangle, zeros below.',
    example: 'UpperTriangular([1 2; 3 4])',
  },
  LowerTriangular: {
    summary: 'LowerTriangular(A): A’s lower triangle, zeros above.',
    example: 'LowerTriangular([1 2; 3 4])',
  },
  extrema: { summary: '(minimum(x), maximum(x)).', example: 'extrema([3, 1, 2])' },
  normalize: { summary: 'x / norm(x): the unit vector along x.', example: 'normalize([3.0, 4.0])' },
  dot: { summary: "dot(x, y) = Σ xᵢyᵢ; dot(x, A, y) = x' * A * y.", example: 'dot([1, 2], [3 0; 0 1], [1, 1])' },
  sincospi: { summary: '(sinpi(x), cospi(x)).', example: 'sincospi(0.5)' },
  ldexp: { summary: 'ldexp(x, n) = x·2ⁿ for a whole number n.', example: 'ldexp(3.0, 2)' },
  evalpoly: {
    summary: 'evalpoly(x, p) = p[1] + x·p[2] + x²·p[3] + …, by Horner’s rule.',
    example: 'evalpoly(2.0, (1, 0, 3))',
  },
  max: { summary: 'The largest of its arguments; max.(a, b) entry by entry.', example: 'max(1, 5, 3)' },
  min: { summary: 'The smallest of its arguments; min.(a, b) entry by entry.', example: 'min(4, 2, 3)' },
  fma: { summary: 'fma(a, b, c) = a·b + c.', example: 'fma(2.0, 3.0, 1.0)' },
  muladd: { summary: 'muladd(a, b, c) = a·b + c.', example: 'muladd(2.0, 3.0, 1.0)' },
  isnan: { summary: 'Whether a number is NaN.', example: 'isnan(0.0 / 0.0)' },
  isinf: { summary: 'Whether a number is ±Inf.', example: 'isinf(-Inf)' },
  isfinite: { summary: 'Whether a number is neither infinite nor NaN.', example: 'isfinite(1.0)' },
  iszero: { summary: 'Whether a number is 0.', example: 'iszero(0.0)' },
  cross: { summary: 'The cross product of two 3-vectors, also a × b.', example: 'cross([1, 0, 0], [0, 1, 0])' },
  '+': {
    summary: 'The operator + as a function: (+)(a, b), reduce(+, x), map(+, a, b).',
    example: 'reduce(+, [1, 2, 3])',
  },
  '-': { summary: 'The operator - as a function: (-)(a, b), or (-)(x) to negate.', example: 'map(-, [5, 6], [1, 2])' },
  '*': { summary: 'The operator * as a function: (*)(A, B), reduce(*, x).', example: 'reduce(*, [1, 2, 3])' },
  '/': { summary: 'The operator / as a function: (/)(a, b).', example: '(/)(1, 4)' },
  '^': { summary: 'The operator ^ as a function: (^)(x, p).', example: 'map(^, [2, 3], [2, 2])' },
  '\\': {
    summary: 'The operator \\ as a function: (\\)(A, b) solves A x = b.',
    example: '(\\)([2.0 0; 0 4], [2.0, 4])',
  },
  map: {
    summary: 'map(f, xs): f of each entry; map(f, a, b) walks a and b together.',
    example: 'map(+, [1, 2], [10, 20])',
  },

  // Arrays
  copy: {
    summary: 'A copy of an array (arrays are never changed in place here, so rarely needed).',
    example: 'copy([1, 2])',
  },
  eachindex: {
    summary: 'The indices of an array, for a loop: 1:length(x).',
    example: 'x = [4, 5, 6]\n[x[i]^2 for i in eachindex(x)]',
  },
  enumerate: {
    summary: 'Each entry with its index, as (i, x) pairs: for (i, x) in enumerate(v).',
    example: 's = 0\nfor (i, x) in enumerate([10, 20, 30])\n  s += i * x\nend\ns',
  },
  zip: {
    summary: 'Entries of several collections side by side, stopping at the shortest: for (a, b) in zip(x, y).',
    example: '[a * b for (a, b) in zip([1, 2, 3], [4, 5, 6])]',
  },
  pairs: {
    summary: 'Index and entry pairs of a vector or tuple: for (i, x) in pairs(v).',
    example: 'for (i, x) in pairs([5, 7])\n  println(i, " => ", x)\nend',
  },
  eachcol: {
    summary: 'The columns of a matrix, one vector each: for c in eachcol(A).',
    example: '[sum(c) for c in eachcol([1 2; 3 4])]',
  },
  eachrow: {
    summary: 'The rows of a matrix, one vector each: for r in eachrow(A).',
    example: '[sum(r) for r in eachrow([1 2; 3 4])]',
  },
  isodd: { summary: 'Whether an integer is odd.', example: 'isodd(3)' },
  iseven: { summary: 'Whether an integer is even.', example: '[k for k in 1:6 if iseven(k)]' },
  println: {
    summary: 'Prints its arguments one after another and a new line, shown above the cell value; returns nothing.',
    example: 'a = 2\nprintln("a = ", a)',
  },
  print: { summary: 'Prints its arguments without a new line after them.', example: 'print("x"); print(1)' },
  show: { summary: 'Prints a value as the notebook shows it (text keeps its quotes).', example: 'show("hi")' },
  display: { summary: 'Prints a value as the notebook shows it, then a new line.', example: 'display([1 2; 3 4])' },
  string: {
    summary:
      'Text from its arguments joined, as println writes them; "x = $x" and "$(x + 1)" put values into text the same way.',
    example: 'x = 2\nprintln(string("x = ", x), "; ", "twice: $(2x)")',
  },
  '@show': {
    summary: '@show e prints e as typed and its value (x + 1 = 3), and gives the value.',
    example: 'x = 2\n@show x + 1',
  },
  reverse: { summary: 'The entries in reverse order.', example: 'reverse([1, 2, 3])' },
  sort: { summary: 'The entries in increasing order.', example: 'sort([3, 1, 2])' },
  diff: { summary: 'Differences of neighbours: x[2] - x[1], x[3] - x[2], ...', example: 'diff([1, 4, 9])' },
  cumprod: { summary: 'Running products.', example: 'cumprod([1, 2, 3])' },
  argmax: { summary: 'The index of the largest entry.', example: 'argmax([1, 5, 2])' },
  argmin: { summary: 'The index of the smallest entry.', example: 'argmin([1, 5, 2])' },
  findmax: { summary: 'The largest entry and its index, as a tuple.', example: 'findmax([1, 5, 2])' },
  findmin: { summary: 'The smallest entry and its index, as a tuple.', example: 'findmin([1, 5, 2])' },
  var: { summary: 'The sample variance (dividing by n − 1, as Statistics.var).', example: 'var([1, 2, 3])' },
  std: { summary: 'The sample standard deviation (as Statistics.std).', example: 'std([1, 2, 3])' },
  Matrix: { summary: 'Matrix(I, m, n): the identity written out as an m×n matrix.', example: 'Matrix(I, 2, 2)' },
  eye: { summary: 'Not Julia since 1.0: write I(n), or Matrix(I, n, n).', example: 'I(2)' },
  range: { summary: 'range(a, b, length=n): n evenly spaced numbers from a to b.', example: 'range(0, 1, length=5)' },
  LinRange: { summary: 'LinRange(a, b, n): n evenly spaced numbers from a to b.', example: 'LinRange(0, 1, 5)' },

  // Random numbers
  rand: {
    summary: 'Uniform random numbers in [0, 1): rand(n), rand(m, n), or rand(rng, n).',
    example: 'rand(MersenneTwister(1), 3)',
  },
  randn: {
    summary: 'Normally distributed random numbers: randn(n), or randn(rng, n) for a seeded generator.',
    example: 'randn(MersenneTwister(1), 3)',
  },
  MersenneTwister: {
    summary: 'A seeded random generator: the same seed gives the same numbers.',
    example: 'rng = MersenneTwister(42)\nrandn(rng, 2)',
  },
  Xoshiro: { summary: 'A seeded random generator (Julia’s default kind).', example: 'randn(Xoshiro(42), 2)' },
  Random: { summary: 'seed!, rand, MersenneTwister, Xoshiro.', example: 'Random.seed!(1)\nrand(2)' },
  'Random.seed!': {
    summary: 'Seeds the generator rand and randn use, so a cell gives the same numbers each run.',
    example: 'Random.seed!(1)\nrandn(2)',
  },

  // The packages, by name
  Zygote: {
    summary: 'Reverse mode, as Zygote.jl: gradient, jacobian, hessian, pullback, withgradient.',
    example: 'Zygote.gradient(x -> 3x^2, 2.0)',
  },
  ForwardDiff: {
    summary: 'Forward mode, as ForwardDiff.jl: derivative, gradient, jacobian, hessian, and its dual numbers.',
    example: 'ForwardDiff.derivative(x -> x^3, 2.0)',
  },
  LinearAlgebra: {
    summary: 'dot, norm, tr, diag, det, logdet, logabsdet, inv, kron, I ... by their usual names.',
    example: 'LinearAlgebra.tr([1 2; 3 4])',
  },
  Statistics: { summary: 'mean, var, std.', example: 'Statistics.std([1, 2, 6])' },
  NNlib: { summary: 'softmax, logsumexp, sigmoid (σ), relu.', example: 'NNlib.relu(-1.0)' },

  // Derivative rules (ChainRulesCore's names); rules are defined by the syntax forms rrule, frule and @adjoint
  NoTangent: {
    summary: 'The tangent of something that has none: the function itself in a pullback, an integer index.',
    example: 'NoTangent()',
  },
  ZeroTangent: {
    summary: 'A tangent that is zero, whatever the shape of its argument.',
    example: 'ZeroTangent()',
  },
  unthunk: {
    summary: 'The value of a tangent written with @thunk (thunks are computed at once here).',
    example: 'unthunk(@thunk(2 + 3))',
  },
  rrule: {
    summary:
      "rrule(f, x...): (y, pullback); the pullback gives (NoTangent(), x̄...). f's own rule if you wrote one, else the engine's.",
    example: 'y, back = rrule(sin, 0.5)\nback(1.0)',
  },
  frule: {
    summary: "frule((NoTangent(), ẋ...), f, x...): (y, ẏ), by f's frule if you wrote one, else by forward mode.",
    example: 'frule((NoTangent(), 1.0), sin, 0.5)',
  },
  ChainRulesCore: {
    summary:
      'rrule, frule, NoTangent, ZeroTangent, unthunk; rules are written as ChainRulesCore.rrule(::typeof(f), x).',
    example: 'ChainRulesCore.rrule(exp, 1.0)[1]',
  },
  ChainRules: { summary: 'The same names as ChainRulesCore.', example: 'ChainRules.NoTangent()' },

  // Checking derivatives (ChainRulesTestUtils' names), counting entries in column-major order
  check_gradient: {
    summary:
      'check_gradient(f, x; rtol, atol, seed): the gradient by reverse mode against central finite differences, entry by entry.',
    example: 'f(x) = sum(abs2, x)\ncheck_gradient(f, [1.0, 2.0, 3.0])',
  },
  test_rrule: {
    summary:
      "test_rrule(f, x...): reverse mode (f's rrule, if you wrote one) against finite differences: every entry of the Jacobian, random cotangents, a verdict.",
    example: 'test_rrule(softmax, [1.0, 2.0, 3.0])',
  },
  test_frule: {
    summary:
      "test_frule(f, x...): forward mode (f's frule, if you wrote one) against finite differences: every entry of the Jacobian, random tangents.",
    example: 'test_frule(x -> x .^ 2, [1.0, 2.0]; rtol = 1e-8)',
  },

  // ForwardDiff's members mean their own thing
  'ForwardDiff.derivative': { summary: "f'(x) for a number x.", example: 'ForwardDiff.derivative(sin, 0.0)' },
  'ForwardDiff.gradient': {
    summary: 'The gradient as an array (not a tuple): ForwardDiff.gradient(f, x).',
    example: 'ForwardDiff.gradient(x -> sum(abs2, x), [1.0, 2.0])',
  },
  'ForwardDiff.jacobian': {
    summary: 'The Jacobian matrix itself (not a tuple).',
    example: 'ForwardDiff.jacobian(x -> x .^ 2, [1.0, 2.0])',
  },
  'ForwardDiff.hessian': {
    summary: 'The Hessian by forward over forward mode.',
    example: 'ForwardDiff.hessian(x -> x[1]^2 * x[2], [1.0, 2.0])',
  },
  'ForwardDiff.Dual': {
    summary: 'Dual{T}(x, ẋ): a dual number with tag T; arithmetic on it carries the derivative along.',
    example: 'd = ForwardDiff.Dual{Nothing}(2.0, 1.0)\nd^2',
  },
  'ForwardDiff.value': {
    summary: 'The value part of a dual number.',
    example: 'ForwardDiff.value(ForwardDiff.Dual{Nothing}(2.0, 1.0) ^ 2)',
  },
  'ForwardDiff.partials': {
    summary: 'The derivative part of a dual number.',
    example: 'ForwardDiff.partials(ForwardDiff.Dual{Nothing}(2.0, 1.0) ^ 2)',
  },
}
