// The Python front-end's conformance cases: each Python cell and the tree it must lower to,
// written as S-expressions (tests/engine/language/frontends/julia/sexpr.ts). Each case names the
// Python rule it pins down (the Python Language Reference decides).
import { describe, expect, it } from 'vitest'
import { parsePython } from '../../../../../engine/language/frontends/python/index.ts'
import type { Expr } from '../../../../../engine/language/syntax/tree.ts'
import { sexpr } from '../julia/sexpr.ts'

const tree = (source: string) =>
  parsePython(source)
    .map((st) => sexpr(st.expr as Expr))
    .join('; ')

const CASES: [rule: string, source: string, expected: string][] = [
  // Numbers and literals
  ['a float may end in its dot (the grammar patch)', 'x = 1.', '(= x 1.)'],
  ['floats with a trailing dot in a list', 'v = [0., 1., 0.]', '(= v (vect 0. 1. 0.))'],
  ['exponent after a bare dot', 'y = 2.e3', '(= y 2.e3)'],
  ['underscores in numbers are ignored', 'n = 1_000', '(= n 1_000)'],
  ['True, False and None', 'a = True; b = False; c = None', '(= a true); (= b false); (= c (block))'],
  ['strings: quotes and escapes', `s = 'a\\tb'`, '(= s "a\\tb")'],
  ['a raw string keeps its backslashes', `s = r'\\d'`, '(= s "\\\\d")'],
  ['adjacent strings join', `s = 'ab' "cd"`, '(= s "abcd")'],
  ['a dict with string keys is a record', 'p = {"w": W, "b": 0.}', '(= p (named w=W b=0.))'],
  ['a tuple in parentheses', 't = (1, 2)', '(= t (tuple 1 2))'],
  ['a one-tuple needs its comma', 't = (1,)', '(= t (tuple 1))'],
  ['parentheses alone group', 'y = (x)', '(= y x)'],
  // Operators
  ['** binds tighter than unary minus: -x**2 is -(x**2)', 'y = -x**2', '(= y (- (** x 2)))'],
  ['** is right-associative', 'y = a**b**c', '(= y (** a (** b c)))'],
  ['@ is matrix product, at * precedence, left-associative', 'y = A @ B @ x', '(= y (@ (@ A B) x))'],
  ['* and / before + and -', 'y = a + b * c - d / e', '(= y (- (+ a (* b c)) (/ d e)))'],
  ['// and % at * precedence', 'y = a // b % c', '(= y (% (// a b) c))'],
  ['unary plus', 'y = +x', '(= y (+ x))'],
  ['a < b < c is one chain, not (a < b) < c', 'ok = a < b < c', '(= ok (cmp a < b < c))'],
  ['a chain of mixed comparisons', 'ok = 0 <= i < n == m', '(= ok (cmp 0 <= i < n == m))'],
  ['a parenthesised comparison is not chained', 'ok = (a < b) < c', '(= ok (cmp (cmp a < b) < c))'],
  [
    'is not and not in are single operators',
    'a = x is not None; b = y not in z',
    '(= a (cmp x is not (block))); (= b (cmp y not in z))',
  ],
  [
    'and/or short-circuit; not binds looser than comparisons',
    'z = not a < b and c or d',
    '(= z (|| (&& (not (cmp a < b)) c) d))',
  ],
  ['a if c else b', 'y = x if x > 0 else -x', '(= y (? (cmp x > 0) x (- x)))'],
  // Indexing and slicing (0-based, stop excluded, negative from the end)
  ['one index', 'y = x[0]', '(= y (ref x 0))'],
  ['a negative index', 'y = x[-1]', '(= y (ref x (- 1)))'],
  ['a slice start:stop', 'y = x[1:3]', '(= y (ref x (: 1 3)))'],
  ['a slice with a step (third part)', 'y = x[0:6:2]', '(= y (ref x (: 0 2 6)))'],
  ['a reversed slice', 'y = x[::-1]', '(= y (ref x (: (- 1))))'],
  ['parts of a slice left out', 'y = x[:3]; z = x[2:]', '(= y (ref x (: 3))); (= z (ref x (: 2)))'],
  ['two indices, one a whole axis', 'y = A[:, 0]', '(= y (ref A : 0))'],
  ['a field and a call on it', 'g = jax.grad(f)', '(= g (call (. jax grad) f))'],
  ['a call of a call', 'g = jax.grad(f)(x)', '(= g (call (call (. jax grad) f) x))'],
  ['keyword arguments', 'h = jax.grad(f, argnums=1)', '(= h (call (. jax grad) f ; argnums=1))'],
  ['a tuple of argnums', 'h = jax.grad(f, argnums=(0, 1))', '(= h (call (. jax grad) f ; argnums=(tuple 0 1)))'],
  ['*args in a call is a splat', 'y = f(*xs)', '(= y (call f (... xs)))'],
  ['a method call', 'y = x.sum()', '(= y (call (. x sum)))'],
  [
    "x.at[i].set(v), JAX's functional update, is a call of the overlay's ·at with the index as values",
    'y = x.at[0].set(1.)',
    '(= y (call ·at "set" x 1. 0))',
  ],
  [
    "x.at[1:, 0].add(v): NumPy's slice start:stop:step is slice(start, stop, step), None where left out",
    'y = x.at[1:, 0].add(v)',
    '(= y (call ·at "add" x v (call ·slice 1 (block) (block)) 0))',
  ],
  [
    "x[:, None]: None (NumPy's newaxis) makes the index a call of ·getitem",
    'y = x[:, None]',
    '(= y (call ·getitem x (call ·slice (block) (block) (block)) (block)))',
  ],
  ["x[..., 0]: Ellipsis in an index (NumPy's indexing)", 'y = x[..., 0]', '(= y (call ·getitem x (call ·ellipsis) 0))'],
  [
    'an f-string is its literal text and formatted fields (PEP 498); {{ is a brace',
    'print(f"{{a}} {x:.3f}")',
    '(call print (call ·fstring "{a} " (call ·format x (call ·fstring ".3f") "")))',
  ],
  [
    'f"{x!r}" converts with repr; f"{x=}" writes the expression text first (Python 3.8)',
    's = f"{x!r}{x=}"',
    '(= s (call ·fstring (call ·format x "" "r") "x=" (call ·format x "" "r")))',
  ],
  // Assignment
  ['tuple unpacking', 'a, b = 1, 2', '(= (tuple a b) (tuple 1 2))'],
  ['unpacking a call', 'y, f_vjp = jax.vjp(f, x)', '(= (tuple y f_vjp) (call (. jax vjp) f x))'],
  ['nested unpacking', '(a, b), c = t', '(= (tuple (tuple a b) c) t)'],
  ['chained assignment binds right to left', 'a = b = 0.', '(= a (= b 0.))'],
  ['augmented assignment', 'x += 1; y **= 2; z @= A', '(+= x 1); (**= y 2); (@= z A)'],
  ['an annotated assignment keeps the value', 'x: float = 1.', '(= x 1.)'],
  ['an index on the left', 'x[0] = 1.', '(= (ref x 0) 1.)'],
  // Functions
  [
    'def with a body and return',
    'def f(x):\n    y = x * 2\n    return y',
    '(function f (x) (block:local (= y (* x 2)) (return y)))',
  ],
  [
    'defaults and keyword-only parameters',
    'def f(x, n=2, *, k=3):\n    return x',
    '(function f (x n=2 ;k=3) (block:local (return x)))',
  ],
  [
    'annotations are skipped',
    'def f(x: float, n: int = 2) -> float:\n    return x',
    '(function f (x n=2) (block:local (return x)))',
  ],
  [
    'return of several values is a tuple',
    'def f(x):\n    return x, 2 * x',
    '(function f (x) (block:local (return (tuple x (* 2 x)))))',
  ],
  ['a bare return', 'def f(x):\n    return', '(function f (x) (block:local (return)))'],
  ['a one-line body', 'def sq(x): return x * x', '(function sq (x) (block:local (return (* x x))))'],
  [
    'a docstring is an ordinary first statement',
    'def f(x):\n    """Doc."""\n    return x',
    '(function f (x) (block:local "Doc." (return x)))',
  ],
  ['lambda', 'f = lambda x: x ** 2', '(= f (-> (x) (** x 2)))'],
  ['lambda with several parameters and a default', 'f = lambda x, y=1.: x * y', '(= f (-> (x y=1.) (* x y)))'],
  ['lambda without parameters', 'f = lambda: 1', '(= f (-> () 1))'],
  [
    'a decorator is f = deco(f)',
    '@jax.jit\ndef f(x):\n    return x',
    '(= f (call (. jax jit) (function f (x) (block:local (return x)))))',
  ],
  [
    'decorators apply innermost first',
    '@a\n@b\ndef f(x):\n    return x',
    '(= f (call a (call b (function f (x) (block:local (return x))))))',
  ],
  // Control flow
  [
    'if / elif / else',
    'if x > 0:\n    s = 1\nelif x < 0:\n    s = -1\nelse:\n    s = 0',
    '(if (cmp x > 0) (block (= s 1)) (cmp x < 0) (block (= s (- 1))) (block (= s 0)))',
  ],
  ['for over a range', 'for i in range(3):\n    s += i', '(for i (call range 3) (block (+= s i)))'],
  [
    'for with tuple unpacking',
    'for i, x in enumerate(xs):\n    s += i * x',
    '(for (tuple i x) (call enumerate xs) (block (+= s (* i x))))',
  ],
  [
    'while with break and continue',
    'while True:\n    if x:\n        break\n    continue',
    '(while true (block (if x (block (break))) (continue)))',
  ],
  ['pass is an empty block', 'if x:\n    pass', '(if x (block (block)))'],
  ['a list comprehension', 'ys = [x * 2 for x in xs]', '(= ys (comprehension (* x 2) (for x xs)))'],
  [
    'a comprehension with a condition',
    'ys = [x for x in xs if x > 0]',
    '(= ys (comprehension x (for x xs (if (cmp x > 0)))))',
  ],
  [
    'two for clauses, outer first',
    'ps = [i * j for i in a for j in b]',
    '(= ps (comprehension (* i j) (for i a) (for j b)))',
  ],
  [
    'with ... as (a tape held open over its block)',
    'with tf.GradientTape() as tape:\n    y = x * x',
    '(with (call (. tf GradientTape)) tape (block (= y (* x x))))',
  ],
  [
    'nested with items are nested blocks',
    'with A() as a, B() as b:\n    y = 1',
    '(with (call A) a (block (with (call B) b (block (= y 1)))))',
  ],
  // Imports
  ['import ... as', 'import jax.numpy as jnp', '(using jax.numpy as jnp)'],
  ['import binds the top module', 'import jax', '(using jax)'],
  [
    'from ... import binds each name',
    'from jax import grad, jacfwd as jf',
    '(block (using jax.grad as grad) (using jax.jacfwd as jf))',
  ],
  ['from a dotted module', 'from torch.func import hessian', '(using torch.func.hessian as hessian)'],
  // Statements on one line, and comments
  ['; separates statements', 'a = 1; b = 2', '(= a 1); (= b 2)'],
  ['comments are ignored', 'a = 1  # one\n# alone\nb = 2', '(= a 1); (= b 2)'],
  ['a statement continues inside brackets', 'y = f(1,\n      2)', '(= y (call f 1 2))'],
  ['a backslash continues a line', 'y = 1 + \\\n    2', '(= y (+ 1 2))'],
]

