/**
 * The real evaluation worker behind the page's client: the scratch cell runs in a scope of its
 * own (its f shadows the lesson's for itself only), and a panel asks for a fresh pass by cell and
 * panel, answered with the function the panel was made with. H·v is checked against the
 * closed-form Hessian of f(x) = sum(abs2, A * x), 2AᵀA.
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import type { CellOutput } from '../../../engine/output/display.ts'
import { Evaluator } from '../../../app/worker/client.ts'
import type { CellSource } from '../../../app/worker/protocol.ts'
import { InProcessWorker } from './fakeWorker.ts'

beforeEach(() => void vi.stubGlobal('Worker', InProcessWorker))
afterEach(() => void vi.unstubAllGlobals())

function start(cells: CellSource[]) {
  const results = new Map<string, CellOutput>()
  let idle: () => void = () => {}
  const evaluator = new Evaluator({
    start: () => {},
    result: (id, output) => void results.set(id, output),
    expected: () => {},
    progress: () => {},
    idle: () => idle(),
  })
  const settled = () => new Promise<void>((resolve) => (idle = resolve))
  const ran = settled()
  evaluator.update(cells, [])
  return { evaluator, results, ran, settled }
}

const lesson: CellSource[] = [
  { id: 'a', source: 'A = [1 2; 3 4]', language: 'julia' },
  { id: 'f', source: 'f(x) = sum(abs2, A * x)', language: 'julia' },
  { id: 'c', source: 'f([1, 1])', language: 'julia' },
]

it("runs the scratch cell in its own scope: its f is its own, the lesson's f is untouched", async () => {
  const { results, ran } = start([
    ...lesson,
    { id: 's', source: '# scratch\nf(x) = 10x\nf(2)', language: 'julia', scope: 'private' },
  ])
  await ran
  expect(results.get('s')).toMatchObject({ ok: true, display: { kind: 'tensor', data: [20] } })
  // sum(abs2, A * [1, 1]) = 3² + 7² = 58, and no "f is defined in more than one cell".
  expect(results.get('c')).toMatchObject({ ok: true, display: { kind: 'tensor', data: [58] } })
  expect(results.get('f')).toMatchObject({ ok: true })
}, 60_000) // the first test loads the engine

it("answers a Hessian panel's request with one HVP pass for the typed v", async () => {
  const { evaluator, ran } = start([...lesson, { id: 'p', source: 'show_hessian(f, [1.0, 2.0])', language: 'julia' }])
  await ran
  const v = [2, -1]
  const reply = await evaluator.requestPanel('p', 0, { kind: 'hvp', v })
  if (!reply.ok || reply.answer.kind !== 'hvp') throw new Error(`expected an HVP, got ${JSON.stringify(reply)}`)
  // H = 2AᵀA = [20 28; 28 40]; H·[2, -1] = [12, 16].
  expect(reply.answer.Hv).toEqual([12, 16])
  expect(reply.answer.passes.forward).toBe(1)
})

it('says so when the cell or panel asked for has none', async () => {
  const { evaluator, ran } = start(lesson)
  await ran
  const reply = await evaluator.requestPanel('c', 0, { kind: 'hvp', v: [1, 0] })
  expect(reply).toMatchObject({ ok: false, error: expect.stringMatching(/run the cell again/) as string })
})

it('settles a request the replaced worker never answered', async () => {
  const { evaluator, ran } = start([...lesson, { id: 'p', source: 'show_hessian(f, [1.0, 2.0])', language: 'julia' }])
  await ran
  const asked = evaluator.requestPanel('p', 0, { kind: 'hvp', v: [1, 0] })
  evaluator.cancel()
  expect(await asked).toMatchObject({ ok: false, error: expect.stringMatching(/restarted/) as string })
})
