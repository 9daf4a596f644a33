/**
 * Conformance of the Julia front-end with Julia's documented precedence and whitespace rules
 * (Julia manual: "Mathematical Operations and Elementary Functions" > "Operator Precedence and
 * Associativity", "Numeric Literal Coefficients", "Multi-dimensional Arrays" > "Concatenation").
 * Each case names the rule it pins down and gives the tree a Julia parser gives, written as a
 * compact S-expression (sexpr.ts: `(+ a b)` is Julia's `(call + a b)`). There is no Julia on
 * these machines: the trees come from the manual's rules, not from running Julia.
 */
import { describe, expect, test } from 'vitest'
import { juliaTree } from './sexpr.ts'

type Case = [rule: string, source: string, tree: string]

const check = (cases: Case[]) =>
  test.each(cases)('%s: %s', (_rule, source, tree) => {
    expect(juliaTree(source)).toBe(tree)
  })

describe('operator precedence and associativity', () => {
  check([
    ['^ is right-associative', '2^3^2', '(^ 2 (^ 3 2))'],
    ['unary minus binds looser than ^: -2^2 == -4', '-2^2', '(- (^ 2 2))'],
    ['unary minus binds looser than ^ on names', '-x^2', '(- (^ x 2))'],
    ['unary minus binds looser than .^', '-x.^2', '(- (.^ x 2))'],
    ['a unary minus in an exponent belongs to the exponent', 'x^-2', '(^ x (- 2))'],
    ['a unary minus in a broadcast exponent', 'x.^-1', '(.^ x (- 1))'],
    ['parentheses make the minus the base', '(-x)^2', '(^ (- x) 2)'],
    [
      'a unary minus before a parenthesis binds looser than ^: -(x - y)^2 == -((x - y)^2)',
      '-(x - y)^2',
      '(- (^ (- x y) 2))',
    ],
    ['the Gaussian exp(-(x-y)^2) keeps its minus outside the square', 'exp(-(x-y)^2)', '(call exp (- (^ (- x y) 2)))'],
    ['-(3)^2 == -9 (JuliaLang/julia#12771)', '-(3)^2', '(- (^ 3 2))'],
    ['* binds tighter than +', 'a + b * c', '(+ a (* b c))'],
    ['- is left-associative', 'a - b - c', '(- (- a b) c)'],
    ['/ is left-associative', 'a / b / c', '(/ (/ a b) c)'],
    ['* and / share a level, left to right', 'a * b / c', '(/ (* a b) c)'],
    ['% is at the level of *', 'x % 3 + 1', '(+ (% x 3) 1)'],
    ['÷ and % are left-associative at the level of *', '7 ÷ 2 % 3', '(% (÷ 7 2) 3)'],
    ['\\ (left division) is at the level of *', 'A \\ b + c', '(+ (\\ A b) c)'],
    ['// is at the rational level, above *', 'a * b // c', '(* a (// b c))'],
    ['^ binds tighter than *', 'x^2/2', '(/ (^ x 2) 2)'],
    [': binds looser than + and -: 1:n-1 is 1:(n-1)', '1:n-1', '(: 1 (- n 1))'],
    [': binds looser than .+: 1:3 .+ 1 is 1:(3 .+ 1)', '1:3 .+ 1', '(: 1 (.+ 3 1))'],
    ['a negative start of a range', '-1:1', '(: (- 1) 1)'],
    ['comparisons bind looser than :', '1:3 == x', '(cmp (: 1 3) == x)'],
    ['comparisons bind looser than arithmetic', 'x % 3 == 0', '(cmp (% x 3) == 0)'],
    ['comparisons chain: a < b <= c is one chain', '1 < x <= 3', '(cmp 1 < x <= 3)'],
    ['== and != chain too', 'x == y != z', '(cmp x == y != z)'],
    ['≤ and ≥ are <= and >=', 'x ≤ y ≥ z', '(cmp x <= y >= z)'],
    ['=== is a comparison', 'x === y', '(cmp x === y)'],
    ['a dotted comparison is a broadcast operator (elementwise)', '[1, 2] .< [2, 1]', '(.< (vect 1 2) (vect 2 1))'],
    ['&& binds tighter than ||', 'a || b && c', '(|| a (&& b c))'],
    ['&& binds looser than comparisons', 'x < y && y < z || w', '(|| (&& (cmp x < y) (cmp y < z)) w)'],
    ['! binds tighter than &&', '!x && y', '(&& (! x) y)'],
    ['the ternary is right-associative', 'a ? b : c ? d : e', '(? a b (? c d e))'],
    ['the ternary binds looser than ||', 'a || b ? c : d', '(? (|| a b) c d)'],
    ['-> binds looser than the ternary', 'x -> x > 0 ? x : -x', '(-> (x) (? (cmp x > 0) x (- x)))'],
    ['-> is right-associative (currying)', 'x -> y -> x + y', '(-> (x) (-> (y) (+ x y)))'],
    ['|> is left-associative, looser than arithmetic', 'x |> f |> g', '(call g (call f x))'],
    ['|> binds looser than +', 'x + 1 |> f', '(call f (+ x 1))'],
    ['.|> broadcasts the call', 'xs .|> f', '(call. f xs)'],
    ['∈ is a comparison-level call of in', 'x ∈ [1, 2]', '(call in x (vect 1 2))'],
    ['in is the same as ∈', 'x in xs', '(call in x xs)'],
    ['∉ is the negation of in', 'x ∉ xs', '(! (call in x xs))'],
    ['= is right-associative', 'x = y = 3', '(= x (= y 3))'],
    ['= binds looser than the ternary', 'a = b ? c : d', '(= a (? b c d))'],
    ['updating operators take the whole right side', 'x += y * 2', '(+= x (* y 2))'],
    ['unicode minus is minus', 'a − b', '(- a b)'],
    ['⋅ is dot (LinearAlgebra), at the level of *', 'x ⋅ y + 1', '(+ (call dot x y) 1)'],
    ['× is cross (LinearAlgebra)', 'a × b', '(call cross a b)'],
  ])
})

