/**
 * Teaching panels are computed in the engine (in the worker) and drawn by the app. A panel
 * builtin such as show_pullbacks(f, x) returns a record tagged 'panel' whose plain-data spec
 * (the trace to replay, the matrices, the counters) is kept here, next to the record, and read
 * by display.ts for the page. The app only replays the spec; it never differentiates anything.
 */
import type { LangRecord } from '../language/values.ts'
import { isRecord, record } from '../language/values.ts'
import type { LangValue } from '../language/values.ts'
import type { PanelSpec } from './spec.ts'

const specs = new WeakMap<LangRecord, PanelSpec>()

/** `fields`: what a panel also says as plain values (a derivative check's status, for exercises). */
export function panelRecord(spec: PanelSpec, fields: Record<string, LangValue> = {}): LangRecord {
  const r = record('panel', { panel: spec.kind, summary: spec.summary, ...fields })
  specs.set(r, spec)
  return r
}

export function panelSpecOf(v: LangValue): PanelSpec | undefined {
  return isRecord(v) && v.tag === 'panel' ? specs.get(v) : undefined
}
