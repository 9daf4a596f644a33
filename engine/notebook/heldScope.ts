/**
 * The notebook's top scope, with the memory its variables hold budgeted (LIMITS.heldBytes in
 * engine/limits.ts): an assignment that would take the total over the limit is refused, naming
 * the largest holders. Function calls' local scopes are not budgeted: they are gone when the call
 * returns. A tensor two names share (w = v) is counted once. The total is reported to the
 * limits, so that a tape being recorded counts against what is left.
 *
 * A child HeldScope (a private cell's names over the notebook's) budgets its own variables on
 * top of what its parent holds; an array the parent already holds costs the child nothing.
 */
import { concrete, isValue } from '../ad/value.ts'
import { LIMITS, checkHeld, noteHeld } from '../limits.ts'
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

/** The distinct arrays a value holds (a tensor's data, a record's fields' data). */
function arraysOf(v: LangValue, into: Set<Float64Array> = new Set(), depth = 0): Set<Float64Array> {
  if (isValue(v)) into.add(concrete(v).data)
  else if (isRecord(v) && depth < 8) for (const field of v.fields.values()) arraysOf(field, into, depth + 1)
  return into
}

export class HeldScope extends Scope {
  /**
   * How many variables hold each array, what each variable holds, and their total: kept up to
   * date as names are defined and forgotten, so an assignment costs the size of its own value,
   * not a walk over every variable (a cell defining thousands of names stays linear).
   */
  private readonly holders = new Map<Float64Array, number>()
  private readonly held = new Map<string, Set<Float64Array>>()
  private total = 0

  constructor(private readonly outer: HeldScope | null = null) {
    super(outer)
  }

  /** Whether a variable of this scope or an enclosing HeldScope holds array a. */
  private holds(a: Float64Array): boolean {
    return this.holders.has(a) || (this.outer?.holds(a) ?? false)
  }

  override define(name: string, value: LangValue): void {
    const arrays = arraysOf(value)
    const old = this.held.get(name)
    let total = this.total
    if (old) for (const a of old) if (this.holders.get(a) === 1 && !arrays.has(a)) total -= a.byteLength
    for (const a of arrays) if (!this.holds(a)) total += a.byteLength
    const base = this.outer?.holding ?? 0
    if (total > this.total && base + total > LIMITS.heldBytes) {
      // Over the budget: measure every holder once, for a message that names the largest.
      const seen = new Set<Float64Array>()
      const others: { name: string; bytes: number }[] = []
      const vars = [...this.vars, ...(this.outer?.vars ?? [])]
      for (const [n, v] of vars) if (n !== name) others.push({ name: n, bytes: heldBytes(v, seen) })
      checkHeld(name, heldBytes(value, seen), others)
    }
    super.define(name, value)
    this.release(name)
    for (const a of arrays) this.holders.set(a, (this.holders.get(a) ?? 0) + 1)
    this.held.set(name, arrays)
    this.total = total
    noteHeld(base + total)
  }

  /** Bytes the variables hold now (enclosing scopes' included), an array shared by several names counted once. */
  get holding(): number {
    return (this.outer?.holding ?? 0) + this.total
  }

  /** Removes a variable (its cell is running again, or is gone). */
  forget(name: string): void {
    if (!this.vars.delete(name)) return
    this.release(name)
    noteHeld(this.holding)
  }

  private release(name: string): void {
    const arrays = this.held.get(name)
    if (!arrays) return
    this.held.delete(name)
    for (const a of arrays) {
      const n = this.holders.get(a)! - 1
      if (n > 0) this.holders.set(a, n)
      else {
        this.holders.delete(a)
        this.total -= a.byteLength
      }
    }
  }
}
