/**
 * Every primitive's batch rule against the same computation example by example (the oracle):
 * vmap over a batch must give, to 1e-12·max(1, max|b|), what running each example alone gives,
 * for primal values and through every level: forward and reverse, batched tangents and batched
 * cotangents over unbatched primals (jacfwd's and jacrev's chunks), all four second-order
 * nestings over a batched primal, vmap inside grad and inside jvp; batches of 1 and of 4; mixed
 * batched and unbatched operands, and one number per example against a tensor per example.
 *
 * The table is checked against the primitives the source defines (engine/ops/*.ts), so a new
 * primitive without a case here fails the first test.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Value } from '../../../engine/index.ts'
import * as E from '../../../engine/index.ts'
import { batchRuleNames } from '../../../engine/ad/batching.ts'

type F = (x: Value) => Value

interface Case {
  /** What the case is called and the primitives it exercises (checked against the trace). */
  prims: string[]
  /** One example's shape. */
  shape: number[]
  f: F
}

const I2 = E.identity(2)
/** Well-conditioned 2×2 matrices: 2I plus small entries. */
const wellConditioned = (x: Value) => E.add(x, E.mul(2, I2))

const unary: Case[] = [
  { prims: ['add', 'sin'], shape: [3], f: (x) => E.add(x, E.sin(x)) },
  { prims: ['sub', 'cos'], shape: [3], f: (x) => E.sub(E.cos(x), x) },
  { prims: ['mul', 'exp'], shape: [3], f: (x) => E.mul(x, E.exp(x)) },
  { prims: ['div', 'abs2'], shape: [3], f: (x) => E.div(x, E.add(2, E.abs2(x))) },
  { prims: ['pow'], shape: [3], f: (x) => E.add(E.pow(x, 3), E.pow(E.add(2, E.abs2(x)), x)) },
  // scaled-mul is made by the rules of x.^2 (the derivative 2 .* t .* x), so it shows under gradient.
  { prims: ['scaled-mul'], shape: [3], f: (x) => E.mul(E.pow(E.sin(x), 2), E.pow(x, 2)) },
  { prims: ['neg', 'tanh'], shape: [3], f: (x) => E.neg(E.tanh(x)) },
  { prims: ['log', 'sqrt'], shape: [3], f: (x) => E.add(E.log(E.add(1.5, E.abs2(x))), E.sqrt(E.add(1, E.abs2(x)))) },
  { prims: ['tan', 'log1p', 'expm1'], shape: [3], f: (x) => E.add(E.tan(E.mul(0.3, x)), E.log1p(E.expm1(E.abs2(x)))) },
  { prims: ['sign', 'abs'], shape: [3], f: (x) => E.add(E.mul(E.sign(x), E.abs2(x)), E.abs(x)) },
  // The other elementary functions (ops/elementary.ts), each kept inside its domain.
  {
    prims: ['asin', 'acos', 'atan'],
    shape: [3],
    f: (x) => E.add(E.add(E.asin(E.mul(0.5, E.sin(x))), E.acos(E.mul(0.3, E.cos(x)))), E.atan(x)),
  },
  {
    prims: ['sinh', 'cosh', 'asinh'],
    shape: [3],
    f: (x) => E.add(E.sinh(E.mul(0.5, x)), E.mul(E.cosh(x), E.asinh(x))),
  },
  {
    prims: ['acosh', 'atanh', 'cbrt'],
    shape: [3],
    f: (x) => E.add(E.add(E.acosh(E.add(1.5, E.abs2(x))), E.atanh(E.mul(0.4, E.tanh(x)))), E.cbrt(E.add(2, E.abs2(x)))),
  },
  {
    prims: ['log2', 'log10', 'exp2', 'exp10'],
    shape: [3],
    f: (x) =>
      E.add(
        E.add(E.log2(E.add(1.5, E.abs2(x))), E.log10(E.add(2, E.abs2(x)))),
        E.mul(E.exp2(x), E.exp10(E.mul(0.1, x))),
      ),
  },
  { prims: ['sinpi', 'cospi'], shape: [3], f: (x) => E.mul(E.sinpi(E.mul(0.3, x)), E.cospi(E.mul(0.2, x))) },
  { prims: ['atan2'], shape: [3], f: (x) => E.add(E.atan2(x, E.add(1.5, E.abs2(x))), E.atan2(0.5, E.add(2, x))) },
  {
    prims: ['lt', 'le', 'gt', 'ge'],
    shape: [3],
    f: (x) => E.mul(E.add(E.lt(x, 0.1), E.ge(x, 0.2)), E.add(E.le(x, 0), E.gt(x, 0.3))),
  },
  {
    prims: ['eq', 'ne', 'ifelse'],
    shape: [3],
    f: (x) => E.ifelse(E.ne(x, 0.25), E.sin(x), E.mul(E.eq(x, x), E.cos(x))),
  },
  { prims: ['trunc', 'floor'], shape: [3], f: (x) => E.add(E.mul(x, E.floor(E.mul(3, x))), E.trunc(E.mul(5, x))) },
  { prims: ['rem', 'mod'], shape: [3], f: (x) => E.add(E.rem(E.mul(3, x), 0.7), E.mod(E.mul(-2, x), 1.3)) },
  { prims: ['sum'], shape: [2, 3], f: (x) => E.mul(E.sum(E.abs2(x)), E.concat([E.sum(x, 0), E.sum(E.sin(x), 1)], 0)) },
  {
    prims: ['broadcast'],
    shape: [3],
    f: (x) => E.mul(E.broadcastTo(x, [2, 3], 0), E.stretch(E.reshape(x, [1, 3]), [2, 3])),
  },
  { prims: ['reshape'], shape: [2, 3], f: (x) => E.mul(E.reshape(x, [3, 2]), E.reshape(E.sin(x), [3, 2])) },
  { prims: ['getindex'], shape: [4], f: (x) => E.mul(E.getindex(x, [[2, 0, 2]]), E.getindex(x, [1])) },
  { prims: ['scatter'], shape: [3], f: (x) => E.mul(E.scatterAdd([E.abs2(x)], [[[3, 0, 1]]], [4]), 2) },
  {
    prims: ['scatter-add'],
    shape: [3],
    f: (x) => E.scatterAdd([x, E.sin(x), E.abs2(x)], [[[0, 1, 2]], [[2, 2, 3]], [[1, 3, 0]]], [4]),
  },
  { prims: ['concat'], shape: [2, 2], f: (x) => E.add(E.concat([x, E.sin(x)], 1), E.concat([E.abs2(x), x], 1)) },
  { prims: ['matmul'], shape: [2, 3], f: (x) => E.matmul(E.matmul(x, E.tanh(x), false, true), x) },
  {
    prims: ['matmul'],
    shape: [3],
    f: (x) => E.mul(E.sum(E.matmul(x, x, true)), E.matmul(E.reshape(x, [3, 1]), E.reshape(x, [1, 3]))),
  },
  { prims: ['transpose'], shape: [2, 3], f: (x) => E.matmul(E.transpose(x), E.sin(x)) },
  { prims: ['cumsum'], shape: [4], f: (x) => E.mul(E.cumsum(x), E.cumsum(E.sin(x))) },
  {
    prims: ['det', 'inv'],
    shape: [2, 2],
    f: (x) => E.mul(E.det(wellConditioned(x)), E.inv(wellConditioned(E.abs2(x)))),
  },
  { prims: ['logabsdet'], shape: [2, 2], f: (x) => E.logabsdet(wellConditioned(x)).value },
  { prims: ['norm'], shape: [3], f: (x) => E.mul(E.norm(x), E.sin(x)) },
]

