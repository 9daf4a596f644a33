/**
 * Panels that answer back: a panel made in a cell can ask the engine for a fresh pass with the
 * learner's vector. The oracles are independent: H·v against central differences of the
 * gradient and against the closed-form Hessian, ȳᵀJ against the closed-form Jacobian. The trace
 * must show exactly the passes the request is about (one HVP pass; one primal and one reverse).
 */
import { describe, expect, it } from 'vitest'
import { answerPanel } from '../../../engine/panels/requests.ts'
import { gradient } from '../../../engine/transforms/index.ts'
import { Tensor } from '../../../engine/tensor/tensor.ts'
import { concrete } from '../../../engine/ad/value.ts'
import { functionArg } from '../../../engine/language/args.ts'
import { SEED_HESSIAN, panelOf, seedSession } from './helpers.ts'
import { session } from '../language/helpers.ts'

const close = (a: readonly number[], b: readonly number[], tol: number) => {
  expect(a.length).toBe(b.length)
  a.forEach((x, k) =>
    expect(Math.abs(x - b[k]!), `${x} vs ${b[k]}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b[k]!))),
  )
}

/** H·v by central differences of the engine's gradient: (∇f(x + hv) − ∇f(x − hv)) / 2h. */
function fdHv(fSource: string, x: number[], v: number[], h = 1e-5): number[] {
  const s = session()
  const { fn } = functionArg(s.value(fSource), 'test')
  const at = (t: number) =>
    Array.from(concrete(gradient(fn, new Tensor([x.length], Float64Array.from(x.map((xi, i) => xi + t * v[i]!))))).data)
  const plus = at(h)
  const minus = at(-h)
  return plus.map((p, i) => (p - minus[i]!) / (2 * h))
}

describe('a Hessian panel asked for H·v', () => {
  it('runs one forward-over-reverse pass for the typed v, equal to H·v of the closed form', () => {
    const spec = panelOf('hessian', 'show_hessian(f, x1)', seedSession())
    const v = [1, -2, 0.5]
    const answer = answerPanel(spec, { kind: 'hvp', v })
    if (answer.kind !== 'hvp') throw new Error('expected an hvp answer')
    // The seed's f(x) = sum(abs2, A * x) has H = 2AᵀA everywhere.
    const Hv = SEED_HESSIAN.map((row) => row.reduce((s, h, j) => s + h * v[j]!, 0))
    close(answer.Hv, Hv, 1e-12)
    close(answer.pass.result.tangent, Hv, 1e-12)
    expect(answer.pass.seed).toEqual(v)
    // One pass: one forward pass through one reverse-mode gradient (one primal sweep, one reverse).
    expect(answer.passes).toEqual({ primal: 1, forward: 1, reverse: 1 })
    expect(answer.pass.tape[0]!.value.tangent).toEqual(v)
  })

  it('matches finite differences of the gradient on a function that is not quadratic', () => {
    const f = 'f(x) = x[1]^2 * x[2] + sin(x[3]) * x[1] + exp(x[2] * x[3])'
    const s = session()
    s.run(f)
    const x = [0.7, -0.4, 1.1]
    const spec = panelOf('hessian', `show_hessian(f, [${x.join(', ')}])`, s)
    const v = [0.3, 2, -1.5]
    const answer = answerPanel(spec, { kind: 'hvp', v })
    if (answer.kind !== 'hvp') throw new Error('expected an hvp answer')
    close(answer.Hv, fdHv(f, x, v), 1e-6)
  })

  it('says what is wrong with a v of the wrong length', () => {
    const spec = panelOf('hessian', 'show_hessian(f, x1)', seedSession())
    expect(() => answerPanel(spec, { kind: 'hvp', v: [1, 2] })).toThrow(/v must be 3 numbers/)
  })
})

describe('a pullbacks panel asked for the pullback of ȳ', () => {
  it('pulls the typed ȳ back in one reverse pass after one primal pass: ȳᵀJ of the closed form', () => {
    const s = session()
    s.run('g(x) = [x[1] * x[2], sin(x[1]), x[2]^2]')
    const spec = panelOf('pullbacks', 'show_pullbacks(g, [0.5, 2])', s)
    const ybar = [1, -3, 0.25]
    const answer = answerPanel(spec, { kind: 'pullback', v: ybar })
    if (answer.kind !== 'pullback') throw new Error('expected a pullback answer')
    // J = [x2 x1; cos x1 0; 0 2 x2] at (0.5, 2).
    const J = [
      [2, 0.5],
      [Math.cos(0.5), 0],
      [0, 4],
    ]
    const expected = [0, 1].map((j) => J.reduce((sum, row, i) => sum + ybar[i]! * row[j]!, 0))
    close(answer.result, expected, 1e-12)
    close(answer.pass.row, expected, 1e-12)
    expect(answer.passes).toEqual({ primal: 1, forward: 0, reverse: 1 })
    expect(answer.innerPasses).toBe(0)
    // The replayed pass walks the panel's own graph: it starts at the panel's output node with ȳ
    // and ends at x with ȳᵀJ.
    expect(answer.pass.steps[0]!.node).toBe(spec.output)
    expect(answer.pass.steps[0]!.cotangent).toEqual(ybar)
    expect(answer.pass.steps.at(-1)!.node).toBe(spec.input)
  })

  it('refuses a ȳ that does not have one number per output', () => {
    const s = session()
    s.run('g(x) = [x[1] * x[2], sin(x[1])]')
    const spec = panelOf('pullbacks', 'show_pullbacks(g, [0.5, 2])', s)
    expect(() => answerPanel(spec, { kind: 'pullback', v: [1] })).toThrow(/2 numbers/)
  })
})

describe('a pullbacks panel of a gradient', () => {
  it('counts the inner gradient apart: vᵀH = 2·row 2 + row 3 of the seed H', () => {
    const spec = panelOf('pullbacks', 'g(x) = gradient(f, x)\nshow_pullbacks(g, x1)', seedSession())
    const answer = answerPanel(spec, { kind: 'pullback', v: [0, 2, 1] })
    if (answer.kind !== 'pullback') throw new Error('expected a pullback answer')
    close(answer.result, [14, 52, 50], 1e-12)
    expect(answer.innerPasses).toBe(2) // g's own primal and reverse pass
  })
})

describe('a panel that cannot answer', () => {
  it('says to run its cell again', () => {
    const spec = panelOf('sumtrap', 'g(x) = gradient(f, x)\nshow_sum_trap(g, x1)', seedSession())
    expect(() => answerPanel(spec, { kind: 'hvp', v: [1, 0, 0] })).toThrow(/run its cell again/)
  })
})
