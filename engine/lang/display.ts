/**
 * Cell results as plain data for the app: what the worker posts to the page (structured-clone
 * friendly, no functions or class instances), and what the page renders.
 */
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
  | { ok: true; display: Display; sliders: SliderSpec[] }
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
  if (result.ok) return { ok: true, display: toDisplay(result.value), sliders }
  const span = (result.cause as { span?: SourceSpan } | undefined)?.span
  return { ok: false, error: result.error, ...(span ? { span: { ...span } } : {}), sliders }
}
