/**
 * Two-variant cells in notebook files (AUTHORING.md, "Two languages"): a `python variant` fence
 * right after a code cell is that cell in Python. The file stays exact through a round trip; the
 * grouping decides which cell runs for a chosen language, and says why a misplaced variant is none.
 */
import { describe, expect, it } from 'vitest'
import { codeCells, parseNotebook, serializeNotebook } from '../../../engine/notebook/notebookFile.ts'
import {
  chosenCells,
  fileCellShape,
  variantLanguages,
  variantOwners,
  variantProblems,
} from '../../../engine/notebook/variants.ts'

const LESSON = [
  '# Seed',
  '',
  '```julia id=seed',
  'f(x) = sum((A * x) .^ 2)',
  '```',
  '```python variant',
  'def f(x):',
  '    return jnp.sum((A @ x) ** 2)',
  '```',
  '',
  'Prose between.',
  '',
  '```julia',
  'g = gradient(f, x1)[1]',
  '```',
  '',
  '```python variant',
  'g = jax.grad(f)(x1)',
  '```',
  '',
  '```julia',
  'h = 1',
  '```',
  '',
].join('\n')

const shapes = (text: string) => parseNotebook(text).cells.map(fileCellShape)
const sources = (text: string, language: 'julia' | 'python' | null) => {
  const nb = parseNotebook(text)
  const chosen = chosenCells(nb.cells.map(fileCellShape), language)
  return nb.cells.flatMap((c, i) => (c.kind === 'code' && chosen.has(i) ? [c.source.split('\n')[0]] : []))
}

describe('python fences in notebook files', () => {
  it('reads a python fence as a code cell in Python, with its flags', () => {
    const cells = codeCells(parseNotebook(LESSON))
    expect(cells.map((c) => [c.language, c.flags])).toEqual([
      ['julia', ['id=seed']],
      ['python', ['variant']],
      ['julia', []],
      ['python', ['variant']],
      ['julia', []],
    ])
  })

  it('writes the file back byte for byte', () => {
    expect(serializeNotebook(parseNotebook(LESSON))).toBe(LESSON)
    const odd = '~~~~python variant  \n\n~~~~\n```python\nx = 1\n  ```'
    expect(serializeNotebook(parseNotebook(odd))).toBe(odd)
  })
})

describe('grouping variants', () => {
  it('makes a variant part of the code cell before it, across blank lines but not across prose', () => {
    // cells: prose, julia, python, prose(Prose between), julia, prose(blank), python, prose(blank), julia, prose
    const owners = variantOwners(shapes(LESSON))
    const code = owners.flatMap((o, i) => (o >= 0 ? [[i, o]] : []))
    expect(code.map(([i, o]) => i === o)).toEqual([true, false, true, false, true])
    expect(code[1]![1]).toBe(code[0]![0])
    expect(code[3]![1]).toBe(code[2]![0])
  })

  it('runs each logical cell once: the chosen language’s variant where there is one, else the main cell', () => {
    expect(sources(LESSON, null)).toEqual(['f(x) = sum((A * x) .^ 2)', 'g = gradient(f, x1)[1]', 'h = 1'])
    expect(sources(LESSON, 'julia')).toEqual(sources(LESSON, null))
    expect(sources(LESSON, 'python')).toEqual(['def f(x):', 'g = jax.grad(f)(x1)', 'h = 1'])
  })

  it('lists the languages that variants are written in', () => {
    expect(variantLanguages(shapes(LESSON))).toEqual(['python'])
    expect(variantLanguages(shapes('```julia\nx = 1\n```'))).toEqual([])
  })

  it('says why a variant is not one: nothing before it, text before it, or its language taken', () => {
    const text = [
      '```python variant',
      'a = 1',
      '```',
      'Some text.',
      '```python variant',
      'b = 1',
      '```',
      '```python variant',
      'c = 1',
      '```',
    ].join('\n')
    const problems = variantProblems(shapes(text))
    expect(problems.map((p) => p.problem)).toEqual([
      expect.stringMatching(/no code cell comes right before it/),
      expect.stringMatching(/no code cell comes right before it/),
      expect.stringMatching(/already has a python version/),
    ])
    // Each runs as a cell of its own.
    expect(sources(text, 'python')).toEqual(['a = 1', 'b = 1', 'c = 1'])
    expect(variantProblems(shapes(LESSON))).toEqual([])
  })
})
