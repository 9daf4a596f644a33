/**
 * The notebook language's own syntax tree: what every front-end (today `ad`, mathjs syntax;
 * next Julia and Python) lowers its concrete syntax into, and the only tree the interpreter,
 * the cell analysis and the printers (LaTeX, source text) walk.
 *
 * Choices that differ between languages are made by the front-end and written into the tree,
 * never guessed by the interpreter: the base of indexing (`Index.base`), whether a range
 * includes its end (`Range.inclusive`), whether `c ? a : b` chooses elementwise
 * (`Ternary.elementwise`), and whether `&&` short-circuits (`Logical`) or `and` works on whole
 * arrays (`Binary` with op 'and'). Sugar is lowered away by the front-end: Julia's `do` block is
 * a call whose first argument is a `Lambda`; `f'` of a function is whatever call the front-end
 * chooses; Python's `a < b < c` is a `Compare` chain.
 */

/**
 * The language a node was written in, where meanings differ: which builtin a bare name means
 * (Julia's `gradient` returns a tuple), how a matrix is walked by one index or a loop (Julia
 * counts down columns), and how `.+` stretches shapes. Absent means `ad`.
 */
export type Dialect = 'julia' | 'python'

/** Where a node's text is in the cell: 1-based line and column, 0-based offset, length in characters. */
export interface Position {
  line: number
  column: number
  offset: number
  length: number
}

interface At {
  /** Where the node is. The `ad` front-end knows only statements' places (mathjs keeps none). */
  pos: Position
}

// -----------------------------------------------------------------------------------------------
// Expressions

export interface NumberLit extends At {
  kind: 'number'
  value: number
  /** The literal as written ("1e-20", "0.5"), for printing. */
  raw: string
}

export interface StringLit extends At {
  kind: 'string'
  value: string
}

export interface BooleanLit extends At {
  kind: 'boolean'
  value: boolean
}

export interface Name extends At {
  kind: 'name'
  name: string
  /** Builtins are looked up in this language's overlay first, then in the core table. */
  dialect?: Dialect
}

/** Parentheses as written: evaluation looks through them, printers keep them. */
export interface Paren extends At {
  kind: 'paren'
  expr: Expr
}

/**
 * A prefix or postfix operator. `op` is spelled as the front-end wrote it ('-', '+', 'not', '!',
 * "'" for the adjoint); `broadcast` marks Julia's `.-x`.
 */
export interface Unary extends At {
  kind: 'unary'
  op: string
  operand: Expr
  postfix: boolean
  broadcast: boolean
  dialect?: Dialect
}

/**
 * A binary operator. `op` is the operator without its broadcasting dot ('*' for both `*` and
 * `.*`, '+' for `.+`); `broadcast` says the dot was there. `implicit` marks `2x` (mathjs), where
 * a function value on the left makes it a call: `f(x)(2)`.
 */
export interface Binary extends At {
  kind: 'binary'
  op: string
  left: Expr
  right: Expr
  broadcast: boolean
  implicit: boolean
  /** Julia stretches a column against a row (`.+` of a 3-vector and a 1×3 gives 3×3); numpy aligns from the right. */
  dialect?: Dialect
}

/** `a < b <= c`: each comparison of the chain, all of which must hold. */
export interface Compare extends At {
  kind: 'compare'
  ops: string[]
  operands: Expr[]
  /** Julia: a comparison of numbers is true or false, and == compares whole arrays. */
  dialect?: Dialect
}

/** Short-circuit `&&` / `||` (Julia, Python's `and`/`or`): the right side runs only if needed. */
export interface Logical extends At {
  kind: 'logical'
  op: '&&' | '||'
  left: Expr
  right: Expr
}

/** `c ? a : b` (also Python's `a if c else b`); `elementwise` lets a tensor condition choose per element (ad). */
export interface Ternary extends At {
  kind: 'ternary'
  condition: Expr
  then: Expr
  otherwise: Expr
  elementwise: boolean
}

export interface Keyword extends At {
  name: string
  value: Expr
}

/** `f(x, y; k = 1)`; `broadcast` marks `f.(x)`. */
export interface Call extends At {
  kind: 'call'
  callee: Expr
  args: Expr[]
  keywords: Keyword[]
  broadcast: boolean
  dialect?: Dialect
}

/** `xs...` in a call or a literal (Julia splatting, Python's `*xs`). */
export interface Splat extends At {
  kind: 'splat'
  expr: Expr
}

/**
 * `x[i, j]`. `base` is the index of the first element (1 in ad and Julia, 0 in Python); Python
 * also counts negative indices from the end. Inside the brackets the name `end` is the length
 * of the dimension being indexed.
 */
export interface Index extends At {
  kind: 'index'
  object: Expr
  indices: Expr[]
  base: 0 | 1
  negativeFromEnd: boolean
  /** Julia: one index into a matrix counts down its columns (`A[k]`, `A[:]`). */
  dialect?: Dialect
}

/** `p.back`: a field of a record (or a module's member, `Zygote.gradient`). */
export interface Field extends At {
  kind: 'field'
  object: Expr
  name: string
  /** Python: an array's attributes and methods (x.T, x.sum()). */
  dialect?: Dialect
}

/**
 * `start:stop`, `start:step:stop` (step in the middle, as mathjs and Julia write it); Python's
 * slices leave parts out and exclude `stop`.
 */
export interface Range extends At {
  kind: 'range'
  start: Expr | null
  step: Expr | null
  stop: Expr | null
  inclusive: boolean
}

