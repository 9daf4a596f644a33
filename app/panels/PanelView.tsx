/**
 * Draws a teaching panel from its spec. Panels load on first use, so a notebook without them
 * pays nothing for them.
 */
import { Suspense, lazy } from 'react'
import type { ComponentType } from 'react'
import type { PanelBase } from '../../engine/panels/index.ts'
import './panels.css'

type PanelComponent = ComponentType<{ panel: PanelBase }>

/** kind -> the component that draws it. Each panel registers one line here. */
const panels: Record<string, ReturnType<typeof lazy<PanelComponent>>> = {
  sumtrap: lazy(() => import('./SumTrapPanel.tsx')),
  confusion: lazy(() => import('./ConfusionPanel.tsx')),
  pullbacks: lazy(() => import('./PullbacksPanel.tsx').then((m) => ({ default: m.PullbacksPanel }))),
  hessian: lazy(() => import('./HessianPanel.tsx')),
  costs: lazy(() => import('./CostPanel.tsx')),
  backprop: lazy(() => import('./BackpropPanel.tsx')),
}

export function PanelView({ panel }: { panel: PanelBase }) {
  const Component = panels[panel.kind]
  if (!Component)
    return (
      <p className="nb-error">This notebook uses a panel ({panel.kind}) that this version of the app does not have.</p>
    )
  return (
    <Suspense fallback={<p className="panel-loading">Loading the {panel.title} panel…</p>}>
      <Component panel={panel} />
    </Suspense>
  )
}
