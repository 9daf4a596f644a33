/**
 * Derivative rules written by the learner (engine/language/rules.ts, lowered by
 * frontends/julia/rules.ts): reverse mode uses the rrule, forward mode the frule or the body,
 * plain calls the body; rules go through broadcasting and nesting; bad rules get messages that
 * name the argument and the shapes. Expected values are closed forms: a rule deliberately wrong
 * by a known factor shows which mode used it.
 */
import { describe, expect, it } from 'vitest'
import { ReactiveNotebook, runCell, toText } from '../../../engine/standard.ts'
import { record } from '../../../engine/ad/trace.ts'
import { concrete } from '../../../engine/ad/value.ts'
import type { Value } from '../../../engine/ad/value.ts'
import { withRules } from '../../../engine/language/rules.ts'
import type { LangFunction } from '../../../engine/language/values.ts'
import * as ops from '../../../engine/ops/index.ts'
import { vector } from '../../../engine/tensor/tensor.ts'
import * as T from '../../../engine/transforms/index.ts'
import { vmap } from '../../../engine/transforms/vmap.ts'
import { notesOf } from '../../../engine/ad/notes.ts'
import { expectJsonClose, julia } from './julia/julia.ts'

const CUBE = `c(x) = x^3
function ChainRulesCore.rrule(::typeof(c), x)
  y = c(x)
  return y, ȳ -> (NoTangent(), 3x^2 * ȳ)
end`

describe('rrule: reverse mode uses it, plain calls and forward mode do not', () => {
  it('a correct rule gives the closed form by every mode', () => {
    const s = julia('')
    s.value(CUBE)
    expectJsonClose(s.run('Zygote.gradient(c, 2.0)'), { tuple: [12] })
    expectJsonClose(s.run('ForwardDiff.derivative(c, 2.0)'), 12)
    expectJsonClose(s.run('c(2.0)'), 8)
  })

  it('a wrong rule is what reverse mode uses, so jacfwd and jacrev disagree', () => {
    const s = julia('')
    s.value('w(x) = x .^ 2')
    // The true Jacobian is diag(2x); the rule claims 3x.
    s.value('ChainRulesCore.rrule(::typeof(w), x) = w(x), ȳ -> (NoTangent(), 3 .* x .* ȳ)')
    const x = '[1.0, 2.0]'
    expectJsonClose(s.run(`Zygote.jacobian(w, ${x})[1]`), [
      [3, 0],
      [0, 6],
    ])
    expectJsonClose(s.run(`ForwardDiff.jacobian(w, ${x})`), [
      [2, 0],
      [0, 4],
    ])
  })

  it('a rule of several arguments gives each its tangent', () => {
    const s = julia('')
    s.value(`h(x, W) = W * x
function ChainRulesCore.rrule(::typeof(h), x, W)
  pullback(ȳ) = (NoTangent(), W' * ȳ, ȳ * x')
  return h(x, W), pullback
end`)
    // sum(W x): ∂/∂x = Wᵀ1, ∂/∂W = 1 xᵀ.
    expectJsonClose(s.run('Zygote.gradient((x, W) -> sum(h(x, W)), [1.0, 2.0], [1.0 2.0; 3.0 4.0])'), {
      tuple: [
        [4, 6],
        [
          [1, 2],
          [1, 2],
        ],
      ],
    })
  })

  it('broadcasting a ruled function applies the rule to each element', () => {
    const s = julia('')
    s.value('q(x) = x^2')
    s.value('ChainRulesCore.rrule(::typeof(q), x) = q(x), ȳ -> (NoTangent(), 10x * ȳ)') // true slope 2x
    expectJsonClose(s.run('Zygote.gradient(x -> sum(q.(x)), [1.0, 2.0, 3.0])'), { tuple: [[10, 20, 30]] })
  })

  it('forward over reverse differentiates the pullback the learner wrote', () => {
    const s = julia('')
    s.value(CUBE)
    // d/dx of the rule's 3x² is 6x.
    expectJsonClose(s.run('ForwardDiff.derivative(x -> Zygote.gradient(c, x)[1], 2.0)'), 12)
    s.value('p(x) = sum(abs2, x)')
    // A pullback claiming 3x for a true 2x: the Hessian by forward over reverse is 3I.
    s.value('ChainRulesCore.rrule(::typeof(p), x) = p(x), ȳ -> (NoTangent(), 3ȳ .* x)')
    expectJsonClose(s.run('ForwardDiff.jacobian(x -> Zygote.gradient(p, x)[1], [1.0, 2.0])'), [
      [3, 0],
      [0, 3],
    ])
    expectJsonClose(s.run('Zygote.hessian(p, [1.0, 2.0])'), [
      [3, 0],
      [0, 3],
    ])
  })

  it('@thunk and ZeroTangent are tangents; unthunk gives the value', () => {
    const s = julia('')
    s.value('m(x, y) = x * y')
    s.value('ChainRulesCore.rrule(::typeof(m), x, y) = m(x, y), ȳ -> (NoTangent(), @thunk(ȳ * y), ZeroTangent())')
    expectJsonClose(s.run('Zygote.gradient(m, 2.0, 5.0)'), { tuple: [5, 0] })
    expectJsonClose(s.run('unthunk(@thunk(1 + 2))'), 3)
  })

  it('rrule(f, x) called directly gives the value and a pullback with NoTangent first', () => {
    const s = julia('')
    s.value(CUBE)
    const r = s.value('y, back = rrule(c, 2.0); back(1.0)')
    expect(toText(r)).toBe('(NoTangent(), 12)')
    // Without a rule of the learner's, the engine's derivative: cos(0.5) for sin.
    expectJsonClose(s.run('rrule(sin, 0.5)[2](1.0)[2]'), Math.cos(0.5))
  })

  it('the graph shows the rule as one node labelled as the learner’s', () => {
    const s = julia('')
    s.value(CUBE)
    const { trace } = record(() => runCell('Zygote.gradient(c, 2.0)', s.scope, 'julia'))
    const ruled = trace.steps.filter((st) => st.kind === 'op' && st.prim === 'c (your rule)')
    expect(ruled).toHaveLength(1)
    const step = ruled[0]!
    expect(step.kind === 'op' && step.mode).toBe('reverse')
    expect(step.kind === 'op' && concrete(step.primal).data[0]).toBe(8)
  })
})

