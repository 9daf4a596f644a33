/**
 * The notebook's top scope, with the memory its variables hold budgeted (LIMITS.heldBytes in
 * engine/limits.ts): an assignment that would take the total over the limit is refused, naming
 * the largest holders. Function calls' local scopes are not budgeted: they are gone when the call
 * returns. A tensor two names share (w = v) is counted once. The total is reported to the
 * limits, so that a tape being recorded counts against what is left.
 */
import { concrete, isValue } from '../ad/value.ts'
import { checkHeld, noteHeld } from '../limits.ts'
import { Scope } from '../language/interpreter.ts'
import type { LangValue } from '../language/values.ts'
import { isRecord } from '../language/values.ts'

/** Bytes of the arrays a value holds that are not in seen yet (a tensor, a record's fields), adding them to seen. */
export function heldBytes(v: LangValue, seen: Set<Float64Array> = new Set(), depth = 0): number {
  if (isValue(v)) {
    const { data } = concrete(v)
    if (seen.has(data)) return 0
    seen.add(data)
    return data.byteLength
  }
  if (isRecord(v) && depth < 8) {
    let bytes = 0
    for (const field of v.fields.values()) bytes += heldBytes(field, seen, depth + 1)
    return bytes
  }
  return 0
}

export class HeldScope extends Scope {
  override define(name: string, value: LangValue): void {
    const seen = new Set<Float64Array>()
    const others = [...this.vars].filter(([n]) => n !== name).map(([n, v]) => ({ name: n, bytes: heldBytes(v, seen) }))
    const bytes = heldBytes(value, seen)
    if (bytes > 0) checkHeld(name, bytes, others)
    super.define(name, value)
    noteHeld(others.reduce((t, h) => t + h.bytes, bytes))
  }

  /** Removes a variable (its cell is running again, or is gone). */
  forget(name: string): void {
    if (!this.vars.delete(name)) return
    const seen = new Set<Float64Array>()
    let total = 0
    for (const v of this.vars.values()) total += heldBytes(v, seen)
    noteHeld(total)
  }
}
