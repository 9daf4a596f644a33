// @vitest-environment jsdom
/**
 * Share links and files on the real store: an import replaces the cells (Undo brings the previous
 * ones back) and comes back after a reload; a shared notebook opens with its sliders and is saved;
 * export gives the Markdown back.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('../../../app/worker/client.ts', () => import('./fakeWorker.ts'))

const FILE = '# Mine\n\n```ad\ny = 7\n```\n\nSome prose.\n'

async function page() {
  vi.resetModules()
  const { useStore } = await import('../../../app/store/store.ts')
  const { startAutosave } = await import('../../../app/store/autosave.ts')
  const worker = await import('./fakeWorker.ts')
  stop = startAutosave()
  return { useStore, state: () => useStore.getState(), worker }
}
let stop = () => {}
const leave = () => {
  window.dispatchEvent(new Event('pagehide'))
  stop()
}

beforeEach(() => localStorage.clear())
afterEach(() => stop())

describe('import and export', () => {
  it('import replaces the cells, runs them, and Undo brings the lesson back', async () => {
    const { state, worker } = await page()
    state().openLesson('derivatives')
    const lesson = state().cells
    state().importMarkdown(FILE, 'mine.md')
    expect(state().exportMarkdown()).toBe(FILE)
    expect(state().title).toBe('Mine')
    expect(worker.sent.at(-1)!.cells.map((c) => c.source)).toEqual(['y = 7'])
    state().undo()
    expect(state().cells).toEqual(lesson)
  })

  it('import then reload from storage gives the imported notebook', async () => {
    const first = await page()
    first.state().openLesson('derivatives')
    first.state().importMarkdown(FILE, 'mine.md')
    leave()
    const second = await page()
    second.state().openLesson('derivatives')
    expect(second.state().exportMarkdown()).toBe(FILE)
  })

  it('a file without code cells imports nothing and says why', async () => {
    const { state } = await page()
    state().openLesson('derivatives')
    const before = state().cells
    state().importMarkdown('# Just prose\n', 'prose.md')
    expect(state().cells).toBe(before)
    expect(state().notices.at(-1)!.text).toMatch(/prose\.md has no code cells/)
  })
})

describe('shared notebooks', () => {
  it('open with the link’s sliders and are saved', async () => {
    const { state, worker } = await page()
    state().openShared({ v: 1, md: FILE, sliders: { k: [2] } })
    expect(state().title).toBe('Mine')
    expect(state().slug).toBe('shared')
    expect(worker.presets.at(-1)).toEqual([{ name: 'k', value: [2], shape: [] }])
    expect(state().exportMarkdown()).toBe(FILE)
    expect(localStorage.length).toBeGreaterThan(0)
  })
})
