/**
 * show_backprop(sizes), run as a learner writes it in a cell. The loss is checked against a
 * plain-JavaScript forward pass of the same seeded network, the gradient's length against
 * central finite differences of that copy (never the engine's derivatives), and the sizes of
 * what travels backwards against the layer sizes.
 */
import { describe, expect, it } from 'vitest'
import { DEFAULT_SIZES, backpropNetwork } from '../../../engine/panels/backprop.ts'
import { panelOf } from './helpers.ts'
import type { Session } from '../language/helpers.ts'
import { session } from '../language/helpers.ts'

const backprop = (source: string, s: Session = session()) => panelOf('backprop', source, s)

/** ½‖net(x; θ) − target‖² in plain JavaScript: tanh hidden layers, a linear output layer. */
function plainLoss(sizes: number[], theta: ArrayLike<number>, x: number[], target: number[]): number {
  let h = x
  let p = 0
  for (let k = 1; k < sizes.length; k++) {
    const [n, m] = [sizes[k - 1]!, sizes[k]!]
    const z = Array.from({ length: m }, (_, i) => {
      let s = theta[p + m * n + i]!
      for (let j = 0; j < n; j++) s += theta[p + i * n + j]! * h[j]!
      return s
    })
    p += m * n + m
    h = k < sizes.length - 1 ? z.map(Math.tanh) : z
  }
  return 0.5 * h.reduce((s, y, i) => s + (y - target[i]!) ** 2, 0)
}

function plainGradientNorm(sizes: number[]): number {
  const net = backpropNetwork(sizes)
  const x = Array.from(net.x.data)
  const t = Array.from(net.target.data)
  const theta = Array.from(net.theta.data)
  const eps = 1e-6
  let sq = 0
  theta.forEach((v, i) => {
    const up = [...theta]
    const down = [...theta]
    up[i] = v + eps
    down[i] = v - eps
    const d = (plainLoss(sizes, up, x, t) - plainLoss(sizes, down, x, t)) / (2 * eps)
    sq += d * d
  })
  return Math.sqrt(sq)
}

describe('show_backprop() on the default network', () => {
  const spec = backprop('show_backprop()')

  it('is the network 4 → 8 → 8 → 1 with 121 weights and biases', () => {
    expect(spec.sizes).toEqual(DEFAULT_SIZES)
    expect(spec.sizes).toEqual([4, 8, 8, 1])
    expect(spec.parameters).toBe(4 * 8 + 8 + 8 * 8 + 8 + 8 * 1 + 1)
    expect(spec.layers.map((l) => l.activation)).toEqual(['tanh', 'tanh', 'none'])
  })

  it('computes the loss of a plain-JavaScript copy, and a gradient that matches finite differences', () => {
    const net = backpropNetwork(spec.sizes)
    const loss = plainLoss(spec.sizes, net.theta.data, Array.from(net.x.data), Array.from(net.target.data))
    expect(Math.abs(spec.loss - loss)).toBeLessThanOrEqual(1e-12)
    expect(spec.gradientNorm).toBeGreaterThan(0)
    const fd = plainGradientNorm(spec.sizes)
    expect(Math.abs(spec.gradientNorm - fd)).toBeLessThanOrEqual(1e-6 * Math.max(1, fd))
  })

  it('for each layer: an out×in Jacobian, but only out numbers travel back through it', () => {
    spec.layers.forEach((l, i) => {
      const [n, m] = [spec.sizes[i]!, spec.sizes[i + 1]!]
      expect([l.inSize, l.outSize]).toEqual([n, m])
      expect(l.jacobianShape).toEqual([m, n])
      expect(l.parameterJacobianNumbers).toBe(m * (m * n + m))
      // Read off the trace of the gradient: the cotangent of the layer's output is an m-vector.
      expect(l.cotangentShape).toEqual([m])
      expect(l.weightGradientShape).toEqual([m, n])
      expect(l.biasGradientShape).toEqual([m])
    })
  })

  it('measures the gradient against one evaluation: one primal and one reverse sweep', () => {
    const c = spec.cost
    expect(c.passes).toEqual({ primal: 1, forward: 0, reverse: 1 })
    expect(c.evalMs).toBeGreaterThan(0)
    expect(c.gradientMs).toBeGreaterThan(0)
    expect(c.ratio).toBeCloseTo(c.gradientMs / c.evalMs, 12)
    expect(c.gradientOps).toBeGreaterThan(c.evalOps)
    // The cheap gradient principle in operation counts: a small constant multiple, not ~121 passes.
    expect(c.gradientOps).toBeLessThanOrEqual(5 * c.evalOps)
    expect(c.repeats).toBeGreaterThanOrEqual(1)
  })

  it('summarises the sizes and the cost for screen readers', () => {
    expect(spec.title).toBe('Backpropagation through a 4–8–8–1 network')
    expect(spec.summary).toContain('Layer 2 (8 → 8): its Jacobian would have 64 numbers')
    expect(spec.summary).toContain('travels back through it has 8 numbers')
    expect(structuredClone(spec)).toEqual(spec)
  })
})

describe('show_backprop(sizes)', () => {
  it('takes the learner’s layer sizes, and the cotangents follow them', () => {
    const spec = backprop('show_backprop([3, 5, 2])')
    expect(spec.parameters).toBe(3 * 5 + 5 + 5 * 2 + 2)
    expect(spec.layers.map((l) => l.cotangentShape)).toEqual([[5], [2]])
    expect(spec.layers.map((l) => l.jacobianShape)).toEqual([
      [5, 3],
      [2, 5],
    ])
    const fd = plainGradientNorm([3, 5, 2])
    expect(Math.abs(spec.gradientNorm - fd)).toBeLessThanOrEqual(1e-6 * Math.max(1, fd))
  })

  it('explains what sizes it takes', () => {
    const s = session()
    expect(s.failure('show_backprop(4)').error).toMatch(/layer sizes as a vector.*\[4, 8, 8, 1\]/)
    expect(s.failure('show_backprop([4])').error).toMatch(/between 2 and 9 sizes/)
    expect(s.failure('show_backprop([4, 0, 1])').error).toMatch(/whole number from 1 to 256, but got 0/)
    expect(s.failure('show_backprop([4, 2.5, 1])').error).toMatch(/but got 2.5/)
    const big = s.failure('show_backprop([256, 256, 256])')
    expect(big.error).toMatch(/131584 weights and biases; the panel measures networks of up to 100000/)
    expect(big.cause.kind).toBe('limit')
  })
})