describe('numeric literal coefficients (juxtaposition)', () => {
  check([
    ['2x is 2*x', '2x', '(* 2 x)'],
    ['a coefficient binds looser than ^: 2x^2 == 2*(x^2)', '2x^2', '(* 2 (^ x 2))'],
    ['a coefficient on a parenthesis binds looser than ^', '2(x+1)^2', '(* 2 (^ (+ x 1) 2))'],
    ['a coefficient binds looser than .^', '3x.^2', '(* 3 (.^ x 2))'],
    ['a coefficient in an exponent belongs to the exponent: 2^3x == 2^(3x)', '2^3x', '(^ 2 (* 3 x))'],
    ['the same with a name as base', 'x^2y', '(^ x (* 2 y))'],
    ['a coefficient binds tighter than *', '2x * 3y', '(* (* 2 x) (* 3 y))'],
    ['a coefficient binds tighter than /: 1/2x == 1/(2x)', '1/2x', '(/ 1 (* 2 x))'],
    ['a coefficient binds tighter than /, on the left', '2x/3', '(/ (* 2 x) 3)'],
    ['a coefficient binds looser than unary minus: -2x == (-2)*x', '-2x', '(* (- 2) x)'],
    ['a coefficient binds looser than √: √2x == (√2)*x', '√2x', '(* (call sqrt 2) x)'],
    ['-2x^2: the coefficient power under unary minus', '-2x^2', '(- (* 2 (^ x 2)))'],
    ['a float coefficient', '1.5x', '(* 1.5 x)'],
    ['a coefficient with an exponent in the literal', '1e-3x', '(* 1e-3 x)'],
    ['a coefficient times a parenthesis', '2(x + 1)', '(* 2 (+ x 1))'],
    ['a parenthesis times a name', '(x + 1)y', '(* (+ x 1) y)'],
    ["a coefficient on an adjoint: 2x' == 2*(x')", "2x'", "(* 2 (' x))"],
    ['a coefficient on a unicode name', '2π', '(* 2 π)'],
    ['an imaginary coefficient reads as a product', '1 + 2im', '(+ 1 (* 2 im))'],
    ['a coefficient inside a sum', '3n + 1', '(+ (* 3 n) 1)'],
  ])
})

describe("the adjoint ' (postfix, tightest)", () => {
  check([
    ["x' * y", "x' * y", "(* (' x) y)"],
    ["A'x is A' * x (juxtaposition after an adjoint)", "A'x", "(* (' A) x)"],
    ["x'y' is x' * y'", "x'y'", "(* (' x) (' y))"],
    ["f(x)' is the adjoint of the call", "f(x)'", "(' (call f x))"],
    ['an index, then the adjoint', "x[1]'", "(' (ref x 1))"],
    ['a slice, then the adjoint', "A[:, 1]'", "(' (ref A : 1))"],
    ["x .+ y' adjoints y only", "x .+ y'", "(.+ x (' y))"],
    ["a.*b' adjoints b only", "a.*b'", "(.* a (' b))"],
    ["unary minus binds looser than '", "-x'", "(- (' x))"],
    ["2*A'*A is (2*A')*A", "2*A'*A", "(* (* 2 (' A)) A)"],
    ["x' * A * x is left to right", "x' * A * x", "(* (* (' x) A) x)"],
    ['a broadcast call, then the adjoint', "f.(x)'", "(' (call. f x))"],
    ["f'(x): the adjoint of f, called (Zygote's derivative)", "f'(x)", "(call (' f) x)"],
    ["f''(x): twice", "f''(x)", "(call (' (' f)) x)"],
    ['a literal row, transposed', "[1 2]'", "(' (concat (row 1 2)))"],
    ['a vector literal, transposed', "[1, 2, 3]'", "(' (vect 1 2 3))"],
  ])
})

