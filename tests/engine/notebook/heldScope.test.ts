/**
 * The notebook's budgeted top scope keeps its total as names come and go: the total must match
 * a fresh measurement of every variable, and an assignment must not walk the other variables
 * (a cell that defines thousands of names would be quadratic).
 */
import { describe, expect, it } from 'vitest'
import { HeldScope, heldBytes } from '../../../engine/notebook/heldScope.ts'
import { ones, scalar } from '../../../engine/tensor/tensor.ts'
import { record } from '../../../engine/language/values.ts'
import type { LangValue } from '../../../engine/language/values.ts'

/** What every variable holds, measured from scratch: the oracle for the kept total. */
function measured(scope: HeldScope): number {
  const seen = new Set<Float64Array>()
  let total = 0
  for (const v of scope.vars.values()) total += heldBytes(v, seen)
  return total
}

/** A Map that counts how often it is walked. */
class CountingMap extends Map<string, LangValue> {
  walks = 0;
  override [Symbol.iterator]() {
    this.walks++
    return super[Symbol.iterator]()
  }
  override values() {
    this.walks++
    return super.values()
  }
  override entries() {
    this.walks++
    return super.entries()
  }
}

describe('HeldScope', () => {
  it('keeps its total equal to a fresh measurement through sharing, reassigning and forgetting', () => {
    const scope = new HeldScope()
    const v = ones([100])
    scope.define('v', v)
    scope.define('w', v) // shared: counted once
    scope.define('r', record('pair', { a: v, b: ones([10]) }))
    expect(scope.holding).toBe(measured(scope))
    expect(measured(scope)).toBe(110 * 8)
    scope.define('v', scalar(1)) // w and r still hold the old array
    expect(scope.holding).toBe(measured(scope))
    scope.forget('w')
    scope.forget('r')
    expect(scope.holding).toBe(measured(scope))
    expect(measured(scope)).toBe(8)
    scope.forget('v')
    expect(scope.holding).toBe(0)
  })

  it('defines a name without walking the other variables', () => {
    const scope = new HeldScope()
    const vars = new CountingMap()
    ;(scope as unknown as { vars: Map<string, LangValue> }).vars = vars
    for (let k = 0; k < 2000; k++) scope.define(`x${k}`, ones([4]))
    for (let k = 0; k < 2000; k += 2) scope.forget(`x${k}`)
    expect(vars.walks).toBe(0)
    expect(scope.holding).toBe(1000 * 4 * 8)
  })
})

describe('a child HeldScope (a private cell over the notebook)', () => {
  it("budgets its own arrays on top of its parent's, an array the parent holds costing nothing", () => {
    const parent = new HeldScope()
    const v = ones([100])
    parent.define('v', v)
    const child = new HeldScope(parent)
    child.define('w', v) // the parent's array: no new bytes
    expect(child.holding).toBe(100 * 8)
    child.define('u', ones([10]))
    expect(child.holding).toBe(110 * 8)
    expect(parent.holding).toBe(100 * 8)
    expect(child.lookup('v')).toBe(v)
    expect(parent.vars.has('u')).toBe(false)
  })
})
