/**
 * Backprop on a small network (show_backprop() or show_backprop([4, 8, 8, 1])): for each layer,
 * the Jacobian it would have (out × in numbers, drawn as a grid) beside the vector that really
 * travels back through it in the reverse sweep (out numbers, read off the engine's trace). The
 * learner steps the reverse sweep down the layers, then compares the measured cost of the
 * gradient with one evaluation: the cheap gradient principle.
 */
import type { BackpropPanelSpec, LayerInfo } from '../../engine/panels/backprop.ts'
import { plural, significant } from '../../engine/language/numbers.ts'
import type { CodeSnippets } from './CodeEquivalents.tsx'
import { CodeEquivalents } from './CodeEquivalents.tsx'
import { PanelFrame, StepControls, stepKeys } from './StepControls.tsx'
import { useStepper } from './useStepper.ts'
import './hessian.css'

const num = (x: number) => significant(x, 3)
const count = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1)

/** Step k (1-based) of the reverse sweep reaches layer L − k + 1, from the output down. */
function layerAt(spec: BackpropPanelSpec, step: number): LayerInfo | null {
  return step === 0 ? null : spec.layers[spec.layers.length - step]!
}

function announcement(spec: BackpropPanelSpec, step: number): string {
  const l = layerAt(spec, step)
  if (!l)
    return `Ready: the forward pass computed the loss (${num(spec.loss)}). Step to send its cotangent, 1, back down the network.`
  const travel = count(l.cotangentShape)
  const first = l.index === 1 ? ' Layer 1 sends nothing further: its input is data, not a parameter.' : ''
  return `layer ${l.index}: ${plural(travel, 'number')} ${travel === 1 ? 'arrives' : 'arrive'} (the cotangent of its output); its Jacobian would hold ${l.outSize * l.inSize}. Its weight gradient is ${l.weightGradientShape.join('×')}.${first}`
}

