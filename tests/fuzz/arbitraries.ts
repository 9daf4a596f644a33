/**
 * fast-check arbitraries for the notebook language, shared by the bounded fuzz test in
 * `npm test` (tests/engine/language/fuzz.test.ts), the long run (`npm run fuzz`, tests/fuzz/fuzz.ts)
 * and the audit (tests/audit/engine.ts).
 *
 * Three kinds of input, from hostile to well-formed:
 *  - text: any string, including unicode, control characters and lone surrogates;
 *  - token soup: tokens of the language glued together at random, which reaches the parser's
 *    and interpreter's error paths far more often than random text;
 *  - programs: well-formed cells (definitions, vectors and matrices, sliders, indexing, map,
 *    nested transforms) whose arguments are right or wrong at random;
 * and, for the numeric oracle, smooth functions given as source with a point to differentiate at.
 */
import fc from 'fast-check'
import { BUILTINS } from '../../engine/standard.ts'

// -----------------------------------------------------------------------------------------------
// Text and token soup

const TOKENS = [
  // names: defined below by programs, builtins, constants, and names nothing defines
  'x',
  'y',
  'f',
  'g',
  'A',
  'v',
  'p',
  'end',
  'pi',
  'e',
  'Inf',
  'zz',
  // every builtin, so a new one is fuzzed without anyone listing it here
  ...BUILTINS.keys(),
  // numbers, including ones that are limits or edges
  '0',
  '1',
  '2',
  '3',
  '-1',
  '0.5',
  '1e5',
  '1e308',
  '1e-320',
  '1e9',
  'NaN',
  // operators and punctuation
  '+',
  '-',
  '*',
  '/',
  '^',
  '.*',
  './',
  '.^',
  "'",
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'and',
  'or',
  'not',
  '?',
  ':',
  '=',
  ',',
  ';',
  '.',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '\n',
  '#',
  '"s"',
  '"forward-over-reverse"',
  '->',
  '@',
  '$',
  '\\',
  '!',
  '&',
  '|',
  '%',
  '~',
  'x.back',
  'p.value',
  'f(x)',
  'g(y) =',
  '__proto__',
  'constructor',
  'true',
  'false',
  'null',
  'undefined',
]

/** Any string at all: unicode, controls, surrogates. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ maxLength: 80 }),
)

/** Tokens of the language glued together, with or without spaces between them. */
export const tokenSoup: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.constantFrom(...TOKENS), fc.constantFrom('', ' ', '', '')), { minLength: 1, maxLength: 24 })
  .map((parts) => parts.map(([t, sep]) => t + sep).join(''))

// -----------------------------------------------------------------------------------------------
// Well-formed expressions, typed: s is a number, v an n-vector, m an n×n matrix

type Type = 's' | 'v' | 'm'

/** A short decimal literal; printed with few digits so sources stay readable. */
const literal = fc
  .integer({ min: -30, max: 30 })
  .map((k) => String(k / 10))
  .map((s) => (s.startsWith('-') ? `(${s})` : s))

