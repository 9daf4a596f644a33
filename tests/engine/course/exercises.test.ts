/**
 * Exercise blocks read into specs, as AUTHORING.md describes them: `key: value` lines, values
 * continued on lines indented by two spaces, and an error naming the line for every kind of
 * malformed block an author is likely to write.
 */
import { describe, expect, it } from 'vitest'
import type { ExerciseSpec } from '../../../engine/course/exercises.ts'
import {
  DEFAULT_TOLERANCE,
  ExerciseError,
  exerciseExpressions,
  exerciseIn,
  lessonExercises,
  parseExercise,
} from '../../../engine/course/exercises.ts'
import { parseNotebook } from '../../../engine/notebook/notebookFile.ts'

/** The body of an exercise block from its lines. */
const body = (...lines: string[]) => lines.join('\n')

/** The error a malformed body stops with. */
function problem(id: string, text: string): ExerciseError {
  try {
    parseExercise(id, text)
  } catch (err) {
    expect(err).toBeInstanceOf(ExerciseError)
    return err as ExerciseError
  }
  return expect.fail(`the exercise was read without an error:\n${text}`)
}

// AUTHORING.md's example, as an author writes it.
const TF_GRAD = body(
  'question: What will `tf_gradients(g, x1)` return?',
  'answer: tf_gradients(g, x1)',
  'predict: yes',
  "wrong: 2 * A' * A * x1 => That is $g(x_1)$ itself. `tf_gradients` differentiates $g$ once more.",
  'wrong: jacobian(g, x1) => `tf_gradients` returns a vector, not a matrix: it pulls back one cotangent.',
  'hint: `tf_gradients` pulls back the all-ones vector: it returns $J^\\top \\mathbf 1$.',
  'hint: Add up each column of the Hessian $2A^\\top A$.',
  'explain: The column sums of $H$: plausible and wrong. It is the gradient of $\\sum_i g_i(x)$.',
)

describe('parseExercise reads a spec', () => {
  it('reads AUTHORING.md’s example, key by key', () => {
    const spec = parseExercise('tf-grad-of-grad', TF_GRAD)
    expect(spec).toEqual<ExerciseSpec>({
      id: 'tf-grad-of-grad',
      question: 'What will `tf_gradients(g, x1)` return?',
      answer: 'tf_gradients(g, x1)',
      tolerance: DEFAULT_TOLERANCE,
      choices: [],
      predict: true,
      wrong: [
        {
          expr: "2 * A' * A * x1",
          hint: 'That is $g(x_1)$ itself. `tf_gradients` differentiates $g$ once more.',
        },
        {
          expr: 'jacobian(g, x1)',
          hint: '`tf_gradients` returns a vector, not a matrix: it pulls back one cotangent.',
        },
      ],
      hints: [
        '`tf_gradients` pulls back the all-ones vector: it returns $J^\\top \\mathbf 1$.',
        'Add up each column of the Hessian $2A^\\top A$.',
      ],
      explain: 'The column sums of $H$: plausible and wrong. It is the gradient of $\\sum_i g_i(x)$.',
      languages: {},
    })
    expect(exerciseExpressions(spec)).toEqual(['tf_gradients(g, x1)', "2 * A' * A * x1", 'jacobian(g, x1)'])
  })

  it('joins lines indented by two spaces to the value before, keeping paragraph breaks', () => {
    const spec = parseExercise(
      'long',
      body('question: First line,', '  second line.', '', '  A new paragraph.', '', 'answer: 1', 'tolerance: 0.01'),
    )
    expect(spec.question).toBe('First line,\nsecond line.\n\nA new paragraph.')
    expect(spec.answer).toBe('1')
    expect(spec.tolerance).toBe(0.01)
    expect(spec.predict).toBe(false)
  })

  it('reads a choice exercise with its right choice', () => {
    const spec = parseExercise(
      'mode',
      body(
        'question: Which mode builds a Jacobian row by row?',
        'choice: forward',
        'choice*: reverse',
        'hint: Rows are cotangents.',
      ),
    )
    expect(spec.choices).toEqual([
      { text: 'forward', right: false },
      { text: 'reverse', right: true },
    ])
    expect(spec.answer).toBeUndefined()
    expect(exerciseExpressions(spec)).toEqual([])
  })

  it('splits wrong: at the first =>, so a hint may contain another', () => {
    const spec = parseExercise('w', body('question: q', 'answer: 1', 'wrong: -1 => the sign => flipped'))
    expect(spec.wrong).toEqual([{ expr: '-1', hint: 'the sign => flipped' }])
  })

  it('accepts Windows line endings', () => {
    expect(parseExercise('crlf', 'question: q\r\nanswer: 2\r\n').answer).toBe('2')
  })
})

