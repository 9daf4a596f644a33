/**
 * A learner's answer to an exercise, compared with the expected value and answered with feedback
 * that teaches: right, close (within 1 %), an expected mistake, a wrong shape, or a hint. The
 * page imports this; reading the text as numbers is answerSyntax.ts.
 */
import type { Numbers } from './answerSyntax.ts'
import type { CheckOutcome } from './passes.ts'
import { AnswerError, describeNumbers, parseAnswer, sameShape, transpose } from './answerSyntax.ts'

export * from './answerSyntax.ts'

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

/** How many entries are not 1 along a shape: a row, a column and a vector are all "one line". */
const line = (shape: readonly number[]) => shape.filter((n) => n !== 1).length <= 1

/**
 * The given numbers in the target's shape when both are one line of the same count: a tuple, a
 * row `[3 -4]` or a column `[3; -4]` compares as the vector (3, -4), and a vector as a 1×n row
 * when a row is expected (Julia's `sum(H, dims=1)`). Otherwise the numbers as given.
 */
export function fitShape(given: Numbers, target: Numbers): Numbers {
  if (sameShape(given.shape, target.shape)) return given
  if (given.data.length !== target.data.length || !line(given.shape) || !line(target.shape)) return given
  if (given.shape.length === 0 || target.shape.length === 0) return given
  return { shape: [...target.shape], data: given.data }
}

/** How near "close" is: every entry within 1 % of the expected one, or 1e-3 of an expected 0. */
export const CLOSE_RELATIVE = 0.01
export const CLOSE_ZERO = 1e-3

/** Every entry within 1 % of the expected (1e-3 where it is 0), though not within tolerance. */
export function nearly(given: Numbers, expected: Numbers): boolean {
  return (
    sameShape(given.shape, expected.shape) &&
    given.data.every((g, i) => {
      const e = expected.data[i]!
      return Math.abs(g - e) <= (e === 0 ? CLOSE_ZERO : CLOSE_RELATIVE * Math.abs(e))
    })
  )
}

/** What an answer's shape says, when it is not the expected one; null when the shapes agree. */
export function shapeMismatch(given: Numbers, expected: Numbers): string | null {
  if (sameShape(given.shape, expected.shape)) return null
  return `Your answer is ${describeNumbers(given.shape)}, but the answer is ${describeNumbers(expected.shape)}.`
}

export interface Judgement {
  kind: 'right' | 'close' | 'wrong' | 'shape' | 'unreadable'
  /** Markdown: hints may carry math. */
  message: string
  /** A general hint was shown, so the next wrong answer shows the one after it. */
  usedHint: boolean
}

/**
 * An expression's value as the worker sends it: numbers, a derivative check's outcome (for a
 * `passes:` exercise, passes.ts), or why there are neither.
 */
export type ExpectedValue =
  { ok: true; value: Numbers } | { ok: true; check: CheckOutcome } | { ok: false; error: string }

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
  const asAnswer = fitShape(given, expected.answer)
  if (close(asAnswer, expected.answer, expected.tolerance)) return { kind: 'right', message: 'Right!', usedHint: false }
  // Before the shape: an expected mistake may have another shape (a Jacobian for a gradient).
  const mistake = expected.wrong.find((w) => w.value && close(fitShape(given, w.value), w.value, expected.tolerance))
  if (mistake) return { kind: 'wrong', message: mistake.hint, usedHint: false }
  const shape = shapeMismatch(asAnswer, expected.answer)
  if (shape) return { kind: 'shape', message: shape, usedHint: false }
  if (nearly(asAnswer, expected.answer))
    return {
      kind: 'close',
      message:
        'Close: every entry is within 1 % of the answer, but not equal to it. Check your rounding, or write the exact value (fractions such as `1/3` and `sqrt(2)` are fine).',
      usedHint: false,
    }
  const hint = nextHint(expected.hints, hintsShown)
  const message = hint === undefined ? nudge(wrongSoFar) : `Not yet. Hint: ${hint}`
  return { kind: 'wrong', message: observation(asAnswer, expected) + message, usedHint: hint !== undefined }
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