/** The primitives the source defines: `name: '...'` entries and the factories' first arguments. */
function definedPrimitives(): string[] {
  const dir = new URL('../../../engine/ops/', import.meta.url)
  const names = new Set<string>()
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(new URL(file, dir), 'utf8')
    for (const m of text.matchAll(/name: '([^']+)'|(?:comparison|flat|remainder)\('([^']+)'/g)) names.add(m[1] ?? m[2]!)
  }
  return [...names].sort()
}

// ---------------------------------------------------------------------------------------------
// Oracles

/** Deterministic numbers away from 0, ties and the kinks the cases use. */
function numbers(n: number, seed: number): Float64Array {
  return Float64Array.from({ length: n }, (_, k) => 0.37 * Math.sin(1.3 * seed + 2.1 * k + 0.4) + 0.05 * (k % 3) + 0.11)
}
const tensor = (shape: readonly number[], seed: number) => new E.Tensor(shape, numbers(E.sizeOf(shape), seed))

function expectAgree(batched: Value, each: readonly Value[], what: string): void {
  const a = E.concrete(batched)
  const b = E.concrete(E.stack(each))
  expect(a.shape, what).toEqual(b.shape)
  const scale = Math.max(1, ...Array.from(b.data, Math.abs).filter((v) => !Number.isNaN(v)))
  let worst = 0
  for (let i = 0; i < a.size; i++) {
    // A NaN where the example alone gives NaN agrees (max and min pass a NaN on).
    const d = Number.isNaN(a.data[i]!) && Number.isNaN(b.data[i]!) ? 0 : Math.abs(a.data[i]! - b.data[i]!)
    worst = Number.isNaN(d) ? Infinity : Math.max(worst, d)
  }
  expect(worst, `${what}: max|batched − each| ${worst} against ${scale}`).toBeLessThanOrEqual(1e-12 * scale)
}

