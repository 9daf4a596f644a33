/**
 * Cell results as plain data for the app: what the worker posts to the page (structured-clone
 * friendly, no functions or class instances), and what the page renders.
 */
import { notesOf } from '../ad/notes.ts'
import { concrete, isValue } from '../ad/value.ts'
import { describeShape } from '../tensor/tensor.ts'
import type { SourceSpan } from '../language/errors.ts'
import { dualParts } from '../language/julia/duals.ts'
import { formatNumber } from '../language/numbers.ts'
import type { CellResult } from '../notebook/run.ts'
import type { PanelSpec } from '../panels/index.ts'
import { panelSpecOf } from '../panels/index.ts'
import type { PlotSpec } from '../plots/plots.ts'
import { plotSpecOf } from '../plots/plots.ts'
import type { SliderSpec } from '../language/sliders.ts'
import type { LangValue } from '../language/values.ts'
import { isFunction } from '../language/values.ts'

export type Display =
  | { kind: 'nothing' }
  | { kind: 'tensor'; shape: number[]; data: number[] }
  | { kind: 'function'; name: string; params: string[]; source: string; tex?: string }
  | { kind: 'record'; tag: string; fields: [string, Display][] }
  | { kind: 'string'; value: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'plot'; plot: PlotSpec }
  | { kind: 'panel'; panel: PanelSpec }

export type CellOutput =
  /**
   * flags: notes to show under the value, each a sentence that explains itself: entries that
   * are NaN or infinite, and derivatives taken where the function has none (abs at 0).
   */
  | { ok: true; display: Display; sliders: SliderSpec[]; flags?: string[]; printed?: string[] }
  | { ok: false; error: string; span?: SourceSpan; sliders: SliderSpec[]; printed?: string[] }

/**
 * Tensors with more entries than this are described, not sent: a page that receives ten million
 * numbers spends most of a second decoding them, and could show only a few of them anyway.
 */
export const DISPLAY_MAX_ENTRIES = 100_000

export function toDisplay(v: LangValue): Display {
  if (v === undefined) return { kind: 'nothing' }
  if (typeof v === 'string') return { kind: 'string', value: v }
  if (typeof v === 'boolean') return { kind: 'boolean', value: v }
  const dual = dualParts(v) // a learner's ForwardDiff dual: its tag, value and partial
  if (dual) {
    const fields: [string, Display][] = [
      ['value', toDisplay(dual.value)],
      ['partials', toDisplay(dual.partial)],
    ]
    return { kind: 'record', tag: `Dual{${dual.tag}}`, fields }
  }
  if (isValue(v)) {
    const t = concrete(v)
    if (t.data.length > DISPLAY_MAX_ENTRIES) return { kind: 'string', value: describeLarge(t.shape, t.data) }
    return { kind: 'tensor', shape: [...t.shape], data: Array.from(t.data) }
  }
  if (isFunction(v)) {
    return { kind: 'function', name: v.name, params: [...v.params], source: v.source, ...(v.tex ? { tex: v.tex } : {}) }
  }
  const plot = plotSpecOf(v)
  if (plot) return { kind: 'plot', plot }
  const panel = panelSpecOf(v)
  if (panel) return { kind: 'panel', panel }
  return { kind: 'record', tag: v.tag, fields: [...v.fields].map(([k, f]) => [k, toDisplay(f)]) }
}

/** printed: the lines the cell printed while it ran (println, @show), shown above its value or error. */
export function toCellOutput(result: CellResult, sliders: SliderSpec[] = []): CellOutput {
  const printed = result.printed?.length ? { printed: [...result.printed] } : {}
  if (result.ok) {
    const display = toDisplay(result.value)
    const flags = [...notesOf(result.value), ...valueFlags(result.value)]
    return { ok: true, display, sliders, ...(flags.length > 0 ? { flags } : {}), ...printed }
  }
  const span = (result.cause as { span?: SourceSpan } | undefined)?.span
  return { ok: false, error: result.error, ...(span ? { span: { ...span } } : {}), sliders, ...printed }
}

