/**
 * When plotly loads: evaluating it is one task of the main thread (over a second on a quiet
 * machine, several on a busy one) during which nothing the learner types or clicks is answered,
 * and it cannot be split. So it is never loaded before the page has painted, and then only when a
 * plot wants it: at once when the learner points at a plot (they want its hover values), or once
 * a plot is near the screen and the learner has paused (no key, click or wheel for QUIET_MS) and
 * the browser is idle. Until then PlotPreview draws the plot. One load serves every plot.
 */
import type { Plotly } from './plotlyScript.ts'
import { plotlyScript } from './plotlyScript.ts'

/** How long the learner must have done nothing before plotly may take the main thread. */
export const QUIET_MS = 1500

let requested = false
let loaded: Plotly | null = null
let ready: { promise: Promise<Plotly>; resolve(api: Plotly): void; reject(err: unknown): void } | null = null

function readyPromise() {
  if (!ready) {
    let resolve!: (api: Plotly) => void
    let reject!: (err: unknown) => void
    const promise = new Promise<Plotly>((yes, no) => ((resolve = yes), (reject = no)))
    promise.catch(() => {}) // each plot reports a failure itself; none may be left to hear it
    ready = { promise, resolve, reject }
  }
  return ready
}

/** plotly, once some plot has asked for it (wantPlotly) and it has loaded. */
export function plotlyReady(): Promise<Plotly> {
  return loaded ? Promise.resolve(loaded) : readyPromise().promise
}

/** plotly if it has loaded, so that unmounting can purge without loading anything. */
export function loadedPlotly(): Plotly | null {
  return loaded
}

/** Loads plotly now (once); a failed load may be retried by the next plot that wants it. */
function requestPlotly(): void {
  if (requested || loaded) return
  requested = true
  const waiting = readyPromise()
  plotlyScript().then(
    (api) => {
      loaded = api
      waiting.resolve(api)
    },
    (err: unknown) => {
      requested = false
      ready = null
      waiting.reject(err)
    },
  )
}

let lastInput = -Infinity
if (typeof window !== 'undefined') {
  const note = () => (lastInput = performance.now())
  for (const type of ['keydown', 'pointerdown', 'wheel', 'touchstart', 'input'])
    window.addEventListener(type, note, { capture: true, passive: true })
}

/** Resolves once the page has loaded and painted. */
function painted(): Promise<void> {
  return new Promise((done) => {
    const after = () => setTimeout(done, 0)
    if (document.readyState === 'complete') after()
    else window.addEventListener('load', after, { once: true })
  })
}

/** Calls f once the learner has paused for QUIET_MS and the browser is idle; returns a cancel. */
function whenQuiet(f: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  let idle: number | undefined
  const check = () => {
    const wait = lastInput + QUIET_MS - performance.now()
    if (wait > 0) timer = setTimeout(check, wait)
    else if (window.requestIdleCallback) idle = window.requestIdleCallback(f, { timeout: 2000 })
    else timer = setTimeout(f, 50)
  }
  check()
  return () => {
    clearTimeout(timer)
    if (idle !== undefined) window.cancelIdleCallback(idle)
  }
}

/**
 * Registers a plot's element: plotly loads when the learner points at it, or when it is near the
 * screen and the learner pauses (see above). Returns a function that unregisters it.
 */
export function wantPlotly(el: HTMLElement): () => void {
  if (loaded) return () => {}
  let live = true
  const cleanups: (() => void)[] = []
  const now = () => {
    if (live) requestPlotly()
  }
  for (const type of ['pointerenter', 'touchstart'] as const) {
    el.addEventListener(type, now, { passive: true })
    cleanups.push(() => el.removeEventListener(type, now))
  }
  const soon = () => {
    void painted().then(() => {
      if (live) cleanups.push(whenQuiet(now))
    })
  }
  if (typeof IntersectionObserver === 'undefined') soon()
  else {
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return
        observer.disconnect()
        soon()
      },
      { rootMargin: '300px 0px' },
    )
    observer.observe(el)
    cleanups.push(() => observer.disconnect())
  }
  return () => {
    live = false
    for (const c of cleanups) c()
  }
}