describe('ranges', () => {
  check([
    ['a:b:c is one range with step b', 'a:b:c', '(: a b c)'],
    ['a parenthesized range is a range of a range', '(a:b):c', '(: (: a b) c)'],
    ['parentheses on the right', 'a:(b:c)', '(: a (: b c))'],
    ['the stop of a stepped range takes the sum', '1:2:n+1', '(: 1 2 (+ n 1))'],
    ['float steps', '0:0.1:1', '(: 0 0.1 1)'],
    ['a range inside a call', 'reshape(0:(n^2-1), n, n)', '(call reshape (: 0 (- (^ n 2) 1)) n n)'],
    ['a range in an index with end', 'xs[2:end-1]', '(ref xs (: 2 (- end 1)))'],
    ['end in arithmetic inside an index', 'x[end÷2]', '(ref x (÷ end 2))'],
    ['begin inside an index is the first index (the number 1, printed as written)', 'x[begin]', '(ref x begin)'],
    ['a bare : selects a whole dimension', 'A[:, end]', '(ref A : end)'],
    ['x[:] is every element', 'x[:]', '(ref x :)'],
  ])
})

describe('whitespace inside brackets', () => {
  check([
    ['[1 -2] is a 1×2 row (space before -, none after)', '[1 -2]', '(concat (row 1 (- 2)))'],
    ['[1 - 2] is -1 (spaces on both sides)', '[1 - 2]', '(vect (- 1 2))'],
    ['[1 -  2] is -1 (space after the sign)', '[1 -  2]', '(vect (- 1 2))'],
    ['[1-2] is -1 (no spaces)', '[1-2]', '(vect (- 1 2))'],
    ['[1- 2] is -1 (space only after)', '[1- 2]', '(vect (- 1 2))'],
    ['[1 +2] is a row too', '[1 +2]', '(concat (row 1 (+ 2)))'],
    ['[1 -2 -3] is a row of three', '[1 -2 -3]', '(concat (row 1 (- 2) (- 3)))'],
    ['[1 -2 + 3]: the new entry is -2 + 3', '[1 -2 + 3]', '(concat (row 1 (+ (- 2) 3)))'],
    ['[a -b*c]: the new entry is -b*c', '[a -b*c]', '(concat (row a (* (- b) c)))'],
    ['[a - b c]: a difference, then an entry', '[a - b c]', '(concat (row (- a b) c))'],
    ['[x == a -b]: the comparison ends at the new entry', '[x == a -b]', '(concat (row (cmp x == a) (- b)))'],
    ["[x' -y']: adjoints split alike", "[x' -y']", "(concat (row (' x) (- (' y))))"],
    ['parentheses inside brackets are not space-sensitive', '[(1 -2) 3]', '(concat (row (- 1 2) 3))'],
    ['call arguments inside brackets are not space-sensitive', '[f(x -1) 2]', '(concat (row (call f (- x 1)) 2))'],
    ['a typed literal splits alike', 'Float64[1 -2]', '(concat (row 1 (- 2)))'],
    ['outside brackets, x -1 is a difference', 'x -1', '(- x 1)'],
    ['[a b] is a row', '[A B]', '(concat (row A B))'],
    ['[a; b] stacks', '[A; B]', '(concat (row A) (row B))'],
    ['[a * b c]: a spaced * joins its operands into one entry', '[a * b c]', '(concat (row (* a b) c))'],
    ['[1 * 2 3 * 4; 5 6]: each product is one entry', '[1 * 2 3 * 4; 5 6]', '(concat (row (* 1 2) (* 3 4)) (row 5 6))'],
    ['[x > 0 3]: a comparison is one entry', '[x > 0 3]', '(concat (row (cmp x > 0) 3))'],
    [
      '[x > 0 ? 1 : 2 3]: a ternary with a comparison is one entry',
      '[x > 0 ? 1 : 2 3]',
      '(concat (row (? (cmp x > 0) 1 2) 3))',
    ],
    [
      '[a / b c], [a ^ b c], [a .* b c] alike',
      '[a / b c]; [a ^ b c]; [a .* b c]',
      '(concat (row (/ a b) c)); (concat (row (^ a b) c)); (concat (row (.* a b) c))',
    ],
    ['[a : b c]: a spaced range is one entry', '[a : b c]', '(concat (row (: a b) c))'],
    ['[a |> f b]: a pipe is one entry', '[a |> f b]', '(concat (row (call f a) b))'],
    ['[a b; c d] is a block matrix', '[1 2; 3 4]', '(concat (row 1 2) (row 3 4))'],
    ['a newline separates rows', '[1 2\n 3 4]', '(concat (row 1 2) (row 3 4))'],
    ['a newline after a comment separates rows too', '[1 2 # first row\n 3 4]', '(concat (row 1 2) (row 3 4))'],
    ['a newline after a block comment separates rows', '[1 2 #= a =#\n 3 4]', '(concat (row 1 2) (row 3 4))'],
    ['; then a newline is one row break', '[1 2;\n 3 4]', '(concat (row 1 2) (row 3 4))'],
    ['rows on their own lines', 'A = [\n  1 2\n  3 4\n]', '(= A (concat (row 1 2) (row 3 4)))'],
    ['a newline after a comma continues a vector', '[1,\n 2]', '(vect 1 2)'],
    ['[a, b] is a vector', '[1, 2, 3]', '(vect 1 2 3)'],
    ['a trailing ; still stacks', '[1:3;]', '(concat (row (: 1 3)))'],
    ['[f(x) 2]: no space before ( makes a call', '[f(x) 2]', '(concat (row (call f x) 2))'],
    ["[g(x1) f'(x1)]: two columns (the thread)", "[g(x1) f'(x1)]", "(concat (row (call g x1) (call (' f) x1)))"],
    [
      '[-cos(x) sin(x)]: a leading minus starts an entry',
      '[sin(x) cos(x); -cos(x) sin(x)]',
      '(concat (row (call sin x) (call cos x)) (row (- (call cos x)) (call sin x)))',
    ],
    ['[] is empty', '[]', '(vect)'],
    ['a vector of a range', '[1:3]', '(vect (: 1 3))'],
  ])

  test('x[i -1] reads as two indices in Julia: a syntax error that says how to write it', () => {
    expect(() => juliaTree('x[i -1]')).toThrow(/write i - 1/)
  })
  test('[a, b -c] mixes commas and spaces: a syntax error that says how to write it', () => {
    expect(() => juliaTree('[a, b -c]')).toThrow(/write b - c/)
  })
})