// -----------------------------------------------------------------------------------------------
// Flags for entries that are not finite numbers

const WHY: Record<string, string> = {
  NaN: 'NaN means "not a number": arithmetic on infinities with no single answer, such as Inf - Inf, 0 * Inf or Inf / Inf, gives it, and it spreads to everything computed from it',
  Infinity:
    'an infinite entry comes from Inf given as input or from a result too large for a float64 (above about 1.8e308); anything computed from it is infinite or NaN too',
  '-Infinity':
    'an infinite entry comes from -Inf given as input or from a result too large for a float64 (below about -1.8e308); anything computed from it is infinite or NaN too',
}

/**
 * "entries 2 and 3 are NaN: ..." for each kind of non-finite entry, field by field in records.
 * Read from the value, not its display, so a tensor too large to display is still checked.
 */
function valueFlags(v: LangValue, where = ''): string[] {
  if (v === undefined || typeof v === 'string' || typeof v === 'boolean' || isFunction(v)) return []
  if (isValue(v)) {
    const t = concrete(v)
    return tensorFlags(t.shape, t.data, where)
  }
  if (plotSpecOf(v) || panelSpecOf(v)) return []
  return [...v.fields].flatMap(([k, f]) => valueFlags(f, `${where}${k}: `))
}

function tensorFlags(shape: readonly number[], data: ArrayLike<number>, where: string): string[] {
  // Counted in one pass, naming only the first few: a tensor of NaNs must not cost more than a sum.
  const found = new Map<string, { count: number; names: string[] }>()
  for (let i = 0; i < data.length; i++) {
    const x = data[i]!
    if (Number.isFinite(x)) continue
    const key = String(x)
    let kind = found.get(key)
    if (!kind) found.set(key, (kind = { count: 0, names: [] }))
    kind.count++
    if (kind.names.length < 5) kind.names.push(entryName([...shape], i))
  }
  return [...found].map(([kind, { count, names }]) => {
    const what =
      shape.length === 0 ? 'the value is' : count === 1 ? `entry ${names[0]} is` : `entries ${list(names, count)} are`
    return `${where}${what} ${kind}: ${WHY[kind]}`
  })
}

/** What the page shows instead of a tensor too large to send. */
function describeLarge(shape: readonly number[], data: ArrayLike<number>): string {
  let lo = Infinity
  let hi = -Infinity
  for (let i = 0; i < data.length; i++) {
    const x = data[i]!
    if (x < lo) lo = x // NaN compares false both ways, so it never becomes the range
    if (x > hi) hi = x
  }
  const range = lo <= hi ? ` smallest ${formatNumber(lo)}, largest ${formatNumber(hi)}.` : ''
  const some = (from: number) => Array.from({ length: 5 }, (_, k) => formatNumber(data[from + k]!)).join(', ')
  const n = data.length
  return (
    `A ${describeShape([...shape])} with ${n} entries: too many to show here (at most ${DISPLAY_MAX_ENTRIES}). ` +
    `First ${some(0)}; last ${some(n - 5)}.${range} ` +
    `Index it to see a part, e.g. v[1:10], or reduce it with sum, max or norm.`
  )
}

/** 1-based: "3" in a vector, "(2, 1)" in a matrix. */
function entryName(shape: number[], i: number): string {
  if (shape.length <= 1) return String(i + 1)
  const idx: number[] = []
  for (let d = shape.length - 1; d >= 0; d--) {
    idx.unshift((i % shape[d]!) + 1)
    i = Math.floor(i / shape[d]!)
  }
  return `(${idx.join(', ')})`
}

/** "2, 3 and 5", or the first few and how many more. */
function list(names: string[], count: number): string {
  if (count > names.length) return `${names.join(', ')} and ${count - names.length} more`
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}
