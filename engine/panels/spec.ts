/**
 * What a teaching panel hands the page: one tagged union of the panels' specs. Each spec is plain
 * data (structured-clone friendly) with a `kind` naming the component that draws it, a title, and
 * a summary for screen readers; the app narrows a PanelSpec by its kind, never by a cast.
 */
import type { BackpropPanelSpec } from './backprop.ts'
import type { ConfusionSpec } from './confusion.ts'
import type { CostPanelSpec } from './costs.ts'
import type { DerivativeCheckSpec } from './derivativeCheck.ts'
import type { HessianPanelSpec } from './hessian.ts'
import type { PullbacksSpec } from './pullbacks.ts'
import type { SumTrapSpec } from './sumtrap.ts'

/** What every panel spec has. */
export interface PanelBase {
  /** Which component draws it. */
  kind: string
  title: string
  /** The panel in words, for screen readers and the runner's text output. */
  summary: string
}

export type PanelSpec =
  | PullbacksSpec
  | HessianPanelSpec
  | CostPanelSpec
  | BackpropPanelSpec
  | SumTrapSpec
  | ConfusionSpec
  | DerivativeCheckSpec

export type PanelKind = PanelSpec['kind']
