/**
 * ForwardDiff's dual numbers as learner values (engine/language/julia/duals.ts), called directly:
 * building, printing, arithmetic through the engine's rules, Zygote's reverse mode over them (the
 * thread's autoback_hesvec), tags and perturbation confusion. Each case names the ForwardDiff
 * rule it pins; values come from closed forms and finite differences.
 */
import { describe, expect, it } from 'vitest'
import '../../../../engine/standard.ts'
import '../../../../engine/language/julia/index.ts'
import { Scope, runCell } from '../../../../engine/standard.ts'
import type { Value } from '../../../../engine/ad/value.ts'
import { concrete } from '../../../../engine/ad/value.ts'
import { field } from '../../../../engine/language/arrays.ts'
import { toJson, toText } from '../../../../engine/language/format.ts'
import { DUAL_MEMBERS, dualParts, dualTag } from '../../../../engine/language/julia/duals.ts'
import type { LangFunction, LangValue } from '../../../../engine/language/values.ts'
import { isTuple, tuple } from '../../../../engine/language/values.ts'
import * as ops from '../../../../engine/ops/index.ts'
import { mulberry32 } from '../../../../engine/ops/arrays.ts'
import { toDisplay } from '../../../../engine/output/display.ts'
import { matrix, scalar, vector } from '../../../../engine/tensor/tensor.ts'
import * as T from '../../../../engine/transforms/index.ts'

const member = (name: string) => DUAL_MEMBERS.find(([n]) => n === name)![1] as LangFunction
const Dual = member('Dual')
const value = member('value')
const partials = member('partials')
/** ForwardDiff.Dual{T} as the Julia front-end lowers it: Dual("T"). */
const DualT = (tag: string) => Dual.call([tag]) as LangFunction
const dual = (tag: string, x: number | Value, dx: number | Value) =>
  DualT(tag).call([typeof x === 'number' ? scalar(x) : x, typeof dx === 'number' ? scalar(dx) : dx]) as Value
const num = (v: LangValue) => concrete(v as Value).item()
const nums = (v: LangValue) => Array.from(concrete(v as Value).data)
const p1 = (d: LangValue) => partials.call([d, scalar(1)]) as Value

describe('building and printing a dual', () => {
  it('Dual{Nothing}(1.0, 2.0) prints as Julia shows it, and keeps its tag', () => {
    // ForwardDiff's show: "Dual{$(repr(T))}(value,partials...)"
    const d = dual('Nothing', 1, 2)
    expect(toText(d)).toBe('Dual{Nothing}(1.0,2.0)')
    expect(dualTag(d)).toBe('Nothing')
    expect(toText(dual(':x', 0.5, -1e-5))).toBe('Dual{:x}(0.5,-1.0e-5)')
  })

  it('Dual(x, ẋ) without a tag is Dual{Nothing}: one perturbation with it', () => {
    // ForwardDiff: Dual(args...) = Dual{Nothing}(args...)
    const a = Dual.call([scalar(1), scalar(2)]) as Value
    expect(toText(a)).toBe('Dual{Nothing}(1.0,2.0)')
    expect(toText(ops.add(a, dual('Nothing', 3, 4)))).toBe('Dual{Nothing}(4.0,6.0)')
  })

  it('value, partials, d.value, d.partials[1]', () => {
    // value(d) = d.value; partials(d, i) = d.partials[i]; partials(d) is the tuple of partials
    const d = dual('Nothing', 3, 5)
    expect(num(value.call([d]))).toBe(3)
    expect(num(p1(d))).toBe(5)
    expect(num(field(d, 'value'))).toBe(3)
    const ps = field(d, 'partials')
    expect(isTuple(ps) && num(ps.items[0])).toBe(5)
    expect(toText(partials.call([d]))).toBe('(5,)')
  })

  it('on a plain number value(x) = x and partials(x, i) = 0', () => {
    // ForwardDiff: value(x) = x; partials(x, i...) = zero(x); partials(x) has no partials
    expect(num(value.call([scalar(3)]))).toBe(3)
    expect(num(p1(scalar(3)))).toBe(0)
    expect(toText(partials.call([scalar(3)]))).toBe('()')
  })

  it('partials(d, 2) is out of bounds: a dual here has one partial', () => {
    expect(() => partials.call([dual('Nothing', 1, 1), scalar(2)])).toThrow(/one partial, so the index can only be 1/)
    expect(() => DualT('Nothing').call([scalar(1), scalar(2), scalar(3)])).toThrow(/one partial/)
    expect(() => Dual.call(['Nothing, Float64, 2'])).toThrow(/one partial/)
  })

  it('Dual{T}(x, (ẋ,)) takes the partials as a tuple; Dual{T,V,1} reads T', () => {
    const tupled = DualT('Nothing').call([scalar(1), tuple([scalar(7)])])
    expect(toText(tupled)).toBe('Dual{Nothing}(1.0,7.0)')
    expect(toText((Dual.call(['Nothing, Float64, 1']) as LangFunction).call([scalar(2), scalar(1)]))).toBe(
      'Dual{Nothing}(2.0,1.0)',
    )
  })

  it('nested duals print nested, a plain partial promoted to the value type', () => {
    // Dual{:b}(Dual{:a}(1.0,1.0), 1.0): the partial converts to Dual{:a}(1.0,0.0)
    const inner = dual(':a', 1, 1)
    expect(toText(dual(':b', inner, 1))).toBe('Dual{:b}(Dual{:a}(1.0,1.0),Dual{:a}(1.0,0.0))')
  })

  it('an array of duals prints each, and displays as a Dual record of value and partials', () => {
    const d = DualT('Nothing').call([vector([0, 1, 2]), vector([1, 0, 0])]) as Value
    expect(toText(d)).toBe('[Dual{Nothing}(0.0,1.0), Dual{Nothing}(1.0,0.0), Dual{Nothing}(2.0,0.0)]')
    expect(toDisplay(d)).toEqual({
      kind: 'record',
      tag: 'Dual{Nothing}',
      fields: [
        ['value', { kind: 'tensor', shape: [3], data: [0, 1, 2] }],
        ['partials', { kind: 'tensor', shape: [3], data: [1, 0, 0] }],
      ],
    })
    expect(dualParts(scalar(1))).toBeUndefined()
    expect(toJson(d)).toEqual({ dual: 'Nothing', value: [0, 1, 2], partials: [1, 0, 0] })
  })
})

