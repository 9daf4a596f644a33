// @vitest-environment jsdom
/**
 * The learner's Julia-or-Python choice for two-variant cells: saved across reloads (a fresh copy
 * of the store's modules reads it back), anything unreadable read as Julia; only the chosen
 * variant of each cell is sent to the worker, under its own id, and switching sends the other; a
 * variant answers to its main cell's `id=` name; exercises go with their expressions' language.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { fromMarkdown, notebookLanguage, shownCells, toMarkdown } from '../../../app/store/cells.ts'
import { CODE_LANGUAGE_KEY, savedCodeLanguage, useCodeLanguage } from '../../../app/store/codeLanguage.ts'
import { useStore } from '../../../app/store/store.ts'
import { findCell } from '../../../app/route.ts'
import { sent } from './fakeWorker.ts'

vi.mock('../../../app/worker/client.ts', () => import('./fakeWorker.ts'))

const LESSON = [
  '# Seed',
  '',
  '```julia id=seed',
  'f(x) = sum(x .^ 2)',
  '```',
  '```python variant',
  'def f(x):',
  '    return jnp.sum(x ** 2)',
  '```',
  '',
  '```julia',
  'y = f([1.0, 2.0])',
  '```',
  '',
  '```exercise idx',
  'question: q',
  'answer: y',
  'answer-python: y + 0',
  '```',
  '',
  '```exercise plain',
  'question: q',
  'answer: y',
  '```',
  '',
].join('\n')

const state = () => useStore.getState()
const open = () => state().openDocument('lesson:seed', 'seed', 'Seed', 'b', fromMarkdown(LESSON), {})
const lastSent = () => sent[sent.length - 1]!
const sentSources = () => lastSent().cells.map((c) => `${c.language}: ${c.source.split('\n')[0]}`)

beforeEach(() => {
  localStorage.clear()
  sent.length = 0
  useCodeLanguage.setState({ language: 'julia' })
})

describe('the saved choice', () => {
  it('is Julia until Python is chosen, and is read back after a reload', async () => {
    expect(savedCodeLanguage()).toBe('julia')
    useCodeLanguage.getState().choose('python')
    expect(localStorage.getItem(CODE_LANGUAGE_KEY)).toBe('python')
    vi.resetModules()
    const fresh = await import('../../../app/store/codeLanguage.ts')
    expect(fresh.useCodeLanguage.getState().language).toBe('python')
  })

  it('reads anything else saved there as Julia', () => {
    for (const junk of ['Python', '{"v":1}', '']) {
      localStorage.setItem(CODE_LANGUAGE_KEY, junk)
      expect(savedCodeLanguage()).toBe('julia')
    }
  })
})

describe('two-variant cells in the store', () => {
  it('sends the worker only the chosen variant of each cell, and the other one after a switch', () => {
    open()
    state().evaluate()
    expect(sentSources()).toEqual(['julia: f(x) = sum(x .^ 2)', 'julia: y = f([1.0, 2.0])'])
    useCodeLanguage.getState().choose('python')
    expect(sentSources()).toEqual(['python: def f(x):', 'julia: y = f([1.0, 2.0])'])
  })

  it('sends each exercise with the language of its expressions: the learner’s where given, else the lesson’s', () => {
    open()
    useCodeLanguage.getState().choose('python')
    expect(lastSent().exercises).toEqual([
      { id: expect.any(String), expressions: ['y + 0'], language: 'python' },
      { id: expect.any(String), expressions: ['y'], language: 'julia' },
    ])
  })

  it('shows one cell per logical cell, numbered alike, the variant answering to the main cell’s id= name', () => {
    const cells = fromMarkdown(LESSON)
    for (const language of ['julia', 'python'] as const) {
      const shown = shownCells(cells, language)
      expect(shown.filter((c) => c.kind === 'code')).toHaveLength(2)
      const seed = findCell(shown, 'seed')!
      expect(seed.id).toBe(cells.find((c) => c.kind === 'code' && c.info.startsWith(language))!.id)
      expect(findCell(shown, '2')!.id).toBe(findCell(shownCells(cells, 'julia'), '2')!.id)
    }
  })

  it('keeps the file exact on export, and a lesson with Python variants a Julia lesson', () => {
    const cells = fromMarkdown(LESSON)
    expect(toMarkdown(cells)).toBe(LESSON)
    expect(notebookLanguage(cells)).toBe('julia')
  })
})
