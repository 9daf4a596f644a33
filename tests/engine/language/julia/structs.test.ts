/**
 * Julia's composite types in Julia cells: struct and mutable struct, field access, callable
 * structs (Flux-style layers), and their gradients as Zygote gives them (a named tuple of the
 * fields' gradients), checked against closed forms and central finite differences.
 */
import { describe, expect, it } from 'vitest'
import { ReactiveNotebook, analyzeCell, toText } from '../../../../engine/standard.ts'
import { expectJsonClose, julia } from './julia.ts'

const AFFINE = 'struct Affine; W; b; end\n(a::Affine)(x) = a.W * x .+ a.b'

describe('struct values', () => {
  it('the default constructor takes the fields in order; p.a, getfield, fieldnames, propertynames read them', () => {
    const s = julia('struct P\n  a::Float64\n  b\nend\np = P(2.0, [1.0, 3.0])')
    expect(s.run('p.a')).toBe(2)
    expect(s.run('getfield(p, :b)')).toEqual([1, 3])
    expect(s.run('fieldnames(P)')).toEqual({ tuple: ['a', 'b'] })
    expect(s.run('propertynames(p)')).toEqual({ tuple: ['a', 'b'] })
    expect(s.run('typeof(p)')).toBe('P')
    // Julia prints a struct as its constructor call.
    expect(toText(s.value('p'))).toBe('P(2, [1, 3])')
  })

  it('a parametric struct reads its parameters and ignores them; field types are not enforced', () => {
    const s = julia('struct Q{T} <: Number\n  x::T\nend')
    expect(s.run('Q(1.5).x * 2')).toBe(3)
  })

  it('an immutable struct cannot be changed (Julia: setfield!: immutable struct of type P cannot be changed)', () => {
    const s = julia('struct P\n  a\nend\np = P(2.0)')
    expect(s.error('p.a = 3')).toContain('setfield!: immutable struct of type P cannot be changed')
    expect(s.run('p.a')).toBe(2)
  })

  it('a mutable struct can be changed, with = and with +=', () => {
    const s = julia('mutable struct M\n  x\nend\nm = M(1.0)\nm.x = 5\nm.x += 1')
    expect(s.run('m.x')).toBe(6)
  })

  it('the wrong number of arguments is a MethodError naming the fields', () => {
    const s = julia('struct P\n  a\nend')
    expect(s.error('P(1.0, 2.0)')).toContain('P has 1 field (a)')
  })

  it('constructors inside a struct and default field values are refused with what to write instead', () => {
    expect(julia('').error('struct K\n  a\n  K(x) = new(x)\nend')).toContain(
      'constructors inside a struct are not supported',
    )
    expect(julia('').error('struct K\n  a = 1\nend')).toContain('default values')
  })
})

describe('callable structs', () => {
  it('(a::Affine)(x) = ... is called with the value bound to a: W x + b', () => {
    const s = julia(`${AFFINE}\nlayer = Affine([1.0 2.0; 3.0 4.0], [0.5, 0.5])`)
    expect(s.run('layer([1.0, 1.0])')).toEqual([3.5, 7.5])
  })

  it('function (m::T)(y) ... end works too', () => {
    const s = julia('struct S\n  k\nend\nfunction (m::S)(y)\n  m.k * y\nend')
    expect(s.run('S(3.0)(2.0)')).toBe(6)
  })
})

