/**
 * The real evaluation worker, run in this process behind the page's client: a cell that throws
 * an uncaught error (here a stack overflow, deliberately raised for sources that mention
 * `overflow`) shows that error, every other cell still runs, and the client goes idle.
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import type { CellOutput } from '../../../engine/output/display.ts'
import { Evaluator } from '../../../app/worker/client.ts'
import { InProcessWorker } from './fakeWorker.ts'

const overflow = (source: string) => {
  if (source.includes('overflow')) throw new RangeError('Maximum call stack size exceeded')
}
/** Cells whose source mentions `unreadable` overflow while being read; sources read, in order. */
const read: string[] = []

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
    analyzeCell: (source: string) => {
      read.push(source)
      if (source.includes('unreadable')) throw new RangeError('Maximum call stack size exceeded')
      return actual.analyzeCell(source)
    },
  }
})

function run(cells: { id: string; source: string }[]): Promise<Map<string, CellOutput>> {
  const results = new Map<string, CellOutput>()
  return new Promise((resolve) => {
    const evaluator = new Evaluator({
      start: () => {},
      result: (id, output) => void results.set(id, output),
      expected: () => {},
      progress: () => {},
      idle: () => resolve(results),
    })
    evaluator.update(cells, [])
  })
}

beforeEach(() => {
  read.length = 0
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
