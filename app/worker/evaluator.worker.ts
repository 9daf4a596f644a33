/// <reference lib="webworker" />
/**
 * The evaluation worker: owns the reactive notebook and runs cells off the page's thread, so a
 * long computation never freezes the page (the page cancels one by terminating this worker).
 */
import { onProgress, scalar, vector } from '../../engine/index.ts'
import { ReactiveNotebook, toCellOutput } from '../../engine/lang/index.ts'
import type { FromWorker, SliderValue, ToWorker } from './protocol.ts'

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
    post({
      type: 'result',
      seq,
      id,
      output: toCellOutput(result, notebook.sliders(id)),
      ms: performance.now() - cellStart,
    })
    running = queue[queue.indexOf(id) + 1] ?? ''
    cellStart = performance.now()
  },
})

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
    notebook.update(m.cells, { skip: m.skip ?? [], rerun: m.rerun ?? [] })
  } else {
    notebook.setSlider(m.name, toValue(m))
  }
  post({ type: 'done', seq })
}
