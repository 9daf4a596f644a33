/**
 * Cell results as plain data for the app: what the worker posts to the page (structured-clone
 * friendly, no functions or class instances), and what the page renders.
 */
import { notesOf } from '../ad/notes.ts'
import { concrete, isValue } from '../ad/value.ts'
import type { SourceSpan } from './errors.ts'
import type { CellResult } from './notebook.ts'
import type { PanelBase } from './panels/index.ts'
import { panelSpecOf } from './panels/index.ts'
import type { PlotSpec } from './plots.ts'
import { plotSpecOf } from './plots.ts'
import type { SliderSpec } from './sliders.ts'
import type { LangValue } from './values.ts'
import { isFunction } from './values.ts'

export type Display =
  | { kind: 'nothing' }
  | { kind: 'tensor'; shape: number[]; data: number[] }
  | { kind: 'function'; name: string; params: string[]; source: string; tex?: string }
  | { kind: 'record'; tag: string; fields: [string, Display][] }
  | { kind: 'string'; value: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'plot'; plot: PlotSpec }
  | { kind: 'panel'; panel: PanelBase }

export type CellOutput =
  /**
   * flags: notes to show under the value, each a sentence that explains itself: entries that
   * are NaN or infinite, and derivatives taken where the function has none (abs at 0).
   */
  | { ok: true; display: Display; sliders: SliderSpec[]; flags?: string[] }
  | { ok: false; error: string; span?: SourceSpan; sliders: SliderSpec[] }

export function toDisplay(v: LangValue): Display {
  if (v === undefined) return { kind: 'nothing' }
  if (typeof v === 'string') return { kind: 'string', value: v }
  if (typeof v === 'boolean') return { kind: 'boolean', value: v }
  if (isValue(v)) {
    const t = concrete(v)
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

export function toCellOutput(result: CellResult, sliders: SliderSpec[] = []): CellOutput {
  if (result.ok) {
    const display = toDisplay(result.value)
    const flags = [...notesOf(result.value), ...nonFiniteFlags(display)]
    return { ok: true, display, sliders, ...(flags.length > 0 ? { flags } : {}) }
  }
  const span = (result.cause as { span?: SourceSpan } | undefined)?.span
  return { ok: false, error: result.error, ...(span ? { span: { ...span } } : {}), sliders }
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

/** "entries 2 and 3 are NaN: ..." for each kind of non-finite entry in the displayed tensors. */
export function nonFiniteFlags(display: Display, where = ''): string[] {
  if (display.kind === 'record') return display.fields.flatMap(([k, f]) => nonFiniteFlags(f, `${where}${k}: `))
  if (display.kind !== 'tensor') return []
  const { shape, data } = display
  const found = new Map<string, string[]>()
  data.forEach((x, i) => {
    if (Number.isFinite(x)) return
    const key = String(x)
    found.set(key, [...(found.get(key) ?? []), entryName(shape, i)])
  })
  return [...found].map(([kind, entries]) => {
    const what =
      shape.length === 0
        ? 'the value is'
        : entries.length === 1
          ? `entry ${entries[0]} is`
          : `entries ${list(entries)} are`
    return `${where}${what} ${kind}: ${WHY[kind]}`
  })
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
function list(items: string[]): string {
  const shown = items.slice(0, 5)
  if (items.length > 5) return `${shown.join(', ')} and ${items.length - 5} more`
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`
}
