// @vitest-environment jsdom
/**
 * Saved notebooks with exercise cells: they save and load like the other cells, exported back to
 * the same Markdown, and a record saved before exercises existed still loads.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { fromMarkdown, toMarkdown } from '../../../app/store/cells.ts'
import { SCHEMA_VERSION, load, save } from '../../../app/store/persist.ts'

const LESSON = 'Intro\n\n```ad\nx1 = [0, 1, 2]\n```\n\n~~~~exercise ex-1\nquestion: What is x1?\nanswer: x1\n  ~~~~  \n'

beforeEach(() => localStorage.clear())

describe('saved notebooks with exercises', () => {
  it('save and load exercise cells, which export to the same Markdown', () => {
    const cells = fromMarkdown(LESSON)
    expect(cells.map((c) => c.kind)).toEqual(['prose', 'code', 'prose', 'exercise', 'prose'])
    expect(save('lesson:a', { base: 'base', cells, sliders: {} })).toEqual({ ok: true })
    const loaded = load('lesson:a')
    expect(loaded.kind).toBe('ok')
    if (loaded.kind !== 'ok') return
    expect(loaded.saved.cells).toEqual(cells)
    expect(toMarkdown(loaded.saved.cells)).toBe(LESSON)
  })

  it('still load a record saved before exercise cells existed', () => {
    const old = {
      version: SCHEMA_VERSION,
      base: 'abc',
      cells: [
        { id: 'c1', kind: 'prose', source: '# Old' },
        { id: 'c2', kind: 'code', source: 'x = 1', flags: [], fence: '```', info: 'ad' },
      ],
      sliders: {},
      savedAt: 1,
    }
    localStorage.setItem('adnb:doc:lesson:old', JSON.stringify(old))
    const loaded = load('lesson:old')
    expect(loaded.kind).toBe('ok')
    expect(loaded.kind === 'ok' && loaded.saved.cells).toEqual(old.cells)
  })

  it('set aside an exercise cell with a damaged fence, as any damaged record', () => {
    const cells = fromMarkdown('```exercise e\nquestion: q\nanswer: 1\n```')
    localStorage.setItem(
      'adnb:doc:lesson:b',
      JSON.stringify({
        version: SCHEMA_VERSION,
        base: 'b',
        cells: [{ ...cells[0]!, fence: 'nope' }],
        sliders: {},
        savedAt: 1,
      }),
    )
    expect(load('lesson:b').kind).toBe('set-aside')
  })
})