describe('Python front-end: lowering', () => {
  it.each(CASES)('%s', (_rule, source, expected) => {
    expect(tree(source)).toBe(expected)
  })

  it("keeps each statement's line and column, and a trailing ; silences it", () => {
    const st = parsePython('a = 1\nb = 2;\nif a:\n    c = 3')
    expect(st.map((s) => [s.line, s.column, s.silent])).toEqual([
      [1, 1, false],
      [2, 1, true],
      [3, 1, false],
    ])
    const inner = st[2]!.expr
    expect(inner.kind === 'if' && inner.branches[0]!.body.body[0]!.pos).toMatchObject({ line: 4, column: 5 })
  })

  it('a def keeps its text as typed, for display', () => {
    const [st] = parsePython('def f(x):\n    # double it\n    return x * 2')
    expect(st!.expr.kind === 'function' && st!.expr.text).toBe('def f(x):\n    # double it\n    return x * 2')
  })

  it('names, calls, operators and indexing carry the dialect python', () => {
    const [st] = parsePython('y = f(x[0] + 1)')
    const assign = st!.expr
    expect(assign.kind).toBe('assign')
    const call = assign.kind === 'assign' ? assign.value : null
    expect(call).toMatchObject({ kind: 'call', dialect: 'python', callee: { kind: 'name', dialect: 'python' } })
    expect(call?.kind === 'call' && call.args[0]).toMatchObject({
      kind: 'binary',
      dialect: 'python',
      left: { kind: 'index', base: 0, negativeFromEnd: true, dialect: 'python' },
    })
  })

  it('a slice excludes its stop', () => {
    const [st] = parsePython('x[1:3]')
    const index = st!.expr
    expect(index.kind === 'index' && index.indices[0]).toMatchObject({ kind: 'range', inclusive: false })
  })
})

