/**
 * Reading a learner's answer to an exercise as numbers. The page imports this, so it stays
 * small and parses by hand (no mathjs): numbers, `[1, 2; 3, 4]`, `[[1, 2], [3, 4]]`, `1 2 3`, Julia's tuples
 * `(3, -4)` and adjoints `[3 -4]'`, arithmetic with `+ - * / ^`, `sqrt`, `pi`, `e`. Names are
 * refused: an answer computed by the notebook predicts nothing.
 */

/** Numbers with a shape, row-major: [] for a number, [n] for a vector, [m, n] for a matrix. */
export interface Numbers {
  shape: number[]
  data: number[]
}

/** The learner's text cannot be read as numbers; the message says how to write it. */
export class AnswerError extends Error {}

/**
 * How many brackets, signs and powers an answer may nest inside one another. Answers nest a few
 * levels; the limit stops a pasted `((((…` from overflowing the page's stack with no feedback.
 */
export const MAX_ANSWER_NESTING = 100

/** Markdown: the page renders feedback, and code spans keep `*` and `[` literal. */
const FORMS = 'Answer with numbers, e.g. `86`, `-1/2`, `[16, 44, 64]`, `(3, -4)` or `[1 2; 3 4]`.'

interface Token {
  kind: 'num' | 'name' | 'op'
  text: string
  value: number
  /** Whitespace comes before it: in `1 -2` the minus starts a new entry. */
  space: boolean
}