/** Example e of a stacked tensor. */
const example = (X: E.Tensor, e: number) =>
  new E.Tensor(X.shape.slice(1), X.data.slice(e * (X.size / X.shape[0]!), (e + 1) * (X.size / X.shape[0]!)))
const examples = (X: E.Tensor) => Array.from({ length: X.shape[0]! }, (_, e) => example(X, e))

/** Every level at a batch of `size` examples: X's if given (a batch with a special example), else generic numbers. */
function checkEveryLevel({ shape, f }: Case, size: number, X = tensor([size, ...shape], 1)): void {
  const Vs = tensor([size, ...shape], 2)
  const outShape = f(example(X, 0)).shape
  const w = tensor(outShape, 3)
  const u = tensor(shape, 4)
  // g: a number from f, so that gradients and Hessians exist.
  const g: F = (x) => E.sum(E.mul(f(x), w))
  const xs = examples(X)
  const vs = examples(Vs)
  const x0 = xs[0]!
  const CTs = tensor([size, ...outShape], 5)
  const cts = examples(CTs)
  const G =
    (h: F): F =>
    (y) =>
      E.gradient(h, y)
  const dot = (a: Value, b: Value) => E.sum(E.mul(a, b))

  expectAgree(E.vmap(f, [X]), xs.map(f), 'primal')
  expectAgree(
    E.vmap((x, v) => E.jvp(f, x!, v!), [X, Vs]),
    xs.map((x, e) => E.jvp(f, x, vs[e]!)),
    'forward',
  )
  expectAgree(E.vmap(G(g), [X]), xs.map(G(g)), 'reverse')
  expectAgree(
    E.vmap((v) => E.jvp(f, x0, v!), [Vs]),
    vs.map((v) => E.jvp(f, x0, v)),
    'batched tangents',
  )
  expectAgree(
    E.vmap((c) => E.vjp(f, x0, c!), [CTs]),
    cts.map((c) => E.vjp(f, x0, c)),
    'batched cotangents',
  )
  expectAgree(
    E.vmap((x, v) => E.hvp(g, x!, v!), [X, Vs]),
    xs.map((x, e) => E.hvp(g, x, vs[e]!)),
    'forward-over-reverse',
  )
  const rr: F = (x) => E.gradient((y) => dot(E.gradient(g, y), u), x)
  expectAgree(E.vmap(rr, [X]), xs.map(rr), 'reverse-over-reverse')
  const ff = (x: Value, v: Value) => E.jvp((y) => E.jvp(g, y, u), x, v)
  expectAgree(
    E.vmap((x, v) => ff(x!, v!), [X, Vs]),
    xs.map((x, e) => ff(x, vs[e]!)),
    'forward-over-forward',
  )
  const rf: F = (x) => E.gradient((y) => E.jvp(g, y, u), x)
  expectAgree(E.vmap(rf, [X]), xs.map(rf), 'reverse-over-forward')
  const W = tensor([size, ...outShape], 6)
  const ws = examples(W)
  expectAgree(
    E.gradient((Z) => dot(E.vmap(f, [Z]), W), X),
    xs.map((x, e) => E.gradient((y) => dot(f(y), ws[e]!), x)),
    'vmap under grad',
  )
  expectAgree(
    E.jvp((Z) => E.vmap(f, [Z]), X, Vs),
    xs.map((x, e) => E.jvp(f, x, vs[e]!)),
    'vmap under jvp',
  )
}

