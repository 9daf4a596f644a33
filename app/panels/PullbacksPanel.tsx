/**
 * The pullbacks panel (show_pullbacks(f, x)): reverse mode assembles the Jacobian one row per
 * pullback of e_i, forward mode one column per pushforward of e_j. The learner steps through the
 * passes node by node on the graph of f, watches J fill in, compares what each mode costs, and
 * pulls back a cotangent of their own, shown as the combination vᵀJ = Σ v_i · row_i.
 *
 * Everything shown comes from the spec the engine computed; the only arithmetic here is the
 * combination of J's rows for the learner's v, which needs no differentiation.
 */
import { memo, useMemo, useState } from 'react'
import type { PullbacksNode, PullbacksSpec } from '../../engine/panels/pullbacks.ts'
import { disagreement } from '../../engine/panels/pullbacksText.ts'
import { subscript, tensorText, vectorText } from '../../engine/language/numbers.ts'
import { CodeEquivalents } from './CodeEquivalents.tsx'
import type { FlowKind } from './GraphView.tsx'
import { GraphView, nodeName } from './GraphView.tsx'
import { MatrixFill } from './MatrixFill.tsx'
import { Cotangent } from './PullbacksCotangent.tsx'
import { PanelFrame, StepControls, stepKeys } from './StepControls.tsx'
import { useStepper } from './useStepper.ts'
import { useView } from '../store/view.ts'
import './pullbacks.css'

type Mode = 'reverse' | 'forward'

/** One step of the replay: one node receives its cotangent (or tangent) in one pass. */
interface Arrival {
  pass: number
  node: number
  vec: number[]
  /** The last step of its pass: x (reverse) or the output (forward); J gains a row or column. */
  last: boolean
}

function arrivals(spec: PullbacksSpec, mode: Mode): Arrival[] {
  const out: Arrival[] = []
  if (mode === 'reverse') {
    spec.reverse.passes.forEach((p, pass) =>
      p.steps.forEach((s, k) => out.push({ pass, node: s.node, vec: s.cotangent, last: k === p.steps.length - 1 })),
    )
  } else {
    spec.forward.passes.forEach((p, pass) =>
      p.steps.forEach((s, k) => out.push({ pass, node: s.node, vec: s.tangent, last: k === p.steps.length - 1 })),
    )
  }
  return out
}

/** What the replay shows after `step` steps. */
function stateAt(spec: PullbacksSpec, mode: Mode, events: Arrival[], step: number) {
  const ev = step > 0 ? events[step - 1]! : null
  const values = new Map<number, number[]>()
  let filled = 0
  for (let k = 0; k < step; k++) {
    const e = events[k]!
    if (e.last) filled++
    if (e.pass === ev!.pass) values.set(e.node, e.vec)
  }
  const passes = mode === 'reverse' ? spec.m : spec.n
  return { ev, values, filled, used: ev ? ev.pass + 1 : 0, passes }
}

function announcement(spec: PullbacksSpec, mode: Mode, ev: Arrival | null, events: Arrival[], step: number): string {
  if (!ev) {
    return mode === 'reverse'
      ? `Ready: the primal pass has computed every node's value. Step to pull back e${subscript(1)}.`
      : `Ready: step to push e${subscript(1)} forward from x.`
  }
  const node = spec.nodes[ev.node]!
  const i = ev.pass + 1
  const vec = tensorText({ shape: node.value.shape, data: ev.vec })
  const first = step === 1 || events[step - 2]!.pass !== ev.pass
  if (mode === 'reverse') {
    if (ev.last) return `pulled back e${subscript(i)}: row ${i} = ${vectorText(spec.jacobian[ev.pass]!)}`
    if (first) return `pass ${i} of ${spec.m}: pulling back e${subscript(i)}, the output receives the cotangent ${vec}`
    return `cotangent of node ${nodeName(node)} is complete: ${vec}`
  }
  if (ev.last)
    return `pushed forward e${subscript(i)}: column ${i} = ${vectorText(spec.forward.passes[ev.pass]!.column)}`
  if (first) return `pass ${i} of ${spec.n}: pushing e${subscript(i)} forward, x receives the tangent ${vec}`
  return `tangent of node ${nodeName(node)}: ${vec}`
}