function tokenize(input: string): Token[] {
  const text = input.replace(/\u2212/g, '-').replace(/π/g, 'pi')
  const tokens: Token[] = []
  const re = /\s*(?:(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|([-+*/^()[\],;']))/y
  let at = 0
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break
    re.lastIndex = at
    const m = re.exec(text)
    if (!m) throw new AnswerError(`I cannot read “${text.slice(at).trim()[0]}” in an answer. ${FORMS}`)
    const space = at === 0 || /^\s/.test(text.slice(at))
    if (m[1] !== undefined) tokens.push({ kind: 'num', text: m[1], value: Number(m[1]), space })
    else if (m[2] !== undefined) tokens.push({ kind: 'name', text: m[2], value: NaN, space })
    else tokens.push({ kind: 'op', text: m[3]!, value: NaN, space })
    at = re.lastIndex
  }
  return tokens
}

type Item = number | Numbers

class Parser {
  private i = 0
  /** How deep the reading is: every nested bracket, sign or power passes through unary(). */
  private depth = 0
  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.i + offset]
  }

  private is(text: string): boolean {
    const t = this.peek()
    return t?.kind === 'op' && t.text === text
  }

  private expect(text: string, what: string): void {
    if (!this.is(text)) throw new AnswerError(`${what} is missing a “${text}”`)
    this.i++
  }

  /** The whole answer: entries separated by commas or spaces, rows by ';' (brackets optional). */
  answer(): Numbers {
    if (this.tokens.length === 0) throw new AnswerError(`Type an answer first. ${FORMS}`)
    const rows = this.rows(true)
    const extra = this.peek()
    if (extra) throw new AnswerError(`I did not expect “${extra.text}” there. ${FORMS}`)
    if (rows.length === 1 && rows[0]!.length === 1) {
      const only = rows[0]![0]!
      return typeof only === 'number' ? { shape: [], data: [only] } : only
    }
    return assemble(rows)
  }

  private rows(top: boolean): Item[][] {
    const rows: Item[][] = [[]]
    for (;;) {
      const t = this.peek()
      if (!t && !top) throw new AnswerError('A bracket “[” is missing a “]”')
      if (!t || (t.kind === 'op' && t.text === ']')) break
      const row = rows[rows.length - 1]!
      if (this.is(';')) {
        this.i++
        rows.push([])
        continue
      }
      if (this.is(',')) {
        if (row.length === 0) throw new AnswerError(`An entry is missing before a comma. ${FORMS}`)
        this.i++
        row.push(this.sum(true))
        continue
      }
      if (row.length > 0 && !t.space)
        throw new AnswerError(
          `Put an operator, a comma or a space between “${this.tokens[this.i - 1]!.text}” and “${t.text}”`,
        )
      row.push(this.sum(true))
    }
    if (rows.some((r) => r.length === 0))
      throw new AnswerError(top ? `Type an answer first. ${FORMS}` : `A row is empty. ${FORMS}`)
    return rows
  }

  /** Terms joined by + and -; in a list, ` -2` (space before, none after) starts the next entry. */
  private sum(inList: boolean): number | Numbers {
    let left = this.product(inList)
    for (;;) {
      const t = this.peek()
      if (!t || t.kind !== 'op' || (t.text !== '+' && t.text !== '-')) return left
      const next = this.peek(1)
      if (inList && t.space && next && !next.space) return left
      this.i++
      const right = this.product(inList)
      left = arith(left, right, t.text === '+' ? (a, b) => a + b : (a, b) => a - b)
    }
  }

  private product(inList: boolean): number | Numbers {
    let left = this.unary(inList)
    while (this.is('*') || this.is('/')) {
      const op = this.peek()!.text
      this.i++
      const right = this.unary(inList)
      const dividend = left
      left = arith(left, right, op === '*' ? (a, b) => a * b : (a, b) => a / b)
      if (op === '/' && right === 0)
        throw new AnswerError(`${String(dividend)}/0 divides by zero, which gives no number`)
    }
    return left
  }

  private unary(inList: boolean): number | Numbers {
    if (++this.depth > MAX_ANSWER_NESTING)
      throw new AnswerError(
        `The answer nests brackets, signs or powers more than ${MAX_ANSWER_NESTING} deep, too deep to read. ${FORMS}`,
      )
    try {
      return this.signed(inList)
    } finally {
      this.depth--
    }
  }

  private signed(inList: boolean): number | Numbers {
    if (this.is('-') || this.is('+')) {
      const minus = this.is('-')
      this.i++
      const v = this.unary(inList)
      return minus ? arith(v, 0, (a) => -a) : v
    }
    let base = this.atom()
    // Julia's adjoint: [3 -4]' is a column, a matrix' its transpose.
    while (this.is("'")) {
      this.i++
      base = adjoint(base)
    }
    if (!this.is('^')) return base
    this.i++
    const exponent = this.unary(inList)
    const power = arith(base, exponent, (a, b) => a ** b)
    if (Number.isNaN(power) && !Number.isNaN(base) && !Number.isNaN(exponent))
      throw new AnswerError(
        `${base} to the power ${exponent} is not a real number: a negative number has no real fractional power`,
      )
    return power
  }

  private atom(): number | Numbers {
    const t = this.peek()
    if (!t) throw new AnswerError(`The answer ends too early. ${FORMS}`)
    this.i++
    if (t.kind === 'num') return t.value
    if (t.kind === 'name') {
      if (t.text === 'pi') return Math.PI
      if (t.text === 'e') return Math.E
      if (t.text === 'sqrt') {
        this.expect('(', 'sqrt(...)')
        const v = arith(this.sum(false), 0, (a) => a)
        this.expect(')', 'sqrt(...)')
        if (v < 0) throw new AnswerError(`sqrt(${v}): the square root of a negative number is not a real number`)
        return Math.sqrt(v)
      }
      throw new AnswerError(
        `“${t.text}” is a name. ${FORMS} Work the value out rather than computing it in the notebook (\`+ - * / ^\`, \`sqrt\`, \`pi\` and \`e\` are fine).`,
      )
    }
    if (t.text === '(') {
      const v = this.sum(false)
      if (!this.is(',')) {
        this.expect(')', 'A bracket “(”')
        return v
      }
      // A tuple, (3, -4) or (3,): its numbers as a vector.
      const items = [v]
      while (this.is(',')) {
        this.i++
        if (this.is(')')) break
        items.push(this.sum(false))
      }
      this.expect(')', 'A tuple “(”')
      if (items.some((x) => typeof x !== 'number'))
        throw new AnswerError('A tuple holds numbers here, e.g. `(3, -4)`; write a matrix as `[1 2; 3 4]`')
      return { shape: [items.length], data: items as number[] }
    }
    if (t.text === '[') {
      const rows = this.rows(false)
      this.expect(']', 'A bracket “[”')
      return assemble(rows)
    }
    throw new AnswerError(`I did not expect “${t.text}” there. ${FORMS}`)
  }
}

/** Arithmetic is on single numbers; a whole vector or matrix is written out entry by entry. */
function arith(a: number | Numbers, b: number | Numbers, f: (a: number, b: number) => number): number {
  if (typeof a !== 'number' || typeof b !== 'number')
    throw new AnswerError('Arithmetic works on single numbers here: write out each entry, e.g. `[2*3, 1/2]`')
  return f(a, b)
}

/** The adjoint of a number (itself), a vector (a 1×n row) or a matrix (its transpose). */
function adjoint(v: number | Numbers): number | Numbers {
  if (typeof v === 'number') return v
  if (v.shape.length === 1) return { shape: [1, v.shape[0]!], data: v.data }
  if (v.shape.length === 2) return transpose(v)
  throw new AnswerError(`' transposes a vector or a matrix, not ${describeNumbers(v.shape)}`)
}

/** Rows of entries as one tensor: [1, 2; 3, 4] is a matrix, [[1, 2], [3, 4]] stacks its rows. */
function assemble(rows: Item[][]): Numbers {
  const scalars = rows.every((r) => r.every((x) => typeof x === 'number'))
  if (scalars) {
    const n = rows[0]!.length
    if (rows.some((r) => r.length !== n))
      throw new AnswerError('Every row of a matrix needs the same number of entries')
    const data = rows.flat() as number[]
    return { shape: rows.length === 1 ? [n] : [rows.length, n], data }
  }
  const items = rows.length === 1 ? rows[0]! : null
  const first = items?.[0]
  if (
    !items ||
    typeof first === 'number' ||
    items.some((x) => typeof x === 'number' || !sameShape(x.shape, first!.shape))
  )
    throw new AnswerError('Write a matrix as `[1, 2; 3, 4]` or `[[1, 2], [3, 4]]`, with rows of the same length')
  return { shape: [items.length, ...first!.shape], data: (items as Numbers[]).flatMap((x) => x.data) }
}

export const sameShape = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((n, i) => n === b[i])

/** Reads a learner's answer; throws an AnswerError that says how to write it. */
export function parseAnswer(text: string): Numbers {
  const t = new Parser(tokenize(text)).answer()
  if (t.data.some((x) => !Number.isFinite(x)))
    throw new AnswerError('That is not a finite number: an entry is too large (beyond about 1.8e308)')
  return t
}

/** "a number", "a vector of 3", "a 2×3 matrix": the words feedback uses for a shape. */
export function describeNumbers(shape: readonly number[]): string {
  if (shape.length === 0) return 'a number'
  if (shape.length === 1) return `a vector of ${shape[0]}`
  if (shape.length === 2) return `a ${shape[0]}×${shape[1]} matrix`
  return `an array of shape ${shape.join('×')}`
}

/** A matrix with rows and columns swapped. */
export function transpose(t: Numbers): Numbers {
  const [m, n] = t.shape as [number, number]
  return { shape: [n, m], data: Array.from({ length: m * n }, (_, k) => t.data[(k % m) * n + Math.floor(k / m)]!) }
}
