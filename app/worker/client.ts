/**
 * The page's side of the evaluation worker. It numbers messages, tracks which cell is being read
 * or run, and cancels a long computation by replacing the worker: the new one gets the notebook
 * again with the cancelled cell set aside. A worker that fails (an uncaught error) is replaced
 * the same way, with the error shown on the cell it failed on.
 *
 * Set-aside cells accumulate: each Cancel adds the cell it stopped, and every later update (the
 * fresh worker's first included) keeps them unrun until the learner edits one or runs it again.
 *
 * A panel's request for a fresh pass is answered through a promise; a worker replaced before it
 * answers settles it with a message instead, so no panel waits forever.
 *
 * The worker starts with the first message worth sending: a notebook with nothing to run (a link
 * to a cell or panel that does not exist) starts none, and any worker started early is stopped.
 */
import type { ExpectedValue } from '../../engine/course/answers.ts'
import type { CellOutput } from '../../engine/output/display.ts'
import type { PanelRequest } from '../../engine/panels/requests.ts'
import type {
  CellSource,
  ExerciseSource,
  FromWorker,
  LanguageNames,
  PanelReply,
  SkippedCell,
  SliderValue,
  ToWorker,
} from './protocol.ts'
import { expressionCellId, parseExpressionCellId } from './protocol.ts'
import { adoptEarlyEvaluator, spawnEvaluator } from './early.ts'

export interface EvaluatorEvents {
  /** Code cells about to run; exercises' expressions about to be evaluated again, by exercise. */
  start(ids: string[], expressions: { exercise: string; index: number }[]): void
  result(id: string, output: CellOutput, ms: number): void
  expected(exercise: string, index: number, value: ExpectedValue): void
  progress(id: string, done: number, total: number): void
  idle(): void
  /** What the editor may complete, per language (sent by each fresh worker). */
  names?(names: LanguageNames): void
}

/** A set-aside cell, with the source it had then (sourceOf): an edit brings it back. */
interface Skipped extends SkippedCell {
  source: string | undefined
}

/** Replacements for failed workers in a row before the page stops trying (each sets a cell aside). */
const MAX_RESTARTS = 50

export class Evaluator {
  private worker: Worker | null = null
  private seq = 0
  private cells: CellSource[] = []
  private exercises: ExerciseSource[] = []
  private sliders = new Map<string, SliderValue>()
  private readonly skipped = new Map<string, Skipped>()
  /** Cells started and not yet finished, in run order. */
  private pending: string[] = []
  /** The cell being read before any runs (a huge cell can take long to parse). */
  private reading = ''
  private inFlight = 0
  private restarts = 0
  /** Panels' requests not answered yet, by request number. */
  private readonly requests = new Map<number, (reply: PanelReply) => void>()
  private requestCount = 0

  constructor(private readonly events: EvaluatorEvents) {}

  /** A fresh worker; the first one is the worker the page's entry started early (early.ts), if any. */
  private spawn(): Worker {
    const early = adoptEarlyEvaluator()
    const w = early?.worker ?? spawnEvaluator()
    w.onmessage = (e: MessageEvent<FromWorker>) => this.receive(e.data)
    // Errors the worker could not catch itself (its script failed to load, it ran out of memory).
    const failed = (e: ErrorEvent) => this.crash(undefined, e.message || 'the evaluator stopped unexpectedly')
    w.onerror = (e: ErrorEvent) => {
      e.preventDefault()
      failed(e)
    }
    w.onmessageerror = () => this.crash(undefined, 'a message from the evaluator could not be read')
    if (early) {
      // What it said before this listened (its names, if it has run something); a failure once this.worker is set.
      for (const m of early.messages) this.receive(m.data as FromWorker)
      const error = early.error
      if (error) queueMicrotask(() => failed(error))
    }
    return w
  }

  private send(m: ToWorker): void {
    if (!this.worker) {
      if (m.type === 'update' && m.cells.length === 0 && !m.exercises?.length) {
        // Nothing to run and no worker yet: none is needed (and none waits idle).
        adoptEarlyEvaluator()?.worker.terminate()
        queueMicrotask(() => this.events.idle())
        return
      }
      this.worker = this.spawn()
    }
    this.inFlight++
    this.worker.postMessage(m)
  }