export function PullbacksPanel({ panel: spec }: { panel: PullbacksSpec }) {
  const [mode, setMode] = useState<Mode>('reverse')
  const events = useMemo(() => ({ reverse: arrivals(spec, 'reverse'), forward: arrivals(spec, 'forward') }), [spec])
  // Each mode keeps its own place, so switching back and forth loses nothing.
  const reverse = useStepper(events.reverse.length)
  const forward = useStepper(events.forward.length)
  const stepper = mode === 'reverse' ? reverse : forward
  const state = stateAt(spec, mode, events[mode], stepper.step)
  const kind: FlowKind = mode === 'reverse' ? 'cotangent' : 'tangent'
  const announce = announcement(spec, mode, state.ev, events[mode], stepper.step)

  const mismatch = disagreement(spec).trim()

  const switchTo = (m: Mode) => {
    if (m === mode) return
    stepper.pause()
    setMode(m)
  }

  return (
    <PanelFrame title={spec.title} summary={spec.summary} onKeyDown={stepKeys(stepper)}>
      <div className="pb-modes" role="group" aria-label="Mode">
        <button type="button" aria-pressed={mode === 'reverse'} onClick={() => switchTo('reverse')}>
          Reverse (rows)
        </button>
        <button type="button" aria-pressed={mode === 'forward'} onClick={() => switchTo('forward')}>
          Forward (columns)
        </button>
      </div>
      <p className="pb-explain panel-extra">
        {mode === 'reverse'
          ? `Reverse mode: one primal pass computes the values, then each reverse pass pulls one cotangent eᵢ back from the output to x, node by node. What reaches x is row i of J.`
          : `Forward mode: each pass pushes one tangent eⱼ from x to the output, node by node, alongside the values. What comes out is column j of J.`}
      </p>
      {mismatch && (
        <p className="pb-disagree" role="note">
          {mismatch}
        </p>
      )}
      <StepControls
        stepper={stepper}
        label={`${mode === 'reverse' ? 'Reverse' : 'Forward'} passes`}
        announce={announce}
      />
      <p className="pb-counter">
        <strong>
          {mode} passes used: {state.used} of {state.passes}
        </strong>
        {mode === 'reverse' && ' (after 1 primal pass, which computed the values in the graph)'}
      </p>

      <GraphView
        nodes={spec.nodes}
        output={spec.output}
        values={state.values}
        kind={kind}
        current={state.ev?.node ?? null}
        fn={spec.fn}
      />
      <div className="pb-below">
        <MatrixFill
          entries={spec.jacobian}
          order={mode === 'reverse' ? 'rows' : 'columns'}
          filled={state.filled}
          current={state.ev?.pass ?? null}
          label={`J, the Jacobian of ${spec.fn} at x`}
        />
        <CurrentNode spec={spec} ev={state.ev} kind={kind} />
      </div>
      <NodeTable spec={spec} values={state.values} kind={kind} current={state.ev?.node ?? null} />
      <StepIndependent spec={spec} />
    </PanelFrame>
  )
}

/** The parts that do not change while stepping, kept out of each step's render. */
const StepIndependent = memo(function StepIndependent({ spec }: { spec: PullbacksSpec }) {
  return (
    <>
      <Costs spec={spec} />
      <Cotangent spec={spec} />
      <CodeEquivalents snippets={spec.code} />
    </>
  )
})

function CurrentNode({ spec, ev, kind }: { spec: PullbacksSpec; ev: Arrival | null; kind: FlowKind }) {
  if (!ev) return <p className="pb-current-node">No pass has started: the graph shows each node's primal value.</p>
  const n = spec.nodes[ev.node]!
  const from = n.inputs.map((i) => (i === spec.input ? 'x' : `node ${i}`)).join(' and ')
  return (
    <div className="pb-current-node">
      <p>
        <strong>
          Now: {n.role === 'input' ? 'x, the input' : `node ${nodeName(n)}${n.detail ? ` (${n.detail})` : ''}`}
        </strong>
        {from && `, reads ${from}`}
      </p>
      <p>value: {tensorText(n.value)}</p>
      <p className={`pb-${kind}`}>
        {kind}: {tensorText({ shape: n.value.shape, data: ev.vec })}
      </p>
      {ev.last && (
        <p>
          {kind === 'cotangent'
            ? `This is row ${ev.pass + 1} of J: the pullback of e${subscript(ev.pass + 1)}.`
            : `This is column ${ev.pass + 1} of J: the pushforward of e${subscript(ev.pass + 1)}.`}
        </p>
      )}
    </div>
  )
}