describe('computing with duals: the engine rules ForwardDiff implements', () => {
  it('sin, exp, products: value f(x), partial f′(x)·ẋ', () => {
    // ForwardDiff: sin(d) = Dual(sin(v), cos(v)*p); exp(d) = Dual(exp(v), exp(v)*p)
    const x = 0.7
    const d = dual('Nothing', x, 2)
    expect(num(value.call([ops.sin(d)]))).toBeCloseTo(Math.sin(x), 14)
    expect(num(p1(ops.sin(d)))).toBeCloseTo(2 * Math.cos(x), 14)
    expect(num(p1(ops.exp(d)))).toBeCloseTo(2 * Math.exp(x), 14)
    // product rule: (x·x)' = 2x·ẋ
    expect(num(p1(ops.mul(d, d)))).toBeCloseTo(2 * x * 2, 14)
  })

  it('A*x with an array of duals: value A*x, partials A*v; sum of abs2: 2(Ax)·(Av)', () => {
    const A = matrix([
      [0, 3, 2],
      [1, 0, 3],
      [2, 1, 0],
    ])
    const d = DualT('Nothing').call([vector([0, 1, 2]), vector([1, 0, 0])]) as Value
    const y = ops.matmul(A, d)
    expect(nums(value.call([y]))).toEqual([7, 6, 1])
    expect(nums(p1(y))).toEqual([0, 1, 2])
    const s = ops.sum(ops.abs2(y))
    expect(num(p1(s))).toBe(2 * (7 * 0 + 6 * 1 + 1 * 2))
  })

  it('a matrix of duals prints as a matrix, columns aligned; M*M has partials AE + EA', () => {
    const M = DualT('Nothing').call([
      matrix([
        [1, 2],
        [3, 4],
      ]),
      scalar(1),
    ]) as Value
    expect(toText(ops.matmul(M, M))).toBe(
      '2×2 matrix:\n   Dual{Nothing}(7.0,7.0)   Dual{Nothing}(10.0,9.0)\n Dual{Nothing}(15.0,11.0)  Dual{Nothing}(22.0,13.0)',
    )
  })

  it('Dual{T}.(x, 1.0) pairs a number partial with every entry', () => {
    const d = DualT('Nothing').call([vector([1, 2]), scalar(1)]) as Value
    expect(nums(p1(d))).toEqual([1, 1])
  })
})

