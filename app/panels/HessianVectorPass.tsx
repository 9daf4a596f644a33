/**
 * The Hessian panel's H·v for the learner's v, answered by the engine: the typed v (which starts
 * again from the cell's v when a slider moves it) goes to the worker, which runs one
 * forward-over-reverse pass seeded with x + ε·v using the panel's own function; its trace comes
 * back and is replayed here node by node, beside H·v from the full H (plain arithmetic, which
 * the engine's one pass should match).
 */
import { useMemo } from 'react'
import type { DualPass, HessianPanelSpec } from '../../engine/panels/hessian.ts'
import type { PassCounts } from '../../engine/panels/requests.ts'
import { displayNumber, plural, subscript, vectorText } from '../../engine/language/numbers.ts'
import { Dual, describeNode, dualText } from './hessianDual.tsx'
import { usePanelRequest } from './usePanelRequest.ts'
import { useStepper } from './useStepper.ts'
import { useVectorInput } from './useVectorInput.ts'
import { VectorInputs } from './VectorInputs.tsx'

export function HessianVectorPass({ spec }: { spec: HessianPanelSpec }) {
  const input = useVectorInput(spec.hvp.v)
  const { v } = input
  // The cell's own v was computed with the panel: only another v needs a new pass.
  const same = v !== null && v.every((x, i) => x === spec.hvp.v[i])
  const request = useMemo(() => (v && !same ? { kind: 'hvp' as const, v } : null), [v?.join(','), same])
  const asked = usePanelRequest(spec, request)
  const fromH = v && spec.H.map((row) => row.reduce((s, h, j) => s + h * v[j]!, 0))
  const answer = asked.status === 'answered' && asked.answer.kind === 'hvp' ? asked.answer : null

  return (
    <fieldset className="hs-hvp panel-extra">
      <legend>Hessian-vector product: one pass seeded with v</legend>
      <p>
        Seed the input with x + ε·v instead of x + ε·e<sub>j</sub>: the ε-part of the gradient is then H·v, from a
        single pass, and H is never formed. Type a v: the engine runs that one pass.
      </p>
      <div className="panel-v-inputs">
        <VectorInputs texts={input.texts} bad={input.bad} onChange={input.set} />
        <button type="button" onClick={() => input.reset(spec.hvp.v)}>
          Back to {vectorText(spec.hvp.v)}
        </button>
      </div>
      <output className="hs-hvp-result" aria-live="polite">
        {fromH === null ? (
          <span>
            v{input.bad.map((i) => subscript(i + 1)).join(', v')} {input.bad.length === 1 ? 'is' : 'are'} not a number
            yet.
          </span>
        ) : (
          <span>
            From the full H (Σ v<sub>j</sub> × column j): H·v = <strong>{vectorText(fromH)}</strong>
          </span>
        )}
      </output>
      {same ? (
        <EnginePass pass={spec.hvp.pass} Hv={spec.hvp.Hv} fromH={fromH} passes={null} />
      ) : answer ? (
        <EnginePass pass={answer.pass} Hv={answer.Hv} fromH={fromH} passes={answer.passes} />
      ) : asked.status === 'failed' ? (
        <p className="nb-error hs-engine">The engine could not run the pass for this v: {asked.error}</p>
      ) : (
        v && (
          <p className="hs-engine hs-asking" aria-busy="true">
            Asking the engine for one pass seeded with x + ε·{vectorText(v)}…
          </p>
        )
      )}
    </fieldset>
  )
}

function passWords(p: PassCounts): string {
  return `${plural(p.forward, 'forward pass')} through ${plural(p.primal, 'reverse-mode gradient')} (${plural(p.primal, 'primal sweep')}, ${plural(p.reverse, 'reverse sweep')})`
}

/** The engine's one pass: its result, its counts, and its trace to step through. */
function EnginePass({
  pass,
  Hv,
  fromH,
  passes,
}: {
  pass: DualPass
  Hv: number[]
  fromH: number[] | null
  passes: PassCounts | null
}) {
  const diff = fromH && Math.max(...Hv.map((h, i) => Math.abs(h - fromH[i]!)))
  return (
    <>
      <p className="hs-engine">
        One pass seeded with x + ε·{vectorText(pass.seed)} (the engine, without forming H): the gradient came out as{' '}
        {dualText(pass.result)}, so H·v = <strong className="hs-engine-hv">{vectorText(Hv)}</strong>
        {diff !== null && <> — the same as from the full H (largest difference {displayNumber(diff)})</>}.{' '}
        {passes && <span className="hs-engine-passes">Its trace: {passWords(passes)}, </span>}
        {pass.ops} primitive operations.
      </p>
      <PassReplay key={pass.seed.join(',')} pass={pass} />
    </>
  )
}

/** The pass node by node: the forward sweep's dual values, then the reverse sweep's cotangents. */
function PassReplay({ pass }: { pass: DualPass }) {
  const total = pass.tape.length + pass.cotangents.length
  // Its own buttons, not StepControls: the presentation's keys step the panel's main replay.
  const stepper = useStepper(total, total)
  const shownValues = Math.min(stepper.step, pass.tape.length)
  const shownCotangents = pass.cotangents.slice(0, Math.max(0, stepper.step - pass.tape.length))
  const cot = new Map(shownCotangents.map((c) => [c.node, c.value]))
  const now =
    stepper.step === 0
      ? -1
      : stepper.step <= pass.tape.length
        ? stepper.step - 1
        : pass.cotangents[stepper.step - pass.tape.length - 1]!.node
  return (
    <div className="hs-hvp-tape">
      <div className="hs-hvp-steps" role="group" aria-label="The pass seeded with v, step by step">
        <button type="button" onClick={stepper.reset} disabled={stepper.step === 0}>
          From the start
        </button>
        <button type="button" onClick={stepper.back} disabled={stepper.step === 0}>
          Previous node
        </button>
        <button type="button" onClick={stepper.next} disabled={stepper.step === total}>
          Next node
        </button>
        <button type="button" onClick={() => stepper.setStep(total)} disabled={stepper.step === total}>
          Whole pass
        </button>
        <span aria-live="polite">
          step {stepper.step} of {total}
          {stepper.step > 0 && (stepper.step <= pass.tape.length ? ', forward sweep' : ', reverse sweep')}
        </span>
      </div>
      <table>
        <caption>The pass seeded with v = {vectorText(pass.seed)}: tape values and cotangents, each a + bε</caption>
        <thead>
          <tr>
            <th scope="col">node</th>
            <th scope="col">computed as</th>
            <th scope="col">value</th>
            <th scope="col">cotangent</th>
          </tr>
        </thead>
        <tbody>
          {pass.tape.map((t, k) => {
            const c = cot.get(k)
            return (
              <tr key={k} className={k === now ? 'hs-now' : undefined}>
                <th scope="row">{t.name}</th>
                <td>{describeNode(t)}</td>
                <td>{k < shownValues ? <Dual d={t.value} /> : <span aria-label="not computed yet">·</span>}</td>
                <td>{c ? <Dual d={c} /> : <span aria-label="not computed yet">·</span>}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
