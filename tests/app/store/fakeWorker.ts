/**
 * A stand-in for the evaluation worker (jsdom has no Worker), for the store's tests: it records
 * what the store sent, so a test can check which cells the worker was asked to run.
 * Use with `vi.mock('../../../app/worker/client.ts', () => import('./fakeWorker.ts'))`.
 */
import type { EvaluatorEvents } from '../../../app/worker/client.ts'
import type { CellSource, ExerciseSource, SliderValue } from '../../../app/worker/protocol.ts'

interface Record {
  sent: { cells: CellSource[]; exercises: ExerciseSource[]; rerun: string[] }[]
  presets: SliderValue[][]
}
// Kept on globalThis so that a test reloading the store's modules (vi.resetModules) still sees it.
const record = ((globalThis as { fakeWorker?: Record }).fakeWorker ??= { sent: [], presets: [] })
export const { sent, presets } = record

export class Evaluator {
  constructor(readonly events: EvaluatorEvents) {}
  update(cells: CellSource[], exercises: ExerciseSource[], rerun: string[] = []): void {
    sent.push({ cells, exercises, rerun })
  }
  presetSliders(values: SliderValue[]): void {
    presets.push(values)
  }
  slider(): void {}
  cancel(): string | undefined {
    return undefined
  }
  dispose(): void {}
}
