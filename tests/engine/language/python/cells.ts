/**
 * Running Python cells in tests: each call of run starts a fresh notebook scope, runs the cells in
 * order and returns the last value; numbers turns a value into plain numbers (nested for tuples
 * and dicts) to compare with an oracle; failure returns the message a run stops with.
 */
import { concrete, isValue } from '../../../../engine/ad/value.ts'
import '../../../../engine/standard.ts'
import { Scope } from '../../../../engine/language/scope.ts'
import type { LangValue } from '../../../../engine/language/values.ts'
import { isRecord, isTuple } from '../../../../engine/language/values.ts'
import { runCell } from '../../../../engine/notebook/run.ts'

/** The Hessian of the seed's f(x) = Σ(Ax)², 2AᵀA, row by row. */
export const SEED_HESSIAN = [10, 4, 6, 4, 20, 12, 6, 12, 26]

export function run(...cells: string[]): LangValue {
  const scope = new Scope(null)
  let last: LangValue
  for (const c of cells) {
    const r = runCell(c, scope, 'python')
    if (!r.ok) throw new Error(String(r.error))
    last = r.value
  }
  return last
}

export function numbers(v: LangValue): unknown {
  if (isValue(v)) return Array.from(concrete(v).data)
  if (isTuple(v)) return v.items.map(numbers)
  if (isRecord(v) && v.tag === 'record') return Object.fromEntries([...v.fields].map(([k, x]) => [k, numbers(x)]))
  return v
}

export function failure(...cells: string[]): string {
  try {
    run(...cells)
  } catch (e) {
    return (e as Error).message
  }
  return 'no error'
}