const REFUSED: [what: string, source: string, says: RegExp][] = [
  ['a class', 'class Model:\n    pass', /classes are not supported.*dict/],
  ['*args', 'def f(*args):\n    return 1', /\*args parameters are not supported/],
  ['**kwargs', 'def f(**kw):\n    return 1', /\*\*kw parameters are not supported/],
  ['a generator expression', 's = sum(x**2 for x in xs)', /generator expression.*list comprehension/],
  ['try', 'try:\n    x = 1\nexcept:\n    x = 2', /try\/except is not supported/],
  ['global', 'def f():\n    global n\n    return n', /global and nonlocal are not supported/],
  ['a lambda with *args', 'f = lambda *a: 1', /\*a parameters are not supported/],
  ['complex numbers', 'z = 1j', /complex numbers/],
  [
    'an update JAX has that is not built in here',
    'y = x.at[0].apply(f)',
    /x\.at\[i\]\.apply is not supported.*\.set\(v\)/,
  ],
  [
    'x.at[i] with an out-of-bounds mode',
    'y = x.at[5].set(1., mode="drop")',
    /mode=\.\.\.\) is not supported here: indices must be in bounds/,
  ],
  ['... outside an index', 'y = ...', /only understood inside an index/],
  ['del', 'del x', /del is not supported/],
  ['a set', 's = {1, 2}', /sets are not supported/],
  ['Python 2 print', 'print x', /print without parentheses/],
]