describe('frule and @adjoint', () => {
  it('forward mode uses the frule; reverse mode then uses the body', () => {
    const s = julia('')
    s.value('k(x) = x^3')
    s.value('ChainRulesCore.frule((_, ẋ), ::typeof(k), x) = (k(x), 100ẋ)') // deliberately wrong
    expectJsonClose(s.run('ForwardDiff.derivative(k, 2.0)'), 100)
    expectJsonClose(s.run('Zygote.gradient(k, 2.0)'), { tuple: [12] })
  })

  it('an frule of two arguments takes the tuple of tangents apart', () => {
    const s = julia('')
    s.value('m(x, y) = x * y')
    s.value(`function ChainRulesCore.frule((Δself, ẋ, ẏ), ::typeof(m), x, y)
  return m(x, y), ẋ * y + x * ẏ
end`)
    expectJsonClose(s.run('ForwardDiff.gradient(v -> m(v[1], v[2]), [2.0, 3.0])'), [3, 2])
    // A constant argument's tangent is zeros of its shape, so ẋ * y + x * ẏ still computes.
    expectJsonClose(s.run('ForwardDiff.derivative(x -> m(x, 3.0), 2.0)'), 3)
  })

  it('Zygote.@adjoint in both forms: one tangent per argument, no NoTangent', () => {
    const s = julia('')
    s.value('g(x) = x^2')
    s.value('Zygote.@adjoint g(x) = g(x), ȳ -> (10ȳ,)')
    expectJsonClose(s.run('Zygote.gradient(g, 2.0)'), { tuple: [10] })
    expectJsonClose(s.run('ForwardDiff.derivative(g, 2.0)'), 4)
    s.value(`Zygote.@adjoint function k2(x, y)
  return k2(x, y), ȳ -> (ȳ * y, ȳ * x)
end`)
    s.value('k2(x, y) = x * y')
    expectJsonClose(s.run('Zygote.gradient(k2, 2.0, 3.0)'), { tuple: [3, 2] })
  })

  it('@adjoint on Zygote internals keeps its explanation', () => {
    const s = julia('')
    expect(s.error('Zygote.@adjoint literal_getproperty(x, ::Val{:a}) = 1, ȳ -> (ȳ,)')).toMatch(/not needed here/)
  })
})

