// @vitest-environment jsdom
/**
 * Saved work, share links and files from before Julia cells open as they did and give the same
 * values: their cells say `ad` (or nothing), the schema is the one it was, and the worker runs
 * them as `ad`, exactly as a notebook given no language at all. Julia cells keep their language
 * through every way a notebook is kept: saving, My notebooks, share links, export.
 */
import { Blob as NodeBlob } from 'node:buffer'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { CellOutput } from '../../../engine/output/display.ts'
import { ReactiveNotebook, toCellOutput } from '../../../engine/standard.ts'
import type { CellSource } from '../../../app/worker/protocol.ts'
import { fromMarkdown } from '../../../app/store/cells.ts'
import { SCHEMA_VERSION } from '../../../app/store/persist.ts'
import { decodeShare, encodeShare } from '../../../app/store/share.ts'
import { closePages, page } from './harness.ts'

vi.mock('../../../app/worker/client.ts', () => import('./fakeWorker.ts'))

// jsdom's Blob cannot stream, which share links' compression needs; Node's can.
globalThis.Blob = NodeBlob as unknown as typeof Blob

beforeEach(() => localStorage.clear())
afterEach(closePages)

/** An `ad` notebook as saved before Julia cells: h'(3) for h(t) = t^3 - 2t is 3*9 - 2 = 25. */
const OLD_MD = '# Old\n\n```ad\nh(t) = t^3 - 2t\n```\n\n```ad expect-error\nslope = derivative(h, 3)\n```\n'
const OLD_RECORD = {
  version: 1,
  base: 'abc',
  cells: [
    { id: 'p1', kind: 'prose', source: '# Old\n' },
    { id: 'c1', kind: 'code', source: 'h(t) = t^3 - 2t', flags: [], fence: '```', info: 'ad' },
    { id: 'p2', kind: 'prose', source: '' },
    {
      id: 'c2',
      kind: 'code',
      source: 'slope = derivative(h, 3)',
      flags: ['expect-error'],
      fence: '```',
      info: 'ad expect-error',
    },
    { id: 'p3', kind: 'prose', source: '' },
  ],
  sliders: {},
  savedAt: 1,
  title: 'Old',
  origin: { kind: 'imported' },
}

/** What the worker's notebook shows for these cells. */
function run(cells: readonly CellSource[]): Record<string, CellOutput> {
  const notebook = new ReactiveNotebook()
  notebook.update(cells)
  return Object.fromEntries(cells.map((c) => [c.id, toCellOutput(notebook.result(c.id)!, [])]))
}

/** The cells as an app from before Julia cells sent them: no language at all. */
const withoutLanguage = (cells: readonly CellSource[]) => cells.map(({ id, source }) => ({ id, source }))

describe('work saved before Julia cells', () => {
  it('is still a version-1 record: the schema did not change', () => {
    expect(SCHEMA_VERSION).toBe(1)
  })

  it('opens from My notebooks as it was, and runs as ad with the values it gave before', async () => {
    localStorage.setItem('adnb:doc:nb:i-old', JSON.stringify(OLD_RECORD))
    const { state, worker } = await page()
    expect(state().openNotebook('i-old')).toBe(true)
    expect(state().cells).toEqual(OLD_RECORD.cells)
    expect(state().exportMarkdown()).toBe(OLD_MD)
    const sent = worker.sent.at(-1)!.cells
    expect(sent.map((c) => c.language)).toEqual(['ad', 'ad'])
    const now = run(sent)
    expect(now).toEqual(run(withoutLanguage(sent)))
    expect(now.c2).toMatchObject({ ok: true, display: { kind: 'tensor', shape: [], data: [25] } })
  }, 60_000) // the first test loads the engine

  it('opens from a share link made before Julia cells, unchanged, and runs as ad', async () => {
    const payload = { v: 1 as const, md: OLD_MD, sliders: {} }
    const link = await encodeShare(payload)
    const decoded = await decodeShare(link)
    expect(decoded.ok).toBe(true)
    const { state, worker } = await page()
    state().openShared(payload, link)
    expect(state().exportMarkdown()).toBe(OLD_MD)
    const sent = worker.sent.at(-1)!.cells
    expect(sent.map((c) => c.language)).toEqual(['ad', 'ad'])
    expect(run(sent)).toEqual(run(withoutLanguage(sent)))
  })

  it('imports from a file as ad', async () => {
    const { state, worker } = await page()
    state().importMarkdown(OLD_MD, 'old.md')
    expect(worker.sent.at(-1)!.cells.map((c) => [c.source, c.language])).toEqual([
      ['h(t) = t^3 - 2t', 'ad'],
      ['slope = derivative(h, 3)', 'ad'],
    ])
  })
})

describe('Julia cells', () => {
  const JULIA_MD = '# J\n\n```julia\nx1 = [1 2 3]\n```\n\n```ad\ny = 1\n```\n\n```julia hidden\nf(x) = 2x\n```\n'
  const languages = (cells: readonly CellSource[]) => cells.map((c) => c.language)

  it('stay Julia when saved and opened again from My notebooks', async () => {
    const first = await page()
    const id = first.state().importMarkdown(JULIA_MD, 'j.md')!
    first.state().edit(first.state().cells.find((c) => c.kind === 'code')!.id, 'x1 = [4 5 6]')
    first.leave()
    const second = await page()
    expect(second.state().openNotebook(id)).toBe(true)
    expect(second.state().exportMarkdown()).toBe(JULIA_MD.replace('[1 2 3]', '[4 5 6]'))
    expect(languages(second.worker.sent.at(-1)!.cells)).toEqual(['julia', 'ad', 'julia'])
  })

  it('stay Julia through a share link', async () => {
    const { state, worker } = await page()
    state().importMarkdown(JULIA_MD, 'j.md')
    const payload = { v: 1 as const, md: state().exportMarkdown(), sliders: {} }
    const decoded = await decodeShare(await encodeShare(payload))
    expect(decoded.ok && fromMarkdown(decoded.payload.md).map((c) => ('info' in c ? c.info : ''))).toEqual([
      '',
      'julia',
      '',
      'ad',
      '',
      'julia hidden',
      '',
    ])
    state().openShared(payload, await encodeShare(payload))
    expect(state().exportMarkdown()).toBe(JULIA_MD)
    expect(languages(worker.sent.at(-1)!.cells)).toEqual(['julia', 'ad', 'julia'])
  })
})
