/**
 * Stand-ins for the browser's Worker in unit tests: a scripted one whose replies the test writes
 * (to stop cells at chosen moments), and one that runs the real evaluation worker in this process.
 */
import type { FromWorker, ToWorker } from '../../../app/worker/protocol.ts'

/** A worker that records what it is sent and answers only when the test says. */
export class ScriptedWorker {
  static all: ScriptedWorker[] = []
  onmessage: ((e: { data: FromWorker }) => void) | null = null
  onerror: ((e: { message: string; preventDefault(): void }) => void) | null = null
  onmessageerror: (() => void) | null = null
  readonly sent: ToWorker[] = []
  terminated = false

  constructor() {
    ScriptedWorker.all.push(this)
  }

  postMessage(m: ToWorker): void {
    this.sent.push(structuredClone(m))
  }

  terminate(): void {
    this.terminated = true
  }

  /** The worker says something to the page. */
  say(m: FromWorker): void {
    this.onmessage?.({ data: m })
  }

  static latest(): ScriptedWorker {
    return ScriptedWorker.all[ScriptedWorker.all.length - 1]!
  }
}

let instances = 0
const WORKER_MODULE = '../../../app/worker/evaluator.worker.ts'

/**
 * The real app/worker/evaluator.worker.ts, loaded afresh per instance (a query string makes a new
 * module, so a replaced worker starts with an empty notebook, as in the browser). Messages are
 * cloned and delivered in later microtasks, as between threads.
 */
export class InProcessWorker {
  onmessage: ((e: { data: FromWorker }) => void) | null = null
  onerror: ((e: { message: string; preventDefault(): void }) => void) | null = null
  onmessageerror: (() => void) | null = null
  terminated = false
  private readonly scope: { postMessage(m: FromWorker): void; onmessage: ((e: { data: ToWorker }) => void) | null }
  private readonly ready: Promise<unknown>

  constructor() {
    this.scope = {
      postMessage: (m) => {
        const copy = structuredClone(m)
        queueMicrotask(() => {
          if (!this.terminated) this.onmessage?.({ data: copy })
        })
      },
      onmessage: null,
    }
    ;(globalThis as { self?: unknown }).self = this.scope
    this.ready = import(/* @vite-ignore */ `${WORKER_MODULE}?instance=${++instances}`)
  }

  postMessage(m: ToWorker): void {
    const copy = structuredClone(m)
    void this.ready.then(() => {
      if (this.terminated) return
      ;(globalThis as { self?: unknown }).self = this.scope
      this.scope.onmessage?.({ data: copy })
    })
  }

  terminate(): void {
    this.terminated = true
  }
}
