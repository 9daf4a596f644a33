// @vitest-environment jsdom
/**
 * Share links and files on the real store. Each becomes a notebook of the learner's own under its
 * own key: an import never replaces a lesson's edits, a link never overwrites edits made to the
 * notebook it opened (they are kept as an edited copy), a second link keeps the first, and
 * "Reset to original" on a shared notebook goes back to the link's content.
 */
import { Blob as NodeBlob } from 'node:buffer'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { encodeShare } from '../../../app/store/share.ts'
import { closePages, page } from './harness.ts'

vi.mock('../../../app/worker/client.ts', () => import('./fakeWorker.ts'))

const FILE = '# Mine\n\n```ad\ny = 7\n```\n\nSome prose.\n'
const OTHER = '# Other\n\n```ad\nz = 1\n```\n'

// jsdom's Blob cannot stream, which share links' compression needs; Node's can.
globalThis.Blob = NodeBlob as unknown as typeof Blob

beforeEach(() => localStorage.clear())
afterEach(closePages)

describe('import and export', () => {
  it('import opens the file as a new notebook, runs it, and leaves the lesson’s edits alone', async () => {
    const { state, worker } = await page()
    state().openLesson('derivatives')
    state().edit(state().cells[0]!.id, '# My lesson edits')
    state().saveNow()
    const id = state().importMarkdown(FILE, 'mine.md')!
    expect(state().doc).toBe(`nb:${id}`)
    // Its route, and the key of its exercises' progress, apart from every other notebook's.
    expect(state().slug).toBe(`my/${id}`)
    expect(state().exportMarkdown()).toBe(FILE)
    expect(state().title).toBe('Mine')
    expect(worker.sent.at(-1)!.cells.map((c) => c.source)).toEqual(['y = 7'])
    expect(state().notebooks.map((n) => [n.id, n.kind])).toEqual([[id, 'imported']])
    state().openLesson('derivatives')
    expect(state().cells[0]!.source).toBe('# My lesson edits')
  })

  it('import then reload from storage gives the imported notebook, with its edits', async () => {
    const first = await page()
    const id = first.state().importMarkdown(FILE, 'mine.md')!
    const code = first.state().cells.find((c) => c.kind === 'code')!
    first.state().edit(code.id, 'y = 8')
    first.leave()
    const second = await page()
    expect(second.state().openNotebook(id)).toBe(true)
    expect(second.state().exportMarkdown()).toBe(FILE.replace('y = 7', 'y = 8'))
    expect(second.state().title).toBe('Mine')
  })

  it('a file without code cells, or with more cells than a notebook holds, imports nothing and says why', async () => {
    const { state, notices } = await page()
    state().openLesson('derivatives')
    const before = state().cells
    expect(state().importMarkdown('# Just prose\n', 'prose.md')).toBeNull()
    expect(state().importMarkdown('```ad\n1\n```\n\n'.repeat(2001), 'huge.md')).toBeNull()
    expect(state().cells).toBe(before)
    expect(notices()).toEqual([
      expect.stringMatching(/prose\.md has no code cells/),
      expect.stringMatching(/huge\.md has 4002 cells, more than a notebook can hold \(2000\)/),
    ])
  })
})

