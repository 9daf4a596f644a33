/**
 * Perturbation confusion, drawn from a ConfusionSpec (engine/panels/confusion.ts): the
 * nested derivative D(x -> x * D(y -> x + y)(1))(c) evaluated by the engine, with levels, and by
 * untagged dual numbers, side by side, one step at a time (outer seed, inner seed, inner result,
 * outer result). Below, the engine's own trace from record(), filled in as the steps advance,
 * with each row's level, and what keeps the levels apart.
 */
import 'katex/dist/katex.min.css'
import { useId, useMemo } from 'react'
import type { ConfusionSpec, ConfusionTraceRow } from '../../engine/panels/confusion.ts'
import { significant } from '../../engine/language/numbers.ts'
import { renderTex } from '../components/markdownMath.ts'
import { CodeEquivalents } from './CodeEquivalents.tsx'
import { PanelFrame, StepControls, stepKeys } from './StepControls.tsx'
import { useStepper } from './useStepper.ts'
import './sumtrap.css'

const LEVEL_NAMES: Record<ConfusionTraceRow['level'], string> = {
  0: 'plain numbers',
  1: 'level 1 (outer, ε₁)',
  2: 'level 2 (inner, ε₂)',
}

const num = (x: number | undefined) => (x === undefined ? '' : significant(x, 6))

function Side({ spec, which, step }: { spec: ConfusionSpec; which: 'tagged' | 'untagged'; step: number }) {
  const tagged = which === 'tagged'
  const answer = tagged ? spec.correct : spec.confused
  const headingId = `${useId()}-${which}`
  return (
    <section className="cf-side" aria-labelledby={headingId}>
      <h4 id={headingId}>{tagged ? 'With levels: this engine' : 'Without levels: untagged dual numbers'}</h4>
      <ol>
        {spec.steps.map((s, k) => {
          const shown = k < step
          return (
            <li
              key={s.phase}
              className={shown ? undefined : 'cf-pending'}
              aria-current={k === step - 1 ? 'step' : undefined}
            >
              <span className="cf-step-title">{s.title}</span>
              {shown ? <>: {tagged ? s.tagged : s.untagged}</> : ': not yet'}
            </li>
          )
        })}
      </ol>
      <p className="cf-answer">
        Answer:{' '}
        {step >= spec.steps.length ? (
          <strong className={tagged ? 'cf-good' : 'cf-bad'}>
            {answer} {tagged ? '(correct)' : '(wrong)'}
          </strong>
        ) : (
          <span>after the last step</span>
        )}
      </p>
    </section>
  )
}

function Trace({ spec, step }: { spec: ConfusionSpec; step: number }) {
  const current = new Set(step > 0 ? spec.steps[step - 1]!.traceRows : [])
  const visible = spec.steps.slice(0, step).flatMap((s) => s.traceRows)
  return (
    <details className="cf-trace-wrap panel-extra" open>
      <summary>The engine’s trace, from record()</summary>
      {visible.length === 0 ? (
        <p className="st-note">Step through to fill in the trace.</p>
      ) : (
        // Focusable so that keyboard users can scroll it sideways on a narrow screen.
        <div className="cf-trace-scroll" tabIndex={0} role="region" aria-label="The engine’s trace">
          <table className="cf-trace">
            <caption>
              Every value the engine computed, in order, with the level that computed it. The ε-part is the perturbation
              of that row’s level only.
            </caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">level</th>
                <th scope="col">what</th>
                <th scope="col">value</th>
                <th scope="col">ε-part</th>
              </tr>
            </thead>
            <tbody>
              {visible.map((i) => {
                const r = spec.trace[i]!
                return (
                  <tr key={i} className={current.has(i) ? 'cf-current' : undefined}>
                    <td className="cf-num">{i + 1}</td>
                    <td>
                      <span className={`cf-level cf-level-${r.level}`}>{LEVEL_NAMES[r.level]}</span>
                    </td>
                    <td>{r.what}</td>
                    <td className="cf-num">{num(r.primal)}</td>
                    <td className="cf-num">{num(r.tangent)}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </details>
  )
}

export default function ConfusionPanel({ panel: spec }: { panel: ConfusionSpec }) {
  const stepper = useStepper(spec.steps.length)
  const step = stepper.step
  const expression = useMemo(
    () =>
      renderTex(
        `D\\bigl(x \\mapsto x \\cdot D(y \\mapsto x + y)(1)\\bigr)(${num(spec.c)})` +
          `\\;=\\;\\tfrac{d}{dx}\\Bigl[x\\,\\tfrac{\\partial}{\\partial y}(x + y)\\Bigr]_{x = ${num(spec.c)}}`,
        true,
      ),
    [spec.c],
  )
  const announce =
    step === 0
      ? 'Press Step (or the right arrow) to begin: the outer derivative seeds x first.'
      : spec.steps[step - 1]!.announce +
        (step === spec.steps.length ? ` Answers: with levels ${spec.correct}, without levels ${spec.confused}.` : '')

  return (
    <PanelFrame title={spec.title} summary={spec.summary} onKeyDown={stepKeys(stepper)}>
      <div
        className="cf-expression"
        role="img"
        aria-label={`${spec.expression}: the derivative at x = ${num(spec.c)} of x times the derivative of x + y with respect to y at y = 1`}
        dangerouslySetInnerHTML={{ __html: expression }}
      />
      <StepControls stepper={stepper} label="Perturbation confusion" announce={announce} />
      <div className="cf-sides">
        <Side spec={spec} which="tagged" step={step} />
        <Side spec={spec} which="untagged" step={step} />
      </div>
      {step > 0 && <p className="cf-note">{spec.steps[step - 1]!.note}</p>}
      <Trace spec={spec} step={step} />
      <details className="cf-why panel-extra" open={step >= spec.steps.length}>
        <summary>What keeps the levels apart</summary>
        <ul>
          {spec.explanation.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      </details>
      <CodeEquivalents snippets={spec.code} />
    </PanelFrame>
  )
}
