/**
 * Learners' answers: read as numbers in every form AUTHORING.md promises, refused with a message
 * when they name notebook values, compared shape first and then within the tolerance rule, and
 * answered with the targeted hint, the next general hint, or a nudge. Properties: formatting a
 * tensor and reading it back gives it exactly; the tolerance rule holds at its boundary.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Expected, Numbers } from '../../../engine/course/answers.ts'
import {
  AnswerError,
  close,
  describeNumbers,
  formatNumbers,
  judge,
  MAX_ANSWER_NESTING,
  parseAnswer,
  shapeMismatch,
} from '../../../engine/course/answers.ts'
import { RUNS } from '../helpers.ts'

const num = (x: number): Numbers => ({ shape: [], data: [x] })
const vec = (...xs: number[]): Numbers => ({ shape: [xs.length], data: xs })
const mat = (rows: number[][]): Numbers => ({ shape: [rows.length, rows[0]!.length], data: rows.flat() })

function refusal(text: string): string {
  try {
    parseAnswer(text)
  } catch (err) {
    expect(err).toBeInstanceOf(AnswerError)
    return (err as AnswerError).message
  }
  return expect.fail(`"${text}" was read as numbers`)
}

describe('parseAnswer reads numbers as a learner types them', () => {
  it.each<[string, Numbers]>([
    ['86', num(86)],
    ['-1/2', num(-0.5)],
    ['  3.25 ', num(3.25)],
    ['.5', num(0.5)],
    ['1e-3', num(0.001)],
    ['2.5E+2', num(250)],
    ['[16, 44, 64]', vec(16, 44, 64)],
    ['16 44 64', vec(16, 44, 64)],
    ['16, 44, 64', vec(16, 44, 64)],
    ['[16 44 64]', vec(16, 44, 64)],
    ['[5]', vec(5)],
    [
      '[1, 2; 3, 4]',
      mat([
        [1, 2],
        [3, 4],
      ]),
    ],
    [
      '[1 2; 3 4]',
      mat([
        [1, 2],
        [3, 4],
      ]),
    ],
    [
      '1 2; 3 4',
      mat([
        [1, 2],
        [3, 4],
      ]),
    ],
    [
      '[[1,2],[3,4]]',
      mat([
        [1, 2],
        [3, 4],
      ]),
    ],
    ['[[1, 2, 3]]', mat([[1, 2, 3]])],
    ['[[[1, 2], [3, 4]], [[5, 6], [7, 8]]]', { shape: [2, 2, 2], data: [1, 2, 3, 4, 5, 6, 7, 8] }],
    ['−3', num(-3)],
  ])('%s', (text, expected) => {
    expect(parseAnswer(text)).toEqual(expected)
  })

  it('does arithmetic with + - * / ^, sqrt, pi and e, with the usual precedence', () => {
    expect(parseAnswer('1 + 2 * 3').data).toEqual([7])
    expect(parseAnswer('(1 + 2) * 3').data).toEqual([9])
    expect(parseAnswer('2^3^2').data).toEqual([512]) // right associative
    expect(parseAnswer('-2^2').data).toEqual([-4]) // the power binds first
    expect(parseAnswer('2^-1').data).toEqual([0.5])
    expect(parseAnswer('sqrt(2) * sqrt(2)').data[0]).toBeCloseTo(2, 14)
    expect(parseAnswer('pi').data).toEqual([Math.PI])
    expect(parseAnswer('e^2').data).toEqual([Math.E ** 2])
    expect(parseAnswer('[2*3, 1/2, -(4)]')).toEqual(vec(6, 0.5, -4))
  })

  it('reads a minus after a space, before a number, as a new entry, as in Julia or MATLAB', () => {
    expect(parseAnswer('1 -2')).toEqual(vec(1, -2))
    expect(parseAnswer('[1 -2 3]')).toEqual(vec(1, -2, 3))
    expect(parseAnswer('1 - 2')).toEqual(num(-1))
    expect(parseAnswer('1-2')).toEqual(num(-1))
    expect(parseAnswer('(1 -2)')).toEqual(num(-1)) // inside parentheses it is one expression
  })

  it('refuses names, saying to answer with numbers', () => {
    for (const text of ['x1', 'tf_gradients(g, x1)', '[1, a]', 'exp(1)']) {
      const message = refusal(text)
      expect(message).toMatch(/is a name/)
      expect(message).toMatch(/Answer with numbers/)
    }
  })

  it.each([
    ['', /Type an answer first/],
    ['   ', /Type an answer first/],
    ['[1, 2; 3]', /same number of entries/],
    ['[[1, 2], [3]]', /rows of the same length/],
    ['[1,,2]', /did not expect “,”/],
    ['[1, 2', /missing a “]”/],
    ['(1 + 2', /missing a “\)”/],
    ['2e', /between “2” and “e”/],
    ['(1, [2, 3])', /A tuple holds numbers/],
    ["'2", /did not expect “'”/],
    ['1/0', /^1\/0 divides by zero/],
    ['[2, 0/0]', /^0\/0 divides by zero/],
    ['1e400', /not a finite number: an entry is too large/],
    ['sqrt(-1)', /^sqrt\(-1\): the square root of a negative number is not a real number/],
    ['[1, sqrt(2 - 3)]', /^sqrt\(-1\): the square root of a negative number is not a real number/],
    ['(-8)^(1/3)', /^-8 to the power 0\.333.* is not a real number/],
    ['[1, 2] * 2', /single numbers/],
  ])('says what is wrong with %j', (text, message) => {
    expect(refusal(text)).toMatch(message)
  })

  it('reads the square root of zero and of a positive number, and -0 as 0', () => {
    expect(parseAnswer('sqrt(0)')).toEqual(num(0))
    expect(parseAnswer('sqrt(9) - 1/2')).toEqual(num(2.5))
    expect(parseAnswer('(-8)^2')).toEqual(num(64))
  })

  // The page reads answers on its own thread: a pasted nest of brackets or signs must give a
  // message, not a stack overflow (which left the learner with no feedback at all).
  it.each([
    ['( × 50,000', '('.repeat(50_000) + '1' + ')'.repeat(50_000)],
    ['- × 100,000', '-'.repeat(100_000) + '1'],
    ['[ × 50,000', '['.repeat(50_000) + '1' + ']'.repeat(50_000)],
    ['sqrt( × 20,000', 'sqrt('.repeat(20_000) + '1' + ')'.repeat(20_000)],
    ['2^ × 50,000', '2^'.repeat(50_000) + '1'],
  ])('refuses an answer nested too deeply (%s) with a message', (_, text) => {
    expect(refusal(text)).toMatch(new RegExp(`more than ${MAX_ANSWER_NESTING} deep, too deep to read`))
    const judgement = judge(text, { answer: num(1), wrong: [], hints: [], tolerance: 1e-6 }, 0, 0)
    expect(judgement.kind).toBe('unreadable')
    expect(judgement.message).toMatch(/too deep to read/)
  })

  it('reads nesting up to the limit, and refuses one level more', () => {
    // The number itself is one level: k brackets or signs around it make k + 1.
    const k = MAX_ANSWER_NESTING - 1
    expect(parseAnswer('('.repeat(k) + '7' + ')'.repeat(k))).toEqual(num(7))
    expect(parseAnswer('-'.repeat(k) + '7')).toEqual(num(k % 2 === 0 ? 7 : -7))
    expect(refusal('('.repeat(k + 1) + '7' + ')'.repeat(k + 1))).toMatch(/too deep to read/)
    expect(refusal('-'.repeat(k + 1) + '7')).toMatch(/too deep to read/)
  })
})

describe("Julia's forms of an answer", () => {
  // Julia: (3, -4) is a tuple; [3 -4] a 1×2 row; v' of a vector a 1×n row, of a row a column;
  // A' of a matrix its transpose (real entries: adjoint = transpose).
  it('reads a tuple as its numbers, with or without a trailing comma', () => {
    expect(parseAnswer('(3, -4)')).toEqual(vec(3, -4))
    expect(parseAnswer('(3,)')).toEqual(vec(3))
    expect(parseAnswer('(1/2, sqrt(4), -1)')).toEqual(vec(0.5, 2, -1))
    expect(parseAnswer('(3)')).toEqual(num(3))
  })

  it("reads ' as the adjoint: a row from a vector, a column from a row, a matrix transposed", () => {
    expect(parseAnswer("[3 -4]'")).toEqual({ shape: [1, 2], data: [3, -4] })
    expect(parseAnswer("[3 -4]''")).toEqual({ shape: [2, 1], data: [3, -4] })
    expect(parseAnswer("[1 2; 3 4]'")).toEqual(
      mat([
        [1, 3],
        [2, 4],
      ]),
    )
    expect(parseAnswer("2'")).toEqual(num(2))
  })
})

describe('formatNumbers', () => {
  it('writes numbers the way an answer is typed', () => {
    expect(formatNumbers(num(86))).toBe('86')
    expect(formatNumbers(vec(16, 44, 64))).toBe('[16, 44, 64]')
    expect(
      formatNumbers(
        mat([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toBe('[1, 2; 3, 4]')
    expect(formatNumbers({ shape: [2, 1, 2], data: [1, 2, 3, 4] })).toBe('[[[1, 2]], [[3, 4]]]')
    expect(formatNumbers(vec(1 / 3, 2 / 3), 4)).toBe('[0.3333, 0.6667]')
  })

  // Shapes of rank 0 to 3, with finite entries of any size (-0 reads back as 0, so it is left out).
  const tensor = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 0, maxLength: 3 }).chain((shape) =>
    fc
      .array(
        fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (x === 0 ? 0 : x)),
        { minLength: shape.reduce((a, b) => a * b, 1), maxLength: shape.reduce((a, b) => a * b, 1) },
      )
      .map((data): Numbers => ({ shape, data })),
  )

  it('reads back exactly what it writes, for random tensors', () => {
    fc.assert(
      fc.property(tensor, (t) => {
        expect(parseAnswer(formatNumbers(t))).toEqual(t)
      }),
      RUNS,
    )
  })

  it('and rounded to 6 digits, reads back within a relative 1e-5', () => {
    fc.assert(
      fc.property(tensor, (t) => {
        expect(close(parseAnswer(formatNumbers(t, 6)), t, 1e-5)).toBe(true)
      }),
      RUNS,
    )
  })
})

describe('close: every entry within tolerance * max(1, |expected|)', () => {
  it('holds at the boundary, for small and large expected values', () => {
    const tol = 1e-3
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (e) => {
        const slack = tol * Math.max(1, Math.abs(e))
        expect(close(num(e + 0.99 * slack), num(e), tol)).toBe(true)
        expect(close(num(e + 1.01 * slack), num(e), tol)).toBe(false)
      }),
      RUNS,
    )
  })

  it('needs equal shapes', () => {
    expect(close(vec(1, 2), mat([[1, 2]]), 1)).toBe(false)
  })
})

describe('shapeMismatch says both shapes', () => {
  it('names the learner’s shape and the answer’s', () => {
    expect(shapeMismatch(vec(1, 2), vec(1, 2, 3))).toBe(
      'Your answer is a vector of 2, but the answer is a vector of 3.',
    )
    expect(
      shapeMismatch(
        num(1),
        mat([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toBe('Your answer is a number, but the answer is a 2×2 matrix.')
    expect(shapeMismatch(vec(1, 2), vec(3, 4))).toBeNull()
  })

  it('says nothing more of a column: judge reads one of the right count as the vector', () => {
    expect(shapeMismatch(parseAnswer('[1; 2; 3]'), vec(1, 2, 3))).toBe(
      'Your answer is a 3×1 matrix, but the answer is a vector of 3.',
    )
  })

  it('describes shapes in words', () => {
    expect([[], [3], [2, 3], [2, 2, 2]].map(describeNumbers)).toEqual([
      'a number',
      'a vector of 3',
      'a 2×3 matrix',
      'an array of shape 2×2×2',
    ])
  })
})

describe('judge chooses feedback that teaches', () => {
  // The seed session: tf_gradients(g, x1) = column sums of H = [20, 36, 44]; g(x1) = [16, 44, 64].
  const H = mat([
    [10, 4, 6],
    [4, 20, 12],
    [6, 12, 26],
  ])
  const expected: Expected = {
    answer: vec(20, 36, 44),
    wrong: [
      { value: vec(16, 44, 64), hint: 'That is g(x1) itself.' },
      { value: H, hint: 'tf_gradients returns a vector, not a matrix.' },
      { hint: 'an expected mistake whose value could not be computed' },
    ],
    hints: ['First hint.', 'Second hint.'],
    tolerance: 1e-6,
  }

  it('accepts the answer in any form, and within tolerance', () => {
    for (const text of ['[20, 36, 44]', '20 36 44', '[20 36 44]', '20, 36, 44+1e-9']) {
      expect(judge(text, expected, 0, 0).kind).toBe('right')
    }
  })

  it('takes a tuple, a row or a column with the right count as the vector', () => {
    for (const text of ['(20, 36, 44)', "[20 36 44]'", '[20; 36; 44]', "[20, 36, 44]'"])
      expect(judge(text, expected, 0, 0).kind, text).toBe('right')
    expect(judge('(16, 44, 64)', expected, 0, 0).message).toBe('That is g(x1) itself.')
    // A vector typed where a row is expected (Julia's sum(H, dims=1) is 1×3) is that row.
    const row = { ...expected, answer: { shape: [1, 3], data: [20, 36, 44] } }
    expect(judge('[20, 36, 44]', row, 0, 0).kind).toBe('right')
    expect(judge('(20, 36)', expected, 0, 0).kind).toBe('shape')
    // A matrix is not a line: a 3×3 answer is not read as 9 numbers.
    expect(judge('1 2 3 4 5 6 7 8 9', { ...expected, answer: H }, 0, 0).kind).toBe('shape')
  })

  it('says “close” within 1 % (or 1e-3 of a zero), not “wrong”, and spends no hint', () => {
    const third = { ...expected, answer: vec(100 / 3, 0) }
    const j = judge('[33.3, 0.0005]', third, 0, 0)
    expect(j).toMatchObject({ kind: 'close', usedHint: false })
    expect(j.message).toMatch(/^Close: .*1 %.*Check/)
    expect(judge('[100/3, 0]', third, 0, 0).kind).toBe('right')
    // Just past 1 % of 100/3 (0.3333...), or 1e-3 from the zero: wrong.
    expect(judge('[32.99, 0]', third, 0, 0).kind).toBe('wrong')
    expect(judge('[100/3, 0.0011]', third, 0, 0).kind).toBe('wrong')
    expect(judge('20.1 36 44', expected, 0, 0).kind).toBe('close')
  })

  it('gives the targeted hint of an expected mistake, even one of another shape', () => {
    expect(judge('16 44 64', expected, 0, 0)).toEqual({
      kind: 'wrong',
      message: 'That is g(x1) itself.',
      usedHint: false,
    })
    expect(judge('[10 4 6; 4 20 12; 6 12 26]', expected, 0, 0).message).toBe(
      'tf_gradients returns a vector, not a matrix.',
    )
  })

  it('says a wrong shape, with both shapes, without using a hint', () => {
    expect(judge('[20, 36]', expected, 0, 0)).toEqual({
      kind: 'shape',
      message: 'Your answer is a vector of 2, but the answer is a vector of 3.',
      usedHint: false,
    })
  })

  it('gives the general hints in order, then a nudge, never just “wrong”', () => {
    const first = judge('1 2 3', expected, 0, 0)
    expect(first).toEqual({ kind: 'wrong', message: 'Not yet. Hint: First hint.', usedHint: true })
    expect(judge('1 2 3', expected, 1, 1).message).toBe('Not yet. Hint: Second hint.')
    const after = judge('1 2 3', expected, 2, 2)
    expect(after.usedHint).toBe(false)
    expect(after.message.length).toBeGreaterThan(30)
    expect(after.message).not.toMatch(/^wrong\.?$/i)
  })

  it('notices a flipped sign and a transposed matrix', () => {
    expect(judge('-20 -36 -44', expected, 0, 0).message).toMatch(
      /^The sizes are right but the sign is flipped\. Not yet/,
    )
    const J: Expected = {
      answer: mat([
        [1, 2],
        [3, 4],
      ]),
      wrong: [],
      hints: [],
      tolerance: 1e-6,
    }
    expect(judge('[1, 3; 2, 4]', J, 0, 0).message).toMatch(/transpose/)
  })

  it('says how to write an unreadable answer instead of counting it wrong', () => {
    const j = judge('g(x1)', expected, 0, 0)
    expect(j.kind).toBe('unreadable')
    expect(j.message).toMatch(/Answer with numbers/)
  })
})
