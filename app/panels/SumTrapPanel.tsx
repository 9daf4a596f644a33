/**
 * The sum trap, drawn from a SumTrapSpec (engine/panels/sumtrap.ts): three answers to "the
 * gradient of a vector-valued g" side by side. The Jacobian is shown first; the learner predicts
 * what tf.gradients returns (or skips the prediction), then Reveal shows the column sums under
 * J, the tf_gradients vector, whether the prediction was right, and the strict engine's error.
 *
 * Nothing is computed here but the check of the prediction: every number comes from the spec.
 */
import 'katex/dist/katex.min.css'
import type { FormEvent } from 'react'
import { useId, useMemo, useState } from 'react'
import type { SumTrapSpec } from '../../engine/panels/sumtrap.ts'
import { short, subscript } from '../../engine/language/numbers.ts'
import { renderTex } from '../components/markdownMath.ts'
import { useView } from '../store/view.ts'
import { CodeEquivalents } from './CodeEquivalents.tsx'
import { PanelFrame } from './StepControls.tsx'
import { useDriver } from './stepDriver.ts'
import type { Stepper } from './useStepper.ts'
import './sumtrap.css'

/** Up to 4 significant digits, and 0 for float noise next to entries of size `scale`. */
const fmt = (x: number, scale?: number) => short(x, 4, scale)
const vec = (xs: number[], scale?: number) => `[${xs.map((x) => fmt(x, scale)).join(', ')}]`

/** A typed number matches when it agrees to about three significant digits. */
const close = (typed: number, exact: number) => Math.abs(typed - exact) <= 0.005 * Math.max(1, Math.abs(exact))
const matches = (typed: number[] | undefined, exact: number[] | undefined) =>
  typed !== undefined &&
  exact !== undefined &&
  typed.length === exact.length &&
  typed.every((t, i) => close(t, exact[i]!))

export interface Verdict {
  predicted: boolean
  right: boolean
  message: string
}

/** Compares the learner's prediction with tf_gradients, and names the usual wrong answers. */
export function judge(typed: string[], spec: SumTrapSpec): Verdict {
  const tf = spec.tfGradients
  const got = vec(tf, Math.max(...tf.map(Math.abs)))
  if (typed.every((s) => s.trim() === ''))
    return {
      predicted: false,
      right: false,
      message: `tf_gradients returns ${got}: the sum of each column of J.`,
    }
  const nums = typed.map((s) => (s.trim() === '' ? NaN : Number(s)))
  if (matches(nums, tf))
    return { predicted: true, right: true, message: `Right: tf_gradients returns ${got}, the column sums of J.` }
  const wrong = `Not quite: tf_gradients returns ${got}.`
  if (spec.jacobian.rows === spec.jacobian.cols && !matches(spec.rowSums, tf) && matches(nums, spec.rowSums))
    return {
      predicted: true,
      right: false,
      message: `${wrong} You added up the rows of J (J·1); pulling back the all-ones vector adds up its columns (Jᵀ·1).`,
    }
  if (!matches(spec.diagonal, tf) && matches(nums, spec.diagonal))
    return {
      predicted: true,
      right: false,
      message: `${wrong} You gave the diagonal of J; the sums equal it only when every column has one nonzero, on the diagonal.`,
    }
  const ok = nums.filter((t, i) => close(t, tf[i]!)).length
  return {
    predicted: true,
    right: false,
    message: `${wrong} ${ok} of ${tf.length} components match. Each entry is the sum of one column of J.`,
  }
}

