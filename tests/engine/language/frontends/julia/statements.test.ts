/**
 * Conformance of the Julia front-end's statements with the Julia manual ("Functions",
 * "Control Flow", "Scope of Variables", "Modules" for using/import): each case names the rule
 * and gives the lowered tree as a compact S-expression (sexpr.ts). Unsupported constructs lower
 * to a node whose message names the construct, its line and column, and what to write instead.
 */
import { describe, expect, test } from 'vitest'
import { parseJulia } from '../../../../../engine/language/frontends/julia/index.ts'
import { juliaTree } from './sexpr.ts'

type Case = [rule: string, source: string, tree: string]

const check = (cases: Case[]) =>
  test.each(cases)('%s: %s', (_rule, source, tree) => {
    expect(juliaTree(source)).toBe(tree)
  })

describe('definitions and functions', () => {
  check([
    ['f(x) = e defines f', 'f(x) = 2x^2', '(function f (x) (* 2 (^ x 2)))'],
    ['a default value', 'f(x, y = 2) = x + y', '(function f (x y=2) (+ x y))'],
    ['keyword parameters after ;', 'f(x; y = 2) = x + y', '(function f (x ;y=2) (+ x y))'],
    ['a rest parameter', 'g(xs...) = length(xs)', '(function g (xs...) (call length xs))'],
    ['types and where are dropped', 'f(x::Vector{Float64})::Float64 = sum(x)', '(function f (x) (call sum x))'],
    [
      'function ... end has a local body',
      'function f(x)\n  y = 2x\n  return y\nend',
      '(function f (x) (block:local (= y (* 2 x)) (return y)))',
    ],
    ['function ... end on one line', 'function f(x) x^2 end', '(function f (x) (block:local (^ x 2)))'],
    ['where T after a long signature', 'function f(x::T) where T\n  x\nend', '(function f (x) (block:local x))'],
    ['an anonymous function ... end', 'function (x, y)\n  x * y\nend', '(-> (x y) (block:local (* x y)))'],
    ['x -> e', 'x -> x^2', '(-> (x) (^ x 2))'],
    ['(x, y) -> e', '(x, y) -> x * y', '(-> (x y) (* x y))'],
    ['() -> e', '() -> 1', '(-> () 1)'],
    ['an anonymous function returning a tuple', 'x -> (x, 2x)', '(-> (x) (tuple x (* 2 x)))'],
    [
      'an anonymous function with a begin block',
      'x -> begin\n  y = x^2\n  y + 1\nend',
      '(-> (x) (block (= y (^ x 2)) (+ y 1)))',
    ],
    [
      'return inside if',
      'function f(x)\n  if x > 0\n    return x\n  end\n  -x\nend',
      '(function f (x) (block:local (if (cmp x > 0) (block (return x))) (- x)))',
    ],
    [
      "a do block with the thread's jacobian",
      'ForwardDiff.jacobian(θ) do θ\n  θ.^2\nend',
      '(call (. ForwardDiff jacobian) (-> (θ) (block:local (.^ θ 2))) θ)',
    ],
    ['a do block with two parameters', 'f(a) do x, y\n  x + y\nend', '(call f (-> (x y) (block:local (+ x y))) a)'],
    [
      'a function named like a transform is left to evaluation',
      'function gradient(f, x)\n  1\nend',
      '(function gradient (f x) (block:local 1))',
    ],
  ])
})

describe('assignment', () => {
  check([
    [
      'destructuring without parentheses',
      'out, back = Zygote.pullback(f, x)',
      '(= (tuple out back) (call (. Zygote pullback) f x))',
    ],
    ['destructuring with parentheses', '(a, b) = (3, 4)', '(= (tuple a b) (tuple 3 4))'],
    ['nested destructuring', '((a, b), c) = ((1, 2), 3)', '(= (tuple (tuple a b) c) (tuple (tuple 1 2) 3))'],
    ['a swap', 'a, b = b, a', '(= (tuple a b) (tuple b a))'],
    ['assigning into an element', 'x[i] = v', '(= (ref x i) v)'],
    ['assigning into a row', 'A[2, :] = [1, 2]', '(= (ref A 2 :) (vect 1 2))'],
    ['updating an element', 'x[1] += 2', '(+= (ref x 1) 2)'],
    [
      'updating operators',
      'x -= 1; x *= 2; x /= 2; x ^= 2; x ÷= 2',
      '(-= x 1); (*= x 2); (/= x 2); (^= x 2); (÷= x 2)',
    ],
    ['a broadcast update keeps its dot', 'x .+= 1', '(.+= x 1)'],
    ['a typed assignment', 'x::Float64 = 3', '(= x 3)'],
    ['local, const and global assign', 'local s = 0; const c = 3', '(= s 0); (= c 3)'],
    ['local alone declares nothing', 'local s', '(block)'],
    ['unicode names', 'θ₁ = ẋ + x̄ + ȳ + x_ + α′', '(= θ₁ (+ (+ (+ (+ ẋ x̄) ȳ) x_) α′))'],
    ['a tuple of one', 't = (a,)', '(= t (tuple a))'],
    ['a named tuple', 'p = (a = 1, b = 2)', '(= p (named a=1 b=2))'],
    [
      'an open tuple',
      'ForwardDiff.value(d), ForwardDiff.partials(d)',
      '(tuple (call (. ForwardDiff value) d) (call (. ForwardDiff partials) d))',
    ],
  ])
})