export function BackpropPanel({ panel: spec }: { panel: BackpropPanelSpec }) {
  const stepper = useStepper(spec.layers.length)
  const current = layerAt(spec, stepper.step)
  const reached = (l: LayerInfo) => stepper.step > 0 && l.index >= spec.layers.length - stepper.step + 1
  const jac = spec.layers.reduce((s, l) => s + l.outSize * l.inSize, 0)
  const travelled = spec.layers.reduce((s, l) => s + count(l.cotangentShape), 0)

  return (
    <PanelFrame title={spec.title} summary={spec.summary} onKeyDown={stepKeys(stepper)}>
      <p className="hs-explain panel-extra">
        Each layer computes h = tanh(W·h<sub>prev</sub> + b) (the last one leaves out tanh), and the loss is ½‖y −
        target‖². The chain rule multiplies the layers&apos; Jacobians, but backprop never builds one: the reverse sweep
        carries a single vector, the cotangent of a layer&apos;s output, and turns it into the next one with a
        vector-Jacobian product. The gradient of W is the outer product of that vector with the layer&apos;s input.
      </p>
      <StepControls
        stepper={stepper}
        label="Reverse sweep, layer by layer"
        announce={announcement(spec, stepper.step)}
      />
      <ol className="bp-layers" aria-label="Layers, from the input to the output">
        <li className="bp-input">
          <span className="bp-layer-name">input x</span>
          <span>{spec.sizes[0]} numbers (data)</span>
        </li>
        {spec.layers.map((l) => (
          <LayerCard key={l.index} layer={l} reached={reached(l)} now={current?.index === l.index} />
        ))}
        <li className="bp-input">
          <span className="bp-layer-name">loss</span>
          <span>1 number; its cotangent starts at 1</span>
        </li>
      </ol>
      <div className="hs-scroll panel-extra">
        <table className="hs-cost-table">
          <caption>
            Layer by layer: the Jacobians backprop could form, and what it forms instead (read off the engine&apos;s
            trace of the gradient)
          </caption>
          <thead>
            <tr>
              <th scope="col">layer</th>
              <th scope="col">in → out</th>
              <th scope="col">Jacobian ∂h/∂h_prev</th>
              <th scope="col">Jacobian ∂h/∂(W, b)</th>
              <th scope="col">travels back</th>
              <th scope="col">gradient of W, b</th>
            </tr>
          </thead>
          <tbody>
            {spec.layers.map((l) => (
              <tr key={l.index} className={current?.index === l.index ? 'hs-selected' : undefined}>
                <th scope="row">
                  {l.index} ({l.activation === 'tanh' ? 'tanh' : 'linear'})
                </th>
                <td>
                  {l.inSize} → {l.outSize}
                </td>
                <td>
                  {l.jacobianShape.join('×')} = {l.outSize * l.inSize} numbers
                </td>
                <td>{l.parameterJacobianNumbers} numbers</td>
                <td>
                  <strong>{plural(count(l.cotangentShape), 'number')}</strong>
                </td>
                <td>
                  {l.weightGradientShape.join('×')} and {l.biasGradientShape.join('')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="panel-extra">
        In all, the layers&apos; Jacobians would hold {jac} numbers (and{' '}
        {spec.layers.reduce((s, l) => s + l.parameterJacobianNumbers, 0)} with respect to the weights); the reverse
        sweep carried {travelled}. The gradient has {spec.parameters} entries, one per weight and bias (length{' '}
        {num(spec.gradientNorm)}).
      </p>
      <Cost spec={spec} />
      <CodeEquivalents snippets={snippets(spec)} />
    </PanelFrame>
  )
}

export default BackpropPanel

/** A layer: its Jacobian as a grid of out × in cells, and the vector that travels back. */
function LayerCard({ layer: l, reached, now }: { layer: LayerInfo; reached: boolean; now: boolean }) {
  const big = Math.max(l.outSize, l.inSize)
  const cell = Math.max(2, Math.min(10, Math.floor(120 / big)))
  const w = l.inSize * cell
  const h = l.outSize * cell
  const travel = count(l.cotangentShape)
  return (
    <li className={['bp-layer', reached ? 'bp-reached' : '', now ? 'bp-now' : ''].join(' ')}>
      <span className="bp-layer-name">
        layer {l.index}: {l.inSize} → {l.outSize}
        {l.activation === 'tanh' ? ', tanh' : ', linear'}
        {now && <span className="hs-now-tag"> now</span>}
      </span>
      <div className="bp-shapes">
        <figure>
          <div
            className="bp-jac"
            aria-hidden="true"
            style={{ width: w, height: h, backgroundSize: `${cell}px ${cell}px` }}
          />
          <figcaption>
            Jacobian {l.outSize}×{l.inSize}: {l.outSize * l.inSize} numbers, never formed
          </figcaption>
        </figure>
        <figure>
          <div
            className={reached ? 'bp-vec bp-vec-on' : 'bp-vec'}
            aria-hidden="true"
            style={{ width: cell, height: travel * cell, backgroundSize: `${cell}px ${cell}px` }}
          />
          <figcaption>
            {reached ? 'travelled back' : 'will travel back'}: {plural(travel, 'number')}
          </figcaption>
        </figure>
      </div>
    </li>
  )
}

function Cost({ spec }: { spec: BackpropPanelSpec }) {
  const c = spec.cost
  const maxMs = Math.max(c.evalMs, c.gradientMs)
  const maxOps = Math.max(c.evalOps, c.gradientOps)
  const bar = (x: number, max: number, cls: string) => (
    <span className="hs-bar hs-bar-wide" aria-hidden="true">
      <span className={cls} style={{ width: `${Math.max(2, (100 * x) / max)}%` }} />
    </span>
  )
  return (
    <div className="bp-cost panel-extra">
      <h4>The cheap gradient principle</h4>
      <div className="hs-scroll">
        <table className="hs-cost-table">
          <caption>
            One evaluation of the loss against its gradient with respect to all {spec.parameters} weights and biases
            (medians of {c.repeats} timed batches in the worker, taken in turns)
          </caption>
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col">time</th>
              <th scope="col">primitive operations</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">evaluate the loss</th>
              <td>
                {num(c.evalMs)} ms {bar(c.evalMs, maxMs, 'bp-bar-eval')}
              </td>
              <td>
                {c.evalOps} {bar(c.evalOps, maxOps, 'bp-bar-eval')}
              </td>
            </tr>
            <tr>
              <th scope="row">
                its gradient ({plural(c.passes.primal, 'primal sweep')}, {plural(c.passes.reverse, 'reverse sweep')})
              </th>
              <td>
                {num(c.gradientMs)} ms {bar(c.gradientMs, maxMs, 'bp-bar-grad')}
              </td>
              <td>
                {c.gradientOps} {bar(c.gradientOps, maxOps, 'bp-bar-grad')}
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      <p>
        The gradient took <strong>{num(c.ratio)} times</strong> as long as one evaluation here, and{' '}
        {num(c.gradientOps / c.evalOps)} times as many operations, for all {spec.parameters} partial derivatives at
        once. Forward mode would need {spec.parameters} passes, one per parameter, each about as costly as an
        evaluation.
      </p>
    </div>
  )
}

function snippets(spec: BackpropPanelSpec): CodeSnippets {
  const sizes = spec.sizes
  const pairs = sizes.slice(1).map((m, k) => [sizes[k]!, m] as const)
  return {
    julia: [
      'using Flux   # Zygote does the reverse sweep',
      `model = Chain(${pairs.map(([n, m], k) => `Dense(${n} => ${m}${k < pairs.length - 1 ? ', tanh' : ''})`).join(', ')})`,
      `x, target = randn(Float32, ${sizes[0]}), randn(Float32, ${sizes.at(-1)})`,
      'loss(model) = sum(abs2, model(x) .- target) / 2',
      'grads = Flux.gradient(loss, model)[1]   # one forward and one reverse sweep',
    ].join('\n'),
    jax: [
      'import jax, jax.numpy as jnp',
      `sizes = [${sizes.join(', ')}]`,
      'keys = jax.random.split(jax.random.key(0), len(sizes))',
      'params = [(jax.random.normal(k, (m, n)) / jnp.sqrt(n), jnp.zeros(m))',
      '          for k, n, m in zip(keys, sizes[:-1], sizes[1:])]',
      'def loss(params, x, target):',
      '    h = x',
      '    for i, (W, b) in enumerate(params):',
      '        h = W @ h + b',
      '        if i < len(params) - 1: h = jnp.tanh(h)',
      '    return 0.5 * jnp.sum((h - target) ** 2)',
      `x, target = jnp.ones(${sizes[0]}), jnp.zeros(${sizes.at(-1)})`,
      'grads = jax.grad(loss)(params, x, target)   # vector-Jacobian products, layer by layer',
    ].join('\n'),
    pytorch: [
      'import torch',
      'from torch import nn',
      `model = nn.Sequential(${pairs.map(([n, m], k) => `nn.Linear(${n}, ${m})${k < pairs.length - 1 ? ', nn.Tanh()' : ''}`).join(', ')})`,
      `x, target = torch.randn(${sizes[0]}), torch.randn(${sizes.at(-1)})`,
      'loss = 0.5 * ((model(x) - target) ** 2).sum()',
      'loss.backward()   # the reverse sweep; each p.grad has the shape of p',
    ].join('\n'),
  }
}
