// @vitest-environment jsdom
/**
 * One schema for save and load: whatever the save path writes, a reload reads (a moved slider of
 * more components than a slider may have, a slider name too long, too many cells), and what it
 * cannot write is refused with the reason instead of being written and lost on the next load.
 * Set-aside copies are read back before they are reported; when storage is too full for the
 * copy, the record stays where it was and is not saved over. Hand-edited ids that name Object's
 * own properties load as ordinary cells.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { SLIDER_MAX_COMPONENTS } from '../../../engine/language/sliders.ts'
import { fromMarkdown, newCodeCell } from '../../../app/store/cells.ts'
import { MAX_CELLS, SCHEMA_VERSION, load, save } from '../../../app/store/persist.ts'
import { closePages, page, stored } from './harness.ts'

vi.mock('../../../app/worker/client.ts', () => import('./fakeWorker.ts'))

beforeEach(() => localStorage.clear())
afterEach(() => {
  closePages()
  vi.restoreAllMocks()
})

const cells = fromMarkdown('# T\n\n```ad\nx = slider(0, 1, 0.1, 0.5)\n```\n')

describe('save writes only what load reads', () => {
  it('a slider of too many components or too long a name is left out; the rest loads', () => {
    const sliders = {
      x: [0.5],
      α: [0.25],
      wide: Array.from({ length: SLIDER_MAX_COMPONENTS + 1 }, () => 0),
      ['n'.repeat(65)]: [1],
      __proto__: [3],
    }
    expect(save('lesson:s', { base: 'b', cells, sliders })).toEqual({ ok: true })
    const loaded = load('lesson:s')
    expect(loaded.kind).toBe('ok')
    expect(loaded.kind === 'ok' && { ...loaded.saved.sliders }).toEqual({ x: [0.5], α: [0.25] })
  })

  it('a slider of exactly the most components is kept', () => {
    const wide = Array.from({ length: SLIDER_MAX_COMPONENTS }, (_, i) => i)
    save('lesson:s', { base: 'b', cells, sliders: { wide } })
    const loaded = load('lesson:s')
    expect(loaded.kind === 'ok' && loaded.saved.sliders.wide).toEqual(wide)
  })

  it('more cells than a notebook holds: refused with the reason, and the saved record is kept', () => {
    expect(save('lesson:s', { base: 'b', cells, sliders: {} })).toEqual({ ok: true })
    const many = Array.from({ length: MAX_CELLS + 1 }, () => newCodeCell('1'))
    expect(save('lesson:s', { base: 'b', cells: many, sliders: {} })).toEqual({
      ok: false,
      why: `the notebook has more than ${MAX_CELLS} cells`,
    })
    expect(load('lesson:s').kind).toBe('ok')
  })

  it('the store does not add a cell past the limit, and says so', async () => {
    const { state, notices } = await page()
    state().openDocument(
      'lesson:t',
      't',
      'T',
      'b',
      Array.from({ length: MAX_CELLS }, () => newCodeCell('1')),
      {},
    )
    expect(state().addCell(null, 'code')).toBe('')
    expect(state().cells).toHaveLength(MAX_CELLS)
    expect(notices()).toEqual([`A notebook holds at most ${MAX_CELLS} cells; delete one to add another.`])
  })
})

describe('set-aside work', () => {
  it('is verified before it is reported, and can be recovered into a notebook', async () => {
    const raw = JSON.stringify({
      version: SCHEMA_VERSION,
      base: 'b',
      cells: [
        { id: 'a', kind: 'code', source: 'k = 3', fence: 'bad' },
        { id: 'b', kind: 'prose', source: 'Words' },
      ],
      sliders: {},
      savedAt: 1,
    })
    localStorage.setItem('adnb:doc:lesson:derivatives', raw)
    const { state } = await page()
    state().openLesson('derivatives')
    const notice = state().notices[0]!
    expect(notice.action).toBe('recover')
    expect(localStorage.getItem(notice.key!)).toBe(raw)
    expect(localStorage.getItem('adnb:doc:lesson:derivatives')).toBeNull()
    state().refreshLibrary()
    expect(state().setAsides.map((a) => a.key)).toEqual([notice.key])

    const id = state().recover(notice.key!)!
    expect(state().doc).toBe(`nb:${id}`)
    expect(state().cells.map((c) => [c.kind, c.source])).toEqual([
      ['code', 'k = 3'],
      ['prose', 'Words'],
    ])
    expect(localStorage.getItem(notice.key!)).toBeNull()
    expect(state().notebooks.map((n) => n.kind)).toEqual(['recovered'])
  })

  it('when storage is too full for the copy, says so, keeps the record and does not save over it', async () => {
    localStorage.setItem('adnb:doc:lesson:derivatives', '{damaged')
    const setItem = Storage.prototype.setItem
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(function (this: Storage, key: string, value: string) {
      if (key.startsWith('adnb:set-aside:')) throw new DOMException('full', 'QuotaExceededError')
      setItem.call(this, key, value)
    })
    const { state, notices } = await page()
    state().openLesson('derivatives')
    expect(notices()[0]).toMatch(/too full to copy it aside\. It stays under “adnb:doc:lesson:derivatives”/)
    expect(Object.keys(localStorage).filter((k) => k.includes('set-aside'))).toEqual([])
    state().edit(state().cells[0]!.id, 'new typing')
    state().saveNow()
    expect(localStorage.getItem('adnb:doc:lesson:derivatives')).toBe('{damaged')
  })
})

describe('hand-edited ids', () => {
  const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty']

  it('load as ordinary cells with ids of their own; the notebook runs and saves', async () => {
    const exercise = fromMarkdown('```exercise e1\nquestion: What is x?\nanswer: x\n```')[0]!
    const record = {
      version: SCHEMA_VERSION,
      base: 'b',
      cells: [
        { id: 'constructor', kind: 'code', source: 'x = 1', flags: [], fence: '```', info: 'ad' },
        { id: '__proto__', kind: 'code', source: 'y = x + 1', flags: [], fence: '```', info: 'ad' },
        { id: 'toString', kind: 'prose', source: 'Prose' },
        { ...exercise, id: 'hasOwnProperty' },
        { id: 'same', kind: 'prose', source: 'One' },
        { id: 'same', kind: 'prose', source: 'Two' },
      ],
      sliders: { constructor: [1] },
      savedAt: 1,
    }
    localStorage.setItem('adnb:doc:lesson:derivatives', JSON.stringify(record))
    const { state, worker, notices } = await page()
    state().openLesson('derivatives')
    expect(notices().join()).not.toMatch(/could not be loaded/)
    const ids = state().cells.map((c) => c.id)
    expect(ids).toHaveLength(6)
    expect(new Set(ids).size).toBe(6)
    for (const name of NAMES) expect(ids).not.toContain(name)
    expect(worker.sent.at(-1)!.cells.map((c) => c.source)).toEqual(['x = 1', 'y = x + 1'])
    expect(worker.sent.at(-1)!.exercises.map((e) => e.expressions.length)).toEqual([1])
    expect({ ...state().sliders }).toEqual({})
    // Lookups by these names find nothing, rather than Object's own functions.
    for (const name of NAMES) {
      expect(state().submitted[name]).toBeUndefined()
      expect(state().outputs[name]).toBeUndefined()
    }
    state().edit(ids[0]!, 'x = 2')
    state().saveNow()
    expect((stored('lesson:derivatives') as { cells: { id: string }[] }).cells.map((c) => c.id)).toEqual(ids)
  })
})

describe('the storage budget', () => {
  it('is measured, and a save that brings it past 80% warns once', async () => {
    const { state, notices } = await page()
    state().openLesson('derivatives')
    localStorage.setItem('adnb:doc:nb:i-big', 'x'.repeat(4_300_000))
    state().edit(state().cells[0]!.id, '# Edited')
    state().saveNow()
    expect(notices().filter((t) => /Browser storage for this site is 82% full/.test(t))).toHaveLength(1)
    localStorage.setItem('adnb:doc:nb:i-big2', 'x'.repeat(300_000))
    state().edit(state().cells[0]!.id, '# Edited again')
    state().saveNow()
    const warnings = notices().filter((t) => /Browser storage for this site is \d+% full/.test(t))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/88% full/)
  })
})
