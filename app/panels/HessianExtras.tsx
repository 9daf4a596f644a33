/**
 * The Hessian panel's last part (H·v is HessianVectorPass.tsx): the nestings of forward and
 * reverse mode with their counted costs (the verdict) and their timings (shown as measured); and
 * the same computations in Julia, JAX and PyTorch.
 */
import { useState } from 'react'
import type { HessianPanelSpec, MethodCost } from '../../engine/panels/hessian.ts'
import { displayNumber, formatMs } from '../../engine/language/numbers.ts'
import type { CodeSnippets } from './CodeEquivalents.tsx'

// -----------------------------------------------------------------------------------------------
// The nestings, counted and timed

const NAMES: Record<MethodCost['method'], string> = {
  'forward-over-reverse': 'forward over reverse',
  'reverse-over-reverse': 'reverse over reverse',
  'forward-over-forward': 'forward over forward',
  'reverse-over-forward': 'reverse over forward',
}

/** A method's name as the panel writes it: a batched run says so, with its chunk. */
export const methodName = (m: MethodCost) => (m.chunk > 1 ? `${NAMES[m.method]}, batched` : NAMES[m.method])
const methodKey = (m: MethodCost) => `${m.method}:${m.chunk}`

/** 1234567 as "1,234,567": counts are exact, so all their digits are shown. */
const count = (k: number) => k.toLocaleString('en-US')

/** The median time and the range of the timed batches, or why there is none. */
function timing(m: MethodCost): string {
  if (m.repeats === 0) return 'not timed'
  return `${formatMs(m.ms)} (${formatMs(m.minMs)}–${formatMs(m.maxMs)})`
}

export function Methods({ spec }: { spec: HessianPanelSpec }) {
  const [selected, setSelected] = useState(methodKey(spec.methods[0]!))
  const chosen = spec.methods.find((m) => methodKey(m) === selected) ?? spec.methods[0]!
  const cheapest = spec.methods[spec.cheapest]
  const maxFlops = Math.max(...spec.methods.map((m) => m.flops))
  const maxMemory = Math.max(...spec.methods.map((m) => m.memory))
  const timed = spec.methods.filter((m) => m.repeats > 0)
  const bar = (x: number, max: number) => (
    <span className="hs-bar" aria-hidden="true">
      <span style={{ width: `${Math.max(2, (100 * x) / max)}%` }} />
    </span>
  )
  return (
    <section className="hs-methods panel-extra" aria-label="Ways to nest forward and reverse mode">
      <h4>Ways to nest the modes, counted</h4>
      <div className="hs-method-buttons" role="group" aria-label="Method">
        {spec.methods.map((m) => (
          <button
            key={methodKey(m)}
            type="button"
            aria-pressed={methodKey(m) === selected}
            onClick={() => setSelected(methodKey(m))}
          >
            {methodName(m)}
          </button>
        ))}
      </div>
      <p className="hs-method-text" aria-live="polite">
        <strong>{methodName(chosen)}:</strong> {chosen.description}.{' '}
        {chosen.maxDifference <= 1e-9 * Math.max(1, ...spec.H.flat().map(Math.abs))
          ? 'Same H as the passes above.'
          : `Differs from the H above by up to ${displayNumber(chosen.maxDifference)}.`}
      </p>
      <div className="hs-scroll">
        <table className="hs-cost-table">
          <caption>
            Cost of the whole Hessian by each nesting (outer over inner), counted: flops are scalar multiply-adds,
            memory the numbers held at once (x, H and the tapes in use)
          </caption>
          <thead>
            <tr>
              <th scope="col">method</th>
              <th scope="col">chunk</th>
              <th scope="col">primal sweeps</th>
              <th scope="col">forward passes</th>
              <th scope="col">reverse sweeps</th>
              <th scope="col">flops</th>
              <th scope="col">memory</th>
              <th scope="col">largest tape</th>
            </tr>
          </thead>
          <tbody>
            {spec.methods.map((m) => (
              <tr
                key={methodKey(m)}
                className={[methodKey(m) === selected && 'hs-selected', m === cheapest && 'hs-cheapest']
                  .filter(Boolean)
                  .join(' ')}
              >
                <th scope="row">
                  {methodName(m)}
                  {m === cheapest && (
                    <>
                      {' '}
                      <span className="hs-cheapest-tag">cheapest</span>
                    </>
                  )}
                  {methodKey(m) === selected && <span className="nb-visually-hidden"> (selected)</span>}
                </th>
                <td>{m.chunk}</td>
                <td>{m.passes.primal}</td>
                <td>{m.passes.forward}</td>
                <td>{m.passes.reverse}</td>
                <td>
                  {count(m.flops)} {bar(m.flops, maxFlops)}
                </td>
                <td>
                  {count(m.memory)} {bar(m.memory, maxMemory)}
                </td>
                <td>{m.tapes === 0 ? 'none' : `${m.largestTape} nodes`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hs-verdict">{spec.verdict}</p>
      {timed.length > 0 && (
        <p className="hs-timings">
          Timings, as measured in the worker (median of {Math.min(...timed.map((m) => m.repeats))} or more timed
          batches, and their range; a busy machine reorders them, so they are not the verdict):{' '}
          {spec.methods.map((m, k) => (
            <span key={methodKey(m)}>
              {k > 0 && '; '}
              {methodName(m)} {timing(m)}
            </span>
          ))}
          .
        </p>
      )}
    </section>
  )
}

// -----------------------------------------------------------------------------------------------
// Equivalent code

export function snippets(spec: HessianPanelSpec): CodeSnippets {
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