describe("the thread's autoback_hesvec: Zygote's gradient at duals gives H*v", () => {
  const A = matrix([
    [0, 3, 2],
    [1, 0, 3],
    [2, 1, 0],
  ])
  const f = (x: Value) => ops.sum(ops.abs2(ops.matmul(A, x)))
  const g = (x: Value) => T.gradient(f, x)
  // H = 2A'A, computed by hand
  const H = [
    [10, 4, 6],
    [4, 20, 12],
    [6, 12, 26],
  ]
  it.each([1, 2, 3])('v = e%i gives column %i of H', (j) => {
    const v = [0, 0, 0]
    v[j - 1] = 1
    const hv = p1(g(DualT('Nothing').call([vector([0, 1, 2]), vector(v)]) as Value))
    expect(nums(hv)).toEqual(H.map((row) => row[j - 1]))
  })

  it("the gradient itself is the value part: 2A'A x at x1", () => {
    const out = g(DualT('Nothing').call([vector([0, 1, 2]), vector([1, 0, 0])]) as Value)
    expect(nums(value.call([out]))).toEqual([16, 44, 64])
  })
})

describe('tags: perturbation confusion, shown with explicit duals', () => {
  // d/dx [x * d/dy (x + y)] at x = 1, y = 1: the inner derivative is 1, so the answer is 1.
  const nested = (outer: string, inner: string) => {
    const x = dual(outer, 1, 1)
    const innerD = p1(ops.add(x, dual(inner, 1, 1)))
    return { innerD: num(innerD), outerD: num(p1(ops.mul(x, innerD))) }
  }

  it('different tags keep the perturbations apart: 1', () => {
    expect(nested(':confusion_x', ':confusion_y')).toEqual({ innerD: 1, outerD: 1 })
  })

  it('the same tag for both confuses them, as ForwardDiff without tags would: 2', () => {
    // Same-tag +: Dual(value(a)+value(b), partials(a)+partials(b)) reads x's ε as y's
    expect(nested('Nothing', 'Nothing')).toEqual({ innerD: 2, outerD: 2 })
  })

  it("the engine's own nested derivative agrees with the tagged answer", () => {
    const D = (fn: (x: Value) => Value, at: number) => T.derivative(fn, scalar(at))
    expect(
      num(
        D(
          (x) =>
            ops.mul(
              x,
              D((y) => ops.add(x, y), 1),
            ),
          1,
        ),
      ),
    ).toBe(1)
  })

  it('a dual of a dual: partials(partials(d, 1), 1) is the second derivative (partials(d, 1, 1))', () => {
    // x³ at 2: f″ = 6x = 12, with Dual{:b}(Dual{:a}(x, 1), Dual{:a}(1, 0))
    const d = dual(':second_b', dual(':second_a', 2, 1), 1)
    const cube = ops.mul(d, ops.mul(d, d))
    expect(num(partials.call([cube, scalar(1), scalar(1)]))).toBe(12)
    expect(num(value.call([value.call([cube])]))).toBe(8)
  })
})

describe('reverse mode around duals', () => {
  it('a dual built inside Zygote.gradient is differentiated through: d/dx partials(sin(Dual(x, 1))) = -sin x', () => {
    const x = 0.5
    const h = (t: Value) => p1(ops.sin(dual('Nothing', t, 1)))
    const grad = num(T.gradient(h, scalar(x)))
    const eps = 1e-6
    const fd = (num(h(scalar(x + eps))) - num(h(scalar(x - eps)))) / (2 * eps)
    expect(grad).toBeCloseTo(-Math.sin(x), 12)
    expect(grad).toBeCloseTo(fd, 8)
    // and the tag still works outside afterwards
    expect(toText(dual('Nothing', 1, 2))).toBe('Dual{Nothing}(1.0,2.0)')
  })

  it('inside ForwardDiff-style forward mode, partials of a dual is linear: d/dt partials(t * d) = partials(d)', () => {
    const d = dual(':outside', 2, 3)
    expect(num(T.derivative((t) => p1(ops.mul(t, d)), scalar(5)))).toBe(3)
  })

  it('a dual built outside, read inside Zygote.gradient, is refused with a reason', () => {
    const d = dual(':outside', 2, 1)
    expect(() => T.gradient((t) => p1(ops.mul(t, d)), scalar(3))).toThrow(/build the dual inside the function/)
  })
})