describe('ChainRules shorthands', () => {
  it('@scalar_rule gives an rrule and an frule from the partials, with Ω the value', () => {
    const s = julia('')
    s.value('f(x, y) = x * sin(y)')
    // ∂y deliberately doubled (2x cos y): both modes use the rule, so both give it.
    s.value('@scalar_rule(f(x, y), (sin(y), 2x * cos(y)))')
    expectJsonClose(s.run('Zygote.gradient(f, 2.0, 0.5)'), { tuple: [Math.sin(0.5), 4 * Math.cos(0.5)] })
    expectJsonClose(s.run('ForwardDiff.gradient(v -> f(v[1], v[2]), [2.0, 0.5])'), [Math.sin(0.5), 4 * Math.cos(0.5)])
    s.value('q(x) = exp(x)')
    s.value('ChainRulesCore.@scalar_rule q(x) 2Ω')
    expectJsonClose(s.run('Zygote.gradient(x -> sum(q.(x)), [0.0, 1.0])'), { tuple: [[2, 2 * Math.E]] })
    expect(s.error('@scalar_rule(f(x, y), 3)')).toMatch(
      /one partial derivative per argument of f: it takes 2, and 1 is given/,
    )
  })

  it('@non_differentiable makes both modes give zero', () => {
    const s = julia('')
    s.value('r(x) = round(x) * x')
    s.value('@non_differentiable r(x)')
    expectJsonClose(s.run('Zygote.gradient(r, 2.3)'), { tuple: [0] })
    expectJsonClose(s.run('ForwardDiff.derivative(r, 2.3)'), 0)
    expectJsonClose(s.run('r(2.5)'), 5)
  })
})

describe('bad rules: clear errors, nothing lost', () => {
  it('a pullback without the tangent of f itself says how many it needs', () => {
    const s = julia('')
    s.value('r(x) = sum(x)')
    s.value('ChainRulesCore.rrule(::typeof(r), x) = r(x), ȳ -> (ȳ,)')
    const e = s.error('Zygote.gradient(r, [1.0, 2.0])')
    expect(e).toMatch(/returned 1 tangent, but r was called with 1 argument, so it needs 2: NoTangent\(\) for r itself/)
    // f itself still works.
    expectJsonClose(s.run('r([1.0, 2.0])'), 3)
  })

  it('a tangent of the wrong shape names the argument and both shapes', () => {
    const s = julia('')
    s.value('r(x, y) = sum(x) * y')
    s.value('ChainRulesCore.rrule(::typeof(r), x, y) = r(x, y), ȳ -> (NoTangent(), [1.0, 1.0], ȳ)')
    const e = s.error('Zygote.gradient(r, [1.0, 2.0, 3.0], 2.0)')
    expect(e).toMatch(/returned a 2-vector as the tangent of x, which is a 3-vector/)
  })

  it('an @adjoint returning a bare tangent is told about the comma', () => {
    const s = julia('')
    s.value('g(x) = 2x')
    s.value('Zygote.@adjoint g(x) = g(x), ȳ -> 2ȳ')
    expect(s.error('Zygote.gradient(g, 1.0)')).toMatch(/must return a tuple \(x̄,\).*the comma makes it a tuple/)
  })

  it('an rrule that does not return (y, pullback) says so', () => {
    const s = julia('')
    s.value('g(x) = 2x')
    s.value('ChainRulesCore.rrule(::typeof(g), x) = g(x)')
    expect(s.error('Zygote.gradient(g, 1.0)')).toMatch(/rrule of g must return a tuple of the value and its pullback/)
  })

  it('a rule that differentiates its own function again is stopped with a clear error', () => {
    const s = julia('')
    s.value('u(x) = 2x')
    s.value('ChainRulesCore.rrule(::typeof(u), x) = u(x), ȳ -> (NoTangent(), Zygote.gradient(u, x)[1] * ȳ)')
    expect(s.error('Zygote.gradient(u, 1.0)')).toMatch(/the rule of u calls itself without end/)
    expectJsonClose(s.run('u(3.0)'), 6)
  })

  it('an rrule without ::typeof(f) is a syntax error at the definition', () => {
    const s = julia('')
    expect(s.error('ChainRulesCore.rrule(x) = x, ȳ -> (NoTangent(), ȳ)')).toMatch(
      /needs ::typeof\(f\) as its first parameter/,
    )
  })
})

