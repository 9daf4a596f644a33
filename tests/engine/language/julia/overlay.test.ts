/**
 * The Julia overlay called directly (no parser): Zygote's tuples, ForwardDiff's arrays, Julia's
 * column-major reshape and dims = reductions, and I, each case naming the Julia rule it pins
 * down, with values from closed forms and finite differences.
 */
import { describe, expect, it } from 'vitest'
import type { LangFunction, LangValue } from '../../../../engine/standard.ts'
import { BUILTINS, toJson } from '../../../../engine/standard.ts'
import { overlayValue } from '../../../../engine/language/overlays.ts'
import { builtin } from '../../../../engine/language/args.ts'
import type { Value } from '../../../../engine/index.ts'
import * as ops from '../../../../engine/ops/index.ts'
import { fromNested, scalar, vector } from '../../../../engine/index.ts'
import { isRecord } from '../../../../engine/language/values.ts'
import { uniformBinary } from '../../../../engine/language/julia/uniformScaling.ts'
import { expectClose, fdJacobian } from '../../helpers.ts'

const jl = (name: string): LangFunction => {
  const v = overlayValue('julia', name)
  if (v === undefined) throw new Error(`${name} is not in the Julia overlay`)
  return v as LangFunction
}
const member = (module: string, name: string): LangFunction => {
  const m = overlayValue('julia', module)
  if (!isRecord(m)) throw new Error(`${module} is not a module`)
  return m.fields.get(name) as LangFunction
}
const call = (f: LangFunction, ...args: LangValue[]) => f.call(args)
const json = (v: LangValue) => toJson(v)
const fn = (params: string[], body: (...xs: Value[]) => Value): LangFunction =>
  builtin('f', params, (xs) => body(...(xs as Value[])))

const A = fromNested([
  [0, 3, 2],
  [1, 0, 3],
  [2, 1, 0],
])
const x1 = vector([0, 1, 2])
/** The seed's f(x) = sum(abs2, A*x). */
const f = fn(['x'], (x) => ops.sum(ops.abs2(ops.matmul(A, x))))