/** Expressions of a type over the names in scope, any operations (errors allowed). */
function anyExpr(type: Type, depth: number, names: Record<Type, string[]>, n: number): fc.Arbitrary<string> {
  const leaf: fc.Arbitrary<string>[] = []
  if (names[type].length > 0) leaf.push(fc.constantFrom(...names[type]))
  if (type === 's') leaf.push(literal)
  if (type === 'v') leaf.push(fc.array(literal, { minLength: n, maxLength: n }).map((xs) => `[${xs.join(', ')}]`))
  if (type === 'm') leaf.push(fc.constant(`identity(${n})`), fc.constant(`ones(${n}, ${n})`))
  if (depth <= 0) return fc.oneof(...leaf)
  const sub = (t: Type) => anyExpr(t, depth - 1, names, n)
  const un = fc.constantFrom('sin', 'cos', 'exp', 'log', 'sqrt', 'abs', 'abs2', 'sign', 'tanh')
  const bin = fc.constantFrom('+', '-', '.*', './', '.^')
  const cases: fc.Arbitrary<string>[] = [
    ...leaf,
    fc.tuple(un, sub(type)).map(([u, a]) => `${u}(${a})`),
    fc.tuple(sub(type), bin, sub(type)).map(([a, o, b]) => `(${a} ${o} ${b})`),
    fc.tuple(sub('s'), sub(type)).map(([a, b]) => `${a} * ${b}`),
    fc.tuple(fc.constantFrom('max', 'min'), sub(type), sub(type)).map(([f, a, b]) => `${f}(${a}, ${b})`),
    fc.tuple(sub('s'), sub(type), sub(type)).map(([c, a, b]) => `(${c} > 0 ? ${a} : ${b})`),
  ]
  if (type === 's') {
    cases.push(
      fc.tuple(fc.constantFrom('sum', 'norm', 'prod', 'max', 'min'), sub('v')).map(([f, a]) => `${f}(${a})`),
      fc.tuple(sub('v'), sub('v')).map(([a, b]) => `dot(${a}, ${b})`),
      fc.tuple(sub('v'), fc.integer({ min: 0, max: n + 1 })).map(([a, i]) => `${a}[${i}]`),
      fc.tuple(sub('v'), sub('v')).map(([a, b]) => `${a}' * ${b}`),
      fc.tuple(sub('m')).map(([a]) => `det(${a})`),
      fc.tuple(sub('s'), fc.integer({ min: -2, max: 4 })).map(([a, k]) => `${a} ^ ${k}`),
    )
  }
  if (type === 'v') {
    cases.push(
      fc.tuple(sub('m'), sub('v')).map(([a, b]) => `${a} * ${b}`),
      fc.tuple(sub('v')).map(([a]) => `${a}[end:-1:1]`),
      fc.tuple(sub('v')).map(([a]) => `map(${a}, h(t) = t * t + 1)`),
      fc.tuple(sub('m'), fc.integer({ min: 1, max: n })).map(([a, i]) => `${a}[:, ${i}]`),
      fc.tuple(sub('m')).map(([a]) => `sum(${a}, 2)`),
      fc.tuple(fc.integer({ min: 1, max: n })).map(([i]) => `basis(${n}, ${i})`),
    )
  }
  if (type === 'm') {
    cases.push(
      fc.tuple(sub('m'), sub('m')).map(([a, b]) => `${a} * ${b}`),
      fc.tuple(sub('m')).map(([a]) => `${a}'`),
      fc.tuple(sub('m')).map(([a]) => `inv(${a})`),
      fc.tuple(sub('v'), sub('v')).map(([a, b]) => `${a} * ${b}'`),
      fc.tuple(sub('m'), fc.integer({ min: 0, max: 3 })).map(([a, k]) => `${a} ^ ${k}`),
      fc.tuple(sub('v')).map(([a]) => `reshape(concat(${a}, ${a}), [2, ${n}])'[1:${n}, :]`),
    )
  }
  return fc.oneof({ depthSize: 'small', withCrossShrink: true }, ...cases)
}

const TRANSFORMS = [
  'derivative',
  'gradient',
  'jacobian',
  'jacfwd',
  'jacrev',
  'hessian',
  'tf_gradients',
  'pullback',
] as const

const HESSIAN_METHODS_SRC = [
  '"forward-over-reverse"',
  '"reverse-over-reverse"',
  '"forward-over-forward"',
  '"reverse-over-forward"',
  '"sideways"',
  '3',
]

