/**
 * The real evaluation worker, run in this process behind the page's client: a cell that throws
 * an uncaught error (here a stack overflow, deliberately raised for sources that mention
 * `overflow`) shows that error, every other cell still runs, and the client goes idle.
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import type { CellOutput } from '../../../engine/output/display.ts'
import { Evaluator } from '../../../app/worker/client.ts'
import type { CellSource, ExerciseSource, LanguageNames } from '../../../app/worker/protocol.ts'
import { InProcessWorker } from './fakeWorker.ts'

const overflow = (source: string) => {
  if (source.includes('overflow')) throw new RangeError('Maximum call stack size exceeded')
}
/** Cells whose source mentions `unreadable` overflow while being read; sources read, in order. */
const read: string[] = []
/** The language each source was read in. */
const readAs = new Map<string, unknown>()

vi.mock('../../../engine/notebook/run.ts', async (original) => {
  const actual = await original<typeof import('../../../engine/notebook/run.ts')>()
  return {
    ...actual,
    runCell: (source: string, ...rest: unknown[]) => {
      overflow(source)
      return (actual.runCell as (...a: unknown[]) => unknown)(source, ...rest)
    },
  }
})
vi.mock('../../../engine/language/analysis.ts', async (original) => {
  const actual = await original<typeof import('../../../engine/language/analysis.ts')>()
  return {
    ...actual,
    analyzeCell: (source: string, ...rest: unknown[]) => {
      read.push(source)
      readAs.set(source, rest[0])
      if (source.includes('unreadable')) throw new RangeError('Maximum call stack size exceeded')
      return (actual.analyzeCell as (...a: unknown[]) => ReturnType<typeof actual.analyzeCell>)(source, ...rest)
    },
  }
})

function run(cells: CellSource[], exercises: ExerciseSource[] = []): Promise<Map<string, CellOutput>> {
  const results = new Map<string, CellOutput>()
  return new Promise((resolve) => {
    const evaluator = new Evaluator({
      start: () => {},
      result: (id, output) => void results.set(id, output),
      expected: () => {},
      progress: () => {},
      idle: () => resolve(results),
      names: (n) => (seen.names = n),
    })
    evaluator.update(cells, exercises)
  })
}
const seen: { names?: LanguageNames } = {}

beforeEach(() => {
  read.length = 0
  readAs.clear()
  vi.stubGlobal('Worker', InProcessWorker)
})
afterEach(() => void vi.unstubAllGlobals())

it('shows an uncaught error while running on its cell, and runs every other cell', async () => {
  const results = await run([
    { id: 'a', source: 'a = 2' },
    { id: 'b', source: 'overflow = a + 1' },
    { id: 'c', source: 'c = a * 3' },
    { id: 'd', source: 'd = overflow + 1' },
  ])
  expect(results.get('a')).toMatchObject({ ok: true })
  expect(results.get('c')).toMatchObject({ ok: true })
  expect(results.get('b')).toMatchObject({
    ok: false,
    error: expect.stringMatching(/failed while running this cell \(RangeError: Maximum call stack/) as string,
  })
  expect(results.get('d')).toMatchObject({ ok: false, error: expect.stringContaining('cell 2') as string })
}, 60_000) // the first test loads the engine

it('shows an uncaught error while reading on its cell, and never reads that cell again', async () => {
  const results = await run([
    { id: 'a', source: 'a = 2' },
    { id: 'b', source: 'unreadable = 1' },
    { id: 'c', source: 'c = a * 3' },
  ])
  expect(results.get('c')).toMatchObject({ ok: true })
  expect(results.get('b')).toMatchObject({ ok: false, error: expect.stringContaining('while reading') as string })
  expect(read.filter((s) => s.includes('unreadable'))).toHaveLength(1)
})

it('reads each cell in the language the page gives it (ad when none), and exercises in the lesson’s', async () => {
  const results = await run(
    [
      { id: 'a', source: 'a = 2', language: 'ad' },
      { id: 'b', source: 'b = 3', language: 'julia' },
      { id: 'c', source: 'c = 4' },
    ],
    [{ id: 'e', expressions: ['a + 1'] }],
  )
  expect(readAs.get('a = 2')).toBe('ad')
  expect(readAs.get('b = 3')).toBe('julia')
  expect(readAs.get('c = 4')).toBe('ad') // saved before Julia cells: the notebook's default
  expect(readAs.get('a + 1')).toBe('ad') // one Julia cell of three: an ad lesson
  expect(results.get('c')).toMatchObject({ ok: true })
  await run(
    [
      { id: 'a', source: 'a = 2', language: 'julia' },
      { id: 'b', source: 'b = 3', language: 'julia' },
    ],
    [{ id: 'e', expressions: ['a + 2'] }],
  )
  expect(readAs.get('a + 2')).toBe('julia')
})

it('tells the page the names each language can complete', async () => {
  await run([{ id: 'a', source: 'a = 2' }])
  expect(seen.names?.ad).toEqual(expect.arrayContaining(['gradient', 'sin', 'pi']))
  // Julia's names are the core ones plus its own (the overlay).
  expect(seen.names?.julia).toEqual(expect.arrayContaining(seen.names!.ad))
})
