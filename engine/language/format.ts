/**
 * Values as JSON (for the runner's --json and for tests) and as plain text (for the terminal).
 * Numbers themselves are written by numbers.ts.
 */
import { concrete, isValue } from '../ad/value.ts'
import type { Nested } from '../tensor/tensor.ts'
import { toNested } from '../tensor/tensor.ts'
import { dualParts, dualText } from './julia/duals.ts'
import { formatNumber } from './numbers.ts'
import type { LangValue } from './values.ts'
import { isFunction, isTuple } from './values.ts'

// The language's number format is the terminal's and the runner's: standard.ts re-exports it from here.
export { formatNumber }

export type Json = number | string | boolean | null | Json[] | { [k: string]: Json }

/** Numbers stay numbers; NaN and infinities, which JSON cannot hold, become strings. */
function jsonNumbers(x: Nested): Json {
  if (typeof x === 'number') return Number.isFinite(x) ? x : String(x)
  return x.map(jsonNumbers)
}

export function toJson(v: LangValue): Json {
  if (v === undefined) return null
  if (typeof v === 'string' || typeof v === 'boolean') return v
  const dual = dualParts(v) // a ForwardDiff dual keeps its tag and partial
  if (dual) return { dual: dual.tag, value: toJson(dual.value), partials: toJson(dual.partial) }
  if (isValue(v)) return jsonNumbers(toNested(concrete(v)))
  if (isFunction(v)) return { function: v.source }
  if (isTuple(v)) return { tuple: v.items.map(toJson) }
  const out: { [k: string]: Json } = {}
  for (const [k, f] of v.fields) out[k] = toJson(f)
  return out
}

export function toText(v: LangValue): string {
  if (v === undefined) return '(nothing)'
  if (typeof v === 'string') return JSON.stringify(v)
  if (typeof v === 'boolean') return String(v)
  if (isFunction(v)) return v.source
  if (isTuple(v)) return `(${v.items.map(toText).join(', ')}${v.items.length === 1 ? ',' : ''})`
  if (!isValue(v) && v.type) return `${v.tag}(${[...v.fields.values()].map(toText).join(', ')})` // P(2.0), as Julia prints a struct
  if (!isValue(v) && v.fields.size === 0) return `${v.tag}()` // NoTangent(), as Julia prints it
  if (!isValue(v))
    return `${v.tag} { ${[...v.fields].map(([k, f]) => `${k}: ${isFunction(f) ? `${f.name}(${f.params.join(', ')})` : toText(f)}`).join(', ')} }`
  const dual = dualText(v) // ForwardDiff's dual numbers print as Julia prints them
  if (dual !== undefined) return dual
  const t = concrete(v)
  if (t.shape.length === 0) return formatNumber(t.data[0]!)
  if (t.shape.length === 1) return `[${Array.from(t.data, formatNumber).join(', ')}]`
  if (t.shape.length === 2) {
    const [m, n] = t.shape as [number, number]
    const cells = Array.from(t.data, formatNumber)
    // Not Math.max(...cells): a big matrix has more cells than one call may take arguments.
    const width = cells.reduce((w, c) => Math.max(w, c.length), 0)
    const rows = []
    for (let i = 0; i < m; i++)
      rows.push(
        ' ' +
          cells
            .slice(i * n, (i + 1) * n)
            .map((c) => c.padStart(width))
            .join('  '),
      )
    return `${m}×${n} matrix:\n${rows.join('\n')}`
  }
  return JSON.stringify(toNested(t))
}
