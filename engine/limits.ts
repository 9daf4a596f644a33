/**
 * Resource limits: what keeps one cell from exhausting the worker's memory or running for
 * minutes. Sizes known in advance are checked before the work starts (a tensor's elements, a
 * matrix product's multiply-adds, a Jacobian's or Hessian's passes); a budget catches what
 * cannot be known in advance (a map over a long range, recursion that branches).
 *
 * The budget counts two things while a statement of the notebook language runs: interpreter
 * steps (one per node evaluated, or per element a builtin loops over) and engine work (elements
 * computed, plus a fixed charge per primitive call for its overhead). It is off, and costs one
 * null check per primitive, when nothing opened one (engine tests, the benchmark).
 *
 * Memory held from statement to statement is budgeted too (LIMITS.heldBytes): a notebook's
 * variables can hold gigabytes without any one tensor breaking the limit per tensor (forty
 * statements `v_k = ones(10^7) .* k` are 3.2 GB), so an assignment that would take the total over
 * it is refused, naming the largest holders. The tape reverse mode records (every intermediate
 * value, kept for the backward pass) counts against the same budget while it is being recorded.
 */
import { LimitError } from './errors.ts'
import type { Shape } from './tensor/tensor.ts'
import { describeShape, sizeOf } from './tensor/tensor.ts'

export const LIMITS = {
  /** Elements in one tensor: 1e7 float64 numbers are 80 MB. */
  elements: 1e7,
  /** Multiply-adds in one matrix product or LU decomposition (well under a second). */
  matmul: 5e8,
  /** Interpreter steps in one statement of a cell (about a second on a quiet machine). */
  steps: 1e6,
  /** Engine work units in one statement: elements computed, plus OP_COST per primitive (a few seconds). */
  work: 1e9,
  /** Bytes a notebook's variables may hold together (512 MB: a worker has a few GB at most). */
  heldBytes: 512 * 2 ** 20,
}

/** What one primitive call costs beyond its elements (allocation, dispatch), in work units. */
export const OP_COST = 1000

/**
 * What one element of a primitive's result costs, in work units (a multiply-add of a matrix
 * product is one): each result is a fresh array, written once and read by the next operation,
 * so on tensors of millions of elements memory traffic makes it several times a multiply-add.
 */
export const ELEMENT_COST = 4

interface Budget {
  steps: number
  work: number
}

let budget: Budget | null = null

/** Runs fn under a fresh budget, unless one is already open (then fn shares it). */
export function withBudget<T>(fn: () => T): T {
  if (budget !== null) return fn()
  budget = { steps: 0, work: 0 }
  try {
    return fn()
  } finally {
    budget = null
  }
}

/** Work used so far under the open budget (0 when none is open). */
export function workUsed(): number {
  return budget?.work ?? 0
}

/** Steps used so far under the open budget (0 when none is open). */
export function stepsUsed(): number {
  return budget?.steps ?? 0
}

/** Counts n interpreter steps; what names the loop (a map over 10⁶ elements), for the message. */
export function chargeSteps(n: number, what?: string): void {
  if (budget === null) return
  budget.steps += n
  if (budget.steps > LIMITS.steps) {
    throw new LimitError(
      `this cell stopped after ${fmt(LIMITS.steps)} evaluation steps in one statement, the limit${what ? `, in ${what}` : ''}: is a map, a range or a recursive function running much longer than meant?`,
    )
  }
}

/** Counts engine work (elements computed); what names the operation. */
export function chargeWork(n: number, what: string): void {
  if (budget === null) return
  budget.work += n
  if (budget.work > LIMITS.work) {
    throw new LimitError(
      `stopped after about ${fmt(LIMITS.work)} element operations in one statement, the limit, in ${what}: the computation is too large to finish in reasonable time`,
    )
  }
}

/**
 * Refuses work estimated in advance that would exceed what is left of the budget: steps and
 * work are the estimates, why says what would take them ("a Hessian of 2000 variables needs
 * 2000 passes"), instead what to use instead.
 */
