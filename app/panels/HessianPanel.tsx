/**
 * The forward-over-reverse Hessian panel (show_hessian(f, x[, v])). The learner steps through n
 * passes of the reverse-mode gradient run on dual numbers a + bε: in pass j the input is
 * x + ε·e_j, the forward sweep fills the tape with dual values, the reverse sweep sends dual
 * cotangents back, and the ε-part of the gradient that reaches x is column j of H, which then
 * appears in the matrix. Below: H·v from one pass against H·v from the full H, and the four
 * nestings of forward and reverse mode with their measured costs.
 *
 * Every number comes from the engine's spec; the page only combines H's columns for the
 * learner's v (plain arithmetic, no differentiation).
 */
import { memo, useMemo } from 'react'
import type { DualPass, DualValue, HessianPanelSpec } from '../../engine/panels/hessian.ts'
import { displayNumber, subscript, vectorText } from '../../engine/language/numbers.ts'
import { CodeEquivalents } from './CodeEquivalents.tsx'
import { Methods, snippets } from './HessianExtras.tsx'
import { HessianVectorPass } from './HessianVectorPass.tsx'
import { Dual, describeNode, dualText, shortTensorText } from './hessianDual.tsx'
import { MatrixFill } from './MatrixFill.tsx'
import { PanelFrame, StepControls, stepKeys } from './StepControls.tsx'
import { useStepper } from './useStepper.ts'
import './pullbacks.css'
import './hessian.css'

// -----------------------------------------------------------------------------------------------
// The replay: pass by pass, first the forward sweep over the tape, then the reverse sweep

interface Event {
  pass: number
  sweep: 'forward' | 'reverse'
  /** Index into the pass's tape (forward) or cotangents (reverse). */
  index: number
  /** The last step of its pass: H gains a column. */
  last: boolean
}

function replay(passes: readonly DualPass[]): Event[] {
  const out: Event[] = []
  passes.forEach((p, pass) => {
    p.tape.forEach((_, index) => out.push({ pass, sweep: 'forward', index, last: false }))
    p.cotangents.forEach((_, index) =>
      out.push({ pass, sweep: 'reverse', index, last: index === p.cotangents.length - 1 }),
    )
    // A function that does not depend on x has no reverse sweep; the pass still ends.
    if (p.cotangents.length === 0) out[out.length - 1] = { ...out[out.length - 1]!, last: true }
  })
  return out
}

const column = (H: readonly (readonly number[])[], j: number) => H.map((row) => row[j]!)

function announcement(spec: HessianPanelSpec, ev: Event | null): string {
  const n = spec.passes.length
  if (!ev) return `Ready: step to start pass 1 of ${n}, with the input seeded as x + ε·e${subscript(1)}.`
  const j = ev.pass + 1
  const p = spec.passes[ev.pass]!
  if (ev.last) return `pass ${j} done: column ${j} of H = ${vectorText(column(spec.H, ev.pass))}`
  if (ev.sweep === 'forward') {
    const t = p.tape[ev.index]!
    if (ev.index === 0) return `pass ${j} of ${n}, forward sweep: x = ${dualText(t.value)}`
    return `forward sweep: ${t.name} = ${describeNode(t)} = ${dualText(t.value)}`
  }
  const c = p.cotangents[ev.index]!
  const t = p.tape[c.node]!
  if (ev.index === 0)
    return `pass ${j}, reverse sweep: the cotangent of the output ${t.name} starts at ${dualText(c.value)}`
  return `reverse sweep: cotangent of ${t.name} = ${dualText(c.value)}`
}

// -----------------------------------------------------------------------------------------------
// The panel

export function HessianPanel({ panel: spec }: { panel: HessianPanelSpec }) {
  const events = useMemo(() => replay(spec.passes), [spec])
  const stepper = useStepper(events.length)
  const ev = stepper.step > 0 ? events[stepper.step - 1]! : null
  const filled = events.slice(0, stepper.step).filter((e) => e.last).length
  const n = spec.passes.length
  const pass = ev ? spec.passes[ev.pass]! : null

  return (
    <PanelFrame title={spec.title} summary={spec.summary} onKeyDown={stepKeys(stepper)}>
      <p className="hs-explain panel-extra">
        H is the Jacobian of the gradient. Forward-over-reverse gets it by running the reverse-mode gradient of{' '}
        {spec.fname} on dual numbers a + bε: pass j seeds the input with x + ε·e<sub>j</sub>, every value on the tape
        and every cotangent carries an ε-part, and the ε-part of the gradient that comes out is column j of H. The
        replay takes one tangent per pass, so that each column can be watched; <code>hessian</code> carries them all
        through one pass as a batch, and the counts below compare the two.
      </p>
      <StepControls stepper={stepper} label="Forward-over-reverse passes" announce={announcement(spec, ev)} />
      <p className="hs-counter">
        <strong>
          passes done: {filled} of {n}
        </strong>
        {ev && (
          <>
            {' '}
            · now pass {ev.pass + 1}, {ev.sweep === 'forward' ? 'forward sweep (values)' : 'reverse sweep (cotangents)'}
          </>
        )}
      </p>
      <div className="hs-main">
        <TapeTable spec={spec} pass={pass} ev={ev} />
        <div className="hs-matrix">
          <MatrixFill
            entries={spec.H}
            order="columns"
            filled={filled}
            current={ev ? ev.pass : null}
            label={`H, the Hessian of ${spec.fname} at x`}
          />
          <p className="hs-note">
            H is the Jacobian of the gradient y = ∇{spec.fname}(x): row i belongs to its component y<sub>i</sub>, column
            j to the input x<sub>j</sub>.
          </p>
          <Symmetry H={spec.H} filled={filled} />
        </div>
      </div>
      <StepIndependent spec={spec} />
    </PanelFrame>
  )
}