describe('batch rules: one case per primitive', () => {
  it('every primitive the source defines has a case here', () => {
    const tested = new Set(unary.flatMap((c) => c.prims))
    expect(definedPrimitives().filter((p) => !tested.has(p))).toEqual([])
    // And every primitive with a rule of its own is among them.
    expect(batchRuleNames().filter((p) => !tested.has(p))).toEqual([])
  })

  it.each(unary.map((c) => [c.prims.join(', '), c] as const))('%s: each case uses the primitives it names', (_n, c) => {
    const X = tensor([3, ...c.shape], 1)
    const { trace } = E.record(() => E.vmap((x) => E.gradient((y) => E.sum(c.f(y)), x), [X]), { maxSteps: 1e6 })
    const used = new Set(trace.steps.flatMap((s) => (s.kind === 'op' ? [s.prim] : [])))
    for (const p of c.prims) expect(used, `${p} in ${c.prims.join(', ')}`).toContain(p)
  })

  for (const size of [1, 4])
    it.each(unary.map((c) => [c.prims.join(', '), c] as const))(
      `%s: batch of ${size} agrees with each example, at every level`,
      (_n, c) => checkEveryLevel(c, size),
    )
})

// ---------------------------------------------------------------------------------------------
// Operands that are batched and operands that are not

interface Binary {
  prims: string[]
  a: number[]
  b: number[]
  op: (a: Value, b: Value) => Value
}

const binaries: Binary[] = [
  ...(['add', 'sub', 'mul', 'div', 'pow'] as const).map((name) => ({
    prims: [name],
    a: [3],
    b: [3],
    op: (a: Value, b: Value) => E[name](E.add(1, E.abs2(a)), b),
  })),
  ...(['lt', 'le', 'gt', 'ge', 'eq', 'ne'] as const).map((name) => ({
    prims: [name, 'mul'],
    a: [3],
    b: [3],
    op: (a: Value, b: Value) => E.mul(E[name](a, b), E.mul(a, b)),
  })),
  { prims: ['rem'], a: [3], b: [3], op: (a, b) => E.rem(a, E.add(1, E.abs2(b))) },
  { prims: ['mod'], a: [3], b: [3], op: (a, b) => E.mod(a, E.add(1, E.abs2(b))) },
  { prims: ['ifelse'], a: [3], b: [3], op: (a, b) => E.ifelse(E.gt(a, 0.2), E.mul(a, b), E.sin(b)) },
  { prims: ['concat'], a: [2], b: [3], op: (a, b) => E.concat([a, b], 0) },
  { prims: ['matmul'], a: [2, 3], b: [3], op: (A, x) => E.matmul(A, x) },
  { prims: ['matmul'], a: [3, 2], b: [3], op: (A, x) => E.matmul(A, x, true) },
  { prims: ['matmul'], a: [2, 3], b: [3, 2], op: (A, B) => E.matmul(A, B) },
  { prims: ['matmul'], a: [2, 3], b: [2, 3], op: (A, B) => E.matmul(A, B, false, true) },
  { prims: ['matmul'], a: [3, 2], b: [3, 2], op: (A, B) => E.matmul(A, B, true) },
  { prims: ['matmul'], a: [3], b: [3], op: (x, y) => E.matmul(x, y, true) },
]

