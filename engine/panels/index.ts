/**
 * The panel builtins, gathered for builtins.ts. Each panel lives in its own file here (the data
 * it computes) and in app/panels/ (how it is drawn).
 */
import type { LangFunction } from '../language/values.ts'
import { showPullbacks } from './pullbacks.ts'
import { backpropBuiltins } from './backprop.ts'
import { costBuiltins } from './costs.ts'
import { hessianBuiltins } from './hessian.ts'
import { showSumTrap } from './sumtrap.ts'
import { showConfusion } from './confusion.ts'
import { withRequests } from './requests.ts'
import { derivativeCheckBuiltins } from './derivativeCheckBuiltins.ts'
import { AD_INDEXING, JULIA_INDEXING } from './derivativeCheckIndex.ts'

export { panelRecord, panelSpecOf } from './registry.ts'
export type { PanelBase, PanelKind, PanelSpec } from './spec.ts'

export function panelBuiltins(): LangFunction[] {
  return withRequests([
    showPullbacks,
    ...hessianBuiltins(),
    ...costBuiltins(),
    ...backpropBuiltins(),
    showSumTrap,
    showConfusion,
    ...derivativeCheckBuiltins(AD_INDEXING, true),
  ])
}

/** Panel builtins that mean their own thing in Julia cells (the checks count in Julia's column-major order). */
export function juliaPanelBuiltins(): LangFunction[] {
  return derivativeCheckBuiltins(JULIA_INDEXING)
}