describe('under vmap', () => {
  it('a batch whose examples are differentiated goes through the rule example by example', () => {
    const s = julia('')
    s.value('q(x) = x^2')
    s.value('ChainRulesCore.rrule(::typeof(q), x) = q(x), ȳ -> (NoTangent(), 3x * ȳ)') // true slope 2x
    const q = withRules('q', s.scope.lookup('q'), s.scope) as LangFunction
    const mapped = (x: Value) => vmap((e) => q.call([e]) as Value, [x])
    // Gradient of sum over the batch: the rule's 3x per example, not the body's 2x.
    expect(Array.from(concrete(T.gradient((x) => ops.sum(mapped(x)), vector([1, 2, 3]))).data)).toEqual([3, 6, 9])
    // With nothing differentiated, the batch runs f's body at once.
    expect(Array.from(concrete(mapped(vector([1, 2, 3]))).data)).toEqual([1, 4, 9])
  })
})

describe('rules in the notebook', () => {
  it('a rule on a built-in function replaces the engine’s, with a note', () => {
    const s = julia('')
    const r = runCell('ChainRulesCore.rrule(::typeof(sin), x) = sin(x), ȳ -> (NoTangent(), 2ȳ)', s.scope, 'julia')
    expect(r.ok && notesOf(r.value).join(' ')).toMatch(/replaces the engine's own derivative rule for sin/)
    expectJsonClose(s.run('Zygote.gradient(x -> sum(sin.(x)), [1.0, 2.0])'), { tuple: [[2, 2]] })
    expectJsonClose(s.run('sin(0.5)'), Math.sin(0.5))
  })

  it('rules of f and g in two cells do not clash, and editing a rule re-runs its users', () => {
    const nb = new ReactiveNotebook()
    const cells = [
      { id: 'use', source: 'Zygote.gradient(f, 2.0)[1] + Zygote.gradient(g, 2.0)[1]' },
      { id: 'rf', source: 'ChainRulesCore.rrule(::typeof(f), x) = f(x), ȳ -> (NoTangent(), 3ȳ)' },
      { id: 'rg', source: 'ChainRulesCore.rrule(::typeof(g), x) = g(x), ȳ -> (NoTangent(), 5ȳ)' },
      { id: 'f', source: 'f(x) = x^2' },
      { id: 'g', source: 'g(x) = x^2' },
    ].map((c) => ({ ...c, language: 'julia' as const }))
    const value = () => {
      const r = nb.result('use')
      if (!r?.ok) expect.fail(`the cell failed: ${r && !r.ok ? r.error : 'not run'}`)
      return toText(r.value)
    }
    nb.update(cells)
    expect(value()).toBe('8')
    const ran = nb.update(cells.map((c) => (c.id === 'rf' ? { ...c, source: c.source.replace('3ȳ', '30ȳ') } : c)))
    expect(ran).toContain('use')
    expect(value()).toBe('35')
  })
})
