/**
 * `show_backprop()` or `show_backprop([4, 8, 8, 1])`: backpropagation on a small dense network,
 * to show that it never forms a layer's Jacobian. A layer h = tanh(W·h_prev + b) with n inputs
 * and m outputs has an m×n Jacobian, but the reverse sweep only ever carries a vector of m
 * numbers back through it (the cotangent of h) and turns it into the next vector with Wᵀ: a
 * vector-Jacobian product. That is why the gradient costs a small multiple of one evaluation.
 *
 * The gradient is taken with respect to all weights and biases at once (one flat parameter
 * vector, sliced into layers inside the network), as in training. The cotangent sizes are read
 * off the engine's trace of that gradient, not computed from the layer sizes.
 */
import type { Value } from '../ad/value.ts'
import { TapeNode, concrete, isValue } from '../ad/value.ts'
import { record } from '../ad/trace.ts'
import { abs2, add, getindex, matmul, mul, range, reshape, sub, sum, tanh } from '../ops/index.ts'
import { Tensor, scalar } from '../tensor/tensor.ts'
import * as T from '../transforms/index.ts'
import { builtin } from '../language/args.ts'
import { LangError } from '../language/errors.ts'
import { formatMs, plural, short } from '../language/numbers.ts'
import type { LangFunction, LangValue } from '../language/values.ts'
import { describe } from '../language/values.ts'
import { seededRandom, seededTensor } from './seeded.ts'
import { medianTimes } from './timing.ts'
import type { PanelBase } from './spec.ts'
import { panelRecord } from './registry.ts'

// -----------------------------------------------------------------------------------------------
// The spec

export interface LayerInfo {
  /** 1-based, from the input up. */
  index: number
  inSize: number
  outSize: number
  activation: 'tanh' | 'none'
  /** The layer's Jacobian ∂h/∂h_prev: outSize × inSize numbers, never formed by backprop. */
  jacobianShape: [number, number]
  /** ∂h/∂(W, b): outSize × (outSize·inSize + outSize) numbers, not formed either. */
  parameterJacobianNumbers: number
  /** The cotangent of the layer's output in the reverse sweep, read off the trace. */
  cotangentShape: number[]
  /** The cotangent of its weights W (same shape as W), read off the trace. */
  weightGradientShape: number[]
  biasGradientShape: number[]
}

export interface BackpropPanelSpec extends PanelBase {
  kind: 'backprop'
  sizes: number[]
  /** Weights and biases in all. */
  parameters: number
  loss: number
  /** ‖∇loss‖, to show the gradient is real. */
  gradientNorm: number
  layers: LayerInfo[]
  cost: {
    evalMs: number
    gradientMs: number
    /** gradientMs / evalMs */
    ratio: number
    evalOps: number
    gradientOps: number
    repeats: number
    /** Sweeps of the gradient, from record(): one primal sweep and one reverse sweep. */
    passes: { primal: number; forward: number; reverse: number }
  }
}

// -----------------------------------------------------------------------------------------------
// The network

export const DEFAULT_SIZES = [4, 8, 8, 1]
const MAX_LAYERS = 8
const MAX_WIDTH = 256
const MAX_PARAMETERS = 100000

export interface Network {
  sizes: number[]
  parameters: number
  theta: Tensor
  x: Tensor
  target: Tensor
  /** Slices of theta: [start of W, start of b, end of b] per layer. */
  offsets: [number, number, number][]
}

/** The network with its seeded weights, input and target (exported for tests' own forward pass). */
export function backpropNetwork(sizes: number[]): Network {
  const offsets: [number, number, number][] = []
  let p = 0
  for (let k = 1; k < sizes.length; k++) {
    const [n, m] = [sizes[k - 1]!, sizes[k]!]
    offsets.push([p, p + m * n, p + m * n + m])
    p += m * n + m
  }
  const rand = seededRandom(7)
  // Weights of scale 1/√n keep tanh away from saturation, as in a freshly initialised network.
  const theta = new Tensor([p], new Float64Array(p))
  offsets.forEach(([w, b, e], k) => {
    const scale = 1 / Math.sqrt(sizes[k]!)
    for (let i = w; i < b; i++) theta.data[i] = (2 * rand() - 1) * scale
    for (let i = b; i < e; i++) theta.data[i] = 0.1 * (2 * rand() - 1)
  })
  const x = seededTensor([sizes[0]!], rand)
  const target = seededTensor([sizes.at(-1)!], rand, 0.5)
  return { sizes, parameters: p, theta, x, target, offsets }
}

/** Tape nodes of one layer, noted while the gradient runs, to find their cotangents in the trace. */
interface Marks {
  W: Value[]
  b: Value[]
  h: Value[]
}

/** loss(θ) = ½‖net(x; θ) − target‖², hidden layers tanh, the last linear. */
function lossFunction(net: Network, marks?: Marks): (theta: Value) => Value {
  return (theta) => {
    let h: Value = net.x
    net.offsets.forEach(([w, b, e], k) => {
      const [n, m] = [net.sizes[k]!, net.sizes[k + 1]!]
      const W = reshape(getindex(theta, [range(w, b)]), [m, n])
      const bias = getindex(theta, [range(b, e)])
      const z = add(matmul(W, h), bias)
      h = k < net.offsets.length - 1 ? tanh(z) : z
      marks?.W.push(W)
      marks?.b.push(bias)
      marks?.h.push(h)
    })
    return mul(scalar(0.5), sum(abs2(sub(h, net.target))))
  }
}

