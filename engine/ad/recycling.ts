/**
 * Memory reuse in reverse mode's backward sweep. A fresh buffer costs several times the
 * arithmetic of a small operation (about 1.5 µs for 300 numbers against 0.3 µs in one already in
 * cache, 2026-12-08), and a sweep makes one per rule it runs. Most of them are dead as soon as
 * the sweep has moved past the node they belong to, so the sweep gives them back to alloc
 * (tensor.ts recycle) when it can prove that nothing else refers to them:
 *  - the buffer was made by an engine rule (keepsNothing) during this sweep, which the sweep
 *    sees by watching what alloc hands out while the rule runs;
 *  - every value in play was a plain tensor, so no enclosing level keeps it on a tape, and no
 *    trace is being recorded;
 *  - the sweep counts the references it holds to the buffer (entries of its cotangent table,
 *    held indexed cotangents, a contribution in hand): when the last one goes, so does the
 *    buffer. A rule that passes its cotangent on unchanged (add's) adds a reference; a rule
 *    whose result is a view into it, or one that may keep it (a learner's), ends the count
 *    for good (the buffer is left to the garbage collector).
 * Whatever else a watched rule made is dead once it returns, and goes back at once.
 */
import { Tensor, mintedInto, overlaps, recycle } from '../tensor/tensor.ts'
import type { Value } from './value.ts'

/**
 * The size (in numbers) from which recycling pays: below it a fresh buffer (a view into a shared
 * slab, tensor.ts) costs less than the bookkeeping (measured at n = 10 and 300, 2026-12-08).
 */
export const WORTH_RECYCLING = 64

/** Reference counts of the buffers one sweep owns. */
export class Owned {
  // Made on the first adoption: most sweeps of small tensors adopt nothing.
  private refs: Map<Float64Array, number> | null = null

  /** One more reference to v's memory, if the sweep owns it. */
  hold(v: Value): void {
    if (this.refs === null || !(v instanceof Tensor)) return
    const r = this.refs.get(v.data)
    if (r !== undefined) this.refs.set(v.data, r + 1)
  }

  /** One reference to v's memory gone; the last one gives it back to alloc. */
  drop(v: Value): void {
    if (this.refs === null || !(v instanceof Tensor)) return
    const r = this.refs.get(v.data)
    if (r === undefined) return
    if (r > 1) this.refs.set(v.data, r - 1)
    else {
      this.refs.delete(v.data)
      recycle(v.data)
    }
  }

  /** v's memory may be kept by something the sweep cannot follow: never give it back. */
  escape(v: Value): void {
    if (this.refs !== null && v instanceof Tensor) this.refs.delete(v.data)
  }

  /**
   * The result of watched work (see watch): adopted with one reference (the caller's) when
   * the work made its buffer, else one more reference if owned already. Everything else the
   * work made is given back, unless the result is a view of it.
   */
  adopt(v: Value, made: Float64Array[] | null): void {
    if (made === null || !(v instanceof Tensor)) {
      this.hold(v)
      return
    }
    const d = v.data
    let mine = false
    for (let k = 0; k < made.length; k++) {
      const m = made[k]!
      if (m === d) mine = true
      else if (m.length > 8 && !overlaps(m, d)) recycle(m)
    }
    if (mine) (this.refs ??= new Map()).set(d, 1)
    else this.hold(v)
  }
}

/**
 * Starts watching what alloc hands out; finish with endWatch(list) in a finally. Returns null
 * (nothing is watched) inside another watch, which engine rules never start.
 */
export function beginWatch(): Float64Array[] | null {
  const list: Float64Array[] = []
  const outer = mintedInto(list)
  if (outer === null) return list
  mintedInto(outer)
  return null
}

export function endWatch(list: Float64Array[] | null): void {
  if (list !== null) mintedInto(null)
}
