/**
 * A learner's answer to an exercise: read as numbers, compared with the expected value, and
 * answered with feedback that teaches. The page imports this, so it stays small and parses by
 * hand (no mathjs): numbers, `[1, 2; 3, 4]`, `[[1, 2], [3, 4]]`, `1 2 3`, arithmetic with
 * `+ - * / ^`, `sqrt`, `pi`, `e`. Names are refused: an answer computed by the notebook
 * predicts nothing.
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
const FORMS = 'Answer with numbers, e.g. `86`, `-1/2`, `[16, 44, 64]` or `[1, 2; 3, 4]`.'

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
  const re = /\s*(?:(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|([-+*/^()[\],;]))/y
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
    const base = this.atom()
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
      this.expect(')', 'A bracket “(”')
      return v
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

const sameShape = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((n, i) => n === b[i])

/** Reads a learner's answer; throws an AnswerError that says how to write it. */
export function parseAnswer(text: string): Numbers {
  const t = new Parser(tokenize(text)).answer()
  if (t.data.some((x) => !Number.isFinite(x)))
    throw new AnswerError('That is not a finite number: an entry is too large (beyond about 1.8e308)')
  return t
}

/**
 * Numbers as an answer is typed: `86`, `[16, 44, 64]`, `[1, 2; 3, 4]`, and nested brackets beyond
 * two dimensions. With digits, numbers are rounded for reading; without, they read back exactly.
 */
export function formatNumbers(t: Numbers, digits?: number): string {
  const num = (x: number) => String(digits === undefined ? x : Number(x.toPrecision(digits)))
  const nested = (shape: number[], data: number[]): string => {
    if (shape.length === 0) return num(data[0]!)
    const size = data.length / shape[0]!
    const parts = Array.from({ length: shape[0]! }, (_, i) =>
      nested(shape.slice(1), data.slice(i * size, (i + 1) * size)),
    )
    return `[${parts.join(', ')}]`
  }
  // One row written [a, b] would read back as a vector: it keeps the nested form [[a, b]].
  if (t.shape.length === 2 && t.shape[0]! > 1) {
    const [m, n] = t.shape as [number, number]
    const rows = Array.from({ length: m }, (_, i) =>
      t.data
        .slice(i * n, (i + 1) * n)
        .map(num)
        .join(', '),
    )
    return `[${rows.join('; ')}]`
  }
  return nested(t.shape, t.data)
}

/** "a number", "a vector of 3", "a 2×3 matrix": the words feedback uses for a shape. */
export function describeNumbers(shape: readonly number[]): string {
  if (shape.length === 0) return 'a number'
  if (shape.length === 1) return `a vector of ${shape[0]}`
  if (shape.length === 2) return `a ${shape[0]}×${shape[1]} matrix`
  return `an array of shape ${shape.join('×')}`
}

/** Equal shapes, and every entry within tolerance * max(1, |expected|) (AUTHORING.md). */
export function close(given: Numbers, expected: Numbers, tolerance: number): boolean {
  return (
    sameShape(given.shape, expected.shape) &&
    given.data.every((g, i) => {
      const e = expected.data[i]!
      return Math.abs(g - e) <= tolerance * Math.max(1, Math.abs(e))
    })
  )
}

/** What an answer's shape says, when it is not the expected one; null when the shapes agree. */
export function shapeMismatch(given: Numbers, expected: Numbers): string | null {
  if (sameShape(given.shape, expected.shape)) return null
  const [m, n] = given.shape
  const column =
    given.shape.length === 2 && n === 1 && expected.shape.length === 1 && expected.shape[0] === m
      ? ' Write a vector in one row, as `[a, b, c]`.'
      : ''
  return `Your answer is ${describeNumbers(given.shape)}, but the answer is ${describeNumbers(expected.shape)}.${column}`
}

export interface Judgement {
  kind: 'right' | 'wrong' | 'shape' | 'unreadable'
  /** Markdown: hints may carry math. */
  message: string
  /** A general hint was shown, so the next wrong answer shows the one after it. */
  usedHint: boolean
}

/** An expression's value as the worker sends it: numbers, or why there are none. */
export type ExpectedValue = { ok: true; value: Numbers } | { ok: false; error: string }

export interface Expected {
  /** The value of the exercise's answer expression. */
  answer: Numbers
  /** Expected mistakes: each value (when it evaluated) and what to say about it. */
  wrong: { value?: Numbers; hint: string }[]
  hints: readonly string[]
  tolerance: number
}

const NUDGES = [
  'Not yet. Work it through from the cells above, one step at a time.',
  'Still not it. Check each entry against what the operation does; Hint can help.',
  'Not this one either. Reveal the answer if you are stuck, then see why it is what it is.',
]

/** The next general hint, when one is left. */
export function nextHint(hints: readonly string[], hintsShown: number): string | undefined {
  return hints[hintsShown]
}

/** An encouraging nudge when no general hint is left; the count of wrong answers varies it. */
export function nudge(wrongSoFar: number): string {
  return NUDGES[Math.min(wrongSoFar, NUDGES.length - 1)]!
}

/**
 * Judges the learner's text against the expected value: unreadable text is said so; a right
 * answer is right; an answer that matches an expected mistake gets its targeted hint; a wrong
 * shape is said so with both shapes; any other answer gets the next general hint, else a nudge
 * (each after what is recognisably off: the sign, or a transpose).
 */
export function judge(text: string, expected: Expected, hintsShown: number, wrongSoFar: number): Judgement {
  let given: Numbers
  try {
    given = parseAnswer(text)
  } catch (err) {
    if (err instanceof AnswerError) return { kind: 'unreadable', message: err.message, usedHint: false }
    throw err
  }
  if (close(given, expected.answer, expected.tolerance)) return { kind: 'right', message: 'Right!', usedHint: false }
  // Before the shape: an expected mistake may have another shape (a Jacobian for a gradient).
  const mistake = expected.wrong.find((w) => w.value && close(given, w.value, expected.tolerance))
  if (mistake) return { kind: 'wrong', message: mistake.hint, usedHint: false }
  const shape = shapeMismatch(given, expected.answer)
  if (shape) return { kind: 'shape', message: shape, usedHint: false }
  const hint = nextHint(expected.hints, hintsShown)
  const message = hint === undefined ? nudge(wrongSoFar) : `Not yet. Hint: ${hint}`
  return { kind: 'wrong', message: observation(given, expected) + message, usedHint: hint !== undefined }
}

/** Mistakes any exercise can recognise: the sign flipped, or a matrix transposed. */
function observation(given: Numbers, expected: Expected): string {
  const { answer, tolerance } = expected
  if (answer.data.some((x) => x !== 0) && close({ ...given, data: given.data.map((x) => -x) }, answer, tolerance))
    return 'The sizes are right but the sign is flipped. '
  if (answer.shape.length === 2 && answer.shape[0] === answer.shape[1] && close(transpose(given), answer, tolerance))
    return 'That is the transpose of the answer: rows and columns are swapped. '
  return ''
}

function transpose(t: Numbers): Numbers {
  const [m, n] = t.shape as [number, number]
  return { shape: [n, m], data: Array.from({ length: m * n }, (_, k) => t.data[(k % m) * n + Math.floor(k / m)]!) }
}