describe('Python front-end: constructs refused where they run, with what to write', () => {
  it.each(REFUSED)('%s', (_what, source, says) => {
    const found: string[] = []
    const visit = (node: unknown): void => {
      if (node === null || typeof node !== 'object') return
      const n = node as { kind?: string; message?: string }
      if (n.kind === 'unsupported') found.push(n.message!)
      for (const v of Object.values(node)) visit(v)
    }
    visit(parsePython(source))
    expect(found.join(' | ')).toMatch(says)
    expect(found.join(' ')).toMatch(/at line \d+, column \d+/)
  })
})

const ERRORS: [what: string, source: string, message: RegExp, line: number][] = [
  ['a def without its colon', 'def f(x)\n    return x', /def line .* must end with a colon/, 1],
  ['an unclosed bracket', 'x = (1, 2\ny = 3', /\( at line 1, column 5 is never closed/, 2],
  ['a closer never opened', 'x = 1)', /closes a bracket that was never opened/, 1],
  ['an operator with nothing after it', 'y = 3 +', /has nothing after it/, 1],
  ['a missing block', 'if x:\ny = 2', /a block is expected here/, 2],
  ['indentation at the top of a cell', '  x = 1', /unexpected indentation/, 1],
  ['a pasted prompt', '>>> x = 1', /pasted from a Python prompt/, 1],
  ['IPython prompts too', 'In [3]: x = 1', /pasted from a Python prompt/, 1],
  [
    'in a long expression, the operator with nothing after it, by column, not the whole line',
    'y = jnp.sum(jnp.exp(A @ x) + jnp.log(jnp.tanh(B @ x) * 2.0 +) * jnp.sin(C @ x))',
    /^[^"]*the \+ at column 60 has nothing after it: a value is expected before \)$/,
    1,
  ],
  [
    'two values in a row: the comma or operator missing, between what',
    'loss = jnp.mean((m(p, X) - Y) ** 2 + 0.01 * jnp.sum(p["w"] ** 2) jnp.sum(p["b"] ** 2))',
    /two values in a row at column 66: a comma or an operator is missing between \) and jnp$/,
    1,
  ],
  ['two operators in a row', 'x = 1 +* 2', /\* cannot follow \+ \(column 8\): a value is expected between them/, 1],
]

describe('Python front-end: syntax errors say what and where, and nothing runs', () => {
  it.each(ERRORS)('%s', (_what, source, message, line) => {
    let error: unknown
    try {
      parsePython(source)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toMatch(message)
    expect((error as { span?: { line: number } }).span?.line).toBe(line)
  })
})