/**
 * `[a, b, c]`: a list of entries; entries that are themselves arrays make a matrix (ad's
 * `[1, 2; 3, 4]` and `[[1, 2], [3, 4]]` alike, as mathjs parses both).
 */
export interface ArrayLit extends At {
  kind: 'array'
  items: Expr[]
  /** Julia: `[v, w]` of vectors is a vector of vectors, not a matrix. */
  dialect?: Dialect
}

/** Julia's `[a b; c d]`: rows of blocks concatenated side by side, then stacked. */
export interface Concat extends At {
  kind: 'concat'
  rows: Expr[][]
}

export interface Tuple extends At {
  kind: 'tuple'
  items: Expr[]
}

/** `{a: 1, b: x}` (ad), `(a = 1, b = x)` (a Julia named tuple), `{'a': 1}` (a Python dict). */
export interface RecordLit extends At {
  kind: 'record'
  fields: { name: string; value: Expr }[]
}

export interface Param extends At {
  name: string
  /** A default value, `f(x, n = 2)`. */
  default?: Expr
  /** After `;` in Julia, keyword-only in Python. */
  keyword?: boolean
  /** `args...` / `*args`. */
  rest?: boolean
}

/**
 * A function: `f(x) = body` (ad, Julia), `function f(x) ... end`, `def f(x): ...`, and anonymous
 * `x -> body`, `lambda x: body`. `name` is for messages and display; `defines` says whether
 * evaluating it binds that name in the current scope (an ad definition written as an argument,
 * `gradient(q(v) = ..., x)`, keeps its name for display but binds nothing).
 */
export interface Lambda extends At {
  kind: 'function'
  name: string | null
  params: Param[]
  body: Expr
  defines: boolean
  /** The definition exactly as typed, shown as the function's value (front-ends that keep positions). */
  text?: string
  /** Python: every parameter may also be given by name. */
  dialect?: Dialect
  /**
   * A derivative rule of the function `of` (ChainRules' rrule/frule, Zygote's @adjoint): `name`
   * is then "rrule(f)", the name the cell defines, so rules of f and g in two cells do not clash.
   */
  rule?: RuleOf
}

export type RuleKind = 'rrule' | 'frule' | 'adjoint'

export interface RuleOf {
  kind: RuleKind
  of: string
}

/** What an assignment writes to: a name, `a, b = ...` (destructuring), `x[i] = ...`, `r.f = ...`. */
export type Target = Name | TupleTarget | Index | Field

export interface TupleTarget extends At {
  kind: 'tuple-target'
  items: Target[]
}

/** `x = v`, `x += v` (op '+'); its value is the value assigned, so `a = b = 3` chains. */
export interface Assign extends At {
  kind: 'assign'
  target: Target
  value: Expr
  op: string | null
}

/**
 * Statements in order; the value is the last one's. `scope` 'local' opens a scope (Julia's
 * `let`, a function body); 'shared' does not (`begin`, a cell's top level).
 */
export interface Block extends At {
  kind: 'block'
  body: Expr[]
  scope: 'local' | 'shared'
}

/** if / elseif / else; a missing else gives nothing. */
export interface If extends At {
  kind: 'if'
  branches: { condition: Expr; body: Block }[]
  otherwise: Block | null
}

export interface While extends At {
  kind: 'while'
  condition: Expr
  body: Block
  /** Python's loop has no scope of its own. */
  dialect?: Dialect
}

/** `for x in xs`, `for (i, x) in pairs`: each iteration has its own scope for the loop variable. */
export interface For extends At {
  kind: 'for'
  target: Target
  iterable: Expr
  body: Block
  /** Julia walks a matrix down its columns. */
  dialect?: Dialect
}

export interface Jump extends At {
  kind: 'break' | 'continue'
}

export interface Return extends At {
  kind: 'return'
  value: Expr | null
}

/** Python's `[e for x in xs if c]` (and Julia's `[e for x in xs]`). */
export interface Comprehension extends At {
  kind: 'comprehension'
  expr: Expr
  clauses: { target: Target; iterable: Expr; condition: Expr | null }[]
  dialect?: Dialect
}

/** Python's `with tf.GradientTape() as tape:`: a context held open across a block. */
export interface With extends At {
  kind: 'with'
  context: Expr
  target: Target | null
  body: Block
}

/** `using Zygote`, `import jax.numpy as jnp`: a module path and the name it is bound to. */
export interface Import extends At {
  kind: 'import'
  module: string[]
  alias: string | null
  /** Python binds `import a.b` as a, and its modules are its own. */
  dialect?: Dialect
}

/**
 * A construct the front-end recognised but the language does not support, kept so that the
 * error is raised where (and only if) it is evaluated. `text` is how it was written.
 */
export interface Unsupported extends At {
  kind: 'unsupported'
  message: string
  text: string
  /** It stands where a literal would (mathjs's `undefined`), and is printed as one. */
  literal: boolean
}

export type Expr =
  | NumberLit
  | StringLit
  | BooleanLit
  | Name
  | Paren
  | Unary
  | Binary
  | Compare
  | Logical
  | Ternary
  | Call
  | Splat
  | Index
  | Field
  | Range
  | ArrayLit
  | Concat
  | Tuple
  | RecordLit
  | Lambda
  | Assign
  | Block
  | If
  | While
  | For
  | Jump
  | Return
  | Comprehension
  | With
  | Import
  | Unsupported

/** Any node of the tree: an expression, or a destructuring target. */
export type SyntaxNode = Expr | TupleTarget