describe('parseExercise names the line of a malformed block', () => {
  it.each([
    ['an unknown key', body('question: q', 'answer: 1', 'hnit: typo'), 3, /unknown key "hnit:"/],
    ['a line that is no key', body('question: q', 'answer: 1', 'Just text.'), 3, /expected "key: value"/],
    ['an indented line before any key', body('  stray', 'question: q'), 1, /continues a value/],
    [
      'two choice*',
      body('question: q', 'choice*: a', 'choice: b', 'choice*: c'),
      4,
      /"choice\*:" appears a second time here/,
    ],
    [
      'a choice exercise with an answer',
      body('question: q', 'answer: 1', 'choice*: a', 'choice: b'),
      2,
      /choice exercise has no "answer:"/,
    ],
    ['two answers', body('question: q', 'answer: 1', 'answer: 2'), 3, /"answer:" appears a second time/],
    ['an empty value', body('question: q', 'answer:'), 2, /"answer:" has no value/],
    ['a bad tolerance', body('question: q', 'answer: 1', 'tolerance: small'), 3, /tolerance must be a number/],
    ['predict other than yes or no', body('question: q', 'answer: 1', 'predict: maybe'), 3, /predict: is yes or no/],
    ['wrong: without =>', body('question: q', 'answer: 1', 'wrong: 2'), 3, /"<expression> => <hint>"/],
    [
      'wrong: in a choice exercise',
      body('question: q', 'choice*: a', 'choice: b', 'wrong: 1 => no'),
      4,
      /cannot use it/,
    ],
  ])('%s', (_, text, line, message) => {
    const err = problem('x', text)
    expect(err.line).toBe(line)
    expect(err.message).toMatch(new RegExp(`^line ${line}: `))
    expect(err.reason).toMatch(message)
  })

  it.each([
    ['a missing id', '', body('question: q', 'answer: 1'), /has no id/],
    ['an id with other characters', 'a b!', body('question: q', 'answer: 1'), /letters, digits and -/],
    ['no question', 'x', body('answer: 1'), /no "question:"/],
    [
      'neither answer nor choices',
      'x',
      body('question: q', 'hint: h'),
      /needs an "answer:" expression, "choice:" options with one "choice\*:", or a "passes:" check/,
    ],
    ['choices without a right one', 'x', body('question: q', 'choice: a', 'choice: b'), /no choice is marked right/],
    ['a lone right choice', 'x', body('question: q', 'choice*: a'), /at least two choices/],
  ])('%s (no line: the whole block)', (_, id, text, message) => {
    const err = problem(id, text)
    expect(err.line).toBeUndefined()
    expect(err.message).toMatch(message)
  })
})

describe('lessonExercises reads every exercise of a lesson', () => {
  const lesson = (...blocks: string[]) => parseNotebook(blocks.join('\n\n'))

  it('reads the exercises in order and reports a repeated id on its second use', () => {
    const nb = lesson(
      '# Lesson',
      '```exercise one\nquestion: q\nanswer: 1\n```',
      '```ad\nx = 1\n```',
      '```exercise two\nquestion: q\nanswer: 2\n```',
      '```exercise one\nquestion: again\nanswer: 3\n```',
    )
    const read = lessonExercises(nb)
    expect(read.map((e) => e.ok)).toEqual([true, true, false])
    const third = read[2]!
    expect(!third.ok && third.error.message).toMatch(/"one" is used by another exercise/)
  })

  it('reports a fence without an id', () => {
    const [only] = lessonExercises(lesson('```exercise\nquestion: q\nanswer: 1\n```'))
    expect(only!.ok).toBe(false)
    expect(!only!.ok && only!.error.message).toMatch(/no id/)
  })
})