/** Statements over the program's names (N is the vector length). */
const MISC = [
  'plot(g, -1, 1, {derivative: true, tangent: 0})',
  'plot(g, 1, -1)',
  'contour(f, [-1, 1], [-1, 1], {gradient: true, point: [0, 0], model: "quadratic"})',
  'contour(f, [-1, 1], [-1, 1], {grid: 3})',
  'p = pullback(F, c)\np.back(c)',
  'pullback(F, c).value',
  'pullback(F, c).nothing',
  'r = {a: c, b: 2}\nr.a',
  'u = slider([0, 0], [1, 1], 0.1, [0.5, 0.5])\nu * 2',
  'slider(1, 0, 0.1, 0.5)',
  'concat(A, A, 1)',
  'concat(c, A)',
  'reshape(A, [1, N * N])',
  'reshape(A, [N + 1])',
  'size(A) + length(c)',
  'sum(A, 1) + sum(A, 2)',
  'sum(A, 3)',
  '0 < s <= 1',
  'c == c',
  '"a" == "b"',
  'ifelse(c > 0, c, -c)',
  'A[end, end] + c[end]',
  'A[N + 1, 1]',
  'c[0.5]',
  'k(a, b) = a * b\ngradient(k, c)',
  'k(a, b) = a * b\nk(1)',
  'mk(a) = q\nmk(1)',
  'rec(t) = t < 1 ? t : rec(t / 2)\nderivative(rec, 5)',
  "tf_gradients(F, c) - jacobian(F, c)' * ones(N)",
  'vjp(F, c, ones(N)) - tf_gradients(F, c)',
  'hvp(f, c, basis(N, 1))',
  'jvp(F, c, c)',
  'det(A) * inv(A)',
  'A ^ 3 - A * A * A',
  'A ^ -1',
  'c ^ 2',
  'c / c',
  'sin = 3',
  'x = 1:0.25:2',
  '1:0',
  '10:-3:1',
  '1:0:5',
  'map(A, h(t) = t ^ 2)',
  'map(c, sin) + map(sin, c)',
  'sum(abs2, A)',
  'norm(A) + prod(c)',
  'max(c) - min(A)',
  'zeros(N, N) + ones(N)',
  'basis(N, N + 1)',
  'identity(-1)',
  'zeros(2.5)',
]

/**
 * A cell of several statements: data, function definitions, a slider, then transforms applied to
 * functions and points whose types are right or wrong at random, nested transforms among them.
 */
