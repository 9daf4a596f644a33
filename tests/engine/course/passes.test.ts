/**
 * `passes:` exercises: read from the exercise block (alone: no answer, choices or expected
 * mistakes), their one expression evaluated to a derivative check's outcome as the worker sends
 * it, and `--check` (checkNotebook) requiring that expression to give a check, whatever its status
 * (a lesson starts with the rule broken). The rules checked are Julia rrules whose pullbacks are
 * right or off by a known factor, so the status is known without the engine.
 */
import { describe, expect, it } from 'vitest'
import { checkNotebook, parseNotebook } from '../../../engine/standard.ts'
import { expectedValue } from '../../../engine/course/check.ts'
import { exerciseExpressions, parseExercise } from '../../../engine/course/exercises.ts'
import { passes } from '../../../engine/course/passes.ts'
import { ReactiveNotebook } from '../../../engine/notebook/reactive.ts'

/** A Julia sum with an rrule whose pullback gives `factor` .* ȳ everywhere: right for 1. */
const sumRule = (factor: number) =>
  [
    'my_sum(x) = sum(x)',
    'function ChainRulesCore.rrule(::typeof(my_sum), x)',
    '  y = my_sum(x)',
    `  my_sum_pullback(ȳ) = (NoTangent(), ${factor} .* ȳ .* ones(size(x)))`,
    '  return y, my_sum_pullback',
    'end',
  ].join('\n')

const EXERCISE = ['question: Fix the rule.', 'passes: test_rrule(my_sum, [1.0, 2.0, 3.0])', 'hint: ∂sum/∂xᵢ = 1.'].join(
  '\n',
)

describe('the passes: key', () => {
  it('reads one expression to evaluate, with hints and an explanation beside it', () => {
    const spec = parseExercise('sum-rule', `${EXERCISE}\nexplain: Each entry counts once.`)
    expect(spec.passes).toBe('test_rrule(my_sum, [1.0, 2.0, 3.0])')
    expect(spec.answer).toBeUndefined()
    expect(spec.hints).toEqual(['∂sum/∂xᵢ = 1.'])
    expect(exerciseExpressions(spec)).toEqual(['test_rrule(my_sum, [1.0, 2.0, 3.0])'])
  })

  it.each([
    ['answer: 1', 'line 4: a "passes:" exercise is solved by its check alone, so it has no "answer:"'],
    ['choice*: yes', 'line 4: a "passes:" exercise is solved by its check alone, so it has no "choice*:"'],
    ['wrong: 2 => no', 'line 4: a "passes:" exercise is solved by its check alone, so it has no "wrong:"'],
    ['tolerance: 1e-3', 'line 4: a "passes:" exercise is solved by its check alone, so it has no "tolerance:"'],
    [
      'answer-python: 1',
      `line 4: a "passes:" exercise has no "answer-python:"; its check runs in the lesson's language`,
    ],
  ])('refuses %s beside it, naming the line', (extra, message) => {
    expect(() => parseExercise('sum-rule', `${EXERCISE}\n${extra}`)).toThrow(message)
  })

  it('is given once', () => {
    expect(() => parseExercise('sum-rule', `${EXERCISE}\npasses: test_rrule(my_sum, [1.0])`)).toThrow(
      'line 4: "passes:" appears a second time here; give it once',
    )
  })
})

describe('a passes: expression evaluated as the worker does', () => {
  const outcome = (factor: number) => {
    const nb = new ReactiveNotebook()
    nb.update([
      { id: 'rule', source: sumRule(factor), language: 'julia' },
      { id: 'ex', source: 'test_rrule(my_sum, [1.0, 2.0, 3.0])', language: 'julia' },
    ])
    return expectedValue(nb.result('ex')!)
  }

  it('gives the check’s status and verdict: consistent for the right pullback, wrong for twice it', () => {
    const right = outcome(1)
    const wrong = outcome(2)
    expect(right.ok && 'check' in right && passes(right.check)).toBe(true)
    expect(wrong).toMatchObject({ ok: true, check: { status: 'wrong' } })
    // ∂my_sum/∂x is all ones; the rule says 2: the verdict names an entry and both values.
    expect(wrong.ok && 'check' in wrong && wrong.check.verdict).toMatch(/is off: AD gives 2, finite differences 1/)
    expect(wrong.ok && 'check' in wrong && passes(wrong.check)).toBe(false)
  })
})

describe('--check of a passes: exercise', () => {
  const lesson = (rule: string, passesExpr: string) =>
    parseNotebook(
      ['```julia', rule, '```', '', '```exercise sum-rule', 'question: Fix it.', `passes: ${passesExpr}`, '```'].join(
        '\n',
      ),
    )
  const problems = (rule: string, expr: string) => checkNotebook(lesson(rule, expr)).exercises[0]!.problems

  it('accepts a check whatever its status: the lesson starts with the rule broken', () => {
    expect(problems(sumRule(2), 'test_rrule(my_sum, [1.0, 2.0])')).toEqual([])
    expect(problems(sumRule(1), 'test_rrule(my_sum, [1.0, 2.0])')).toEqual([])
  })

  it('refuses an expression that gives numbers, or fails, saying what it must give', () => {
    expect(problems(sumRule(1), 'my_sum([1.0, 2.0])')).toEqual([
      'passes: my_sum([1.0, 2.0]) must give a derivative check, such as test_rrule(f, x), test_frule(f, x) or check_gradient(f, x), but it gives numbers',
    ])
    expect(problems(sumRule(1), 'test_rrule(my_summ, [1.0])')[0]).toMatch(
      /^passes: test_rrule\(my_summ, \[1.0\]\) must give a derivative check, .*, but .*my_summ/,
    )
  })

  it('says an answer: that gives a check is not numbers', () => {
    const nb = parseNotebook(
      [
        '```julia',
        sumRule(1),
        '```',
        '',
        '```exercise a',
        'question: q',
        'answer: test_rrule(my_sum, [1.0])',
        '```',
      ].join('\n'),
    )
    expect(checkNotebook(nb).exercises[0]!.problems).toEqual([
      'answer: test_rrule(my_sum, [1.0]) cannot be checked: it gives a derivative check, not numbers',
    ])
  })
})
