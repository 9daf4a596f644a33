/**
 * fast-check arbitraries for Julia cells, shared by the bounded fuzz test in `npm test`, the long
 * run (`npm run fuzz`) and the audit. Four kinds, from hostile to well-formed:
 *  - text: any string;
 *  - token soup: Julia's tokens and keywords glued together (reaches the grammar's error
 *    recovery and the lowering of half-formed trees);
 *  - programs: well-formed Julia cells built from the constructs learners write (definitions,
 *    `function ... end`, loops, comprehensions, broadcasting, tuples, do blocks, transforms),
 *    whose arguments are right or wrong at random;
 *  - mutated: a corpus of valid Julia cells (juliaCorpus.ts) with a few characters or tokens
 *    deleted, inserted, duplicated or swapped.
 */
import fc from 'fast-check'
import { anyText } from './arbitraries.ts'
import { JULIA_CORPUS } from './juliaCorpus.ts'

const TOKENS = [
  // names: defined by programs and the corpus, builtins, Julia's names, and names nothing defines
  ...['x', 'y', 'f', 'g', 'A', 'v', 'θ', 'x₁', 'ẋ', 'ȳ', 'zz', 'end', 'begin', 'nothing', 'π', 'im'],
  ...['sin', 'sum', 'reshape', 'collect', 'length', 'zeros', 'gradient', 'jacobian', 'hessian', 'pullback'],
  ...['Zygote', 'ForwardDiff', 'Zygote.gradient', 'ForwardDiff.Dual', 'ForwardDiff.partials', 'LinearAlgebra'],
  // keywords
  ...['function', 'end', 'for', 'in', 'while', 'if', 'elseif', 'else', 'let', 'begin', 'return', 'do'],
  ...['break', 'continue', 'using', 'import', 'struct', 'try', 'catch', 'local', 'global', 'const', 'where'],
  ...['module', 'quote', 'macro', 'abstract type', 'mutable'],
  // numbers
  ...['0', '1', '2', '-1', '0.5', '1e-3', '1e308', '0x1f', '1_000', '2x', '3θ', 'NaN', 'Inf'],
  // operators and punctuation
  ...['+', '-', '*', '/', '\\', '^', '%', '÷', '.+', '.-', '.*', './', '.^', '.%', "'", '==', '!=', '<', '<=', '≤'],
  ...['&&', '||', '!', '?', ':', '=', '+=', '.=', ',', ';', '.', '(', ')', '[', ']', '{', '}', '->', '=>'],
  ...['...', '::', '|>', '∈', '√', '@', '@show', '@assert', '@.', '@adjoint', '$', '#', '#=', '=#', '"s"', '"$x"'],
  ...["'c'", ':sym', '\n', ' ', '  ', '\t', 'f(x)', 'x[1]', 'x[end]', '[1 2; 3 4]', '[1 -2]', '(a, b)', 'x -> x^2'],
]

/** Julia's tokens glued together, with or without spaces between them. */
export const juliaTokenSoup: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.constantFrom(...TOKENS), fc.constantFrom('', ' ', '', '\n')), { minLength: 1, maxLength: 30 })
  .map((parts) => parts.map(([t, sep]) => t + sep).join(''))

// -----------------------------------------------------------------------------------------------
// Programs

const literal = fc.integer({ min: -30, max: 30 }).map((k) => String(k / 10))

/** Expressions over the names in scope: s a number, v a vector, m a matrix (types may mismatch). */
function expr(depth: number): fc.Arbitrary<string> {
  const leaf = fc.oneof(
    literal,
    fc.constantFrom('s', 'v', 'M', 'x', 'θ', 'n', 'v[1]', 'v[end]', 'M[1, :]', 'M[:, end]', 'v[2:end]', 'nothing'),
  )
  if (depth <= 0) return leaf
  const sub = expr(depth - 1)
  return fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc
      .tuple(sub, fc.constantFrom('+', '-', '*', '/', '^', '.+', '.-', '.*', './', '.^', '%', '÷', '\\'), sub)
      .map(([a, o, b]) => `(${a} ${o} ${b})`),
    fc.tuple(fc.constantFrom('sin', 'cos', 'exp', 'abs2', 'tanh', 'sqrt', 'log'), sub).map(([u, a]) => `${u}.(${a})`),
    fc
      .tuple(fc.constantFrom('sum', 'length', 'first', 'collect', 'norm', 'maximum', 'mean'), sub)
      .map(([u, a]) => `${u}(${a})`),
    fc.tuple(literal, fc.constantFrom('x', 's', 'θ')).map(([k, x]) => `${k.replace('-', '')}${x}`),
    fc.tuple(sub, sub).map(([a, b]) => `[${a} ${b}]`),
    fc.tuple(sub, sub).map(([a, b]) => `[${a}; ${b}]`),
    fc.tuple(sub, sub).map(([a, b]) => `[${a}, ${b}]`),
    fc.tuple(sub, sub).map(([a, b]) => `[${a} -${b}]`),
    sub.map((a) => `${a}'`),
    fc.tuple(sub, sub, sub).map(([c, a, b]) => `(${c} > 0 ? ${a} : ${b})`),
    fc.tuple(sub, sub).map(([a, b]) => `(${a}, ${b})`),
    sub.map((a) => `[${a} for x in 1:3]`),
    sub.map((a) => `sum(${a} for x in v if x > 0)`),
    fc.tuple(literal, literal, literal).map(([a, b, c]) => `${a}:${b}:${c}`),
    sub.map((a) => `(x -> ${a})(s)`),
    sub.map((a) => `map(x -> ${a}, v)`),
  )
}

