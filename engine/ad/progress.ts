/**
 * Progress of long transforms: a Jacobian or Hessian of many variables runs one pass per row or
 * column, and the outermost such loop reports how many it has done, so the app can show a
 * progress bar (and the learner can cancel). Inner loops (the gradient inside a Hessian) stay
 * quiet.
 */

type Listener = (done: number, total: number) => void

let listener: Listener | null = null
let depth = 0

export function onProgress(l: Listener | null): void {
  listener = l
}

/** for (i = 0; i < total; i++) body(i), reporting progress when this is the outermost loop. */
export function passes(total: number, body: (i: number) => void): void {
  const outermost = depth === 0
  depth++
  try {
    for (let i = 0; i < total; i++) {
      body(i)
      if (outermost && listener !== null) listener(i + 1, total)
    }
  } finally {
    depth--
  }
}
