/**
 * Exercise blocks in notebook files: a fence whose info string is `exercise <id>` is a cell of its
 * own, kept byte for byte like a code cell (checking them is in tests/engine/course/check.test.ts).
 */
import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  cellLines,
  codeCells,
  exerciseCells,
  exerciseIdOf,
  parseNotebook,
  serializeNotebook,
} from '../../../engine/notebook/notebookFile.ts'
import { RUNS } from '../helpers.ts'

const FIXTURE = fileURLToPath(new URL('../../browser/fixtures/exercises.md', import.meta.url))
const roundTrip = (text: string) => serializeNotebook(parseNotebook(text))

describe('parseNotebook finds exercises', () => {
  it('takes ```exercise <id> blocks as exercise cells, with their id and body', () => {
    const nb = parseNotebook('Intro\n```exercise tf-grad\nquestion: q\nanswer: 1\n```\n```ad\nx = 1\n```\n')
    expect(nb.cells.map((c) => c.kind)).toEqual(['prose', 'exercise', 'code', 'prose'])
    expect(nb.cells[1]).toEqual({
      kind: 'exercise',
      id: 'tf-grad',
      source: 'question: q\nanswer: 1',
      fence: '```',
      info: 'exercise tf-grad',
    })
    expect(codeCells(nb).map((c) => c.source)).toEqual(['x = 1'])
  })

  it('leaves indented fences, and words that only start with exercise, in the prose', () => {
    const nb = parseNotebook('  ```exercise a\nquestion: q\n  ```\n```exercises b\nanswer: 1\n```\n')
    expect(nb.cells.map((c) => c.kind)).toEqual(['prose'])
  })

  it('reads the id from the info string, or "" when it is missing', () => {
    expect(exerciseIdOf('exercise  one ')).toBe('one')
    expect(exerciseIdOf(' exercise')).toBe('')
    expect(exerciseCells(parseNotebook('~~~exercise\nquestion: q\n~~~'))[0]!.id).toBe('')
  })

  it('numbers each cell’s first line as in the file', () => {
    const text = readFileSync(FIXTURE, 'utf8')
    const nb = parseNotebook(text)
    const lines = text.split('\n')
    cellLines(nb).forEach((line, i) => {
      const c = nb.cells[i]!
      const first = c.kind === 'prose' ? c.text.split('\n')[0] : c.fence + c.info
      expect(lines[line - 1]).toBe(first)
    })
  })
})

describe('serializeNotebook(parseNotebook(s)) === s, with exercises', () => {
  it.each([
    ['the exercise fixture', readFileSync(FIXTURE, 'utf8')],
    ['an exercise at the very start and end', '```exercise a\nquestion: q\nanswer: 1\n```'],
    ['~~~ and long fences', '~~~exercise a\nquestion: q\n~~~\n`````exercise b\nanswer: 1\n`````\n'],
    ['an empty exercise', '```exercise e\n```\n'],
    ['an exercise of one blank line', '```exercise e\n\n```'],
    ['an unclosed exercise', 'prose\n```exercise e\nquestion: q'],
    ['a closing fence indented, with trailing spaces', '```exercise e\nquestion: q\n  ```  \nprose'],
    ['no id, and extra words', '```exercise\nq\n```\n```exercise a b\nq\n```'],
    ['Windows line endings', '```exercise e\r\nquestion: q\r\n```\r\n'],
  ])('%s', (_, text) => {
    expect(roundTrip(text)).toBe(text)
  })

  it('for generated notebooks mixing prose, code and exercises', () => {
    const line = fc.constantFrom('', 'question: q', '  continued', 'x = 1', '```', '~~~', 'answer: [1, 2]', '# h')
    const info = fc.constantFrom('exercise a', 'exercise', ' exercise b c', 'ad', 'ad expect-error', 'python', '')
    const fence = fc.constantFrom('```', '~~~', '````')
    const block = fc
      .tuple(fence, info, fc.array(line, { maxLength: 4 }), fc.boolean())
      .map(([f, i, body, closed]) => [`${f}${i}`, ...body, ...(closed ? [f] : [])].join('\n'))
    const doc = fc.array(fc.oneof(block, line), { maxLength: 8 }).map((parts) => parts.join('\n'))
    fc.assert(
      fc.property(doc, (text) => {
        expect(roundTrip(text)).toBe(text)
      }),
      RUNS,
    )
  })
})
