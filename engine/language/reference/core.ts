/**
 * The language reference's words for the core builtins (engine/language/builtins.ts, and the
 * plots and panels engine/standard.ts registers): one line each and an example that runs in an
 * `ad` cell. The names themselves come from the builtin table (index.ts); a test fails when a
 * builtin has no entry here or an example does not run.
 */
import type { Doc } from './doc.ts'

export const CORE_DOCS: Record<string, Doc> = {
  // Elementwise
  exp: { summary: 'eˣ, entry by entry.', example: 'exp([0, 1])' },
  log: { summary: 'The natural logarithm, entry by entry (an error for a negative entry).', example: 'log([1, e])' },
  sin: { summary: 'Sine, entry by entry (radians).', example: 'sin(pi / 2)' },
  cos: { summary: 'Cosine, entry by entry (radians).', example: 'cos([0, pi])' },
  tan: { summary: 'Tangent, entry by entry (radians).', example: 'tan(pi / 4)' },
  tanh: { summary: 'Hyperbolic tangent, entry by entry.', example: 'tanh([-1, 0, 1])' },
  sqrt: { summary: 'Square root, entry by entry.', example: 'sqrt([4, 9])' },
  abs: { summary: '|x|, entry by entry; its derivative at 0 is a subgradient, and says so.', example: 'abs([-2, 3])' },
  abs2: { summary: 'x², entry by entry: sum(abs2, x) is the squared length of x.', example: 'abs2([1, -2])' },
  sign: { summary: '−1, 0 or 1 by the sign of each entry.', example: 'sign([-3, 0, 2])' },
  log1p: { summary: 'log(1 + x), accurate for small x.', example: 'log1p(1e-10)' },
  expm1: { summary: 'eˣ − 1, accurate for small x.', example: 'expm1(1e-10)' },
  sigmoid: { summary: 'The logistic function 1 / (1 + e⁻ˣ), entry by entry.', example: 'sigmoid([0, 2])' },
  σ: { summary: 'The logistic function, as sigmoid.', example: 'σ(0)' },
  relu: { summary: 'max(x, 0), entry by entry.', example: 'relu([-1, 2])' },
  asin: { summary: 'Inverse sine, entry by entry (defined for -1 ≤ x ≤ 1).', example: 'asin([0, 0.5])' },
  acos: { summary: 'Inverse cosine, entry by entry (defined for -1 ≤ x ≤ 1).', example: 'acos([1, 0.5])' },
  atan: { summary: 'Inverse tangent; atan(y, x) is the angle of the point (x, y).', example: 'atan(1, -1)' },
  atan2: { summary: 'atan2(y, x): the angle of the point (x, y), in (-π, π].', example: 'atan2(1, -1)' },
  sinh: { summary: 'Hyperbolic sine, entry by entry.', example: 'sinh([0, 1])' },
  cosh: { summary: 'Hyperbolic cosine, entry by entry.', example: 'cosh([0, 1])' },
  asinh: { summary: 'Inverse hyperbolic sine, entry by entry.', example: 'asinh([0, 1])' },
  acosh: { summary: 'Inverse hyperbolic cosine (defined for x ≥ 1).', example: 'acosh([1, 2])' },
  atanh: { summary: 'Inverse hyperbolic tangent (finite for -1 < x < 1).', example: 'atanh([0, 0.5])' },
  cbrt: { summary: 'Cube root, entry by entry (negative numbers have one).', example: 'cbrt([-8, 27])' },
  log2: { summary: 'Logarithm to base 2, entry by entry.', example: 'log2([1, 8])' },
  log10: { summary: 'Logarithm to base 10, entry by entry.', example: 'log10([1, 1000])' },
  exp2: { summary: '2ˣ, entry by entry.', example: 'exp2([0, 10])' },
  exp10: { summary: '10ˣ, entry by entry.', example: 'exp10([0, 3])' },
  sinpi: { summary: 'sin(πx), exactly 0 at whole numbers.', example: 'sinpi([1, 0.5])' },
  cospi: { summary: 'cos(πx), exactly 0 at half-integers.', example: 'cospi([0.5, 1])' },
  sec: { summary: '1 / cos(x), entry by entry.', example: 'sec(0)' },
  csc: { summary: '1 / sin(x), entry by entry.', example: 'csc(pi / 2)' },
  cot: { summary: '1 / tan(x), entry by entry.', example: 'cot(pi / 4)' },
  deg2rad: { summary: 'Degrees to radians.', example: 'deg2rad(180)' },
  rad2deg: { summary: 'Radians to degrees.', example: 'rad2deg(pi)' },
  sech: { summary: '1 / cosh(x), entry by entry.', example: 'sech(0)' },
  csch: { summary: '1 / sinh(x), entry by entry.', example: 'csch(1)' },
  coth: { summary: '1 / tanh(x), entry by entry.', example: 'coth(1)' },
  asec: { summary: 'Inverse secant, acos(1/x) (defined for |x| ≥ 1).', example: 'asec(2)' },
  acsc: { summary: 'Inverse cosecant, asin(1/x) (defined for |x| ≥ 1).', example: 'acsc(2)' },
  acot: { summary: 'Inverse cotangent, atan(1/x).', example: 'acot(1)' },
  asech: { summary: 'Inverse hyperbolic secant, acosh(1/x) (for 0 < x ≤ 1).', example: 'asech(0.5)' },
  acsch: { summary: 'Inverse hyperbolic cosecant, asinh(1/x).', example: 'acsch(1)' },
  acoth: { summary: 'Inverse hyperbolic cotangent, atanh(1/x) (for |x| > 1).', example: 'acoth(2)' },
  sind: { summary: 'Sine of an angle in degrees (sind(180) is exactly 0).', example: 'sind([30, 90])' },
  cosd: { summary: 'Cosine of an angle in degrees.', example: 'cosd([60, 180])' },
  tand: { summary: 'Tangent of an angle in degrees.', example: 'tand(45)' },
  secd: { summary: '1 / cosd(x): secant in degrees.', example: 'secd(60)' },
  cscd: { summary: '1 / sind(x): cosecant in degrees.', example: 'cscd(30)' },
  cotd: { summary: 'cosd(x) / sind(x): cotangent in degrees.', example: 'cotd(45)' },
  asind: { summary: 'Inverse sine, in degrees.', example: 'asind(0.5)' },
  acosd: { summary: 'Inverse cosine, in degrees.', example: 'acosd(0.5)' },
  atand: { summary: 'Inverse tangent, in degrees.', example: 'atand(1)' },
  asecd: { summary: 'Inverse secant, in degrees.', example: 'asecd(2)' },
  acscd: { summary: 'Inverse cosecant, in degrees.', example: 'acscd(2)' },
  acotd: { summary: 'Inverse cotangent, in degrees.', example: 'acotd(1)' },
  mod2pi: { summary: 'mod(x, 2π): the angle x brought into [0, 2π).', example: 'mod2pi(7)' },
  sinc: { summary: 'sin(πx) / (πx), and 1 at 0.', example: 'sinc([0, 0.5])' },

  // Reductions and linear algebra
  sum: {
    summary: 'The sum of the entries; sum(x, d) along dimension d; sum(fn, x) of fn applied to each entry.',
    example: 'sum(abs2, [1, 2, 3])',
  },
  prod: { summary: 'The product of the entries.', example: 'prod([2, 3, 4])' },
  mean: { summary: 'The average of the entries.', example: 'mean([1, 2, 6])' },
  cumsum: { summary: 'Running sums: entry i is the sum of the first i entries.', example: 'cumsum([1, 2, 3])' },
  maximum: { summary: 'The largest entry.', example: 'maximum([3, 7, 1])' },
  minimum: { summary: 'The smallest entry.', example: 'minimum([3, 7, 1])' },
  max: { summary: 'max(a, b) entry by entry; max(x) the largest entry.', example: 'max([1, 5], [4, 2])' },
  min: { summary: 'min(a, b) entry by entry; min(x) the smallest entry.', example: 'min([1, 5], [4, 2])' },
  softmax: { summary: 'exp(x) / sum(exp(x)): positive entries that add up to 1.', example: 'softmax([1, 2, 3])' },
  logsumexp: { summary: 'log(sum(exp(x))), computed without overflow.', example: 'logsumexp([1000, 1000])' },
  dot: { summary: 'The dot product Σ xᵢyᵢ of two vectors.', example: 'dot([1, 2], [3, 4])' },
  norm: {
    summary:
      'The length of x (2-norm), scaled so tiny or huge entries neither underflow nor overflow; norm(x, p) the p-norm, norm(x, Inf) the largest |xᵢ|. Its gradient x/norm(x) is taken as 0 at x = 0 (a subgradient, as Zygote; JAX gives NaN), with a note.',
    example: 'norm([3, 4])',
  },
  det: {
    summary:
      'The determinant of a square matrix. Its gradient is the cofactor matrix adj(A)ᵀ, which exists at singular matrices too.',
    example: 'det([2, 1; 1, 3])',
  },
  logdet: {
    summary:
      'log(det(A)) from the LU factors, for a positive determinant (else use logabsdet); its gradient is inv(A)ᵀ.',
    example: 'logdet([2, 1; 1, 3])',
  },
  logabsdet: {
    summary: '(log|det(A)|, sign of det(A)): the log-determinant for a determinant of either sign.',
    example: 'logabsdet([0, 1; 1, 0])',
  },
  inv: { summary: 'The inverse of a square matrix.', example: 'inv([2, 0; 0, 4])' },
  transpose: { summary: 'Aᵀ: rows become columns.', example: 'transpose([1, 2; 3, 4])' },
  tr: { summary: 'The trace: the sum of the diagonal.', example: 'tr([1, 2; 3, 4])' },
  diag: { summary: 'The diagonal of a matrix, as a vector.', example: 'diag([1, 2; 3, 4])' },
  diagm: { summary: 'The diagonal matrix with the vector on its diagonal.', example: 'diagm([1, 2])' },
  kron: { summary: 'The Kronecker product of two matrices.', example: 'kron([1, 2; 3, 4], [1, 1; 1, 1])' },

  // Building and reshaping
  zeros: { summary: 'A vector (zeros(n)) or matrix (zeros(m, n)) of zeros.', example: 'zeros(2, 3)' },
  ones: { summary: 'A vector or matrix of ones.', example: 'ones(3)' },
  fill: { summary: 'fill(v, dims...): every entry v.', example: 'fill(7, 2, 2)' },
  I: { summary: 'I(n): the n×n identity matrix (as identity(n)).', example: 'I(3)' },
  identity: { summary: 'The n×n identity matrix.', example: 'identity(3)' },
  basis: { summary: 'basis(n, i): the i-th unit vector of length n.', example: 'basis(3, 2)' },
  randn: {
    summary: 'randn(seed, dims...): normally distributed numbers, the same for the same seed.',
    example: 'randn(1, 3)',
  },
  reshape: {
    summary: 'The same entries in another shape (row by row in ad cells).',
    example: 'reshape([1, 2, 3, 4, 5, 6], [2, 3])',
  },
  vec: { summary: 'A matrix as one vector, column after column (as Julia).', example: 'vec([1, 2; 3, 4])' },
  concat: { summary: 'Joins tensors along a dimension (the last by default).', example: 'concat([1, 2], [3])' },
  hcat: { summary: 'Joins side by side: vectors become columns.', example: 'hcat([1, 2], [3, 4])' },
  vcat: { summary: 'Stacks on top of each other.', example: 'vcat([1, 2], [3])' },
  cat: { summary: 'cat(a, b..., dims): joins along dimension dims.', example: 'cat([1, 2], [3, 4], 1)' },
  size: { summary: 'The shape, as a vector; size(A, d) the size of dimension d.', example: 'size([1, 2, 3; 4, 5, 6])' },
  length: { summary: 'The number of entries.', example: 'length([1, 2; 3, 4])' },
  first: { summary: 'The first entry.', example: 'first([5, 6, 7])' },
  last: { summary: 'The last entry.', example: 'last([5, 6, 7])' },
  map: {
    summary: 'A function applied to each entry: map(x, fn) or map(fn, x).',
    example: 'sq(t) = t ^ 2\nmap(sq, [1, 2, 3])',
  },
  ifelse: {
    summary:
      'ifelse(cond, a, b): a where cond is true, b elsewhere, entry by entry. Both branches are computed: a branch not taken with an infinite slope (sqrt at 0) makes the gradient NaN, with a note; make its input safe too, ifelse(c, sqrt(ifelse(c, x, 1)), 0).',
    example: 'ifelse([1, 0], [10, 20], [30, 40])',
  },

  // Transforms
  derivative: { summary: "f'(x) for a function of one number.", example: 'f(x) = x ^ 3\nderivative(f, 2)' },
  gradient: {
    summary: 'The gradient ∇f(x) of a function whose output is a single number.',
    example: 'f(x) = sum(abs2, x)\ngradient(f, [1, 2, 3])',
  },
  jacobian: {
    summary: 'The Jacobian matrix of a function with several outputs: row i is the gradient of output i.',
    example: 'g(x) = [x[1] * x[2], x[1] + x[2]]\njacobian(g, [2, 3])',
  },
  jacfwd: {
    summary:
      'The Jacobian by forward mode: the columns e₁…eₙ go through in chunks, one pass per chunk ({chunk: 1} is one pass per input).',
    example: 'g(x) = x .^ 2\njacfwd(g, [1, 2], {chunk: 1})',
  },
  jacrev: {
    summary: 'The Jacobian by reverse mode: one sweep per chunk of outputs ({chunk: 1} is one per output).',
    example: 'g(x) = x .^ 2\njacrev(g, [1, 2])',
  },
  hessian: {
    summary:
      'The matrix of second derivatives of a single-number function; a third argument chooses the nesting, a last {chunk: c} how many columns one pass carries (Julia: ; chunk = c).',
    example: 'f(x) = x[1] ^ 2 * x[2]\nhessian(f, [1, 2], "reverse-over-reverse")',
  },
  hvp: {
    summary:
      'hvp(f, x, v): H·v in one pass, without forming H; for several vectors, the columns of a matrix V give H·V.',
    example: 'f(x) = sum(x .^ 3)\nhvp(f, [1, 2], [1, 0])',
  },
  jvp: {
    summary:
      'jvp(f, x, v): J·v, how f(x) moves when x moves along v (one forward pass); the columns of a matrix V are several directions, and jvp gives J·V.',
    example: 'g(x) = x .^ 2\njvp(g, [1, 2], [1, 1])',
  },
  vjp: {
    summary: 'vjp(f, x, v): vᵀJ, one combination of J’s rows (one reverse pass).',
    example: 'g(x) = x .^ 2\nvjp(g, [1, 2], [1, 0])',
  },
  pullback: {
    summary: 'f(x) and back, the function v ↦ vᵀJ: pullback(f, x).value and pullback(f, x).back(v).',
    example: 'g(x) = x .^ 2\np = pullback(g, [1, 2])\np.back([1, 0])',
  },
  tf_gradients: {
    summary: "TensorFlow's tf.gradients: the gradient of sum(f(x)), kept under its own name as a trap.",
    example: 'g(x) = x .^ 2\ntf_gradients(g, [1, 2])',
  },

  // Notebook: sliders, plots, panels
  slider: {
    summary: 'slider(min, max, step, value): a number the reader can drag; cells using it rerun.',
    example: 'a = slider(0, 1, 0.1, 0.5)',
  },
  plot: {
    summary: 'plot(f, a, b): f drawn from a to b; plot(f, a, b, {derivative: true}) with its derivative.',
    example: 'f(x) = sin(x)\nplot(f, -3, 3)',
  },
  contour: {
    summary: 'contour(f, [x0, x1], [y0, y1]): the level curves of a function of two numbers.',
    example: 'f(p) = p[1] ^ 2 + 2 * p[2] ^ 2\ncontour(f, [-2, 2], [-2, 2])',
  },
  show_pullbacks: {
    summary: 'show_pullbacks(f, x, v): a step-by-step panel of how vᵀJ flows back through f.',
    example: 'g(x) = [x[1] * x[2], sin(x[1])]\nshow_pullbacks(g, [1, 2], [1, 0])',
  },
  show_hessian: {
    summary: 'show_hessian(f, x): the Hessian built column by column, forward over reverse.',
    example: 'f(x) = x[1] ^ 2 * x[2]\nshow_hessian(f, [1, 2])',
  },
  cost_explorer: {
    summary: 'cost_explorer(): what forward and reverse mode cost as inputs and outputs grow.',
    example: 'cost_explorer()',
  },
  show_backprop: {
    summary: 'show_backprop(): backpropagation through a small network, layer by layer.',
    example: 'show_backprop()',
  },
  show_sum_trap: {
    summary: 'show_sum_trap(g, x): predict what tf.gradients returns for a vector-valued g, then see why.',
    example: 'show_sum_trap()',
  },
  show_confusion: {
    summary: 'show_confusion(c): perturbation confusion, a nested derivative that mixes up its levels.',
    example: 'show_confusion(1)',
  },
  check_gradient: {
    summary:
      'check_gradient(f, x): the gradient of a single-number f by reverse mode against central finite differences, entry by entry (options {rtol, atol, seed}).',
    example: 'f(x) = sum(abs2, x)\ncheck_gradient(f, [1, 2, 3])',
  },
  test_rrule: {
    summary:
      'test_rrule(f, x...): the whole Jacobian by reverse mode (each basis cotangent, and random ones) against finite differences; a table and a verdict.',
    example: 'test_rrule(softmax, [1, 2, 3])',
  },
  test_frule: {
    summary:
      'test_frule(f, x...): the whole Jacobian by forward mode (each basis tangent, and random ones) against finite differences.',
    example: 'g(x) = x .^ 2\ntest_frule(g, [1, 2], {rtol: 1e-8})',
  },

  // Constants
  pi: { summary: 'π = 3.14159…', example: 'pi' },
  e: { summary: 'e = 2.71828…, the base of the natural logarithm.', example: 'e' },
  Inf: { summary: 'Infinity: norm(x, Inf), or a bound that is never reached.', example: 'norm([3, -4], Inf)' },
  // Printing
  println: {
    summary: 'Prints its arguments one after another and a new line, shown above the cell value; returns nothing.',
    example: 'a = 2\nprintln("a = ", a)',
  },
  print: { summary: 'Prints its arguments without a new line after them.', example: 'print("x"); print(1)' },
}
