/**
 * The check of a concrete primitive's result for fresh non-finite numbers: a NaN or an infinity
 * that the primitive made from finite inputs. bind.ts calls it after evaluating a primitive with
 * no boxes; the primitive's own `domain` callback says why when it knows ("log of a negative").
 *
 * What a fresh NaN or infinity means depends on the language the learner typed, so the notebook
 * sets a policy while a cell runs (engine/notebook/run.ts; the ops layer never asks the language):
 *  - 'error' (`ad` cells, and the engine's own callers): every fresh NaN or infinity is an error;
 *  - 'julia': overflow and division by zero give ±Inf and 0/0 gives NaN, as IEEE arithmetic
 *    does in Julia, while the functions Julia guards throw its DomainError (sqrt(-1.0),
 *    log(-1.0), (-8.0)^(1/3));
 *  - 'ieee' (Python cells: JAX, NumPy, PyTorch, TensorFlow): every result is IEEE's, NaN included.
 * A value kept instead of an error is never silent: a note says where it came from.
 */
import { DomainError } from '../errors.ts'
import type { Tensor } from '../tensor/tensor.ts'
import { currentFunction, noteOnce } from './notes.ts'
import type { Primitive } from './primitive.ts'
import { domainChecksOff, untakenProduct } from './untaken.ts'

export type NonFinitePolicy = 'error' | 'julia' | 'ieee'

let policy: NonFinitePolicy = 'error'

/** Runs fn with fresh NaNs and infinities treated as the policy says (see the file's comment). */
export function withNonFinitePolicy<T>(p: NonFinitePolicy, fn: () => T): T {
  const outer = policy
  policy = p
  try {
    return fn()
  } finally {
    policy = outer
  }
}

export function nonFinitePolicy(): NonFinitePolicy {
  return policy
}

/**
 * The functions that throw Julia's DomainError rather than return NaN (sqrt(-1.0), log(-1.0),
 * log1p(-2.0), (-8.0)^(1/3), asin(2.0), acosh(0.5), atanh(2.0), log2(-1.0)); arithmetic keeps
 * IEEE's NaN (0/0, rem(1.0, 0.0), Inf - Inf). By primitive name, so the ops layer needs no flag.
 */
const JULIA_THROWS = new Set(['sqrt', 'log', 'log1p', 'log2', 'log10', 'pow', 'asin', 'acos', 'acosh', 'atanh'])

/** Throws a DomainError when prim made a NaN or infinity from finite args (see the file's comment). */
export function checkResult<P>(prim: Primitive<P>, args: readonly Tensor[], params: P, out: Tensor): void {
  const d = out.data
  // Off only while untaken.ts re-runs a pullback whose 0 cotangent met an infinite slope.
  if (domainChecksOff() || allFinite(d)) return
  for (let k = 0; k < d.length; k++) {
    if (!Number.isFinite(d[k]!)) {
      checkDomain(prim, args, params, k, d[k]!, out)
      return // inputs not all finite: every later entry has the same excuse (and rescanning is O(n²))
    }
  }
}

/**
 * Whether every number is finite, in one pass without a branch per number: x·0 is 0 for a
 * finite x and NaN for ±Infinity and NaN, so the sums stay 0 exactly when all are finite.
 */
function allFinite(d: Float64Array): boolean {
  let s0 = 0
  let s1 = 0
  const n = d.length
  let k = 0
  for (; k + 1 < n; k += 2) {
    s0 += d[k]! * 0
    s1 += d[k + 1]! * 0
  }
  if (k < n) s0 += d[k]! * 0
  return s0 + s1 === 0
}

function checkDomain<P>(
  prim: Primitive<P>,
  args: readonly Tensor[],
  params: P,
  k: number,
  value: number,
  out: Tensor,
): void {
  // Non-finite inputs carry their own story; only a fresh NaN or infinity is an error here.
  for (const a of args)
    for (const x of a.data)
      if (!Number.isFinite(x)) {
        // ...except a 0 cotangent from a branch ifelse did not take meeting one (0 × ∞ = NaN).
        if (policy !== 'error') untakenProduct(prim.name, args, out, policy)
        return
      }
  const why =
    prim.domain?.(args, k, params) ??
    (Number.isNaN(value)
      ? `${prim.name} gave NaN for finite inputs`
      : `${prim.name} overflowed to ${value}: the result is too large for a float64 (beyond about ±1.8e308)`)
  if (policy === 'error' || (policy === 'julia' && Number.isNaN(value) && JULIA_THROWS.has(prim.name)))
    throw new DomainError(why)
  // Once per operation and kind of value: its first example says what happened; exp overflowing
  // again at every later sample of a plot would bury it.
  const at = out.data.length > 1 && !why.includes('element') ? ` (element ${k + 1})` : ''
  const kind = Number.isNaN(value) ? 'NaN' : value > 0 ? 'Inf' : '-Inf'
  noteOnce(`${prim.name} ${kind}`, () => keptNote(why + at, value))
}

/** "exp(1000) overflows to infinity (in σ): Julia gives Inf here, as IEEE arithmetic does, ..." */
function keptNote(why: string, value: number): string {
  const julia = policy === 'julia'
  const shown = Number.isNaN(value) ? 'NaN' : value > 0 ? 'Inf' : '-Inf'
  const who = julia ? `Julia gives ${shown}` : `JAX, NumPy and PyTorch give ${shown.toLowerCase()}`
  const fn = currentFunction()
  const where = fn === undefined || fn.startsWith('this anonymous') ? '' : ` (in ${fn})`
  const spreads = Number.isNaN(value)
    ? 'and NaN spreads to everything computed from it'
    : 'and what is computed from it may be infinite or NaN (1/Inf is 0, but Inf - Inf and 0 * Inf are NaN)'
  return `${why}${where}: ${who} here, as IEEE arithmetic does, not an error, ${spreads}`
}