/** The parts that do not change while stepping, kept out of each step's render. */
const StepIndependent = memo(function StepIndependent({ spec }: { spec: HessianPanelSpec }) {
  return (
    <>
      <Constants spec={spec} />
      {/* The typed v asks the worker for one pass; a new v from the cell starts the inputs over. */}
      <HessianVectorPass spec={spec} />
      <Methods spec={spec} />
      <CodeEquivalents snippets={snippets(spec)} />
    </>
  )
})

export default HessianPanel

/** The tape of the current pass: dual values so far (forward sweep), then dual cotangents. */
function TapeTable({ spec, pass, ev }: { spec: HessianPanelSpec; pass: DualPass | null; ev: Event | null }) {
  const shown = pass ?? spec.passes[0]!
  const cot = new Map<number, DualValue>()
  if (pass && ev?.sweep === 'reverse') pass.cotangents.slice(0, ev.index + 1).forEach((c) => cot.set(c.node, c.value))
  const valueKnown = (k: number) => pass !== null && (ev!.sweep === 'reverse' || k <= ev!.index)
  const nowRow = ev ? (ev.sweep === 'forward' ? ev.index : pass!.cotangents[ev.index]!.node) : -1
  const seed = pass ? `x + ε·${pass.seed.length === 1 ? '1' : `e${subscript(ev!.pass + 1)}`}` : 'not started'
  return (
    <div className="hs-tape">
      <table>
        <caption>
          The gradient&apos;s tape in pass {ev ? ev.pass + 1 : '—'} (input {seed}): each value and cotangent is a + bε
        </caption>
        <thead>
          <tr>
            <th scope="col">node</th>
            <th scope="col">computed as</th>
            <th scope="col">value (forward sweep)</th>
            <th scope="col">cotangent (reverse sweep)</th>
          </tr>
        </thead>
        <tbody>
          {shown.tape.map((t, k) => {
            const c = cot.get(k)
            const now = k === nowRow
            return (
              <tr key={k} className={now ? 'hs-now' : undefined}>
                <th scope="row">
                  {t.name}
                  {now && <span className="hs-now-tag"> now</span>}
                </th>
                <td>{describeNode(t)}</td>
                <td className={now && ev?.sweep === 'forward' ? 'hs-active' : undefined}>
                  {valueKnown(k) ? <Dual d={t.value} /> : <span aria-label="not computed yet">·</span>}
                </td>
                <td className={now && ev?.sweep === 'reverse' ? 'hs-active' : undefined}>
                  {c ? <Dual d={c} /> : <span aria-label="not computed yet">·</span>}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      {ev?.last && pass && (
        <p className="hs-result">
          The gradient arrived at x as {dualText(pass.result)}: its ε-part{' '}
          <strong>{vectorText(pass.result.tangent)}</strong> is column {ev.pass + 1} of H.
        </p>
      )}
    </div>
  )
}

/** max |H_ij − H_ji| over the pairs whose two columns are both computed. */
function Symmetry({ H, filled }: { H: readonly (readonly number[])[]; filled: number }) {
  const n = H.length
  if (filled < 2) return <p className="hs-symmetry">Symmetry is checked once two columns are in: H should equal Hᵀ.</p>
  let d = 0
  for (let i = 0; i < filled; i++) for (let j = 0; j < filled; j++) d = Math.max(d, Math.abs(H[i]![j]! - H[j]![i]!))
  return (
    <p className="hs-symmetry">
      Symmetry over the {filled === n ? 'whole matrix' : `first ${filled} columns`}: max |H<sub>ij</sub> − H
      <sub>ji</sub>| = <strong>{displayNumber(d)}</strong>
      {d <= 1e-9 * Math.max(1, ...H.flat().map(Math.abs)) ? ' (symmetric, as a Hessian must be)' : ' (not symmetric)'}
    </p>
  )
}

function Constants({ spec }: { spec: HessianPanelSpec }) {
  if (spec.constants.length === 0) return null
  return (
    <p className="hs-constants panel-extra">
      Constants on the tape:{' '}
      {spec.constants.map((c, k) => (
        <span key={c.name}>
          {k > 0 && '; '}
          {c.name} = {c.data ? shortTensorText(c.shape, c.data) : `a ${c.shape.join('×')} tensor`}
        </span>
      ))}
    </p>
  )
}
