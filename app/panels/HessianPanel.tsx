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
import { useMemo, useState } from 'react'
import type { DualPass, DualValue, HessianPanelSpec, MethodCost, TapeEntry } from '../../engine/panels/hessian.ts'
import { displayNumber, formatMs, subscript, vectorText } from '../../engine/language/numbers.ts'
import type { CodeSnippets } from './CodeEquivalents.tsx'
import { CodeEquivalents } from './CodeEquivalents.tsx'
import { MatrixFill } from './MatrixFill.tsx'
import { VectorInputs } from './VectorInputs.tsx'
import { PanelFrame, StepControls, stepKeys } from './StepControls.tsx'
import { useStepper } from './useStepper.ts'
import './pullbacks.css'
import './hessian.css'

// -----------------------------------------------------------------------------------------------
// Dual numbers as text

/** A tensor's entries as the notebook writes them, shortened past 12 entries. */
function shortTensorText(shape: readonly number[], data: readonly number[]): string {
  if (shape.length === 0) return displayNumber(data[0]!)
  const max = 12
  const shown = data.slice(0, max).map(displayNumber)
  if (shape.length === 2 && data.length <= max) {
    const [m, n] = shape as [number, number]
    return `[${Array.from({ length: m }, (_, i) => shown.slice(i * n, (i + 1) * n).join(', ')).join('; ')}]`
  }
  return `[${shown.join(', ')}${data.length > max ? `, … (${data.length} entries)` : ''}]`
}

/** a + bε, e.g. "86 + 16ε", "[7, 6, 1] + [0, 1, 2]ε". */
export function dualText(d: DualValue): string {
  if (d.shape.length === 0) {
    const b = d.tangent[0]!
    return `${displayNumber(d.primal[0]!)} ${b < 0 ? '−' : '+'} ${displayNumber(Math.abs(b))}ε`
  }
  return `${shortTensorText(d.shape, d.primal)} + ${shortTensorText(d.shape, d.tangent)}ε`
}

/** a + bε for a table cell: each part kept on one line, so a long value breaks at the "+". */
function Dual({ d }: { d: DualValue }) {
  const text = dualText(d)
  const cut = text.lastIndexOf(' + ') >= 0 ? text.lastIndexOf(' + ') : text.lastIndexOf(' − ')
  if (d.shape.length === 0 || cut < 0) return <span className="hs-part">{text}</span>
  return (
    <>
      <span className="hs-part">{text.slice(0, cut)}</span> <span className="hs-part">{text.slice(cut + 1)}</span>
    </>
  )
}

function describeNode(t: TapeEntry): string {
  return t.prim === '' ? 'the input' : `${t.prim}(${t.args.join(', ')})`
}

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
        and every cotangent carries an ε-part, and the ε-part of the gradient that comes out is column j of H.
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
      <Constants spec={spec} />
      {/* A new v from the cell (a slider, say) starts the inputs over from it. */}
      <HessianVector key={spec.hvp.v.join(',')} spec={spec} />
      <Methods spec={spec} />
      <CodeEquivalents snippets={snippets(spec)} />
    </PanelFrame>
  )
}

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

// -----------------------------------------------------------------------------------------------
// H·v

