/**
 * Draws a teaching panel from its spec, chosen by the spec's kind. Panels load on first use, so a
 * notebook without them pays nothing for them. A spec from a newer worker (a kind this page does
 * not know) is named, not drawn.
 */
import { Suspense, lazy } from 'react'
import type { PanelBase, PanelSpec } from '../../engine/panels/index.ts'
import './panels.css'

const SumTrapPanel = lazy(() => import('./SumTrapPanel.tsx'))
const ConfusionPanel = lazy(() => import('./ConfusionPanel.tsx'))
const PullbacksPanel = lazy(() => import('./PullbacksPanel.tsx').then((m) => ({ default: m.PullbacksPanel })))
const HessianPanel = lazy(() => import('./HessianPanel.tsx'))
const CostPanel = lazy(() => import('./CostPanel.tsx'))
const BackpropPanel = lazy(() => import('./BackpropPanel.tsx'))
const DerivativeCheckPanel = lazy(() => import('./DerivativeCheckPanel.tsx'))

/** The component for the spec's kind; each panel adds one case here. */
function panelFor(panel: PanelSpec) {
  switch (panel.kind) {
    case 'sumtrap':
      return <SumTrapPanel panel={panel} />
    case 'confusion':
      return <ConfusionPanel panel={panel} />
    case 'pullbacks':
      return <PullbacksPanel panel={panel} />
    case 'hessian':
      return <HessianPanel panel={panel} />
    case 'costs':
      return <CostPanel panel={panel} />
    case 'backprop':
      return <BackpropPanel panel={panel} />
    case 'derivativeCheck':
      return <DerivativeCheckPanel panel={panel} />
    default:
      return null
  }
}

export function PanelView({ panel }: { panel: PanelSpec }) {
  const drawn = panelFor(panel)
  if (!drawn) {
    // Only a spec this build does not know reaches here: the worker's data is not checked by types.
    const unknown = panel as PanelBase
    return (
      <p className="nb-error">
        This notebook uses a panel ({unknown.kind}) that this version of the app does not have.
      </p>
    )
  }
  return <Suspense fallback={<p className="panel-loading">Loading “{panel.title}”…</p>}>{drawn}</Suspense>
}