describe('an exercise per language (answer-python:)', () => {
  const INDEX = body(
    'question: Which entry of the gradient is largest? Give its index.',
    'question-python: Which entry of the gradient is largest? Give its index (Python counts from 0).',
    'answer: argmax(g)',
    'wrong: argmin(g) => That is the smallest.',
    'answer-python: int(jnp.argmax(g))',
    'wrong-python: int(jnp.argmax(g)) + 1 => That is the index as Julia counts, from 1.',
  )

  it('reads each language’s question, answer and expected mistakes apart from the lesson’s', () => {
    const spec = parseExercise('largest', INDEX)
    expect(spec.answer).toBe('argmax(g)')
    expect(spec.languages).toEqual({
      python: {
        question: 'Which entry of the gradient is largest? Give its index (Python counts from 0).',
        answer: 'int(jnp.argmax(g))',
        wrong: [{ expr: 'int(jnp.argmax(g)) + 1', hint: 'That is the index as Julia counts, from 1.' }],
        hints: [],
      },
    })
  })

  it('hint-python: and explain-python: replace the lesson’s hints and explanation in Python only', () => {
    const spec = parseExercise(
      'h',
      body(
        'question: What is the gradient?',
        'answer: gradient(f, x1)',
        'hint: Zygote.gradient returns a tuple: take [1].',
        'hint-python: jax.grad(f) is a function: call it at x1, jax.grad(f)(x1).',
        'hint-python: The gradient is 2AᵀAx.',
        'explain: Zygote.gradient(f, x)[1].',
        'explain-python: jax.grad(f)(x1).',
      ),
    )
    const python = exerciseIn(spec, 'python').spec
    expect(python.hints).toEqual([
      'jax.grad(f) is a function: call it at x1, jax.grad(f)(x1).',
      'The gradient is 2AᵀAx.',
    ])
    expect(python.explain).toBe('jax.grad(f)(x1).')
    const julia = exerciseIn(spec, 'julia').spec
    expect(julia.hints).toEqual(['Zygote.gradient returns a tuple: take [1].'])
    expect(julia.explain).toBe('Zygote.gradient(f, x)[1].')
    // A language without hints of its own keeps the lesson's.
    const noHints = parseExercise('k', body('question: q', 'answer: 1', 'hint: h', 'question-python: p'))
    expect(exerciseIn(noHints, 'python').spec.hints).toEqual(['h'])
    expect(problem('e', body('question: q', 'answer: 1', 'explain-python: a', 'explain-python: b')).line).toBe(4)
  })

  it('shows the chosen language’s version, and the lesson’s where that language has none', () => {
    const spec = parseExercise('largest', INDEX)
    const python = exerciseIn(spec, 'python')
    expect(python.language).toBe('python')
    expect(exerciseExpressions(python.spec)).toEqual(['int(jnp.argmax(g))', 'int(jnp.argmax(g)) + 1'])
    expect(python.spec.question).toMatch(/counts from 0/)
    for (const other of ['julia', null] as const) {
      const seen = exerciseIn(spec, other)
      expect(seen.language).toBeUndefined()
      expect(exerciseExpressions(seen.spec)).toEqual(['argmax(g)', 'argmin(g)'])
    }
    // Only a question in Python: the expressions stay the lesson's.
    const worded = exerciseIn(parseExercise('q', body('question: a', 'question-python: b', 'answer: 1')), 'python')
    expect([worded.spec.question, worded.language, worded.spec.answer]).toEqual(['b', undefined, '1'])
  })

  it('refuses a language’s mistakes without its answer, and answers on a choice exercise', () => {
    expect(problem('a', body('question: q', 'answer: 1', 'wrong-python: 2 => no')).reason).toMatch(
      /"wrong-python:" is compared with "answer-python:"/,
    )
    const choice = problem('b', body('question: q', 'choice*: yes', 'choice: no', 'answer-python: 1'))
    expect(choice.reason).toMatch(/a choice exercise has no "answer-python:"/)
    expect(choice.line).toBe(4)
    expect(problem('c', body('question: q', 'answer: 1', 'answer-python: 1', 'answer-python: 2')).line).toBe(4)
    expect(problem('d', body('question: q', 'answer: 1', 'answer-rust: 1')).reason).toMatch(
      /unknown key "answer-rust:"/,
    )
  })
})