describe('in Julia cells', () => {
  /** Runs the cells in one scope and returns the last one's value as text (or its error). */
  const run = (...cells: string[]): string => {
    const scope = new Scope()
    let text = ''
    for (const c of cells) {
      const r = runCell(c, scope, 'julia')
      text = r.ok ? toText(r.value) : `error: ${r.error}`
    }
    return text
  }
  const seed = 'A = [0 3 2; 1 0 3; 2 1 0]\nx1 = [0, 1, 2]\nf(x) = sum(abs2, A*x)'
  const hesvec = [
    'function autoback_hesvec(f, x, v)',
    '    g = x -> first(Zygote.gradient(f, x))',
    '    ForwardDiff.partials.(g(ForwardDiff.Dual{Nothing}.(x, v)), 1)',
    'end',
  ].join('\n')

  it("the thread's autoback_hesvec gives H*v, H = 2A'A", () => {
    expect(run(seed, hesvec, 'autoback_hesvec(f, x1, [1, 0, 0])')).toBe('[10, 4, 6]')
    expect(run(seed, hesvec, 'autoback_hesvec(f, x1, [0, 1, 1])')).toBe('[10, 32, 38]')
  })

  it('first and last of a tuple are its items, as in Julia (the thread writes first(Zygote.gradient(f, x)))', () => {
    expect(run('first((1, [2, 3]))')).toBe('1')
    expect(run('last((1, [2, 3]))')).toBe('[2, 3]')
  })

  it('partials of the tuple Zygote.gradient returns says to take its first item', () => {
    const g = 'g = x -> Zygote.gradient(f, x)'
    expect(run(seed, g, 'ForwardDiff.partials.(g(ForwardDiff.Dual{Nothing}.(x1, [1, 0, 0])), 1)')).toMatch(
      /Zygote.gradient returns a tuple.*first\(\.\.\.\) or \[1\]/,
    )
  })

  it('a dual prints with its tag; its fields read as in Julia', () => {
    expect(run('d = ForwardDiff.Dual{Nothing}(1.0, 2.0)')).toBe('Dual{Nothing}(1.0,2.0)')
    expect(run('d = ForwardDiff.Dual(1.0, 2.0)', 'd.value, d.partials[1], ForwardDiff.partials(d, 1)')).toBe(
      '(1, 2, 2)',
    )
    expect(run('d = ForwardDiff.Dual(1.0, 2.0)', 'd.foo')).toMatch(/two fields, value and partials, but not foo/)
    expect(run('ForwardDiff.Dual{Nothing}.([0, 1, 2], [1, 0, 0])')).toBe(
      '[Dual{Nothing}(0.0,1.0), Dual{Nothing}(1.0,0.0), Dual{Nothing}(2.0,0.0)]',
    )
  })

  it('arithmetic on duals: sin gives cos as the partial (ForwardDiff: sin(d) = Dual(sin v, cos v · p))', () => {
    expect(run('ForwardDiff.partials(sin(ForwardDiff.Dual(0.3, 1.0)), 1)')).toBe(
      String(Number(Math.cos(0.3).toPrecision(12))),
    )
  })

  const confusion = (outer: string, inner: string) =>
    run(
      `x = ForwardDiff.Dual{${outer}}(1.0, 1.0)`,
      `y = ForwardDiff.Dual{${inner}}(1.0, 1.0)`,
      'ForwardDiff.partials(x * ForwardDiff.partials(x + y, 1), 1)',
    )

  it('d/dx [x · d/dy (x + y)] at 1: different tags give 1, one tag for both gives the confused 2', () => {
    expect(confusion(':cell_x', ':cell_y')).toBe('1')
    expect(confusion('Nothing', 'Nothing')).toBe('2')
  })

  it('the same with a derivative function D written on duals: untagged D confuses, ForwardDiff.derivative does not', () => {
    const D = 'D(f, x) = ForwardDiff.partials(f(ForwardDiff.Dual(x, 1.0)), 1)'
    expect(run(D, 'D(x -> x * D(y -> x + y, 1.0), 1.0)')).toBe('2')
    expect(run('ForwardDiff.derivative(x -> x * ForwardDiff.derivative(y -> x + y, 1.0), 1.0)')).toBe('1')
  })

  it('a dual of a dual with one tag nests at that tag, as ForwardDiff does: Dual{Nothing}(x, 1.0) with x a dual', () => {
    // Dual{T}(x::Dual{T}, p) nests; then x * y takes the same-tag rule Dual(vx·vy, px·vy + py·vx),
    // which reads x's ε as y's: d/dy (x·y) should be x = Dual(1.0,1.0), the same tag gives Dual(2.0,1.0).
    const D = 'D(f, x) = ForwardDiff.partials(f(ForwardDiff.Dual(x, 1.0)), 1)'
    expect(run(D, 'x = ForwardDiff.Dual(1.0, 1.0)', 'D(y -> x * y, x)')).toBe('Dual{Nothing}(2.0,1.0)')
    expect(run(D, 'x = ForwardDiff.Dual{:nest_x}(1.0, 1.0)', 'D(y -> x * y, x)')).toBe('Dual{:nest_x}(1.0,1.0)')
  })

  it("duals built inside a gradient do not change the notebook's: one tag is still one perturbation after it", () => {
    const inside = 'Zygote.gradient(t -> ForwardDiff.partials(sin(ForwardDiff.Dual(t, 1.0)), 1), 0.5)'
    const cells = ['x = ForwardDiff.Dual(1.0, 1.0)', inside, 'y = ForwardDiff.Dual(1.0, 1.0)']
    expect(run(...cells, 'ForwardDiff.partials(x * ForwardDiff.partials(x + y, 1), 1)')).toBe('2')
  })

  it('inside Zygote.gradient, one tag still confuses and two tags do not: d/dt of t · (d/dy t·y) is 1 confused, 2 right', () => {
    // h(t) = D(x -> x * D(y -> x * y, 1), t): right, D of x·x, so h = 2t and h′ = 2; confused, x·y reads x's ε: h = t + 1, h′ = 1
    const D = 'D(f, x) = ForwardDiff.partials(f(ForwardDiff.Dual(x, 1.0)), 1)'
    expect(run(D, 'Zygote.gradient(t -> D(x -> x * D(y -> x * y, 1.0), t), 3.0)')).toBe('(1,)')
    const Dp = 'Dp(f, x) = ForwardDiff.partials(f(ForwardDiff.Dual{:p}(x, 1.0)), 1)'
    const Dq = 'Dq(f, x) = ForwardDiff.partials(f(ForwardDiff.Dual{:q}(x, 1.0)), 1)'
    expect(run(Dp, Dq, 'Zygote.gradient(t -> Dp(x -> x * Dq(y -> x * y, 1.0), t), 3.0)')).toBe('(2,)')
  })

  it('Zygote.gradient through a dual built inside the function: d/dt partials(sin(Dual(t, 1))) = -sin t', () => {
    expect(run('Zygote.gradient(t -> ForwardDiff.partials(sin(ForwardDiff.Dual(t, 1.0)), 1), 0.5)')).toBe(
      `(${Number((-Math.sin(0.5)).toPrecision(12))},)`,
    )
  })
})