/** The graph as a table: the text alternative to the drawing, with the current pass's values. */
function NodeTable({
  spec,
  values,
  kind,
  current,
}: {
  spec: PullbacksSpec
  values: ReadonlyMap<number, number[]>
  kind: FlowKind
  current: number | null
}) {
  const reads = (n: PullbacksNode) =>
    n.inputs.length === 0 ? '—' : n.inputs.map((i) => (i === spec.input ? 'x' : String(i))).join(', ')
  // Rows are built only while the table is open (or printed, unfolded: print.css): stepping
  // through a large graph stays cheap.
  const [open, setOpen] = useState(false)
  const printing = useView((s) => s.printing)
  return (
    <details className="pb-nodes panel-extra" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>The graph as a table</summary>
      {(open || printing) && (
        <table>
          <caption>
            Nodes of {spec.fn} in the order they were computed, with the {kind} each has received in this pass
          </caption>
          <thead>
            <tr>
              <th scope="col">node</th>
              <th scope="col">operation</th>
              <th scope="col">reads</th>
              <th scope="col">value</th>
              <th scope="col">{kind}</th>
            </tr>
          </thead>
          <tbody>
            {spec.nodes.map((n) => {
              const v = values.get(n.id)
              return (
                <tr key={n.id} className={n.id === current ? 'pb-current' : undefined}>
                  <th scope="row">{n.role === 'input' ? 'x' : n.id}</th>
                  <td>
                    {n.role === 'op' ? n.label : n.role === 'input' ? 'input' : 'constant'}
                    {n.detail ? ` (${n.detail})` : ''}
                    {n.id === spec.output ? ', output' : ''}
                  </td>
                  <td>{reads(n)}</td>
                  <td>{tensorText(n.value)}</td>
                  <td>
                    {v ? tensorText({ shape: n.value.shape, data: v }) : '—'}
                    {n.id === current ? ' (now)' : ''}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
      <p className="pb-nodes-note">
        — means nothing has arrived in this pass yet
        {kind === 'cotangent' ? ', or never will: the output does not depend on that node' : ''}; constants need none.
      </p>
    </details>
  )
}

function Costs({ spec }: { spec: PullbacksSpec }) {
  const { m, n } = spec
  const rev = spec.reverse
  const fwd = spec.forward
  const fewer = rev.ops < fwd.ops ? 'reverse' : rev.ops > fwd.ops ? 'forward' : null
  return (
    <div className="pb-costs panel-extra">
      <table>
        <caption>
          Rows cost m passes, columns cost n: here m = {m} outputs and n = {n} inputs
        </caption>
        <thead>
          <tr>
            <th scope="col">to get all of J</th>
            <th scope="col">passes</th>
            <th scope="col">primitive operations</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Reverse mode (rows)</th>
            <td>1 primal + {m} reverse</td>
            <td>
              {rev.ops} ({rev.primalOps} primal + {rev.ops - rev.primalOps} reverse)
            </td>
          </tr>
          <tr>
            <th scope="row">Forward mode (columns)</th>
            <td>{n} forward</td>
            <td>{fwd.ops}</td>
          </tr>
        </tbody>
      </table>
      <p>
        {fewer
          ? `Here ${fewer} mode does fewer operations (${Math.min(rev.ops, fwd.ops)} against ${Math.max(rev.ops, fwd.ops)}).`
          : `Here both modes do the same number of operations.`}{' '}
        {m < n
          ? 'With fewer outputs than inputs, rows are cheaper: a gradient (m = 1) takes one reverse pass whatever n is.'
          : m > n
            ? 'With fewer inputs than outputs, columns are cheaper.'
            : 'With as many outputs as inputs, the passes are even; the cost of one pass decides.'}
        {(rev.innerPasses > 0 || fwd.innerPasses > 0) &&
          ` ${spec.fn} runs transforms of its own each time it is evaluated (${rev.innerPasses} inner passes in reverse mode, ${fwd.innerPasses} in forward mode); their operations are in the counts.`}
      </p>
    </div>
  )
}