// -----------------------------------------------------------------------------------------------
// show_backprop(sizes)

function layerSizes(v: LangValue, who: string): number[] {
  if (v === undefined) return DEFAULT_SIZES
  if (typeof v === 'boolean' || !isValue(v) || v.shape.length !== 1)
    throw new LangError(
      `${who} takes the layer sizes as a vector, from the input to the output, such as [4, 8, 8, 1], but got ${describe(v)}`,
    )
  const sizes = Array.from(concrete(v).data)
  if (sizes.length < 2 || sizes.length > MAX_LAYERS + 1)
    throw new LangError(
      `${who}: give between 2 and ${MAX_LAYERS + 1} sizes (the input, then each layer's output), but got ${sizes.length}`,
      'limit',
    )
  for (const s of sizes)
    if (!Number.isInteger(s) || s < 1 || s > MAX_WIDTH)
      throw new LangError(
        `${who}: each layer size must be a whole number from 1 to ${MAX_WIDTH}, but got ${s}`,
        'limit',
      )
  return sizes
}

export function showBackprop(args: LangValue[]): BackpropPanelSpec {
  const who = 'show_backprop'
  const sizes = layerSizes(args[0], who)
  const net = backpropNetwork(sizes)
  if (net.parameters > MAX_PARAMETERS)
    throw new LangError(
      `${who}: this network has ${net.parameters} weights and biases; the panel measures networks of up to ${MAX_PARAMETERS}`,
      'limit',
    )
  const loss = lossFunction(net)

  // The gradient under record(), with the layers' tape nodes noted.
  const marks: Marks = { W: [], b: [], h: [] }
  const traced = record(() => T.gradient(lossFunction(net, marks), net.theta), { maxSteps: 100000 })
  const primalPass = traced.trace.steps.find((s) => s.kind === 'pass' && s.mode === 'primal')
  // The k-th reverse-mode op of the tape's level is tape node k: map tape indices to trace ids.
  const idOfIndex = new Map<number, number>()
  const shapeOfId = new Map<number, number[]>()
  let k = 0
  for (const s of traced.trace.steps) {
    if (s.level !== primalPass?.level) continue
    if (s.kind === 'op' && s.mode === 'reverse') idOfIndex.set(++k, s.node)
    if (s.kind === 'cotangent') shapeOfId.set(s.node, [...s.cotangent.shape])
  }
  const cotangentShape = (v: Value | undefined): number[] => {
    if (!(v instanceof TapeNode)) return []
    const id = idOfIndex.get(v.index)
    return (id !== undefined && shapeOfId.get(id)) || []
  }

  const layers: LayerInfo[] = net.offsets.map((_, i) => {
    const [n, m] = [sizes[i]!, sizes[i + 1]!]
    return {
      index: i + 1,
      inSize: n,
      outSize: m,
      activation: i < net.offsets.length - 1 ? 'tanh' : 'none',
      jacobianShape: [m, n],
      parameterJacobianNumbers: m * (m * n + m),
      cotangentShape: cotangentShape(marks.h[i]),
      weightGradientShape: cotangentShape(marks.W[i]),
      biasGradientShape: cotangentShape(marks.b[i]),
    }
  })

  const evalOps = record(() => loss(net.theta), { maxSteps: 0 }).trace.counters.ops
  const [te, tg] = medianTimes([() => loss(net.theta), () => T.gradient(loss, net.theta)], {
    repeats: 7,
    budgetMs: 250,
  })
  const g = concrete(traced.result).data
  const gradientNorm = Math.sqrt(g.reduce((s, v) => s + v * v, 0))
  const c = traced.trace.counters
  const cost = {
    evalMs: te!.ms,
    gradientMs: tg!.ms,
    ratio: tg!.ms / te!.ms,
    evalOps,
    gradientOps: c.ops,
    repeats: Math.min(te!.repeats, tg!.repeats),
    passes: { ...c.passes },
  }

  const shape = (s: number[]) => {
    if (s.length === 0) return 'nothing'
    return plural(
      s.reduce((a, b) => a * b, 1),
      'number',
    )
  }
  const summary =
    `A dense network ${sizes.join(' → ')} (tanh hidden layers, linear output, loss ½‖y − target‖²) with ${net.parameters} weights and biases. ` +
    layers
      .map(
        (l) =>
          `Layer ${l.index} (${l.inSize} → ${l.outSize}): its Jacobian would have ${l.outSize * l.inSize} numbers; the vector that travels back through it has ${shape(l.cotangentShape)}`,
      )
      .join('. ') +
    `. The gradient (one primal sweep, one reverse sweep) took ${formatMs(cost.gradientMs)} against ${formatMs(cost.evalMs)} for one evaluation: ${short(cost.ratio, 2)} times as long, with ${cost.gradientOps} primitive operations against ${cost.evalOps}.`
  return {
    kind: 'backprop',
    title: `Backpropagation through a ${sizes.join('–')} network`,
    summary,
    sizes,
    parameters: net.parameters,
    loss: concrete(loss(net.theta)).item(),
    gradientNorm,
    layers,
    cost,
  }
}

export function backpropBuiltins(): LangFunction[] {
  return [builtin('show_backprop', ['sizes'], (args) => panelRecord(showBackprop(args)), { arity: [0, 1] })]
}
