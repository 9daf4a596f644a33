// @vitest-environment jsdom
/**
 * The document slice and its saving, on the real store: a lesson's edits saved as the learner
 * types come back after a reload (a fresh copy of the store's modules reading the same storage),
 * reset then undo, and a lesson that changed since it was edited.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('../../../app/worker/client.ts', () => import('./fakeWorker.ts'))

const LESSON = 'derivatives'

/** The store as a fresh page load sees it, with autosave running. */
async function page() {
  vi.resetModules()
  const { useStore } = await import('../../../app/store/store.ts')
  const { startAutosave } = await import('../../../app/store/autosave.ts')
  const { lessons } = await import('../../../app/lessons.ts')
  stop = startAutosave()
  return { useStore, state: () => useStore.getState(), lesson: lessons.find((l) => l.slug === LESSON)! }
}
let stop = () => {}

/** Leaving the page: autosave writes what is pending. */
const leave = () => {
  window.dispatchEvent(new Event('pagehide'))
  stop()
}

beforeEach(() => localStorage.clear())
afterEach(() => stop())

describe('the open document and its saving', () => {
  it('edits and structural changes to a lesson come back after a reload', async () => {
    const first = await page()
    first.state().openLesson(LESSON)
    const cells = first.state().cells
    const code = cells.find((c) => c.kind === 'code')!
    first.state().edit(code.id, 'x = 42')
    first.state().moveCell(code.id, -1)
    const edited = first.state().cells
    leave()

    const second = await page()
    second.state().openLesson(LESSON)
    expect(second.state().cells).toEqual(edited)
    expect(second.state().doc).toBe(`lesson:${LESSON}`)
    expect(second.state().notices).toEqual([])
  })

  it('a lesson only opened, never edited, is not saved', async () => {
    const first = await page()
    first.state().openLesson(LESSON)
    leave()
    expect(localStorage.getItem(`adnb:doc:lesson:${LESSON}`)).toBeNull()
  })

  it('reset then undo brings the learner’s version back; redo resets again', async () => {
    const { state, lesson } = await page()
    state().openLesson(LESSON)
    const code = state().cells.find((c) => c.kind === 'code')!
    state().edit(code.id, 'x = 42')
    const mine = state().cells
    state().resetToOriginal()
    expect(state().cells.map((c) => c.source)).not.toContain('x = 42')
    expect(state().cells.length).toBe(mine.length)
    expect(state().notices.at(-1)?.text).toMatch(/Undo brings your version back/)
    expect(localStorage.getItem(`adnb:doc:lesson:${LESSON}`)).toBeNull()
    state().undo()
    expect(state().cells).toEqual(mine)
    state().redo()
    expect(
      state()
        .cells.map((c) => c.source)
        .join(''),
    ).toBe(
      (await import('../../../app/store/cells.ts'))
        .fromMarkdown(lesson.text)
        .map((c) => c.source)
        .join(''),
    )
  })

  it('says when the lesson changed since it was edited, and shows the learner’s version', async () => {
    const first = await page()
    first.state().openLesson(LESSON)
    first.state().edit(first.state().cells[0]!.id, '# Mine')
    leave()
    const key = `adnb:doc:lesson:${LESSON}`
    localStorage.setItem(key, JSON.stringify({ ...JSON.parse(localStorage.getItem(key)!), base: 'old' }))
    const second = await page()
    second.state().openLesson(LESSON)
    expect(second.state().cells[0]!.source).toBe('# Mine')
    expect(second.state().notices.map((n) => n.action)).toEqual(['reset'])
  })

  it('moving a slider does not keep the learner on an old copy: the updated lesson opens with the slider where it was', async () => {
    const first = await page()
    first.state().openLesson(LESSON)
    first.state().setSlider('x', [2.5], [])
    leave()
    const key = `adnb:doc:lesson:${LESSON}`
    const record = JSON.parse(localStorage.getItem(key)!) as { codeEdited?: boolean; cells: { source: string }[] }
    expect(record.codeEdited).toBe(false)
    // The site is updated: the record was made from an older text of the lesson.
    record.cells[0]!.source = '# The old version'
    localStorage.setItem(key, JSON.stringify({ ...record, base: 'old' }))
    const second = await page()
    second.state().openLesson(LESSON)
    const { fromMarkdown } = await import('../../../app/store/cells.ts')
    const { hashText } = await import('../../../app/store/persist.ts')
    expect(second.state().cells.map((c) => c.source)).toEqual(fromMarkdown(second.lesson.text).map((c) => c.source))
    expect(second.state().base).toBe(hashText(second.lesson.text))
    expect(second.state().sliders).toEqual({ x: [2.5] })
    expect(second.state().notices).toEqual([])
  })

  it('an edit of the code, undone, is no edit; one kept marks the record as edited', async () => {
    const { state } = await page()
    state().openLesson(LESSON)
    const code = state().cells.find((c) => c.kind === 'code')!
    const { lessonCodeEdited } = await import('../../../app/store/document.ts')
    state().edit(code.id, 'x = 42')
    expect(lessonCodeEdited(state())).toBe(true)
    state().edit(code.id, code.source)
    expect(lessonCodeEdited(state())).toBe(false)
    state().toggleHidden(code.id)
    expect(lessonCodeEdited(state())).toBe(true)
  })

  it('the “lesson updated” notice stays with its lesson and leaves when another opens', async () => {
    const first = await page()
    first.state().openLesson(LESSON)
    first.state().edit(first.state().cells[0]!.id, '# Mine')
    leave()
    const key = `adnb:doc:lesson:${LESSON}`
    localStorage.setItem(key, JSON.stringify({ ...JSON.parse(localStorage.getItem(key)!), base: 'old' }))
    const second = await page()
    second.state().openLesson(LESSON)
    expect(second.state().notices).toMatchObject([{ action: 'reset', doc: key.slice('adnb:doc:'.length) }])
    second.state().openLesson('pullbacks')
    expect(second.state().notices).toEqual([])
    second.state().openLesson(LESSON)
    expect(second.state().notices.map((n) => n.action)).toEqual(['reset'])
  })

  it('a damaged record is set aside with a notice naming its key, and the lesson opens', async () => {
    localStorage.setItem(`adnb:doc:lesson:${LESSON}`, '{oops')
    const { state, lesson } = await page()
    state().openLesson(LESSON)
    const key = /“(adnb:set-aside:[^”]+)”/.exec(state().notices[0]!.text)![1]!
    expect(localStorage.getItem(key)).toBe('{oops')
    expect(state().title).toBe(lesson.title)
  })
})