const TRANSFORMS = [
  'gradient',
  'Zygote.gradient',
  'jacobian',
  'Zygote.jacobian',
  'hessian',
  'Zygote.hessian',
  'pullback',
  'Zygote.pullback',
  'derivative',
  'ForwardDiff.derivative',
  'ForwardDiff.gradient',
  'ForwardDiff.jacobian',
  'ForwardDiff.hessian',
]

const statement: fc.Arbitrary<string> = fc.oneof(
  expr(2),
  fc
    .tuple(fc.constantFrom(...TRANSFORMS), fc.constantFrom('f', 'g', 'h', 'sin', 'x -> sum(x .^ 2)'), expr(1))
    .map(([t, fn, x]) => `${t}(${fn}, ${x})`),
  fc.tuple(fc.constantFrom(...TRANSFORMS), expr(1), expr(2)).map(([t, x, body]) => `${t}(${x}) do x\n  ${body}\nend`),
  fc
    .tuple(fc.constantFrom(...TRANSFORMS), fc.constantFrom('f', 'g'), expr(1))
    .map(([t, fn, x]) => `${t}(${fn}, ${x})[1]`),
  fc.tuple(fc.constantFrom('f', 'g'), expr(1)).map(([fn, x]) => `out, back = pullback(${fn}, ${x})\nback(1)`),
  fc.tuple(expr(1), expr(2)).map(([it, body]) => `acc = 0\nfor x in ${it}\n  acc += ${body}\nend\nacc`),
  fc.tuple(expr(1), expr(1)).map(([c, body]) => `k = 0\nwhile k < 3 && ${c} != 0\n  k += 1\n  ${body}\nend`),
  fc
    .tuple(expr(1), expr(1), expr(1))
    .map(([c, a, b]) => `if ${c} > 0\n  ${a}\nelseif ${c} < 0\n  ${b}\nelse\n  0\nend`),
  fc.tuple(expr(1), expr(2)).map(([a, body]) => `let x = ${a}\n  ${body}\nend`),
  fc.tuple(expr(1), expr(1)).map(([a, b]) => `p, q = ${a}, ${b}\n(p, q)`),
  fc.tuple(expr(1), expr(1)).map(([i, b]) => `w = copy(v)\nw[${i}] = ${b}\nw`),
  fc.constantFrom('v[0]', 'v[end+1]', 'M[1]', 'M[:]', 'reshape(0:8, 3, 3) .% 4', 'collect(0:2)', "f'(s)", 'M \\ v'),
)

/**
 * A cell of several statements: data (a number, a vector, a matrix), definitions of f, g and h
 * in the three ways Julia writes them, then statements over them.
 */
export const juliaProgram: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(literal, { minLength: 1, maxLength: 4 }),
    expr(2),
    expr(2),
    expr(2),
    fc.array(statement, { minLength: 1, maxLength: 3 }),
    fc.boolean(),
  )
  .map(([v, fBody, gBody, hBody, statements, silent]) =>
    [
      'using Zygote, ForwardDiff, LinearAlgebra',
      's = 0.5',
      `v = [${v.join(', ')}]`,
      `M = [${v.join(' ')}; ${v.map((x) => `${x}`).join(' ')}]`,
      `f(x) = ${fBody}`,
      `function g(x)\n  y = ${gBody}\n  return y\nend`,
      `h = x -> ${hBody}`,
      ...statements.map((st, i) => (silent && i < statements.length - 1 ? `${st};` : st)),
    ].join('\n'),
  )

// -----------------------------------------------------------------------------------------------
// Mutations of the corpus

const INSERTS = ['', '(', ')', '[', ']', ',', ';', '=', "'", '.', ' ', '-', '*', '\n', 'end', 'end\n', 'θ', '"', '#']

type Mutation = [kind: 'delete' | 'insert' | 'duplicate' | 'swap' | 'truncate', at: number, size: number, text: string]

/** One mutation of a cell, inserting one of the given texts when it inserts (Python's use theirs). */
export const mutationOf = (inserts: string[]): fc.Arbitrary<(src: string) => string> =>
  fc
    .tuple(
      fc.constantFrom('delete', 'insert', 'duplicate', 'swap', 'truncate'),
      fc.nat(),
      fc.integer({ min: 1, max: 6 }),
      fc.constantFrom(...inserts),
    )
    .map((m) => (src: string) => mutate(src, m as Mutation))

function mutate(src: string, [kind, at, size, text]: Mutation): string {
  const i = at % (src.length + 1)
  switch (kind) {
    case 'delete':
      return src.slice(0, i) + src.slice(i + size)
    case 'insert':
      return src.slice(0, i) + text + src.slice(i)
    case 'duplicate':
      return src.slice(0, i + size) + src.slice(i, i + size) + src.slice(i + size)
    case 'truncate':
      return src.slice(0, i)
    case 'swap': {
      const lines = src.split('\n')
      const a = at % lines.length
      const b = (at + size) % lines.length
      ;[lines[a], lines[b]] = [lines[b]!, lines[a]!]
      return lines.join('\n')
    }
  }
}

/** A valid cell of the corpus with one to three mutations: nearly valid Julia. */
export const juliaMutated: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...JULIA_CORPUS), fc.array(mutationOf(INSERTS), { minLength: 1, maxLength: 3 }))
  .map(([src, ms]) => ms.reduce((s, m) => m(s), src))

/** Everything the Julia robustness property runs on. */
export const anyJuliaCell: fc.Arbitrary<string> = fc.oneof(
  anyText,
  juliaTokenSoup,
  juliaProgram,
  juliaMutated,
  juliaMutated,
  fc.constantFrom(...JULIA_CORPUS),
)
