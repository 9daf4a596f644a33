// @vitest-environment jsdom
/**
 * Julia and `ad` cells in the store: a new code cell (and the scratch cell) takes the notebook's language, switching a
 * cell's language rewrites its fence's first word and keeps its flags (and undoes), hiding keeps
 * the language, and the worker is sent each cell's language (and each exercise's, the lesson's).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { cellLanguage, fromMarkdown, notebookLanguage, toMarkdown, withFlag } from '../../../app/store/cells.ts'
import { ensureScratch } from '../../../app/components/scratch.ts'
import { useCodeLanguage } from '../../../app/store/codeLanguage.ts'
import { useStore } from '../../../app/store/store.ts'
import { sent } from './fakeWorker.ts'

vi.mock('../../../app/worker/client.ts', () => import('./fakeWorker.ts'))

const state = () => useStore.getState()
const open = (md: string) => state().openDocument('lesson:t', 't', 'T', 'b', fromMarkdown(md), {})
const code = () => state().cells.filter((c) => c.kind === 'code')
const infos = () => code().map((c) => ('info' in c ? c.info : ''))

const JULIA = '# J\n\n```julia\nx = [1 2 3]\n```\n\n```julia hidden\ny = x\n```\n\n```ad\nz = 1\n```\n'
const AD = '# A\n\n```ad\nx = 1\n```\n\n```julia\ny = 2\n```\n\n```ad\nz = 3\n```\n'

beforeEach(() => {
  localStorage.clear()
  sent.length = 0
})

describe("a notebook's language", () => {
  it('is Julia when at least half the code cells are Julia, ad otherwise or with no code at all', () => {
    expect(notebookLanguage(fromMarkdown(JULIA))).toBe('julia')
    expect(notebookLanguage(fromMarkdown(AD))).toBe('ad')
    // A tie goes to Julia, as the runner reads exercises (exerciseLanguage).
    expect(notebookLanguage(fromMarkdown('```ad\nx = 1\n```\n\n```julia\ny = 2\n```\n'))).toBe('julia')
    expect(notebookLanguage(fromMarkdown('# Prose only\n'))).toBe('ad')
  })

  it('gives a new code cell: Julia in a Julia notebook, ad in an ad one', () => {
    open(JULIA)
    const j = state().addCell(null, 'code')
    expect(cellLanguage(state().cells.find((c) => c.id === j)!)).toBe('julia')
    open(AD)
    const a = state().addCell(null, 'code')
    expect(cellLanguage(state().cells.find((c) => c.id === a)!)).toBe('ad')
  })
})

describe("the presentation's scratch cell", () => {
  it("is written in the notebook's language", () => {
    open(JULIA)
    const julia = ensureScratch()
    expect(cellLanguage(state().cells.find((c) => c.id === julia)!)).toBe('julia')
    open(AD)
    const ad = ensureScratch()
    expect(cellLanguage(state().cells.find((c) => c.id === ad)!)).toBe('ad')
  })

  it('is a Python cell when the learner has chosen Python and the lesson has Python variants', () => {
    const VARIANTS = '# V\n\n```julia\nx = [1, 2]\n```\n```python variant\nx = [1., 2.]\n```\n'
    useCodeLanguage.getState().choose('python')
    open(VARIANTS)
    const python = ensureScratch()
    expect(cellLanguage(state().cells.find((c) => c.id === python)!)).toBe('python')
    // A lesson with no Python cells keeps its own language, whatever the choice.
    open(JULIA)
    const julia = ensureScratch()
    expect(cellLanguage(state().cells.find((c) => c.id === julia)!)).toBe('julia')
    useCodeLanguage.getState().choose('julia')
    open(VARIANTS)
    const chosenJulia = ensureScratch()
    expect(cellLanguage(state().cells.find((c) => c.id === chosenJulia)!)).toBe('julia')
  })
})

describe("switching a cell's language", () => {
  it('rewrites the fence, keeps its flags, runs it in the new language, and undoes', () => {
    open(JULIA)
    const hidden = code()[1]!
    state().setLanguage(hidden.id, 'ad')
    expect(infos()).toEqual(['julia', 'ad hidden', 'ad'])
    expect(sent.at(-1)!.cells.map((c) => c.language)).toEqual(['julia', 'ad', 'ad'])
    expect(toMarkdown(state().cells)).toContain('```ad hidden\ny = x\n```')
    state().undo()
    expect(infos()).toEqual(['julia', 'julia hidden', 'ad'])
    expect(sent.at(-1)!.cells.map((c) => c.language)).toEqual(['julia', 'julia', 'ad'])
  })

  it('to the language it already has is no edit', () => {
    open(JULIA)
    state().setLanguage(code()[0]!.id, 'julia')
    expect(state().undoStack).toEqual([])
  })

  it('hiding or showing a Julia cell keeps it Julia', () => {
    open(JULIA)
    const first = code()[0]!
    state().toggleHidden(first.id)
    expect(infos()[0]).toBe('julia hidden')
    state().toggleHidden(first.id)
    expect(infos()[0]).toBe('julia')
    // An old ad cell is written as before.
    expect(withFlag(code()[2]!, 'expect-error', true)).toMatchObject({ info: 'ad expect-error' })
  })
})

describe('what the worker is sent', () => {
  it("each code cell's language", () => {
    open(`${JULIA}\n\`\`\`exercise e1\nquestion: What is x?\nanswer: x\n\`\`\`\n`)
    state().run()
    const last = sent.at(-1)!
    expect(last.cells.map((c) => c.language)).toEqual(['julia', 'julia', 'ad'])
    expect(last.exercises).toEqual([{ id: expect.any(String) as string, expressions: ['x'], language: 'julia' }])
  })
})