function JacobianTable({ spec, revealed, captionId }: { spec: SumTrapSpec; revealed: boolean; captionId: string }) {
  const { rows: m, cols: n, data } = spec.jacobian
  const scale = data.reduce((s, v) => Math.max(s, Math.abs(v)), 0)
  const g = spec.fn
  return (
    <table className="st-matrix" aria-describedby={captionId}>
      <caption>J: row i is the gradient of {g}ᵢ</caption>
      <thead>
        <tr>
          <td />
          {Array.from({ length: n }, (_, j) => (
            <th key={j} scope="col" aria-label={`with respect to x ${j + 1}`}>
              ∂/∂x{subscript(j + 1)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: m }, (_, i) => (
          <tr key={i}>
            <th scope="row" aria-label={`output ${g} ${i + 1}`}>
              ∂{g}
              {subscript(i + 1)}
            </th>
            {Array.from({ length: n }, (_, j) => {
              const v = data[i * n + j]!
              const zero = fmt(v, scale) === '0'
              return (
                <td key={j} className={`${zero ? 'st-zero' : 'st-nonzero'}${revealed ? ' st-col' : ''}`}>
                  {fmt(v, scale)}
                </td>
              )
            })}
          </tr>
        ))}
      </tbody>
      {revealed && (
        <tfoot>
          <tr className="st-sums">
            <th scope="row">column sum</th>
            {spec.columnSums.map((s, j) => (
              <td key={j}>{fmt(s, scale)}</td>
            ))}
          </tr>
        </tfoot>
      )}
    </table>
  )
}

export default function SumTrapPanel({ panel: spec }: { panel: SumTrapSpec }) {
  const n = spec.jacobian.cols
  const id = useId()
  const [typed, setTyped] = useState<string[]>(() => Array.from({ length: n }, () => ''))
  const [answered, setVerdict] = useState<Verdict | null>(null)
  // A printed handout shows the reveal (app/printing.ts sets printing), whatever was predicted.
  const printing = useView((s) => s.printing)
  const verdict = answered ?? (printing ? judge(typed, spec) : null)
  const revealed = verdict !== null
  const tex = useMemo(
    () => ({
      jt1: renderTex('J^{\\top}\\mathbf{1}'),
      j: renderTex('J'),
    }),
    [],
  )
  // A new spec (another function or point) may have another length: start the prediction over.
  const [forSpec, setForSpec] = useState(spec)
  if (forSpec !== spec) {
    setForSpec(spec)
    setTyped(Array.from({ length: n }, () => ''))
    setVerdict(null)
  }

  const reveal = (e: FormEvent) => {
    e.preventDefault()
    setVerdict(judge(typed, spec))
  }
  const again = () => {
    setVerdict(null)
    setTyped(Array.from({ length: n }, () => ''))
  }
  // A presentation's keys (a presenter's remote) step the reveal: step 1 reveals, step 0 hides
  // the answers again, keeping what was typed.
  const show = (step: number) => setVerdict(step > 0 ? judge(typed, spec) : null)
  const reveals: Stepper = {
    step: revealed ? 1 : 0,
    total: 1,
    playing: false,
    speed: 1,
    setStep: show,
    next: () => show(1),
    back: () => show(0),
    reset: () => show(0),
    play: () => show(1),
    pause: () => {},
    setSpeed: () => {},
  }
  useDriver(reveals, 'Sum trap reveal')
  const scale = Math.max(...spec.tfGradients.map(Math.abs))
  const g = spec.fn

  return (
    <PanelFrame title={spec.title} summary={revealed ? spec.summary : spec.summaryBeforeReveal}>
      <p className="st-source">
        <code>{spec.source}</code> at x = {vec(spec.x)}, where {g}(x) = {vec(spec.value)}.
      </p>
      <div className="st-answers">
        <section className="st-card" aria-labelledby={`${id}-a`}>
          <h4 id={`${id}-a`}>
            1. What you meant: the Jacobian <span dangerouslySetInnerHTML={{ __html: tex.j }} />
          </h4>
          <div className="st-matrix-wrap" tabIndex={0} role="region" aria-label={`The Jacobian of ${g}`}>
            <JacobianTable spec={spec} revealed={revealed} captionId={`${id}-jdesc`} />
          </div>
          <p id={`${id}-jdesc`} className="st-note">
            {spec.jacobian.rows} by {n}: one row per output of {g}, one column per input.
          </p>
        </section>

        <section className="st-card" aria-labelledby={`${id}-b`}>
          <h4 id={`${id}-b`}>2. What tf.gradients returns</h4>
          <form onSubmit={reveal}>
            <fieldset className="st-predict" disabled={revealed}>
              <legend>Your prediction of tf_gradients({g}, x)</legend>
              <div className="st-inputs">
                {typed.map((v, j) => (
                  <label key={j}>
                    <span className="st-input-label">component {j + 1}</span>
                    <input
                      type="number"
                      step="any"
                      inputMode="decimal"
                      value={v}
                      onChange={(e) => setTyped((t) => t.map((x, k) => (k === j ? e.target.value : x)))}
                    />
                  </label>
                ))}
              </div>
            </fieldset>
            {revealed ? (
              // Distinct keys: React must not turn this very button into the submit button
              // while its click is being handled, or the browser submits the form again.
              <button key="again" type="button" className="nb-button st-action" onClick={again}>
                Hide the answers and predict again
              </button>
            ) : (
              <button key="reveal" type="submit" className="nb-button st-action">
                Reveal
              </button>
            )}
            {!revealed && <p className="st-note">Predicting is optional: Reveal shows the answers either way.</p>}
          </form>
          <p
            role="status"
            className={`st-verdict${verdict?.predicted ? (verdict.right ? ' st-right' : ' st-wrong') : ''}`}
          >
            {verdict?.message ?? ''}
          </p>
          {revealed && (
            <>
              <p className="st-result">
                <span dangerouslySetInnerHTML={{ __html: tex.jt1 }} /> = <strong>{vec(spec.tfGradients, scale)}</strong>
              </p>
              <p className="st-note">
                The pullback of the all-ones vector: the gradient of sum({g}(x)), not anything about {g} itself. It is
                the row marked “column sum” under J.
              </p>
            </>
          )}
        </section>

        <section className="st-card" aria-labelledby={`${id}-c`}>
          <h4 id={`${id}-c`}>3. What a strict engine does</h4>
          <p className="st-call">
            <code>gradient({g}, x)</code>
          </p>
          {revealed ? (
            <p className="st-error">
              <span className="st-error-label">Error: </span>
              {spec.strictError}
            </p>
          ) : (
            <p className="st-note">Shown with the reveal.</p>
          )}
        </section>
      </div>

      {revealed && (
        <div className="st-why">
          <h4>{spec.structure === 'diagonal' ? 'Why the sums are right here' : 'Why the sums mislead here'}</h4>
          <p>{spec.explanation}</p>
          <p className="st-note">
            TensorFlow’s <code>tf.gradients(ys, xs)</code> is documented to differentiate the sum of <code>ys</code>:
            given a vector it never complains, it pulls back a vector of ones. The other libraries make you choose the
            cotangent yourself.
          </p>
        </div>
      )}
      <CodeEquivalents snippets={spec.code} />
    </PanelFrame>
  )
}