export const program: fc.Arbitrary<string> = fc.integer({ min: 1, max: 4 }).chain((n) => {
  const names: Record<Type, string[]> = { s: ['s'], v: ['c'], m: ['A'] }
  const expr = (t: Type, d = 2) => anyExpr(t, d, names, n)
  // f and F take a vector x, g a number t
  const ofVector = (t: Type) => anyExpr(t, 2, { s: ['s'], v: ['x', 'c'], m: ['A'] }, n)
  const ofNumber = anyExpr('s', 2, { s: ['t', 's'], v: ['c'], m: ['A'] }, n)
  const point = fc.oneof(expr('v', 1), expr('s', 1), expr('m', 0))
  const fnName = fc.constantFrom('f', 'g', 'F', 'sin', 'norm', 'abs', 'sum', 'q(w) = sum(w .* w)', 'zz')
  const transform = fc.constantFrom(...TRANSFORMS)
  const statement = fc.oneof(
    fc.tuple(transform, fnName, point).map(([t, f, x]) => `${t}(${f}, ${x})`),
    fc
      .tuple(fc.constantFrom('hvp', 'jvp', 'vjp'), fnName, point, point)
      .map(([t, f, x, v]) => `${t}(${f}, ${x}, ${v})`),
    // nested transforms: the Hessian as the Jacobian of the gradient, derivatives of derivatives
    fc.tuple(fnName, point).map(([f, x]) => `jacobian(gy(y) = gradient(${f}, y), ${x})`),
    fc.tuple(point).map(([x]) => `derivative(d1(a) = derivative(d2(b) = a * sin(b) + b ^ 2, a), ${x})`),
    fc.tuple(fnName, point).map(([f, x]) => `gradient(gs(y) = sum(gradient(${f}, y)), ${x})`),
    fc.tuple(fnName, point, fc.constantFrom(...HESSIAN_METHODS_SRC)).map(([f, x, m]) => `hessian(${f}, ${x}, ${m})`),
    fc.tuple(fnName, point, point).map(([f, x, v]) => `pullback(${f}, ${x}).back(${v})`),
    fc.tuple(fnName, point).map(([f, x]) => `map(${x}, ${f})`),
    fc
      .tuple(expr('v'), fc.integer({ min: 0, max: n + 1 }), fc.integer({ min: 0, max: n + 1 }))
      .map(([v, i, j]) => `${v}[${i}:${j}]`),
    // the rest of the language: plots, panels, records, sliders of vectors, structure builtins
    fc.constantFrom(...MISC).map((st) => st.replaceAll('N', String(n))),
    fc
      .tuple(fc.constantFrom('plot', 'show_pullbacks', 'show_hessian', 'show_sum_trap', 'cost_explorer'), fnName, point)
      .map(([t, f, x]) => `${t}(${f}, ${x})`),
    expr('s'),
    expr('v'),
    expr('m'),
  )
  return fc
    .tuple(
      fc.array(literal, { minLength: n, maxLength: n }),
      fc.array(fc.array(literal, { minLength: n, maxLength: n }), { minLength: n, maxLength: n }),
      ofVector('s'),
      ofVector('v'),
      ofNumber,
      fc.array(statement, { minLength: 1, maxLength: 3 }),
      fc.boolean(),
    )
    .map(([c, rows, fBody, FBody, gBody, statements, silent]) =>
      [
        `c = [${c.join(', ')}]`,
        `A = [${rows.map((r) => r.join(', ')).join('; ')}]`,
        's = slider(-3, 3, 0.1, 0.5)',
        `f(x) = ${fBody}`,
        `F(x) = ${FBody}`,
        `g(t) = ${gBody}`,
        ...statements.map((st, i) => (silent && i < statements.length - 1 ? `${st};` : st)),
      ].join('\n'),
    )
})

/** A program with one character deleted, replaced or inserted: nearly valid. */
export const nearlyValid: fc.Arbitrary<string> = fc
  .tuple(program, fc.nat(), fc.constantFrom('', '(', ')', '[', ']', ',', ';', '=', "'", '.', ' ', '*', '\n', 'é'))
  .map(([src, at, ch]) => {
    const i = at % (src.length + 1)
    return src.slice(0, i) + ch + src.slice(i + (ch === '' || at % 2 === 0 ? 1 : 0))
  })

/** Everything the robustness property runs on, hostile to well-formed. */
export const anyCell: fc.Arbitrary<string> = fc.oneof(anyText, tokenSoup, program, nearlyValid)

// -----------------------------------------------------------------------------------------------
// Smooth functions, for the finite-difference oracle

/**
 * Smooth expressions of a vector x (length n), or a number t: compositions of sin, cos, tanh,
 * abs2, products, matrix products, ratios with a positive denominator, sums, dots, indexing and
 * map. Values stay moderate (tanh and sin bound the growth) so central differences are accurate.
 */