describe('control flow', () => {
  check([
    ['begin ... end shares the scope', 'begin\n  a = 1\n  a + 1\nend', '(block (= a 1) (+ a 1))'],
    [
      'let a = 1, b = a: new locals, as a call',
      'let a = 1, b = a\n  a + b\nend',
      '(call (function let (a=1 b=a) (block:local (+ a b))))',
    ],
    ['let without bindings is a local block', 'let\n  x = 1\nend', '(block:local (= x 1))'],
    [
      'if / elseif / else',
      'if x > 0\n  1\nelseif x < 0\n  -1\nelse\n  0\nend',
      '(if (cmp x > 0) (block 1) (cmp x < 0) (block (- 1)) (block 0))',
    ],
    ['if on one line', 'if x > 0 1 else 2 end', '(if (cmp x > 0) (block 1) (block 2))'],
    [
      'while x[1] > 0: the index belongs to the condition',
      'while x[1] > 0\n  x -= 1\nend',
      '(while (cmp (ref x 1) > 0) (block (-= x 1)))',
    ],
    ['if f(x): the call belongs to the condition', 'if f(x)\n  1\nend', '(if (call f x) (block 1))'],
    ['for i in 1:n', 'for i in 1:3\n  s += i\nend', '(for i (: 1 3) (block (+= s i)))'],
    ['for i = 1:n', 'for i = 1:n\n  s += i\nend', '(for i (: 1 n) (block (+= s i)))'],
    ['for i ∈ xs', 'for i ∈ xs\n  s += i\nend', '(for i xs (block (+= s i)))'],
    [
      'for i in f(x): the call is the iterable',
      'for i in 1:length(x)\n  s += i\nend',
      '(for i (: 1 (call length x)) (block (+= s i)))',
    ],
    [
      'for (i, x) in pairs',
      'for (i, x) in enumerate(xs)\n  s += i * x\nend',
      '(for (tuple i x) (call enumerate xs) (block (+= s (* i x))))',
    ],
    [
      'two bindings nest, the first outside',
      'for i in 1:2, j in 1:3\n  s += i * j\nend',
      '(for i (: 1 2) (block (for j (: 1 3) (block (+= s (* i j))))))',
    ],
    ['break and continue', 'while true\n  continue\n  break\nend', '(while true (block (continue) (break)))'],
    [
      'a comprehension with a filter',
      '[x^2 for x in 1:4 if x > 1]',
      '(comprehension (^ x 2) (for x (: 1 4) (if (cmp x > 1))))',
    ],
    ['for twice nests (flat)', '[x for x in 1:3 for y in 1:2]', '(comprehension x (for x (: 1 3)) (for y (: 1 2)))'],
    [
      'i, j makes a matrix, i changing fastest (column-major)',
      '[i + j for i in 1:2, j in 1:3]',
      '(call reshape (comprehension (+ i j) (for j (: 1 3)) (for i (: 1 2))) (call length (: 1 2)) (call length (: 1 3)))',
    ],
    ['a generator in parentheses', '(x for x in 1:3)', '(comprehension x (for x (: 1 3)))'],
    ['; separates statements', 'x = 1; y = 2;', '(= x 1); (= y 2)'],
    ['a statement continues after a trailing operator', 'x = 1 +\n  2', '(= x (+ 1 2))'],
    ['comments are skipped', 'x = 1 + # c\n  2 #= d =#', '(= x (+ 1 2))'],
  ])
})

