/**
 * Timing for the panels that compare costs: median times of a few functions, measured in turns
 * with a clock as coarse as browsers give (performance.now() is rounded to 0.1 ms or worse).
 * Timings are shown as measured, never as a verdict: a busy machine reorders them between runs,
 * so the panels take their verdicts from the counts (engine/ad/cost.ts).
 */
export interface Timing {
  /** Median time of one call, in milliseconds. */
  ms: number
  /** The fastest and slowest timed batch, per call: the range the median sits in. */
  min: number
  max: number
  /** How many timed batches the median is taken over (0: not timed). */
  repeats: number
  /** Calls per batch (many fast calls are timed together, because the clock is coarse). */
  batch: number
}

/**
 * Median times of one call of each function, measured round-robin (a, b, a, b, ...) so that a
 * slow moment of the machine or the JIT warming up does not favour one of them. Browsers round
 * performance.now() (to 0.1 ms or coarser), so calls are timed in batches: each function's batch
 * size doubles (after one warm-up call) until a batch lasts at least minBatchMs; then rounds of one batch per function
 * run until `repeats` rounds are done or about budgetMs is spent (at least three rounds).
 * With repeats 0 nothing runs: every timing comes back empty (repeats 0), for callers that skip timing.
 */
/**
 * Whether panels time what they show only beside their counts (the Hessian panel's ways to nest
 * the modes, whose verdict comes from the counts): an embed on a course page shows the panel
 * without them, so that several embeds settle in a few seconds (about a second of timing runs
 * each otherwise). Panels whose timings are the point (the cost explorer, backprop) still time.
 */
let sideTimings = true

export function setSideTimings(on: boolean): void {
  sideTimings = on
}

export function sideTimingsOn(): boolean {
  return sideTimings
}

export function medianTimes(
  fns: readonly (() => unknown)[],
  { repeats = 5, minBatchMs = 1, budgetMs = 80 }: { repeats?: number; minBatchMs?: number; budgetMs?: number } = {},
): Timing[] {
  if (repeats <= 0) return fns.map(() => ({ ms: 0, min: 0, max: 0, repeats: 0, batch: 0 }))
  const now = () => performance.now()
  const timeBatch = (fn: () => unknown, k: number) => {
    const t0 = now()
    for (let c = 0; c < k; c++) fn()
    return now() - t0
  }
  // One warm-up call each first: a cold call (JIT, caches) would make the batches too small.
  for (const fn of fns) fn()
  const batches = fns.map((fn) => {
    let k = 1
    while (k < 1 << 16 && timeBatch(fn, k) < minBatchMs) k *= 2
    return k
  })
  const samples: number[][] = fns.map(() => [])
  const start = now()
  let done = 0
  while (done < repeats) {
    fns.forEach((fn, i) => {
      // A batch that reads (almost) 0 on a coarse browser clock was sized after a slow call:
      // grow it until it can be measured, so no time comes out as 0 (and no ratio as Infinity).
      let t = timeBatch(fn, batches[i]!)
      while (t < minBatchMs / 2 && batches[i]! < 1 << 20) {
        batches[i]! *= 2
        t = timeBatch(fn, batches[i]!)
      }
      samples[i]!.push(t / batches[i]!)
    })
    done++
    if (now() - start > budgetMs && done >= Math.min(3, repeats)) break
  }
  return samples.map((s, i) => ({
    ms: median(s),
    min: Math.min(...s),
    max: Math.max(...s),
    repeats: done,
    batch: batches[i]!,
  }))
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const h = s.length >> 1
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2
}