describe('Zygote conventions', () => {
  it("gradient(f, x) is a tuple: gradient(f, x1)[1] == 2A'Ax1 == [16, 44, 64]", () => {
    expect(json(call(jl('gradient'), f, x1))).toEqual({ tuple: [[16, 44, 64]] })
  })

  it('gradient of a function of two arguments: gradient((a, b) -> a*b, 2, 3) == (3, 2)', () => {
    const g = fn(['a', 'b'], (a, b) => ops.mul(a, b))
    expect(json(call(jl('gradient'), g, scalar(2), scalar(3)))).toEqual({ tuple: [3, 2] })
  })

  it("gradient of two arrays keeps each shape: d/dW sum(W*x) = ones*x', d/dx = W'*ones", () => {
    const W = fromNested([
      [1, 2],
      [3, 4],
      [5, 6],
    ])
    const x = vector([7, 8])
    const g = fn(['W', 'x'], (w, v) => ops.sum(ops.matmul(w, v)))
    expect(json(call(jl('gradient'), g, W, x))).toEqual({
      tuple: [
        [
          [7, 8],
          [7, 8],
          [7, 8],
        ],
        [9, 12],
      ],
    })
  })

  it('a constant argument (a function) gets nothing, as Zygote does', () => {
    const g = builtin('g', ['h', 'x'], ([h, x]) => (h as LangFunction).call([x]))
    expect(json(call(jl('gradient'), g, f, x1))).toEqual({ tuple: [null, [16, 44, 64]] })
  })

  it('gradient(f) without a point teaches: the Hessian is hessian(f, x)', () => {
    const named = { ...f, name: 'f' }
    expect(() => call(jl('gradient'), named)).toThrow(
      /gradient\(f\) needs a point.*jacobian\(x -> gradient\(f, x\)\[1\], x\)\[1\].*hessian\(f, x\)/,
    )
  })

  it('jacobian(f, x) is a tuple holding the matrix: the Jacobian of x -> A*x is A', () => {
    const g = fn(['x'], (x) => ops.matmul(A, x))
    expect(json(call(jl('jacobian'), g, x1))).toEqual({ tuple: [json(A)] })
  })

  it('jacobian of a matrix argument is by vec: J[k, i] = ∂vec(y)[k]/∂vec(X)[i]', () => {
    const X = fromNested([
      [1, 2],
      [3, 4],
    ])
    const g = fn(['X'], (x) => ops.mul(x, x)) // elementwise square: J = diagm(2 vec(X))
    const J = call(jl('jacobian'), g, X) as unknown as { items: Value[] }
    expectClose(J.items[0]!, [
      [2, 0, 0, 0],
      [0, 6, 0, 0],
      [0, 0, 4, 0],
      [0, 0, 0, 8],
    ])
  })

  it('jacobian of a scalar function has one row; of a number argument a vector', () => {
    expect(json(call(jl('jacobian'), f, x1))).toEqual({ tuple: [[[16, 44, 64]]] })
    const g = fn(['t'], (t) => ops.mul(t, vector([1, 2, 3])))
    expect(json(call(jl('jacobian'), g, scalar(5)))).toEqual({ tuple: [[1, 2, 3]] })
  })

  it("hessian(f, x) is the matrix (not a tuple): 2A'A = [10 4 6; 4 20 12; 6 12 26]", () => {
    const H = [
      [10, 4, 6],
      [4, 20, 12],
      [6, 12, 26],
    ]
    expectClose(call(jl('hessian'), f, x1) as Value, H)
    expectClose(call(jl('hessian_reverse'), f, x1) as Value, H)
    expectClose(call(jl('hessian'), f, x1, 'reverse-over-forward') as Value, H)
    expectClose(call(member('Zygote', 'hessian'), f, x1) as Value, H)
  })

  it('hessian of a number is a number: hessian(x -> x^3, 2) == 12', () => {
    expect(
      json(
        call(
          jl('hessian'),
          fn(['x'], (x) => ops.pow(x, 3)),
          scalar(2),
        ),
      ),
    ).toBe(12)
  })

  it('pullback(f, x) is (y, back) and back(1) is a tuple: (86, ([16, 44, 64],))', () => {
    const p = call(jl('pullback'), f, x1) as unknown as { items: LangValue[] }
    expect(json(p.items[0])).toBe(86)
    expect(json(call(p.items[1] as LangFunction, scalar(1)))).toEqual({ tuple: [[16, 44, 64]] })
  })

  it('pullback of two arguments: back(1) of (a, b) -> a*b at (2, 3) is (3, 2)', () => {
    const p = call(
      jl('pullback'),
      fn(['a', 'b'], (a, b) => ops.mul(a, b)),
      scalar(2),
      scalar(3),
    ) as unknown as {
      items: LangValue[]
    }
    expect(json(call(p.items[1] as LangFunction, scalar(1)))).toEqual({ tuple: [3, 2] })
  })

  it('withgradient gives (val = 86, grad = ([16, 44, 64],))', () => {
    const r = call(jl('withgradient'), f, x1) as unknown as { fields: Map<string, LangValue> }
    expect(json(r.fields.get('val'))).toBe(86)
    expect(json(r.fields.get('grad'))).toEqual({ tuple: [[16, 44, 64]] })
  })

  it('nested: the Jacobian of the gradient is the Hessian, jacobian(x -> gradient(f, x)[1], x1)[1]', () => {
    const g = fn(['x'], (x) => (call(jl('gradient'), f, x) as unknown as { items: Value[] }).items[0]!)
    expectClose((call(jl('jacobian'), g, x1) as unknown as { items: Value[] }).items[0]!, [
      [10, 4, 6],
      [4, 20, 12],
      [6, 12, 26],
    ])
  })
})

describe('ForwardDiff conventions: arrays, not tuples', () => {
  it('ForwardDiff.gradient(f, x1) == [16, 44, 64], an array', () => {
    expect(json(call(member('ForwardDiff', 'gradient'), f, x1))).toEqual([16, 44, 64])
  })
  it('ForwardDiff.jacobian and ForwardDiff.hessian are matrices', () => {
    expectClose(
      call(
        member('ForwardDiff', 'jacobian'),
        fn(['x'], (x) => ops.matmul(A, x)),
        x1,
      ) as Value,
      A,
    )
    expectClose(call(member('ForwardDiff', 'hessian'), f, x1) as Value, [
      [10, 4, 6],
      [4, 20, 12],
      [6, 12, 26],
    ])
  })
  it('derivative(sin, 0) == 1, a number; of a number only', () => {
    const sin = fn(['x'], ops.sin)
    expect(json(call(jl('derivative'), sin, scalar(0)))).toBe(1)
    expect(() => call(member('ForwardDiff', 'derivative'), f, x1)).toThrow(/ForwardDiff.gradient/)
    expect(() => call(member('ForwardDiff', 'gradient'), sin, scalar(0))).toThrow(/ForwardDiff.derivative/)
  })
})