  private receive(m: FromWorker): void {
    switch (m.type) {
      case 'names':
        this.events.names?.(m.names)
        break
      case 'read':
        this.reading = m.id
        break
      case 'start': {
        this.reading = ''
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
      case 'crash':
        this.crash(m.id ? { id: m.id, unread: m.reading } : undefined, m.error)
        break
      case 'panel':
        this.requests.get(m.id)?.(m.reply)
        this.requests.delete(m.id)
        break
      case 'done':
        this.reading = ''
        this.restarts = 0
        if (--this.inFlight === 0) this.events.idle()
        break
    }
  }

  /**
   * The source a cell has now: a code cell's with its language (switching it is an edit too), or
   * an exercise expression's; undefined if gone.
   */
  private sourceOf(id: string): string | undefined {
    const expression = parseExpressionCellId(id)
    if (expression === null) {
      const cell = this.cells.find((c) => c.id === id)
      return cell && `${cell.language ?? 'ad'}:${cell.source}`
    }
    return this.exercises.find((e) => e.id === expression.exercise)?.expressions[expression.index]
  }

  /** Forgets set-aside cells the learner edited, removed or ran again. */
  private release(rerun: readonly string[]): void {
    const again = new Set(rerun)
    for (const [id, s] of this.skipped) {
      const exercise = parseExpressionCellId(id)?.exercise
      if (again.has(id) || (exercise !== undefined && again.has(exercise)) || this.sourceOf(id) !== s.source) {
        this.skipped.delete(id)
      }
    }
  }

  private skipList(): SkippedCell[] {
    return [...this.skipped.values()].map(({ id, error, unread }) => ({
      id,
      ...(error === undefined ? {} : { error }),
      ...(unread ? { unread } : {}),
    }))
  }

  /** The notebook's code cells or exercises changed (or rerun asks for cells to run again). */
  update(cells: CellSource[], exercises: ExerciseSource[], rerun: string[] = []): void {
    this.cells = cells
    this.exercises = exercises
    this.release(rerun)
    this.send({
      type: 'update',
      seq: ++this.seq,
      cells,
      exercises,
      rerun,
      skip: this.skipList(),
      sliders: [...this.sliders.values()],
    })
  }

  /** Slider values to apply from the next update on (a notebook opened with saved sliders). */
  presetSliders(values: SliderValue[]): void {
    for (const v of values) this.sliders.set(v.name, v)
  }

  slider(s: SliderValue): void {
    this.sliders.set(s.name, s)
    this.send({ type: 'slider', seq: ++this.seq, ...s })
  }

  /** Panel `panel` of cell `cell` asks for a fresh pass; the promise settles with the worker's reply. */
  requestPanel(cell: string, panel: number, request: PanelRequest): Promise<PanelReply> {
    const id = ++this.requestCount
    return new Promise((resolve) => {
      this.requests.set(id, resolve)
      this.send({ type: 'panel', seq: ++this.seq, id, cell, panel, request })
    })
  }

  /** A replaced worker will not answer: its panels' requests are told so. */
  private dropRequests(): void {
    for (const resolve of this.requests.values())
      resolve({ ok: false, error: 'the evaluator was restarted before it answered: change the vector to ask again' })
    this.requests.clear()
  }

  /** The cell the worker is busy with: the one running, or the one being read before any runs. */
  private current(): { id: string; unread: boolean } | undefined {
    if (this.pending[0] !== undefined) return { id: this.pending[0], unread: false }
    return this.reading ? { id: this.reading, unread: true } : undefined
  }

  /** Sets a cell aside and gives the notebook, without it, to a fresh worker. */
  private restart(stopped: { id: string; unread: boolean } | undefined, error?: string): void {
    if (stopped) {
      this.skipped.set(stopped.id, {
        id: stopped.id,
        source: this.sourceOf(stopped.id),
        ...(error === undefined ? {} : { error }),
        ...(stopped.unread ? { unread: true } : {}),
      })
    }
    this.worker?.terminate()
    this.worker = null
    this.dropRequests()
    this.inFlight = 0
    this.pending = []
    this.reading = ''
    this.send({
      type: 'update',
      seq: ++this.seq,
      cells: this.cells,
      exercises: this.exercises,
      skip: this.skipList(),
      sliders: [...this.sliders.values()],
    })
  }

  /**
   * Stops the running cell (or the one being read): a fresh worker re-runs the rest of the
   * notebook without it. Returns the stopped cell (which may be an exercise's hidden cell).
   */
  cancel(): string | undefined {
    const stopped = this.current()
    this.restarts = 0
    this.restart(stopped)
    return stopped?.id
  }

  /** The worker failed: the cell it was on shows why, and a fresh worker runs the others. */
  private crash(culprit: { id: string; unread: boolean } | undefined, error: string): void {
    const stopped = culprit ?? this.current()
    const where = stopped?.unread ? 'reading' : 'running'
    const message = `the evaluator failed while ${where} this cell (${error}), so it was set aside and the other cells ran without it. Edit the cell, or run it again, to retry`
    this.restarts++
    if (stopped === undefined && this.restarts === 1) {
      // It failed between cells (or while idle): once, a fresh worker simply runs everything again.
      this.restart(undefined)
      return
    }
    if (this.restarts > MAX_RESTARTS || stopped === undefined || this.skipped.has(stopped.id)) {
      // Nothing left to set aside: say so on every cell instead of trying forever.
      this.worker?.terminate()
      this.worker = null
      this.dropRequests()
      this.inFlight = 0
      this.pending = []
      this.reading = ''
      const output: CellOutput = {
        ok: false,
        error: `the evaluator failed (${error}) and could not recover`,
        sliders: [],
      }
      for (const c of this.cells) this.events.result(c.id, output, 0)
      for (const e of this.exercises) e.expressions.forEach((_, k) => this.events.expected(e.id, k, output))
      this.events.idle()
      return
    }
    this.restart(stopped, message)
  }

  dispose(): void {
    this.dropRequests()
    this.worker?.terminate()
    this.worker = null
  }
}