describe('shared notebooks', () => {
  const payload = { v: 1 as const, md: FILE, sliders: { k: [2] } }

  it('open with the link’s sliders, are saved under their own key and listed', async () => {
    const { state, worker } = await page()
    state().openShared(payload, await encodeShare(payload))
    expect(state().title).toBe('Mine')
    expect(state().doc).toMatch(/^nb:s-/)
    expect(worker.presets.at(-1)).toEqual([{ name: 'k', value: [2], shape: [] }])
    expect(state().notebooks.map((n) => n.kind)).toEqual(['shared'])
  })

  it('opening the link again after editing keeps both: the link’s version and an edited copy', async () => {
    const link = await encodeShare(payload)
    const first = await page()
    first.state().openShared(payload, link)
    const code = first.state().cells.find((c) => c.kind === 'code')!
    first.state().edit(code.id, 'y = 100')
    first.leave()

    const second = await page()
    second.state().openShared(payload, link)
    expect(second.state().exportMarkdown()).toBe(FILE)
    const notice = second.state().notices.at(-1)!
    expect(notice.text).toMatch(/your edited copy is kept under My notebooks/)
    const copy = notice.href!.replace('#/my/', '')
    expect(
      second
        .state()
        .notebooks.map((n) => n.kind)
        .sort(),
    ).toEqual(['copy', 'shared'])
    expect(second.state().openNotebook(copy)).toBe(true)
    expect(second.state().exportMarkdown()).toContain('y = 100')
    expect(second.state().title).toBe('Mine (your edits)')

    // The same link once more: nothing new to keep, so no third notebook.
    second.state().openShared(payload, link)
    expect(second.state().notebooks).toHaveLength(2)
  })

  it('a second link keeps the first; #/shared reaches the latest', async () => {
    const other = { v: 1 as const, md: OTHER, sliders: {} }
    const { state } = await page()
    state().openShared(payload, await encodeShare(payload))
    const first = state().doc
    state().openShared(other, await encodeShare(other))
    expect(state().doc).not.toBe(first)
    expect(state().notebooks).toHaveLength(2)
    state().openLesson('derivatives')
    expect(state().openLatestShared()).toBe(true)
    expect(state().title).toBe('Other')
  })

  it('“Reset to original” goes back to the link’s content; Undo brings the edits back', async () => {
    const { state } = await page()
    state().openShared(payload, await encodeShare(payload))
    const doc = state().doc
    const code = state().cells.find((c) => c.kind === 'code')!
    state().edit(code.id, 'y = 100')
    state().setSlider('k', [5], [])
    await state().resetToOriginal()
    expect(state().doc).toBe(doc)
    expect(state().exportMarkdown()).toBe(FILE)
    expect(state().sliders).toEqual({ k: [2] })
    state().undo()
    expect(state().exportMarkdown()).toContain('y = 100')
  })

  it('a notebook saved under the old single "shared" key joins My notebooks', async () => {
    const { fromMarkdown } = await import('../../../app/store/cells.ts')
    const cells = fromMarkdown(OTHER)
    localStorage.setItem('adnb:doc:shared', JSON.stringify({ version: 1, base: 'abc', cells, sliders: {}, savedAt: 5 }))
    const { state } = await page()
    state().refreshLibrary()
    expect(localStorage.getItem('adnb:doc:shared')).toBeNull()
    expect(state().openLatestShared()).toBe(true)
    expect(state().cells).toEqual(cells)
  })
})

describe('deleting a notebook', () => {
  it('frees its storage, leaves the others, and the open one is not saved back', async () => {
    const { state } = await page()
    const kept = state().importMarkdown(OTHER, 'other.md')!
    const gone = state().importMarkdown(FILE, 'mine.md')!
    state().deleteNotebook(gone)
    expect(localStorage.getItem(`adnb:doc:nb:${gone}`)).toBeNull()
    expect(state().notebooks.map((n) => n.id)).toEqual([kept])
    state().saveNow()
    expect(localStorage.getItem(`adnb:doc:nb:${gone}`)).toBeNull()
  })
})

describe('an imported notebook', () => {
  it('resets to the imported file, even after a reload; Undo brings the edits back', async () => {
    const first = await page()
    const id = first.state().importMarkdown(FILE, 'mine.md')!
    await vi.waitFor(() => expect(first.state().origin?.link).toBeDefined())
    first.state().edit(first.state().cells.find((c) => c.kind === 'code')!.id, 'y = 100')
    first.leave()
    const second = await page()
    second.state().openNotebook(id)
    expect(second.state().exportMarkdown()).toContain('y = 100')
    await second.state().resetToOriginal()
    expect(second.state().exportMarkdown()).toBe(FILE)
    second.state().undo()
    expect(second.state().exportMarkdown()).toContain('y = 100')
  })
})