describe("gradients of structs (Zygote: a named tuple of the fields' gradients)", () => {
  it('∂/∂W sum(W x + b) = 1·xᵀ and ∂/∂b = 1', () => {
    const s = julia(`${AFFINE}\nlayer = Affine([1.0 2.0; 3.0 4.0], [0.5, 0.5])`)
    expectJsonClose(s.run('gradient(l -> sum(l([1.0, 2.0])), layer)[1].W'), [
      [1, 2],
      [1, 2],
    ])
    expectJsonClose(s.run('gradient(l -> sum(l([1.0, 2.0])), layer)[1].b'), [1, 1])
    expectJsonClose(s.run('withgradient(l -> sum(l([1.0, 2.0])), layer).val'), 5.5 + 11.5)
  })

  it('gradient(f, p) for f(p::P): the named tuple (a = 2a,)', () => {
    const s = julia('struct P\n  a\nend\nf(q::P) = q.a^2')
    expectJsonClose(s.run('gradient(f, P(3.0))[1].a'), 6)
  })

  it('a two-layer model in a struct holding a tuple of layers: nested named tuples, against central differences', () => {
    const s = julia(
      `${AFFINE}\nstruct Chain2; layers; end\n(c::Chain2)(x) = c.layers[2](tanh.(c.layers[1](x)))\n` +
        'W1 = [0.3 -0.2; 0.5 0.1]; b1 = [0.1, -0.4]; W2 = [0.7 -1.2]; b2 = [0.2]\n' +
        'x = [1.0, 2.0]\nloss(c) = sum(abs2, c(x))\nmodel(W1, b1, W2, b2) = Chain2((Affine(W1, b1), Affine(W2, b2)))\n' +
        'g = gradient(loss, model(W1, b1, W2, b2))[1]\nh = 1e-6\n' +
        'E(i, j, m, n) = [(k == i && l == j) ? 1.0 : 0.0 for k in 1:m, l in 1:n]',
    )
    const fd1 = s.run(
      '[(loss(model(W1 + h*E(i, j, 2, 2), b1, W2, b2)) - loss(model(W1 - h*E(i, j, 2, 2), b1, W2, b2))) / 2h for i in 1:2, j in 1:2]',
    )
    expectJsonClose(s.run('g.layers[1].W'), fd1, 1e-6)
    const fd2 = s.run(
      '[(loss(model(W1, b1, W2 + h*E(1, j, 1, 2), b2)) - loss(model(W1, b1, W2 - h*E(1, j, 1, 2), b2))) / 2h for i in 1:1, j in 1:2]',
    )
    expectJsonClose(s.run('g.layers[2].W'), fd2, 1e-6)
    const fdb = s.run(
      '[(loss(model(W1, b1 + h*E(i, 1, 2, 1)[:, 1], W2, b2)) - loss(model(W1, b1 - h*E(i, 1, 2, 1)[:, 1], W2, b2))) / 2h for i in 1:2]',
    )
    expectJsonClose(s.run('g.layers[1].b'), fdb, 1e-6)
  })

  it('ForwardDiff.gradient takes arrays only: a struct is refused', () => {
    const s = julia('struct P\n  a\nend\nf(q::P) = q.a^2')
    expect(s.error('ForwardDiff.gradient(f, P(3.0))')).toContain('P object')
  })
})

describe('the analysis', () => {
  it('a struct cell defines its type; a callable struct method is found by the cells that use the type', () => {
    const a = analyzeCell(AFFINE, 'julia')
    expect(a.defines).toContain('Affine')
    const user = analyzeCell('layer = Affine([1.0 2.0; 3.0 4.0], [0.5, 0.5])', 'julia')
    expect(user.uses).toContain('Affine')
  })

  it('editing the struct cell re-runs the cells that use it', () => {
    const nb = new ReactiveNotebook()
    nb.update([
      { id: 'a', source: 'struct P\n  a\nend', language: 'julia' },
      { id: 'b', source: 'p = P(2.0)\np.a * 10', language: 'julia' },
    ])
    const ran = nb.update([
      { id: 'a', source: 'struct P\n  a\n  b\nend', language: 'julia' },
      { id: 'b', source: 'p = P(2.0)\np.a * 10', language: 'julia' },
    ])
    expect(JSON.stringify(ran)).toContain('b')
  })

  it('a callable struct method in a cell of its own runs before the cells that call values of the type', () => {
    // The layer cell reads Affine, so it uses (::Affine), the method's name (ruleUses, as for rrules).
    expect(analyzeCell('layer = Affine([1.0 2.0; 3.0 4.0], [0.5, 0.5])', 'julia').ruleUses).toContain('(::Affine)')
    expect(analyzeCell('(a::Affine)(x) = a.W * x .+ a.b', 'julia').defines).toEqual(['(::Affine)'])
    const nb = new ReactiveNotebook()
    nb.update([
      { id: 'a', source: 'struct Affine; W; b; end', language: 'julia' },
      { id: 'c', source: 'layer = Affine([1.0 2.0; 3.0 4.0], [0.5, 0.5])', language: 'julia' },
      { id: 'd', source: 'y = layer([1.0, 1.0])', language: 'julia' },
      { id: 'b', source: '(a::Affine)(x) = a.W * x .+ a.b', language: 'julia' },
    ])
    const d = nb.result('d')
    expect(d?.ok && toText(d.value)).toBe('[3.5, 7.5]')
  })
})