function smooth(type: 's' | 'v', depth: number, n: number, variable: 's' | 'v'): fc.Arbitrary<string> {
  // A number is no vector: dot(0.5, x) is a shape error, not a smooth function.
  const leaves: fc.Arbitrary<string>[] = type === 's' ? [literal] : []
  if (type === variable) leaves.push(fc.constant(type === 'v' ? 'x' : 't'))
  if (type === 'v') leaves.push(fc.constant('c'))
  if (type === 's' && variable === 'v') leaves.push(fc.integer({ min: 1, max: n }).map((i) => `x[${i}]`))
  if (depth <= 0) {
    if (type === 'v' && variable === 's')
      return fc.oneof(
        fc.constant('c'),
        literal.map((a) => `(${a} * c)`),
      )
    return fc.oneof(...leaves)
  }
  const sub = (t: 's' | 'v') => smooth(t, depth - 1, n, variable)
  const cases: fc.Arbitrary<string>[] = [
    ...leaves,
    fc.tuple(fc.constantFrom('sin', 'cos', 'tanh', 'abs2'), sub(type)).map(([u, a]) => `${u}(${a})`),
    sub(type).map((a) => `exp(tanh(${a}))`),
    fc.tuple(sub(type), fc.constantFrom('+', '-', '.*'), sub(type)).map(([a, o, b]) => `(${a} ${o} ${b})`),
    fc.tuple(sub(type), sub(type)).map(([a, b]) => `${a} ./ (1 + abs2(${b}))`),
    fc.tuple(sub('s'), sub(type)).map(([a, b]) => `(${a} * ${b})`),
  ]
  if (type === 's') {
    cases.push(
      sub('v').map((a) => `sum(${a})`),
      fc.tuple(sub('v'), sub('v')).map(([a, b]) => `dot(${a}, ${b})`),
      fc.tuple(sub('s'), fc.integer({ min: 2, max: 3 })).map(([a, k]) => `${a} ^ ${k}`),
      sub('v').map((a) => `sum(abs2, ${a})`),
      sub('v').map((a) => `sqrt(1 + sum(abs2, ${a}))`),
    )
  } else {
    cases.push(
      sub('v').map((a) => `(A * ${a})`),
      sub('v').map((a) => `map(${a}, h(u) = u * cos(u))`),
      sub('v').map((a) => `${a}[end:-1:1]`),
    )
  }
  return fc.oneof({ depthSize: 'small', withCrossShrink: true }, ...cases)
}

/** A smooth function and a point, with the matrix A and vector c it may use. */
export interface SmoothCase {
  n: number
  /** The cell that defines A, c and the function(s), e.g. "A = [...]\nc = [...]\nf(x) = ...". */
  prelude: string
  /** A point as numbers (a vector of n, or one number). */
  x0: number[]
}

const point = (n: number) =>
  fc.array(
    fc.integer({ min: -150, max: 150 }).map((k) => k / 100),
    { minLength: n, maxLength: n },
  )

function withData(n: number): fc.Arbitrary<{ A: number[][]; c: number[] }> {
  return fc.record({ A: fc.array(point(n), { minLength: n, maxLength: n }), c: point(n) })
}

const dataLines = ({ A, c }: { A: number[][]; c: number[] }) => [
  `A = [${A.map((r) => r.join(', ')).join('; ')}]`,
  `c = [${c.join(', ')}]`,
]

/** f(x): R^n -> R, smooth, at a point x0. */
export const smoothScalarOfVector: fc.Arbitrary<SmoothCase> = fc.integer({ min: 1, max: 4 }).chain((n) =>
  fc.tuple(withData(n), smooth('s', 3, n, 'v'), point(n)).map(([d, body, x0]) => ({
    n,
    prelude: [...dataLines(d), `f(x) = ${body}`].join('\n'),
    x0,
  })),
)

/** F(x): R^n -> R^n, smooth, at a point x0. */
export const smoothVectorOfVector: fc.Arbitrary<SmoothCase> = fc.integer({ min: 1, max: 4 }).chain((n) =>
  fc.tuple(withData(n), smooth('v', 3, n, 'v'), point(n)).map(([d, body, x0]) => ({
    n,
    prelude: [...dataLines(d), `F(x) = ${body}`].join('\n'),
    x0,
  })),
)

/** g(t): R -> R, smooth, at a point t0 (x0 has one entry). */
export const smoothScalarOfScalar: fc.Arbitrary<SmoothCase> = fc.integer({ min: 1, max: 3 }).chain((n) =>
  fc.tuple(withData(n), smooth('s', 3, n, 's'), point(1)).map(([d, body, x0]) => ({
    n,
    prelude: [...dataLines(d), `g(t) = ${body}`].join('\n'),
    x0,
  })),
)
