/**
 * The panel builtins, gathered for builtins.ts. Each panel lives in its own file here (the data
 * it computes) and in app/panels/ (how it is drawn).
 */
import type { LangFunction } from '../values.ts'

export { panelRecord, panelSpecOf } from './registry.ts'
export type { PanelBase } from './registry.ts'

export function panelBuiltins(): LangFunction[] {
  return []
}
