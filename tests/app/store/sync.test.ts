// @vitest-environment jsdom
/**
 * Two tabs on one lesson, as two copies of the store over one localStorage. A tab with no unsaved
 * edits loads what the other saved; a tab with its own edits saves nothing until the learner
 * chooses "keep mine" or "load theirs", whether it heard of the other save (the storage event) or
 * found it when about to write.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { closePages, page } from './harness.ts'

vi.mock('../../../app/worker/client.ts', () => import('./fakeWorker.ts'))

const LESSON = 'derivatives'
const KEY = `adnb:doc:lesson:${LESSON}`

beforeEach(() => localStorage.clear())
afterEach(closePages)

/** Two tabs with the lesson open; b types into its first cell and saves. */
async function twoTabs() {
  const a = await page()
  a.state().openLesson(LESSON)
  const b = await page()
  b.state().openLesson(LESSON)
  const first = a.state().cells[0]!.id
  const typeIn = (tab: typeof a, text: string) => {
    tab.state().edit(tab.state().cells[0]!.id, text)
    tab.useStore.setState({ dirty: true })
  }
  return { a, b, first, typeIn }
}

const saved = () => (JSON.parse(localStorage.getItem(KEY)!) as { cells: { source: string }[] }).cells[0]!.source

describe('two tabs on one lesson', () => {
  it('a tab without unsaved edits loads the other tab’s save (storage event)', async () => {
    const { a, b, typeIn } = await twoTabs()
    typeIn(b, '# From B')
    b.state().saveNow()
    window.dispatchEvent(new StorageEvent('storage', { key: KEY }))
    expect(a.state().cells[0]!.source).toBe('# From B')
    expect(a.state().conflict).toBe(false)
  })

  it('a tab with its own edits asks, and keeps mine writes them', async () => {
    const { a, b, typeIn } = await twoTabs()
    typeIn(a, '# From A')
    typeIn(b, '# From B')
    b.state().saveNow()
    a.state().storageChanged(KEY)
    expect(a.state().conflict).toBe(true)
    expect(a.state().notices.at(-1)!.action).toBe('conflict')
    a.state().saveNow()
    expect(saved()).toBe('# From B')
    a.state().keepMine()
    expect(saved()).toBe('# From A')
    expect(a.state().conflict).toBe(false)
  })

  it('load theirs shows the other tab’s version, and Undo brings mine back', async () => {
    const { a, b, typeIn } = await twoTabs()
    typeIn(a, '# From A')
    typeIn(b, '# From B')
    b.state().saveNow()
    a.state().storageChanged(KEY)
    a.state().loadTheirs()
    expect(a.state().cells[0]!.source).toBe('# From B')
    a.state().undo()
    expect(a.state().cells[0]!.source).toBe('# From A')
  })

  it('without the event, a tab about to write over the other’s save asks instead', async () => {
    const { a, b, typeIn } = await twoTabs()
    typeIn(b, '# From B')
    b.state().saveNow()
    typeIn(a, '# From A')
    a.state().saveNow()
    expect(saved()).toBe('# From B')
    expect(a.state().conflict).toBe(true)
  })

  it('a tab that saved its own edits and has none pending follows the other tab', async () => {
    const { a, b, typeIn } = await twoTabs()
    typeIn(a, '# From A')
    a.state().saveNow()
    b.state().storageChanged(KEY)
    expect(b.state().cells[0]!.source).toBe('# From A')
    typeIn(b, '# From B')
    b.state().saveNow()
    a.state().storageChanged(KEY)
    expect(a.state().cells[0]!.source).toBe('# From B')
  })
})