describe('imports, macros, literals', () => {
  check([
    [
      'using several packages',
      'using Zygote, ForwardDiff, LinearAlgebra',
      '(block (using Zygote) (using ForwardDiff) (using LinearAlgebra))',
    ],
    ['import one package', 'import ForwardDiff', '(using ForwardDiff)'],
    ['using a package with names', 'using LinearAlgebra: norm, dot', '(using LinearAlgebra)'],
    ['import as', 'import Zygote as Z', '(using Zygote as Z)'],
    [
      'a package that is not built in is still an import (its message comes when it runs)',
      'using Plots',
      '(using Plots)',
    ],
    ['@show x prints x as typed and gives x', '@show x + 1', '(call @show "x + 1" (+ x 1))'],
    ['@time f(x) is f(x)', '@time f(x)', '(call f x)'],
    ['@assert checks', '@assert x > 0', '(if (cmp x > 0) (block) (block (unsupported)))'],
    ['@. dots every operator and call', '@. 3x^2 + sin(x)', '(.+ (.* 3 (.^ x 2)) (call. sin x))'],
    ['@. dots a comparison and keeps the assignment', '@. y = x > 0', '(= y (.> x 0))'],
    ['@. leaves the adjoint alone', "@. x' * y", "(.* (' x) y)"],
    ['hexadecimal and binary integers', '0x10 + 0b11', '(+ 0x10 0b11)'],
    ['a symbol is its name', 'plot(f; color = :red)', '(call plot f ; color="red")'],
    ['a string with escapes', '"a\\tb"', '"a\\tb"'],
    ['a character', "'c'", '"c"'],
  ])

  test('numbers read as Julia reads them', () => {
    const value = (s: string) => {
      const e = parseJulia(s)[0]!.expr
      return e.kind === 'number' ? e.value : NaN
    }
    expect([
      value('1_000'),
      value('0x1f'),
      value('0b101'),
      value('1e-3'),
      value('.5'),
      value('1f0'),
      value('2.'),
    ]).toEqual([1000, 31, 5, 0.001, 0.5, 1, 2])
  })
})

describe('what is not supported says what to write instead, with line and column', () => {
  const message = (source: string) => {
    const walk = (e: unknown): string | null => {
      if (e && typeof e === 'object') {
        if ((e as { kind?: string }).kind === 'unsupported') return (e as { message: string }).message
        for (const v of Object.values(e)) {
          const m = walk(v)
          if (m) return m
        }
      }
      return null
    }
    return walk(parseJulia(source).map((s) => s.expr))
  }
  test.each([
    ['abstract type Shape end', /declaring types is not supported/],
    ['try\n  f(x)\ncatch e\n  0\nend', /try \.\.\. catch .*if \.\.\. else/],
    ['module M\nend', /modules are not supported/],
    ['a => b', /pairs/],
    ['x .= 0', /not changed in place/],
    [
      'x\nZygoteRules.@adjoint ForwardDiff.Dual{T}(x, d) where T = Dual(x, d), ȳ -> (ȳ, ȳ)',
      /line 2, column 1.*not needed here.*nest natively.*Forward over reverse.*ChainRulesCore\.rrule/,
    ],
    ['@printf("%d", x)', /the macro @printf .*line 1, column 1/],
  ])('%j', (source, pattern) => {
    expect(message(source)).toMatch(pattern)
  })
})

describe('struct definitions', () => {
  test('struct T ... end is an assignment of T: its constructor, from the type name and the fields (types read, not kept)', () => {
    const [st] = parseJulia('mutable struct Q{T} <: Number\n  x::T\n  y\nend')
    const e = st!.expr
    expect(e.kind).toBe('assign')
    if (e.kind !== 'assign' || e.value.kind !== 'call') throw new Error('not an assignment of a call')
    expect(e.target).toMatchObject({ kind: 'name', name: 'Q' })
    expect(e.value.args.map((a) => (a.kind === 'string' || a.kind === 'boolean' ? a.value : null))).toEqual([
      'Q',
      true,
      'x',
      'y',
    ])
  })

  test('(a::T)(x) = ... defines the method named (::T), the value first', () => {
    const [st] = parseJulia('(a::Affine)(x) = a.W * x')
    expect(st!.expr).toMatchObject({ kind: 'function', name: '(::Affine)', defines: true })
    if (st!.expr.kind === 'function') expect(st!.expr.params.map((p) => p.name)).toEqual(['a', 'x'])
  })

  test('an inner constructor is refused at its line', () => {
    expect(() => parseJulia('struct K\n  a\n  K(x) = new(x)\nend')).toThrow(
      /line 3, column 3.*constructors inside a struct/,
    )
  })
})
