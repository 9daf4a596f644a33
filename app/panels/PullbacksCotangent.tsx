/**
 * The pullbacks panel's "pull back any cotangent v": the learner's v (which starts again from the
 * cell's when a slider or the source gives a new one), vᵀJ as a combination of the rows of J, and
 * the engine's own pullback of that v, asked of the worker (one reverse pass through f with the
 * panel's function), with its cotangents node by node.
 */
import { useMemo } from 'react'
import type { PullbacksSpec } from '../../engine/panels/pullbacks.ts'
import type { PanelAnswer } from '../../engine/panels/requests.ts'
import { displayNumber, plural, subscript, tensorText, vectorText } from '../../engine/language/numbers.ts'
import { renderTex } from '../components/markdownMath.ts'
import { nodeName } from './GraphView.tsx'
import { usePanelRequest } from './usePanelRequest.ts'
import { useVectorInput } from './useVectorInput.ts'
import { VectorInputs } from './VectorInputs.tsx'

type PullbackAnswer = Extract<PanelAnswer, { kind: 'pullback' }>

const FORMULA = renderTex('v^{\\top} J = \\textstyle\\sum_{i} v_i \\, J_{i,:}')

function defaultV(spec: PullbacksSpec): number[] {
  return spec.cotangent?.v ?? spec.allOnes.v
}

/**
 * The learner's cotangent v, and vᵀJ as a combination of the rows of J (no differentiation here);
 * a v the cell has not pulled back already goes to the worker, which pulls it back through f in
 * one reverse pass, and its trace is listed node by node.
 */
export function Cotangent({ spec }: { spec: PullbacksSpec }) {
  // Follows the cell: a v from a slider (or a new f) starts the inputs over.
  const input = useVectorInput(defaultV(spec))
  const { texts, bad } = input
  const v = input.v ?? texts.map(() => NaN)
  const result =
    input.v !== null
      ? spec.jacobian[0]!.map((_, j) => spec.jacobian.reduce((s, row, i) => s + v[i]! * row[j]!, 0))
      : null
  const allOnes = v.every((x) => x === 1)
  const known = allOnes
    ? spec.allOnes.result
    : spec.cotangent && spec.cotangent.v.every((x, i) => x === v[i])
      ? spec.cotangent.result
      : null
  const request = useMemo(
    () => (input.v && !known ? { kind: 'pullback' as const, v: input.v } : null),
    [input.v?.join(','), known === null],
  )
  const asked = usePanelRequest(spec, request)
  const answer = asked.status === 'answered' && asked.answer.kind === 'pullback' ? asked.answer : null

  return (
    <fieldset className="pb-vbox panel-extra">
      <legend>Pull back any cotangent v</legend>
      <p>
        One reverse pass turns a cotangent v (one number per output) into vᵀJ: the rows of J weighted by v and added up.{' '}
        <span className="pb-formula" dangerouslySetInnerHTML={{ __html: FORMULA }} />
      </p>
      <div className="panel-v-inputs">
        <VectorInputs texts={texts} bad={bad} onChange={input.set} />
        <button type="button" onClick={() => input.reset(spec.allOnes.v)}>
          All ones
        </button>
      </div>
      {allOnes && (
        <p className="pb-all-ones">
          <strong>{spec.m === 1 ? 'v = 1:' : 'v = all ones:'}</strong> this is {spec.allOnes.meaning}, what tf.gradients
          returns.
        </p>
      )}
      <output className="pb-combination" aria-live="polite">
        {result === null ? (
          <span>
            v{bad.map((i) => subscript(i + 1)).join(', v')} {bad.length === 1 ? 'is' : 'are'} not a number yet: type a
            number to see vᵀJ.
          </span>
        ) : (
          <>
            <span className="pb-terms">
              {spec.jacobian.map((row, i) => (
                <span key={i} className="pb-term">
                  {i === 0 ? '' : '+ '}
                  {displayNumber(v[i]!)} × {vectorText(row)}
                  <span className="pb-term-note"> (row {i + 1})</span>
                </span>
              ))}
            </span>
            <span className="pb-result">
              vᵀJ = <strong>{vectorText(result)}</strong>
            </span>
          </>
        )}
      </output>
      {known ? (
        <p className="pb-engine-check">
          The engine pulled this v back in one reverse pass, without forming J, and got {vectorText(known)}.
        </p>
      ) : answer ? (
        <EnginePullback spec={spec} answer={answer} />
      ) : asked.status === 'failed' ? (
        <p className="nb-error pb-engine-check">The engine could not pull this v back: {asked.error}</p>
      ) : (
        input.v && (
          <p className="pb-engine-check" aria-busy="true">
            Asking the engine to pull {vectorText(input.v)} back…
          </p>
        )
      )}
    </fieldset>
  )
}

/** The engine's pullback of the typed v: its result, its passes, and its cotangents node by node. */
function EnginePullback({ spec, answer }: { spec: PullbacksSpec; answer: PullbackAnswer }) {
  return (
    <div className="pb-engine-check">
      <p>
        The engine pulled this v back through {spec.fn} and got <strong>{vectorText(answer.result)}</strong>, in one
        primal pass and one reverse pass ({answer.ops} primitive operations
        {answer.innerPasses > 0 && `, ${spec.fn}'s own ${plural(answer.innerPasses, 'inner pass')} included`}), and J
        was never formed.
      </p>
      <details className="pb-engine-steps">
        <summary>The reverse pass node by node</summary>
        <ol>
          {answer.pass.steps.map((s, k) => {
            const node = spec.nodes[s.node]
            return (
              <li key={k}>
                {node ? (node.role === 'input' ? 'x' : `node ${nodeName(node)}`) : `node ${s.node}`}:{' '}
                {node ? tensorText({ shape: node.value.shape, data: s.cotangent }) : vectorText(s.cotangent)}
              </li>
            )
          })}
        </ol>
      </details>
    </div>
  )
}