describe('seeded random functions: a dual carries the derivative', () => {
  // ForwardDiff's premise: f(Dual(x, 1)) = Dual(f(x), f′(x)), whatever f is made of; and Zygote's
  // gradient of that partial is f″(x). Checked against central differences of f itself.
  const random = mulberry32(20261207)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!
  const expr = (depth: number): string => {
    if (depth === 0 || random() < 0.25) return pick(['x', 'x', '0.5', '1.3'])
    if (random() < 0.5) return `${pick(['sin', 'cos', 'tanh', 'exp'])}(${expr(depth - 1)} / 2)`
    return `(${expr(depth - 1)} ${pick(['+', '-', '*'])} ${expr(depth - 1)})`
  }
  const number = (source: string): number => {
    const r = runCell(source, new Scope(), 'julia')
    if (!r.ok) expect.fail(`${r.error}\n${source}`)
    return concrete(r.value as Value).item()
  }
  const cases = Array.from({ length: 25 }, () => ({ body: expr(4), x: (random() * 2 - 1).toFixed(3) }))

  it.each(cases)('f(x) = $body at $x', ({ body, x }) => {
    const f = `f(x) = ${body}`
    const h = 1e-4
    const fd1 = number(`${f}\n(f(${x} + ${h}) - f(${x} - ${h})) / ${2 * h}`)
    const fd2 = number(`${f}\n(f(${x} + ${h}) - 2f(${x}) + f(${x} - ${h})) / ${h * h}`)
    const dual1 = number(`${f}\nForwardDiff.partials(f(ForwardDiff.Dual{Nothing}(${x}, 1.0)), 1)`)
    const dual2 = number(`${f}\nZygote.gradient(t -> ForwardDiff.partials(f(ForwardDiff.Dual(t, 1.0)), 1), ${x})[1]`)
    expect(dual1).toBeCloseTo(fd1, 6)
    expect(Math.abs(dual2 - fd2)).toBeLessThan(1e-4 * Math.max(1, Math.abs(fd2)))
  })
})
