/**
 * The page's side of the worker: Cancel sets the stopped cell aside for good (until the learner
 * edits it or runs it again), also before any cell has started, and a worker that fails is
 * replaced with the error on the cell it failed on. A notebook with nothing to run starts no worker.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { CellOutput } from '../../../engine/output/display.ts'
import { Evaluator } from '../../../app/worker/client.ts'
import { namesNoLesson, startEvaluatorEarly } from '../../../app/worker/early.ts'
import { unknownLesson } from '../../../app/lessons.ts'
import type { ToWorker } from '../../../app/worker/protocol.ts'
import { ScriptedWorker } from './fakeWorker.ts'

function recorder() {
  const log = { results: new Map<string, CellOutput>(), expected: new Map<string, unknown>(), idle: 0 }
  const events = {
    start: () => {},
    result: (id: string, output: CellOutput) => void log.results.set(id, output),
    expected: (exercise: string, index: number, value: unknown) => void log.expected.set(`${exercise}:${index}`, value),
    progress: () => {},
    idle: () => void log.idle++,
  }
  return { log, events }
}

const cells = [
  { id: 'a', source: 'a = slow(1)' },
  { id: 'b', source: 'b = slow(2)' },
  { id: 'c', source: 'c = slow(3)' },
]

/** The cells set aside in the last update the newest worker was sent. */
function skippedIn(w: ScriptedWorker): string[] {
  const updates = w.sent.filter((m): m is Extract<ToWorker, { type: 'update' }> => m.type === 'update')
  return (updates[updates.length - 1]!.skip ?? []).map((s) => s.id).sort()
}

beforeEach(() => {
  ScriptedWorker.all = []
  vi.stubGlobal('Worker', ScriptedWorker)
})
afterEach(() => void vi.unstubAllGlobals())

describe('Cancel', () => {
  it('keeps every cancelled cell set aside, so the fresh worker never re-runs one stopped before', () => {
    const evaluator = new Evaluator(recorder().events)
    evaluator.update(cells, [])
    for (const [k, id] of ['a', 'b', 'c'].entries()) {
      const w = ScriptedWorker.latest()
      w.say({ type: 'start', seq: 1, ids: ['a', 'b', 'c'].filter((x) => !skippedIn(w).includes(x)) })
      expect(evaluator.cancel()).toBe(id)
      expect(w.terminated).toBe(true)
      expect(skippedIn(ScriptedWorker.latest())).toEqual(['a', 'b', 'c'].slice(0, k + 1))
    }
    // Later edits elsewhere keep them aside too.
    evaluator.update([...cells, { id: 'd', source: 'd = 4' }], [])
    expect(skippedIn(ScriptedWorker.latest())).toEqual(['a', 'b', 'c'])
  })

  it('releases a cancelled cell when the learner edits it or runs it again', () => {
    const evaluator = new Evaluator(recorder().events)
    evaluator.update(cells, [])
    ScriptedWorker.latest().say({ type: 'start', seq: 1, ids: ['a', 'b', 'c'] })
    evaluator.cancel()
    ScriptedWorker.latest().say({ type: 'start', seq: 2, ids: ['b', 'c'] })
    evaluator.cancel()
    expect(skippedIn(ScriptedWorker.latest())).toEqual(['a', 'b'])
    evaluator.update(cells, [], ['a'])
    expect(skippedIn(ScriptedWorker.latest())).toEqual(['b'])
    evaluator.update([cells[0]!, { id: 'b', source: 'b = 2' }, cells[2]!], [])
    expect(skippedIn(ScriptedWorker.latest())).toEqual([])
  })

  it('stops a cell still being read, before any cell started, and the fresh worker does not read it', () => {
    const evaluator = new Evaluator(recorder().events)
    evaluator.update(cells, [])
    ScriptedWorker.latest().say({ type: 'read', seq: 1, id: 'b' })
    expect(evaluator.cancel()).toBe('b')
    const update = ScriptedWorker.latest().sent[0] as Extract<ToWorker, { type: 'update' }>
    expect(update.skip).toEqual([{ id: 'b', unread: true }])
  })
})