// Batches of 3 and of 9: some rules take another road for a large batch (matmul's A·v).
describe.each([3, 9])('batch rules: batched against unbatched operands (a batch of %i)', (size) => {
  it.each(binaries.map((c) => [`${c.prims[0]} of a ${c.a.join('×')} and a ${c.b.join('×')}`, c] as const))(
    '%s: batched with batched, with unbatched on either side, and the gradients of each',
    (_n, { a, b, op }) => {
      const A = tensor([size, ...a], 7)
      const B = tensor([size, ...b], 8)
      const a0 = tensor(a, 9)
      const b0 = tensor(b, 10)
      const as = examples(A)
      const bs = examples(B)
      const total = (v: Value) => E.sum(E.mul(v, v))
      expectAgree(
        E.vmap((x, y) => op(x!, y!), [A, B]),
        as.map((x, e) => op(x, bs[e]!)),
        'both batched',
      )
      expectAgree(
        E.vmap((x, y) => op(x!, y!), [A, b0], [0, null]),
        as.map((x) => op(x, b0)),
        'second unbatched',
      )
      expectAgree(
        E.vmap((x, y) => op(x!, y!), [a0, B], [null, 0]),
        bs.map((y) => op(a0, y)),
        'first unbatched',
      )
      // Cotangents of an unbatched operand gather every example's: the sum of the per-example gradients.
      const sumAll = (xs: Value[]) => xs.reduce((s, x) => E.add(s, x))
      expectAgree(
        E.reshape(
          E.gradient((y) => E.sum(E.vmap((x) => total(op(x!, y)), [A])), b0),
          [1, ...b],
        ),
        [sumAll(as.map((x) => E.gradient((y) => total(op(x, y)), b0)))],
        'gradient of the unbatched operand',
      )
      expectAgree(
        E.vmap((y) => E.gradient((x) => total(op(x, y!)), a0), [B]),
        bs.map((y) => E.gradient((x) => total(op(x, y)), a0)),
        'gradient of the unbatched operand, for each batched one',
      )
    },
  )

  it.each(['add', 'mul', 'div', 'pow', 'lt'] as const)(
    '%s: one number per example against a tensor per example',
    (name) => {
      const s = E.vector([0.5, 1.5, 2.5])
      const Y = tensor([3, 2, 2], 11)
      const op = (a: Value, y: Value) => E.mul(E[name](a, E.add(1, E.abs2(y))), y)
      const ys = examples(Y)
      expectAgree(
        E.vmap((a, y) => op(a!, y!), [s, Y]),
        ys.map((y, e) => op(E.scalar(s.data[e]!), y)),
        'primal',
      )
      expectAgree(
        E.vmap((a, y) => E.gradient((z) => E.sum(op(a!, z)), y!), [s, Y]),
        ys.map((y, e) => E.gradient((z) => E.sum(op(E.scalar(s.data[e]!), z)), y)),
        'gradient',
      )
      expectAgree(
        E.vmap((a, y) => E.gradient((b) => E.sum(op(b, y!)), a!), [s, Y]),
        ys.map((y, e) => E.gradient((b) => E.sum(op(b, y)), E.scalar(s.data[e]!))),
        'gradient of the number',
      )
    },
  )
})

