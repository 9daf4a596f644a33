/**
 * checkNotebook runs a lesson as the app's worker does: code cells in dependency order through
 * the reactive notebook, exercises' expressions as hidden cells, results in file order. So a
 * name defined in two cells is an error here as on the page, and a cell may use a name defined
 * below it.
 */
import { describe, expect, it } from 'vitest'
import { checkNotebook, parseNotebook, refusedExpression, toJson } from '../../../engine/standard.ts'
import { exerciseInput, exerciseLanguage, expectedValue } from '../../../engine/course/check.ts'
import { tuple } from '../../../engine/language/values.ts'
import { scalar, vector } from '../../../engine/tensor/tensor.ts'

const lesson = (...blocks: string[]) => parseNotebook(blocks.join('\n\n'))
const outcomes = (nb: ReturnType<typeof parseNotebook>) =>
  checkNotebook(nb).results.map(({ result }) => (result.ok ? toJson(result.value) : `error: ${result.error}`))

describe('checkNotebook runs a lesson as the app does', () => {
  it('runs cells in dependency order and reports them in file order', () => {
    const nb = lesson('```ad\ny + 1\n```', '```ad\ny = 10\n```')
    expect(checkNotebook(nb).results.map(({ cell }) => cell.source)).toEqual(['y + 1', 'y = 10'])
    expect(outcomes(nb)).toEqual([11, 10])
  })

  it('makes a name defined in two cells the same error as on the page, on both and on its users', () => {
    const [one, two, use] = outcomes(lesson('```ad\nx = 1\n```', '```ad\nx = 2\n```', '```ad\nx + 1\n```'))
    expect(one).toBe('error: x is defined in more than one cell (cell 1 and cell 2): define it in one place')
    expect(two).toBe(one)
    expect(use).toMatch(/x is defined in more than one cell \(cell 1 and cell 2\), so this cell cannot tell/)
  })

  it('evaluates exercises as the worker does: an answer may use a name defined below it', () => {
    const nb = lesson('```exercise early\nquestion: q\nanswer: z * 2\nwrong: z => no\n```', '```ad\nz = 3\n```')
    const { exercises } = checkNotebook(nb)
    expect(exercises.map((e) => [e.cell.id, e.line, e.problems])).toEqual([['early', 1, []]])
  })

  it('says an exercise cannot be checked when the name it uses is defined twice', () => {
    const nb = lesson('```ad\nx = 1\n```', '```ad\nx = 2\n```', '```exercise a\nquestion: q\nanswer: x\n```')
    const [report] = checkNotebook(nb).exercises
    expect(report!.problems).toEqual([
      expect.stringMatching(/^answer: x cannot be checked: x is defined in more than one cell \(cell 1 and cell 2\)/),
    ])
  })

  it('finds a mistake equal to the answer, with the value the notebook gives', () => {
    const nb = lesson('```ad\nx = 2\n```', '```exercise late\nquestion: q\nanswer: x\nwrong: 2 => no\n```')
    expect(checkNotebook(nb).exercises[0]!.problems).toEqual([
      expect.stringMatching(/^wrong: 2 equals the answer \(a number\)/),
    ])
  })

  it('refuses an answer that assigns a name, without defining it in the notebook', () => {
    const nb = lesson('```ad\nx = 1\n```', '```exercise a\nquestion: q\nanswer: y = 3\n```', '```ad\ny\n```')
    const { results, exercises } = checkNotebook(nb)
    expect(exercises[0]!.problems).toEqual([`answer: y = 3 cannot be checked: ${refusedExpression('y = 3')}`])
    expect(refusedExpression('y = 3')).toMatch(/assigns a name/)
    expect(refusedExpression('g(x1)')).toBeUndefined()
    expect(results[1]!.result).toMatchObject({ ok: false, error: expect.stringMatching(/y is not defined/) })
  })

  it('passes a choice exercise without evaluating anything', () => {
    const nb = lesson('```ad\n1\n```', '```exercise c\nquestion: q\nchoice: a\nchoice*: b\n```')
    expect(checkNotebook(nb).exercises[0]!.problems).toEqual([])
  })
})