function HessianVector({ spec }: { spec: HessianPanelSpec }) {
  const n = spec.H.length
  const initial = () => spec.hvp.v.map(String)
  const [typed, setTyped] = useState<string[]>(initial)
  const texts = typed.length === n ? typed : initial()
  const v = texts.map((t) => (t.trim() === '' ? NaN : Number(t)))
  const bad = v.map((x, i) => (Number.isFinite(x) ? -1 : i)).filter((i) => i >= 0)
  const Hv = bad.length === 0 ? spec.H.map((row) => row.reduce((s, h, j) => s + h * v[j]!, 0)) : null
  const engineV = spec.hvp.v.every((x, i) => x === v[i])
  const set = (i: number, text: string) => setTyped(texts.map((t, k) => (k === i ? text : t)))
  const full = spec.methods.find((m) => m.method === 'forward-over-reverse')
  const diff = Hv && engineV ? Math.max(...Hv.map((h, i) => Math.abs(h - spec.hvp.Hv[i]!))) : null
  const call = `show_hessian(${spec.fname}, x, ${vectorText(bad.length === 0 ? v : spec.hvp.v)})`

  return (
    <fieldset className="hs-hvp panel-extra">
      <legend>Hessian-vector product: one pass seeded with v</legend>
      <p>
        Seed the input with x + ε·v instead of x + ε·e<sub>j</sub>: the ε-part of the gradient is then H·v, from a
        single pass, and H is never formed. Type a v to compare with the product of the full H.
      </p>
      <div className="panel-v-inputs">
        <VectorInputs texts={texts} bad={bad} onChange={set} />
        <button type="button" onClick={() => setTyped(initial())}>
          Back to {vectorText(spec.hvp.v)}
        </button>
      </div>
      <output className="hs-hvp-result" aria-live="polite">
        {Hv === null ? (
          <span>
            v{bad.map((i) => subscript(i + 1)).join(', v')} {bad.length === 1 ? 'is' : 'are'} not a number yet.
          </span>
        ) : (
          <span>
            From the full H (Σ v<sub>j</sub> × column j): H·v = <strong>{vectorText(Hv)}</strong>
          </span>
        )}
      </output>
      {engineV ? (
        <p className="hs-engine">
          One pass seeded with x + ε·{vectorText(spec.hvp.v)} (the engine, without forming H): the gradient came out as{' '}
          {dualText(spec.hvp.pass.result)}, so H·v = <strong>{vectorText(spec.hvp.Hv)}</strong>
          {diff !== null && <> — the same as from the full H (largest difference {displayNumber(diff)})</>}. That pass
          took {spec.hvp.pass.ops} primitive operations
          {full && <>; all of H by forward-over-reverse took {full.ops}</>}.
        </p>
      ) : (
        <p className="hs-engine">
          The engine ran its one pass for v = {vectorText(spec.hvp.v)}. To run the pass for this v, call{' '}
          <code>{call}</code> in a cell (or give v a slider).
        </p>
      )}
      <details className="hs-hvp-tape">
        <summary>The pass seeded with v = {vectorText(spec.hvp.v)}, node by node</summary>
        <table>
          <caption>Tape values and cotangents of the one pass, each a + bε</caption>
          <thead>
            <tr>
              <th scope="col">node</th>
              <th scope="col">computed as</th>
              <th scope="col">value</th>
              <th scope="col">cotangent</th>
            </tr>
          </thead>
          <tbody>
            {spec.hvp.pass.tape.map((t, k) => {
              const c = spec.hvp.pass.cotangents.find((c) => c.node === k)
              return (
                <tr key={k}>
                  <th scope="row">{t.name}</th>
                  <td>{describeNode(t)}</td>
                  <td>
                    <Dual d={t.value} />
                  </td>
                  <td>{c ? <Dual d={c.value} /> : '—'}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </details>
    </fieldset>
  )
}

// -----------------------------------------------------------------------------------------------
// The four nestings

const NAMES: Record<MethodCost['method'], string> = {
  'forward-over-reverse': 'forward over reverse',
  'reverse-over-reverse': 'reverse over reverse',
  'forward-over-forward': 'forward over forward',
  'reverse-over-forward': 'reverse over forward',
}

function Methods({ spec }: { spec: HessianPanelSpec }) {
  const [selected, setSelected] = useState<MethodCost['method']>('forward-over-reverse')
  const chosen = spec.methods.find((m) => m.method === selected) ?? spec.methods[0]!
  const maxOps = Math.max(...spec.methods.map((m) => m.ops))
  const maxMs = Math.max(...spec.methods.map((m) => m.ms))
  const bar = (x: number, max: number) => (
    <span className="hs-bar" aria-hidden="true">
      <span style={{ width: `${Math.max(2, (100 * x) / max)}%` }} />
    </span>
  )
  return (
    <section className="hs-methods panel-extra" aria-label="Four ways to nest forward and reverse mode">
      <h4>Four ways to nest the modes</h4>
      <div className="hs-method-buttons" role="group" aria-label="Method">
        {spec.methods.map((m) => (
          <button
            key={m.method}
            type="button"
            aria-pressed={m.method === selected}
            onClick={() => setSelected(m.method)}
          >
            {NAMES[m.method]}
          </button>
        ))}
      </div>
      <p className="hs-method-text" aria-live="polite">
        <strong>{NAMES[chosen.method]}:</strong> {chosen.description}.{' '}
        {chosen.maxDifference <= 1e-9 * Math.max(1, ...spec.H.flat().map(Math.abs))
          ? 'Same H as the passes above.'
          : `Differs from the H above by up to ${displayNumber(chosen.maxDifference)}.`}
      </p>
      <div className="hs-scroll">
        <table className="hs-cost-table">
          <caption>
            Cost of the whole Hessian by each nesting (outer over inner), counted with record() and timed in the worker
          </caption>
          <thead>
            <tr>
              <th scope="col">method</th>
              <th scope="col">primal sweeps</th>
              <th scope="col">forward passes</th>
              <th scope="col">reverse sweeps</th>
              <th scope="col">largest tape</th>
              <th scope="col">operations</th>
              <th scope="col">time (median)</th>
            </tr>
          </thead>
          <tbody>
            {spec.methods.map((m) => (
              <tr key={m.method} className={m.method === selected ? 'hs-selected' : undefined}>
                <th scope="row">
                  {NAMES[m.method]}
                  {m.method === selected && <span className="nb-visually-hidden"> (selected)</span>}
                </th>
                <td>{m.passes.primal}</td>
                <td>{m.passes.forward}</td>
                <td>{m.passes.reverse}</td>
                <td>{m.tapes === 0 ? 'none' : `${m.largestTape} nodes`}</td>
                <td>
                  {m.ops} {bar(m.ops, maxOps)}
                </td>
                <td>
                  {formatMs(m.ms)} {bar(m.ms, maxMs)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hs-verdict">{spec.verdict}</p>
    </section>
  )
}

// -----------------------------------------------------------------------------------------------
// Equivalent code

function snippets(spec: HessianPanelSpec): CodeSnippets {
  const x = spec.x.map((t) => (Number.isInteger(t) ? `${t}.0` : String(t))).join(', ')
  const v = spec.hvp.v.map((t) => (Number.isInteger(t) ? `${t}.0` : String(t))).join(', ')
  const def = `# ${spec.fname} as in the notebook: ${spec.source}`
  return {
    julia: [
      'using ForwardDiff, Zygote',
      def,
      `x = [${x}]`,
      '# forward-over-reverse: the forward-mode Jacobian of the reverse-mode gradient',
      `H = ForwardDiff.jacobian(y -> Zygote.gradient(${spec.fname}, y)[1], x)`,
      `H == Zygote.hessian(${spec.fname}, x)   # Zygote.hessian nests the same way`,
      '# H*v in one forward pass through the gradient, without forming H',
      `v = [${v}]`,
      `Hv = ForwardDiff.derivative(t -> Zygote.gradient(${spec.fname}, x .+ t .* v)[1], 0.0)`,
    ].join('\n'),
    jax: [
      'import jax, jax.numpy as jnp',
      'jax.config.update("jax_enable_x64", True)',
      def,
      `x = jnp.array([${x}])`,
      `H = jax.jacfwd(jax.jacrev(${spec.fname}))(x)   # forward-over-reverse`,
      `v = jnp.array([${v}])`,
      `_, Hv = jax.jvp(jax.grad(${spec.fname}), (x,), (v,))   # one pass, H never formed`,
    ].join('\n'),
    pytorch: [
      'import torch',
      'from torch.func import jacfwd, jacrev, jvp, grad',
      def,
      `x = torch.tensor([${x}], dtype=torch.float64)`,
      `H = jacfwd(jacrev(${spec.fname}))(x)   # forward-over-reverse`,
      `v = torch.tensor([${v}], dtype=torch.float64)`,
      `_, Hv = jvp(grad(${spec.fname}), (x,), (v,))   # forward over the reverse-mode gradient`,
      `_, Hv2 = torch.autograd.functional.hvp(${spec.fname}, x, v)   # the same product`,
    ].join('\n'),
  }
}