export function checkAhead(est: { steps?: number; work?: number }, why: string, instead: string): void {
  if (budget === null) return
  const steps = est.steps ?? 0
  const work = est.work ?? 0
  if (budget.steps + steps > LIMITS.steps || budget.work + work > LIMITS.work) {
    const size =
      budget.work + work > LIMITS.work
        ? `about ${fmt(work)} element operations, more than the limit of ${fmt(LIMITS.work)} for one statement`
        : `about ${fmt(steps)} evaluation steps, more than the limit of ${fmt(LIMITS.steps)} for one statement`
    const already = budget.steps > 0 ? ' (with what it has used already)' : ''
    throw new LimitError(`${why}: ${size}${already}. ${instead}`)
  }
}

/** Refuses a tensor of this shape before it is allocated. */
export function checkElements(shape: Shape, what: string, instead = ''): void {
  const n = sizeOf(shape)
  if (n > LIMITS.elements) {
    throw new LimitError(
      `${what}: a ${describeShape(shape)} has ${fmt(n)} elements, more than the limit of ${fmt(LIMITS.elements)}${instead ? `. ${instead}` : ''}`,
    )
  }
}

/** What the notebook's variables hold now, as its scope last reported (noteHeld). */
let heldInScope = 0
/** Bytes on the tapes being recorded now (nested reverse passes add up). */
let tapeBytes = 0

/** The notebook's scope reports what its variables hold after each change. */
export function noteHeld(bytes: number): void {
  heldInScope = bytes
}

/**
 * Counts bytes a tape being recorded keeps (an operation's result); refuses when they and the
 * notebook's variables go over LIMITS.heldBytes. Off when no budget is open.
 */
export function chargeTape(bytes: number, what: string): void {
  if (budget === null) return
  tapeBytes += bytes
  if (heldInScope + tapeBytes > LIMITS.heldBytes) {
    throw new LimitError(
      `differentiating this in reverse mode keeps every intermediate value for the backward pass: ${formatBytes(tapeBytes)} so far (at ${what}), which with the ${formatBytes(heldInScope)} the notebook's variables hold is more than the limit of ${formatBytes(LIMITS.heldBytes)}: differentiate a smaller computation, or use smaller sizes`,
    )
  }
}

/** Records a tape with record(); what it charged is released when recording ends. */
export function recordingTape<T>(record: () => T): T {
  const before = tapeBytes
  try {
    return record()
  } finally {
    tapeBytes = before
  }
}

/** What one name holds, in bytes. */
export interface Holder {
  name: string
  bytes: number
}

/**
 * Refuses assigning name (holding bytes) when, with what the others hold, the total would go
 * over LIMITS.heldBytes. others: the other names and what they hold.
 */
export function checkHeld(name: string, bytes: number, others: readonly Holder[]): void {
  const total = others.reduce((t, h) => t + h.bytes, bytes)
  if (total <= LIMITS.heldBytes) return
  const largest = [...others, { name, bytes }]
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 3)
    .map((h) => `${h.name} (${formatBytes(h.bytes)})`)
  throw new LimitError(
    `assigning ${name} (${formatBytes(bytes)}) would make the notebook’s variables hold ${formatBytes(total)}, more than the limit of ${formatBytes(LIMITS.heldBytes)}; the largest are ${largest.join(', ')}: reuse a name for intermediate results, so the old value is freed, or use smaller sizes`,
  )
}

/** 83886080 as "80 MB" (binary megabytes, as memory is counted). */
export function formatBytes(n: number): string {
  if (n < 2 ** 10) return `${n} bytes`
  if (n < 2 ** 20) return `${Math.round(n / 2 ** 10)} KB`
  if (n < 2 ** 30) return `${Math.round(n / 2 ** 20)} MB`
  return `${(n / 2 ** 30).toFixed(1)} GB`
}

/** 12000000 as "1.2e7"; small counts as they are. */
export function fmt(n: number): string {
  return n < 1e6
    ? String(Math.round(n))
    : n
        .toExponential(2)
        .replace(/\.?0+e/, 'e')
        .replace('e+', 'e')
}
