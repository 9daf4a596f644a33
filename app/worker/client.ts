/**
 * The page's side of the evaluation worker. It numbers messages, tracks which cell is running,
 * and cancels a long computation by replacing the worker: the new one gets the notebook again
 * with the cancelled cell marked as stopped.
 */
import type { ExpectedValue } from '../../engine/course/answers.ts'
import type { CellOutput } from '../../engine/output/display.ts'
import type { CellSource, ExerciseSource, FromWorker, SliderValue, ToWorker } from './protocol.ts'
import { expressionCellId, parseExpressionCellId } from './protocol.ts'

export interface EvaluatorEvents {
  /** Code cells about to run; exercises' expressions about to be evaluated again, by exercise. */
  start(ids: string[], expressions: { exercise: string; index: number }[]): void
  result(id: string, output: CellOutput, ms: number): void
  expected(exercise: string, index: number, value: ExpectedValue): void
  progress(id: string, done: number, total: number): void
  idle(): void
}

export class Evaluator {
  private worker: Worker
  private seq = 0
  private cells: CellSource[] = []
  private exercises: ExerciseSource[] = []
  private sliders = new Map<string, SliderValue>()
  /** Cells started and not yet finished, in run order. */
  private pending: string[] = []
  private inFlight = 0

  constructor(private readonly events: EvaluatorEvents) {
    this.worker = this.spawn()
  }

  private spawn(): Worker {
    const w = new Worker(new URL('./evaluator.worker.ts', import.meta.url), { type: 'module', name: 'evaluator' })
    w.onmessage = (e: MessageEvent<FromWorker>) => this.receive(e.data)
    return w
  }

  private send(m: ToWorker): void {
    this.inFlight++
    this.worker.postMessage(m)
  }

  private receive(m: FromWorker): void {
    switch (m.type) {
      case 'start': {
        this.pending = [...m.ids]
        const expressions = m.ids.map(parseExpressionCellId)
        this.events.start(
          m.ids.filter((_, i) => expressions[i] === null),
          expressions.filter((e) => e !== null),
        )
        break
      }
      case 'result':
        this.pending = this.pending.filter((id) => id !== m.id)
        this.events.result(m.id, m.output, m.ms)
        break
      case 'expected':
        this.pending = this.pending.filter((id) => id !== expressionCellId(m.id, m.index))
        this.events.expected(m.id, m.index, m.value)
        break
      case 'progress':
        this.events.progress(m.id, m.done, m.total)
        break
      case 'done':
        if (--this.inFlight === 0) this.events.idle()
        break
    }
  }

  /** The notebook's code cells or exercises changed (or rerun asks for cells to run again). */
  update(cells: CellSource[], exercises: ExerciseSource[], rerun: string[] = []): void {
    this.cells = cells
    this.exercises = exercises
    this.send({ type: 'update', seq: ++this.seq, cells, exercises, rerun, sliders: [...this.sliders.values()] })
  }

  /** Slider values to apply from the next update on (a notebook opened with saved sliders). */
  presetSliders(values: SliderValue[]): void {
    for (const v of values) this.sliders.set(v.name, v)
  }

  slider(s: SliderValue): void {
    this.sliders.set(s.name, s)
    this.send({ type: 'slider', seq: ++this.seq, ...s })
  }

  /**
   * Stops the running cell: a fresh worker re-runs the rest of the notebook without it. Returns
   * the stopped cell (which may be an exercise's hidden cell).
   */
  cancel(): string | undefined {
    const stopped = this.pending[0]
    this.worker.terminate()
    this.worker = this.spawn()
    this.inFlight = 0
    this.pending = []
    this.send({
      type: 'update',
      seq: ++this.seq,
      cells: this.cells,
      exercises: this.exercises,
      skip: stopped ? [stopped] : [],
      sliders: [...this.sliders.values()],
    })
    return stopped
  }

  dispose(): void {
    this.worker.terminate()
  }
}
