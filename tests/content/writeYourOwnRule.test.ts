/**
 * The "Write your own rule" lesson (issue 15 item 3) as a learner meets it and as a learner leaves
 * it. Each puzzle starts from a rule that runs but is wrong, so its test_rrule cell must say
 * "wrong"; each exercise's explanation gives the pullback that solves it, and with those lines
 * typed in, every check must say "consistent" and the forward-over-reverse Hessian through the
 * learner's rules must be the seed's 2AᵀA (a closed form, not the engine's own answer). In the
 * reactive notebook, as the page runs it, fixing my_matmul alone gives AᵀA (what the last exercise
 * asks), and fixing sumsq too gives 2AᵀA.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CodeCell, LangValue } from '../../engine/standard.ts'
import { checkNotebook, codeCells, exerciseCells, parseNotebook, ReactiveNotebook } from '../../engine/standard.ts'
import { concrete } from '../../engine/ad/value.ts'
import { panelSpecOf } from '../../engine/panels/index.ts'
import { expectedValue } from '../../engine/course/check.ts'
import { lessonExercises } from '../../engine/course/exercises.ts'
import { passes } from '../../engine/course/passes.ts'

const lesson = readFileSync(join(import.meta.dirname, '../../content/write-your-own-rule.md'), 'utf8')

/** `name_pullback(ȳ) = ...` lines, as the exercises' explanations give them, by pullback name. */
function answerLines(text: string): Map<string, string> {
  const lines = new Map<string, string>()
  for (const cell of exerciseCells(parseNotebook(text)))
    for (const m of cell.source.matchAll(/^\s*(\w+_pullback)\((.*)$/gmu)) lines.set(m[1]!, `${m[1]}(${m[2]}`)
  return lines
}

/** Text with the first line defining `name` (a pullback) replaced by that line, indentation kept. */
function withLine(text: string, name: string, line: string): string {
  const start = new RegExp(`^(\\s*)${name}\\(.*$`, 'mu')
  expect(start.test(text), `the text defines ${name}`).toBe(true)
  return text.replace(start, (_, indent: string) => `${indent}${line}`)
}

/** The lesson with each starting pullback line replaced by its answer. */
function solved(text: string): string {
  let out = text
  for (const [name, line] of answerLines(text)) out = withLine(out, name, line)
  return out
}

type Results = ReturnType<typeof checkNotebook>['results']

/** Each test_rrule cell's verdict, by the function it checks. */
function verdicts(results: Results): Map<string, string> {
  const out = new Map<string, string>()
  for (const { cell, result } of results) {
    const m = /^test_rrule\((\w+)/mu.exec(cell.source)
    if (!m) continue
    expect(result.ok, cell.source).toBe(true)
    const spec = result.ok ? panelSpecOf(result.value as LangValue) : null
    expect(spec?.kind, cell.source).toBe('derivativeCheck')
    if (spec?.kind === 'derivativeCheck') out.set(m[1]!, spec.status)
  }
  return out
}

/** The value of the cell with the given id, as numbers. */
function cellNumbers(results: Results, id: string): number[] {
  const found = results.find(({ cell }) => (cell as CodeCell).flags.includes(`id=${id}`))
  if (!found?.result.ok) throw new Error(`cell ${id} did not run`)
  return Array.from(concrete(found.result.value as never).data)
}

const PUZZLES = ['my_sum', 'my_mul', 'my_matmul', 'my_softmax', 'my_logsumexp', 'my_cumsum', 'my_norm', 'softplus_all', 'sumsq']

describe('Write your own rule', () => {
  it('gives an answer for every puzzle', () => {
    expect([...answerLines(lesson).keys()].sort()).toEqual(
      ['my_sum', 'my_mul', 'my_matmul', 'my_softmax', 'my_logsumexp', 'my_cumsum', 'my_norm', 'softplus', 'sumsq']
        .map((f) => `${f}_pullback`)
        .sort(),
    )
  })

  it('starts every puzzle from a rule that runs and is wrong', () => {
    const v = verdicts(checkNotebook(parseNotebook(lesson)).results)
    for (const f of [...PUZZLES, 'cube']) expect(v.get(f), f).toBe('wrong')
  }, 60_000)

  it("passes every check with the explanations' pullbacks, and the Hessian through them is 2AᵀA", () => {
    const { results } = checkNotebook(parseNotebook(solved(lesson)))
    const v = verdicts(results)
    for (const f of PUZZLES) expect(v.get(f), f).toBe('consistent')
    expect(v.get('cube')).toBe('wrong') // the demonstration of a wrong rule stays wrong
    // A = reshape(0:8, 3, 3) .% 4 = [0 3 2; 1 0 3; 2 1 0], and 2AᵀA (symmetric) by hand.
    expect(cellNumbers(results, 'hessian-mine')).toEqual([10, 4, 6, 4, 20, 12, 6, 12, 26])
    expect(cellNumbers(results, 'hessian-compare')).toEqual(new Array(9).fill(0))
  }, 60_000)

  it('recomputes the Hessian as the learner fixes the rules: AᵀA with the factor 2 still missing, then 2AᵀA', () => {
    const cells = codeCells(parseNotebook(lesson)).map((c, i) => ({
      id: `cell${i}`,
      source: c.source,
      language: 'julia' as const,
      flags: c.flags,
    }))
    const idOf = (name: string) => cells.find((c) => c.flags.includes(`id=${name}`))!.id
    const nb = new ReactiveNotebook()
    const hessian = () => {
      const r = nb.result(idOf('hessian-mine'))
      if (!r?.ok) throw new Error('the Hessian cell failed')
      return Array.from(concrete(r.value as never).data)
    }
    const answers = answerLines(lesson)
    const fix = (list: typeof cells, cell: string, name: string) =>
      list.map((c) => (c.id === idOf(cell) ? { ...c, source: withLine(c.source, name, answers.get(name)!) } : c))
    nb.update(cells)
    expect(hessian()).toEqual(new Array(9).fill(0)) // my_matmul pulls back zeros
    const matmulFixed = fix(cells, 'matmul-rule', 'my_matmul_pullback')
    nb.update(matmulFixed)
    expect(hessian()).toEqual([5, 2, 3, 2, 10, 6, 3, 6, 13]) // AᵀA: sumsq's factor 2 is still missing
    nb.update(fix(matmulFixed, 'sumsq-rule', 'sumsq_pullback'))
    expect(hessian()).toEqual([10, 4, 6, 4, 20, 12, 6, 12, 26])
  }, 60_000)

  /** Each `passes:` exercise's check as the worker runs it (a hidden cell after the code), passed or not. */
  function passed(text: string): Map<string, boolean> {
    const nb = parseNotebook(text)
    const specs = lessonExercises(nb).flatMap((e) => (e.ok && e.spec.passes !== undefined ? [e.spec] : []))
    const notebook = new ReactiveNotebook()
    notebook.update([
      ...codeCells(nb).map((c, i) => ({ id: `cell${i}`, source: c.source, language: 'julia' as const })),
      ...specs.map((spec) => ({ id: spec.id, source: spec.passes!, language: 'julia' as const })),
    ])
    return new Map(
      specs.map((spec) => {
        const value = expectedValue(notebook.result(spec.id)!)
        return [spec.id, value.ok && 'check' in value && passes(value.check)]
      }),
    )
  }

  it("gives every puzzle's check a passes: exercise, unsolved at the start and solved by the explanations' pullbacks", () => {
    const checks = codeCells(parseNotebook(lesson)).flatMap((c) => {
      const m = /^test_rrule\((\w+).*$/mu.exec(c.source)
      return m && m[1] !== 'cube' ? [m[0]] : []
    })
    const exprs = lessonExercises(parseNotebook(lesson)).flatMap((e) => (e.ok && e.spec.passes ? [e.spec.passes] : []))
    expect(exprs.sort()).toEqual(checks.sort())
    expect(exprs).toHaveLength(PUZZLES.length)
    expect([...passed(lesson).values()]).toEqual(new Array(PUZZLES.length).fill(false))
    expect([...passed(solved(lesson)).values()]).toEqual(new Array(PUZZLES.length).fill(true))
  }, 60_000)
})