describe('calls, fields and broadcasting', () => {
  check([
    ['f.(x) is a broadcast call', 'sin.(x) .+ cos.(x)', '(.+ (call. sin x) (call. cos x))'],
    ['.+ is + with the broadcast mark', 'x .+ 1', '(.+ x 1)'],
    ['.* binds tighter than .+', 'x .* y .+ z', '(.+ (.* x y) z)'],
    ['.% is % with the mark (the thread)', 'A .% (n+1)', '(.% A (+ n 1))'],
    ['a broadcast unary minus', '.-x', '(.- x)'],
    ['keyword arguments after ;', 'plot(f, -2, 2; derivative = true)', '(call plot f (- 2) 2 ; derivative=true)'],
    ['keyword arguments after a comma', 'f(x, k=1)', '(call f x ; k=1)'],
    ['splatting in a call', 'f(x...; k=2)', '(call f (... x) ; k=2)'],
    ['a module field, called', 'Zygote.gradient(f, x)[1]', '(ref (call (. Zygote gradient) f x) 1)'],
    ['nested fields', 'p.x.y', '(. (. p x) y)'],
    ['a call of a call', 'f(x)(y)', '(call (call f x) y)'],
    ['an operator called as a function', '+(1, 2)', '(+ 1 2)'],
    ['an operator as a value', 'reduce(+, xs)', '(call reduce + xs)'],
    [
      'a parametric type is a call with its parameter as text',
      'ForwardDiff.Dual{Nothing}(1.0, 1.0)',
      '(call (call (. ForwardDiff Dual) "Nothing") 1.0 1.0)',
    ],
    [
      'a parametric type broadcast (the thread)',
      'ForwardDiff.Dual{Nothing}.(x, v)',
      '(call. (call (. ForwardDiff Dual) "Nothing") x v)',
    ],
    ['√ is sqrt', '√x + ∛y', '(+ (call sqrt x) (call cbrt y))'],
    [
      'a generator argument',
      'sum(x^2 for x in xs if x > 0)',
      '(call sum (comprehension (^ x 2) (for x xs (if (cmp x > 0)))))',
    ],
    ['a do block is the first argument', 'map(xs) do x\n  x^2\nend', '(call map (-> (x) (block:local (^ x 2))) xs)'],
  ])
})
