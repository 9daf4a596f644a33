/**
 * The check of a concrete primitive's result for fresh non-finite numbers: a NaN or an infinity
 * that the primitive made from finite inputs. bind.ts calls it after evaluating a primitive with
 * no boxes; the primitive's own `domain` callback says why when it knows ("log of a negative").
 */
import { DomainError } from '../errors.ts'
import type { Tensor } from '../tensor/tensor.ts'
import type { Primitive } from './primitive.ts'
import { domainChecksOff } from './untaken.ts'

/** Throws a DomainError when prim made a NaN or infinity from finite args (see the file's comment). */
export function checkResult<P>(prim: Primitive<P>, args: readonly Tensor[], params: P, out: Tensor): void {
  const d = out.data
  // Off only while untaken.ts re-runs a pullback whose 0 cotangent met an infinite slope.
  if (domainChecksOff() || allFinite(d)) return
  for (let k = 0; k < d.length; k++) {
    if (!Number.isFinite(d[k]!)) {
      checkDomain(prim, args, params, k, d[k]!)
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

function checkDomain<P>(prim: Primitive<P>, args: readonly Tensor[], params: P, k: number, value: number): void {
  // Non-finite inputs carry their own story; only a fresh NaN or infinity is an error here.
  for (const a of args) for (const x of a.data) if (!Number.isFinite(x)) return
  const why =
    prim.domain?.(args, k, params) ??
    (Number.isNaN(value)
      ? `${prim.name} gave NaN for finite inputs`
      : `${prim.name} overflowed to ${value}: the result is too large for a float64 (beyond about ±1.8e308)`)
  throw new DomainError(why)
}