describe('exercise expressions in the lesson’s language', () => {
  it('takes the language of the lesson’s code cells, or of most of them', () => {
    const cells = (...ls: ('ad' | 'julia' | undefined)[]) => ls.map((language) => ({ language }))
    expect(exerciseLanguage(cells('julia', 'julia'))).toBe('julia')
    expect(exerciseLanguage(cells('julia', 'ad', 'julia'))).toBe('julia')
    expect(exerciseLanguage(cells('julia', 'ad'))).toBe('julia')
    expect(exerciseLanguage(cells('ad', 'ad', 'julia'))).toBe('ad')
    expect(exerciseLanguage(cells(undefined, 'ad'))).toBe('ad')
    expect(exerciseLanguage([])).toBe('ad')
  })

  it('makes the hidden cell in that language, and refuses an assignment', () => {
    expect(exerciseInput('ex:1:0', 'g(x1)', 'julia')).toEqual({
      ok: true,
      input: { id: 'ex:1:0', source: 'g(x1)', language: 'julia' },
    })
    expect(exerciseInput('ex:1:0', 'y = 3', 'ad')).toEqual({ ok: false, error: refusedExpression('y = 3') })
  })

  it('evaluates a Julia lesson’s answers as Julia: an anonymous function and a tuple-returning gradient', () => {
    const nb = lesson(
      '```julia\nf(x) = sum(abs2, x)\n```',
      '```exercise j\nquestion: q\nanswer: (x -> 2x)(3)\nwrong: gradient(f, [1, 2])[1] => no\n```',
    )
    expect(checkNotebook(nb).exercises[0]!.problems).toEqual([])
    // The same answer in an ad lesson is not ad syntax: the exercise says it cannot be checked.
    const ad = lesson('```ad\nf(x) = sum(abs2, x)\n```', '```exercise j\nquestion: q\nanswer: (x -> 2x)(3)\n```')
    expect(checkNotebook(ad).exercises[0]!.problems).toEqual([expect.stringMatching(/^answer: .* cannot be checked/)])
  })

  it('reads a tuple of numbers as a vector, and a 1-tuple holding an array as the array (Zygote’s gradient)', () => {
    const ok = (value: Parameters<typeof tuple>[0][number]) => expectedValue({ ok: true, value })
    expect(ok(tuple([scalar(3), scalar(-4)]))).toEqual({ ok: true, value: { shape: [2], data: [3, -4] } })
    expect(ok(tuple([vector([16, 44, 64])]))).toEqual({ ok: true, value: { shape: [3], data: [16, 44, 64] } })
    expect(ok(tuple([vector([1]), vector([2])]))).toMatchObject({ ok: false, error: /a tuple of 2, not numbers/ })
    expect(ok(tuple([]))).toMatchObject({ ok: false })
  })
})

describe('checkNotebook with two-variant cells', () => {
  // The thread's seed example; gradient [36, 80, 108] at x1 = [1, 2, 3].
  const SEED = lesson(
    '```julia\nA = [0 3 2; 1 0 3; 2 1 0]\nx1 = [1.0, 2.0, 3.0]\nf(x) = sum((A * x) .^ 2)\ng = gradient(f, x1)[1]\n```\n' +
      '```python variant\nimport jax\nimport jax.numpy as jnp\nA = jnp.array([[0., 3., 2.], [1., 0., 3.], [2., 1., 0.]])\n' +
      'x1 = jnp.array([1., 2., 3.])\ndef f(x):\n    return jnp.sum((A @ x) ** 2)\ng = jax.grad(f)(x1)\n```',
    '```exercise second\nquestion: The second entry of g?\nanswer: g[2]\nanswer-python: g[1]\nwrong-python: g[2] => Python counts from 0.\n```',
  )

  it('runs only the chosen variant, so both may define f, and reads the exercise in that language', () => {
    for (const language of [null, 'julia', 'python'] as const) {
      const { results, exercises } = checkNotebook(SEED, language)
      expect(results.map(({ cell }) => cell.language)).toEqual([language === 'python' ? 'python' : 'julia'])
      expect(results.map(({ result }) => result.ok && toJson(result.value))).toEqual([[36, 80, 108]])
      expect(exercises[0]!.problems).toEqual([])
    }
  })

  it('checks a language’s answer in that language: 1-based g[2] is 0-based g[1]', () => {
    // Swapped answers: in Python g[2] is 108, the expected mistake's value, so the check fails.
    const swapped = lesson(
      SEED.cells
        .slice(0, 1)
        .map((c) => ('source' in c ? '```julia\n' + c.source + '\n```' : ''))
        .join(''),
      '```exercise second\nquestion: q\nanswer: g[2]\nanswer-python: g[2]\nwrong-python: g[2] => no\n```',
    )
    expect(checkNotebook(swapped, 'python').exercises[0]!.problems).toEqual([
      expect.stringMatching(/equals the answer/),
    ])
    const julia = lesson('```julia\ng = [36, 80, 108]\n```', '```exercise e\nquestion: q\nanswer: g[0]\n```')
    expect(checkNotebook(julia).exercises[0]!.problems).toEqual([expect.stringMatching(/cannot be checked/)])
  })

  it('takes the lesson’s language from its main cells, whichever variants run', () => {
    expect(exerciseLanguage([{ language: 'julia' }, { language: 'python' }])).toBe('julia')
    expect(exerciseLanguage([{ language: 'python' }, { language: 'python' }, { language: 'julia' }])).toBe('python')
    expect(exerciseLanguage([{ language: 'ad' }])).toBe('ad')
  })
})