// ---------------------------------------------------------------------------------------------
// Operations that look at the values: each example must get its own answer, also where one
// example of the batch meets the special case (a zero vector for norm, NaN for max and min, a
// determinant that is not positive for logdet).

describe('batch values: operations that read the numbers, with one special example in the batch', () => {
  const batch = (shape: number[], ...rows: number[][]) => new E.Tensor(shape, Float64Array.from(rows.flat()))
  /** Three vectors, the second the zero vector (norm's subgradient 0 applies to it alone). */
  const withZero = batch([3, 3], [3, -4, 0.5], [0, 0, 0], [1e-200, -2e-200, 2e-200])
  /** Three vectors, the second holding a NaN. */
  const withNaN = batch([3, 3], [0.2, 0.9, -0.4], [0.7, NaN, 0.1], [-0.3, 0.6, 0.8])
  /** Three 2×2 matrices with determinants 2.5, -1.75 and 1. */
  const signs = batch([3, 2, 2], [2, 0.5, 1, 1.5], [0.5, 1, 2, 0.5], [1, 0, 0.5, 1])
  const cases: [string, Case, E.Tensor][] = [
    [
      'norm, a zero vector in the batch',
      { prims: ['norm'], shape: [3], f: (x) => E.mul(E.norm(x), E.sin(x)) },
      withZero,
    ],
    ['norm(x, 3), a zero vector in the batch', { prims: ['norm'], shape: [3], f: (x) => E.normP(x, 3) }, withZero],
    ['norm(x, 1.5), a zero vector in the batch', { prims: ['norm'], shape: [3], f: (x) => E.normP(x, 1.5) }, withZero],
    [
      'max and min, a NaN in the batch',
      { prims: ['ifelse'], shape: [3], f: (x) => E.add(E.max(x, E.scalar(0.5)), E.min(E.scalar(0.25), E.mul(x, x))) },
      withNaN,
    ],
    [
      'max of a number and a vector, a NaN in the batch',
      { prims: ['ifelse'], shape: [3], f: (x) => E.max(E.getindex(x, [1]), x) },
      withNaN,
    ],
    [
      'logabsdet, determinants of both signs',
      { prims: ['logabsdet'], shape: [2, 2], f: (x) => E.mul(E.logabsdet(x).value, E.logabsdet(x).sign) },
      signs,
    ],
    [
      'logdet, positive determinants',
      { prims: ['logabsdet'], shape: [2, 2], f: (x) => E.logdet(E.matmul(x, x, true)) },
      signs,
    ],
  ]
  it.each(cases)('%s: batched agrees with each example, at every level', (_n, c, X) => checkEveryLevel(c, 3, X))

  it('nested vmap: norm of a batch of batches with zero vectors among them', () => {
    const X = batch([2, 2, 2], [0, 0], [3, 4], [1e-300, 0], [0, 0])
    const f: F = (x) => E.gradient((y) => E.norm(y), x)
    expectAgree(
      E.vmap((row) => E.vmap(f, [row!]), [X]),
      examples(X).map((row) => E.stack(examples(row).map(f))),
      'vmap of vmap of grad',
    )
  })

  it("logabsdet: the sign is the example's own", () => {
    expect(Array.from(E.concrete(E.vmap((x) => E.logabsdet(x!).sign, [signs])).data)).toEqual([1, -1, 1])
  })

  it('logdet: a determinant that is not positive is refused, naming its example in the batch', () => {
    expect(() => E.vmap((x) => E.logdet(x!), [signs])).toThrow(
      'logdet: the determinant in example 2 of the batch is -1.75, and logdet needs a positive determinant',
    )
    // And the same matrix alone is refused without a batch to name.
    expect(() => E.logdet(example(signs, 1))).toThrow('logdet: the determinant is -1.75, and logdet')
  })
})
