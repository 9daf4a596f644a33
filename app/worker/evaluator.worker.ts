/// <reference lib="webworker" />
/**
 * The evaluation worker: owns the reactive notebook and runs cells off the page's thread, so a
 * long computation never freezes the page (the page cancels one by terminating this worker).
 * Exercises' expressions join the notebook as hidden cells after the code cells: the reactive
 * notebook orders by dependencies, so they run after what they use and again when it changes.
 */
import { onProgress, scalar, vector } from '../../engine/index.ts'
import type { CellInput } from '../../engine/standard.ts'
import { ReactiveNotebook, analyzeCell, expectedValue, toCellOutput } from '../../engine/standard.ts'
import type { ExerciseSource, FromWorker, SliderValue, ToWorker } from './protocol.ts'
import { expressionCellId, parseExpressionCellId } from './protocol.ts'

declare const self: DedicatedWorkerGlobalScope

const post = (m: FromWorker) => self.postMessage(m)

let seq = 0
let queue: readonly string[] = []
let running = ''
let cellStart = 0

const notebook = new ReactiveNotebook({
  start(ids) {
    queue = ids
    running = ids[0] ?? ''
    cellStart = performance.now()
    post({ type: 'start', seq, ids: [...ids] })
  },
  finish(id, result) {
    const expression = parseExpressionCellId(id)
    if (expression) {
      post({ type: 'expected', seq, id: expression.exercise, index: expression.index, value: expectedValue(result) })
    } else {
      post({
        type: 'result',
        seq,
        id,
        output: toCellOutput(result, notebook.sliders(id)),
        ms: performance.now() - cellStart,
      })
    }
    running = queue[queue.indexOf(id) + 1] ?? ''
    cellStart = performance.now()
  },
})

/** Assignments refused as exercise expressions, by hidden cell id, with the source refused. */
const refused = new Map<string, string>()

/**
 * The hidden cells of the exercises' expressions. An expression that assigns a name is left out
 * (it would define a name in the learner's notebook) and reported once as an error instead.
 */
function expressionCells(exercises: readonly ExerciseSource[]): CellInput[] {
  const cells: CellInput[] = []
  for (const { id, expressions } of exercises) {
    expressions.forEach((source, k) => {
      const cellId = expressionCellId(id, k)
      if (analyzeCell(source).defines.length === 0) {
        refused.delete(cellId)
        cells.push({ id: cellId, source })
      } else if (refused.get(cellId) !== source) {
        refused.set(cellId, source)
        const error = 'it assigns a name; an exercise needs an expression, such as g(x1)'
        post({ type: 'expected', seq, id, index: k, value: { ok: false, error } })
      }
    })
  }
  return cells
}

// A progress message per 50 ms at most is plenty for a progress bar.
let lastProgress = 0
onProgress((done, total) => {
  const now = performance.now()
  if (now - lastProgress < 50 && done < total) return
  lastProgress = now
  post({ type: 'progress', seq, id: running, done, total })
})

const toValue = (s: SliderValue) => (s.shape.length === 0 ? scalar(s.value[0]!) : vector(s.value))

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const m = e.data
  seq = m.seq
  if (m.type === 'update') {
    for (const s of m.sliders ?? []) notebook.presetSlider(s.name, toValue(s))
    const cells = [...m.cells, ...expressionCells(m.exercises ?? [])]
    notebook.update(cells, { skip: m.skip ?? [], rerun: m.rerun ?? [] })
  } else {
    notebook.setSlider(m.name, toValue(m))
  }
  post({ type: 'done', seq })
}