describe('memory order and dims', () => {
  const r = (v: number[]) => vector(v)
  it('reshape fills columns: reshape(1:6, 2, 3)[1, 2] == 3', () => {
    expect(json(call(jl('reshape'), r([1, 2, 3, 4, 5, 6]), scalar(2), scalar(3)))).toEqual([
      [1, 3, 5],
      [2, 4, 6],
    ])
  })
  it('reshape takes a tuple of dimensions: reshape(0:8, (3, 3)) has columns 0:2, 3:5, 6:8', () => {
    const dims = { kind: 'record', tag: 'tuple', fields: new Map(), items: [scalar(3), scalar(3)] } as const
    expect(json(call(jl('reshape'), r([0, 1, 2, 3, 4, 5, 6, 7, 8]), dims))).toEqual([
      [0, 3, 6],
      [1, 4, 7],
      [2, 5, 8],
    ])
  })
  it('reshape(x, :, 2): the colon (Colon(), passed as ":") is what the other dimensions leave', () => {
    expect(json(call(jl('reshape'), r([1, 2, 3, 4, 5, 6]), ':', scalar(2)))).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ])
    expect(() => call(jl('reshape'), r([1, 2, 3, 4, 5]), ':', scalar(2))).toThrow(/5 elements cannot be split/)
  })
  it('vec reads columns: vec([1 2; 3 4]) == [1, 3, 2, 4]', () => {
    expect(
      json(
        call(
          jl('vec'),
          fromNested([
            [1, 2],
            [3, 4],
          ]),
        ),
      ),
    ).toEqual([1, 3, 2, 4])
  })
  const kw = (fields: Record<string, LangValue>): LangValue => ({
    kind: 'record',
    tag: 'record',
    fields: new Map(Object.entries(fields)),
  })
  it('sum(A, dims=1) keeps a 1×n matrix; sum(A, dims=2) an n×1', () => {
    expect(json(call(jl('sum'), A, kw({ dims: scalar(1) })))).toEqual([[3, 4, 5]])
    expect(json(call(jl('sum'), A, kw({ dims: scalar(2) })))).toEqual([[5], [4], [3]])
  })
  it('sum(abs2, x) squares first: sum(abs2, [1, 2, 3]) == 14', () => {
    expect(json(call(jl('sum'), BUILTINS.get('abs2')!, r([1, 2, 3])))).toBe(14)
  })
  it('size(A) is a tuple, size(A, 1) a number, size(A, 3) is 1', () => {
    expect(
      json(
        call(
          jl('size'),
          fromNested([
            [1, 2, 3],
            [4, 5, 6],
          ]),
        ),
      ),
    ).toEqual({ tuple: [2, 3] })
    expect(json(call(jl('size'), A, scalar(3)))).toBe(1)
  })
  it('zeros(size(A)) takes the tuple', () => {
    expect(
      json(
        call(
          jl('zeros'),
          call(
            jl('size'),
            fromNested([
              [1, 2, 3],
              [4, 5, 6],
            ]),
          ),
        ),
      ),
    ).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ])
  })
  it('transpose of a vector is a 1×n row', () => {
    expect(json(call(jl('transpose'), r([1, 2])))).toEqual([[1, 2]])
  })
  it('softmax of a matrix works down each column (NNlib dims = 1)', () => {
    const s = call(
      jl('softmax'),
      fromNested([
        [0, 1],
        [0, 1],
      ]),
    ) as Value
    expectClose(s, [
      [0.5, 0.5],
      [0.5, 0.5],
    ])
  })
})

describe('I, the identity of any size', () => {
  it('A + I adds one to the diagonal; I(2) is the 2×2 identity', () => {
    const I = jl('I')
    expect(json(call(I, scalar(2)))).toEqual([
      [1, 0],
      [0, 1],
    ])
  })
  const add = (l: LangValue, r: LangValue) => uniformBinary('+', false, l, r) as Value
  const times = (l: LangValue, r: LangValue) => uniformBinary('*', false, l, r)
  it('A + I adds 1 to the diagonal, A - 2I subtracts 2; I*x is x', () => {
    expect(json(add(A, jl('I')))).toEqual([
      [1, 3, 2],
      [1, 1, 3],
      [2, 1, 1],
    ])
    const twoI = times(scalar(2), jl('I'))
    expect(json(uniformBinary('-', false, A, twoI))).toEqual([
      [-2, 3, 2],
      [1, -2, 3],
      [2, 1, -2],
    ])
    expect(json(times(jl('I'), x1))).toEqual([0, 1, 2])
  })
  it('A + λ*I is differentiable in λ: d/dλ tr(A + λI) = 3, and in A: the gradient of sum(A + λI) is ones', () => {
    const byλ = (λ: Value) => ops.trace(add(A, times(λ, jl('I'))))
    expectClose(fdJacobian(byλ, scalar(0.5)), 3)
    const grad = call(jl('gradient'), fn(['λ'], byλ), scalar(0.5))
    expect(json(grad)).toEqual({ tuple: [3] })
    const byA = fn(['A'], (a) => ops.sum(add(a, times(scalar(2), jl('I')))))
    expect(json(call(jl('gradient'), byA, A))).toEqual({ tuple: [json(ops.fill(scalar(1), [3, 3]))] })
  })
  it('I with a non-square matrix says why it cannot add', () => {
    expect(() => add(fromNested([[1, 2]]), jl('I'))).toThrow(/square/)
  })
})