describe('a failing worker', () => {
  it('is replaced, with the error on the cell it failed on and the others run again', () => {
    const { events } = recorder()
    const evaluator = new Evaluator(events)
    evaluator.update(cells, [])
    const first = ScriptedWorker.latest()
    first.say({ type: 'start', seq: 1, ids: ['a', 'b', 'c'] })
    first.say({ type: 'crash', seq: 1, id: 'b', reading: false, error: 'RangeError: Maximum call stack size exceeded' })
    const fresh = ScriptedWorker.latest()
    expect(first.terminated).toBe(true)
    expect(fresh).not.toBe(first)
    const update = fresh.sent[0] as Extract<ToWorker, { type: 'update' }>
    expect(update.cells).toEqual(cells)
    expect(update.skip).toEqual([{ id: 'b', error: expect.stringMatching(/RangeError.*set aside/) as string }])
  })

  it('recovers from an error event (one the worker could not catch), blaming the running cell', () => {
    const evaluator = new Evaluator(recorder().events)
    evaluator.update(cells, [])
    const first = ScriptedWorker.latest()
    first.say({ type: 'start', seq: 1, ids: ['c'] })
    first.onerror?.({ message: 'out of memory', preventDefault: () => {} })
    expect(skippedIn(ScriptedWorker.latest())).toEqual(['c'])
  })

  it('runs everything again once when it cannot tell which cell failed, then gives up with a message on every cell', () => {
    const { log, events } = recorder()
    const evaluator = new Evaluator(events)
    evaluator.update(cells, [{ id: 'ex', expressions: ['a + 1'] }])
    ScriptedWorker.latest().onerror?.({ message: 'script failed to load', preventDefault: () => {} })
    expect(ScriptedWorker.all).toHaveLength(2)
    expect(skippedIn(ScriptedWorker.latest())).toEqual([])
    expect(log.idle).toBe(0)
    ScriptedWorker.latest().onerror?.({ message: 'script failed to load', preventDefault: () => {} })
    expect(log.idle).toBe(1)
    expect([...log.results.keys()].sort()).toEqual(['a', 'b', 'c'])
    expect(log.expected.get('ex:0')).toMatchObject({ ok: false })
    expect(log.results.get('a')).toMatchObject({
      ok: false,
      error: expect.stringContaining('script failed to load') as string,
    })
  })
})

describe('Starting the worker', () => {
  it('waits for something to run: nothing to run (an unknown cell or panel) starts none, and stops the early one', async () => {
    vi.stubGlobal('window', { location: { hash: '#/seed-session?cell=99' } })
    startEvaluatorEarly()
    expect(ScriptedWorker.all).toHaveLength(1)
    const early = ScriptedWorker.latest()
    const { log, events } = recorder()
    const evaluator = new Evaluator(events)
    evaluator.update([], [])
    await Promise.resolve()
    expect(log.idle).toBe(1)
    expect(ScriptedWorker.all).toHaveLength(1)
    expect(early.terminated).toBe(true)
    // Something to run: now a worker starts.
    evaluator.update(cells, [])
    expect(ScriptedWorker.all).toHaveLength(2)
    expect(ScriptedWorker.latest().sent).toHaveLength(1)
  })

  it('is not started early for a lesson that does not exist (as lessons.ts tells)', () => {
    for (const hash of [
      '#/seed-session?cell=2',
      '#/nope?panel=1',
      '#/',
      '',
      '#/shared?nb=x',
      '#/my/abc',
      '#/reference/gradient',
      '#/hvp',
      '#/hvp%20x',
      '#/%E0',
    ])
      expect(namesNoLesson(hash), hash).toBe(unknownLesson(hash) !== null)
    vi.stubGlobal('window', { location: { hash: '#/no-such-lesson?cell=2' } })
    startEvaluatorEarly()
    expect(ScriptedWorker.all).toHaveLength(0)
    vi.stubGlobal('window', { location: { hash: '#/seed-session?cell=2' } })
    startEvaluatorEarly()
    expect(ScriptedWorker.all).toHaveLength(1)
    // The next Evaluator adopts it.
    new Evaluator(recorder().events).update(cells, [])
    expect(ScriptedWorker.all).toHaveLength(1)
  })
})
