/**
 * Everyday Base and LinearAlgebra functions that code around a derivative reaches for: `hypot`,
 * `eps`, `sincos`, `max`/`min` of several, `fma`, `isnan` and friends, `step` of a range, `ntuple`, `Tuple`, `sortperm`, `count`, `findall`, `log(b, x)`, `cross`. The ones that compute with numbers
 * are built from engine operations, so they can be differentiated; `sortperm` chooses on the
 * values, as sort does.
 */
import type { Value } from '../../ad/value.ts'
import { concrete } from '../../ad/value.ts'
import * as ops from '../../ops/index.ts'
import { matrix, scalar, vector } from '../../tensor/tensor.ts'
import { builtin } from '../args.ts'
import { count, number, t } from '../builtinArgs.ts'
import { LangError } from '../errors.ts'
import { BUILTINS } from '../builtins.ts'
import { truth } from './folds.ts'
import { elementsColumnMajor } from '../control.ts'
import type { LangFunction, LangValue } from '../values.ts'
import { describe, isFunction, isTuple, tuple } from '../values.ts'

function vectorOf(v: Value, n: number | null, who: string): Value {
  if (v.shape.length !== 1 || (n !== null && v.shape[0] !== n))
    throw new LangError(`${who} takes ${n === null ? 'a vector' : `${n}-vectors`}, not ${describe(v)}`)
  return v
}

/** ε at x: the gap from |x| to the next larger float64 (Base.eps), 2⁻⁵² at 1. */
function ulp(x: number): number {
  if (!Number.isFinite(x)) return NaN
  const a = Math.abs(x)
  if (a < 2 ** -1022) return 2 ** -1074
  return 2 ** (Math.floor(Math.log2(a)) - 52)
}

/** A's entries on and above (triu) or below (tril) diagonal k, the others 0, as A times a 0/1 mask. */
function triangle(A: Value, which: 'triu' | 'tril', k: number): Value {
  const [m, n] = A.shape as [number, number]
  const keep = (i: number, j: number) => (which === 'triu' ? j - i >= k : j - i <= k)
  return ops.mul(
    A,
    matrix(Array.from({ length: m }, (_, i) => Array.from({ length: n }, (_, j) => (keep(i, j) ? 1 : 0)))),
  )
}

function squareMatrix(a: LangValue, who: string): Value {
  const A = t(a, who)
  if (A.shape.length !== 2 || A.shape[0] !== A.shape[1])
    throw new LangError(`${who} takes a square matrix, not ${describe(a)}`)
  return A
}

export const EVERYDAY_BUILTINS: readonly LangFunction[] = [
  // hypot(x, y, ...) = √(x² + y² + ...), computed as a scaled norm so it neither overflows nor underflows.
  builtin(
    'hypot',
    ['x', 'y...'],
    (args) => {
      const xs = args.map((a) => {
        const x = t(a, 'hypot')
        if (x.shape.length !== 0)
          throw new LangError(`hypot takes numbers, not ${describe(a)}: for a vector write norm(x)`)
        return x
      })
      return ops.norm(ops.stack(xs))
    },
    { arity: [1, Infinity] },
  ),
  builtin(
    'eps',
    ['x'],
    ([x]) => {
      if (x === undefined || (isFunction(x) && x.name === 'Float64')) return scalar(2 ** -52)
      const v = t(x, 'eps')
      if (v.shape.length !== 0) throw new LangError(`eps takes a number, not ${describe(x)}: write eps.(x)`)
      return scalar(ulp(concrete(v).item()))
    },
    { arity: [0, 1] },
  ),
  // step(r): the step of a range, which here is the vector of its numbers.
  builtin('step', ['r'], ([r]) => {
    const x = vectorOf(t(r, 'step'), null, 'step')
    const d = concrete(x).data
    if (d.length < 2) throw new LangError('step needs a range of at least two numbers')
    return ops.sub(ops.getindex(x, [1]), ops.getindex(x, [0]))
  }),
  builtin('ntuple', ['f', 'n'], ([f, n]) => {
    if (!isFunction(f))
      throw new LangError(`ntuple needs a function first, as in ntuple(i -> i^2, 3), but got ${describe(f)}`)
    const k = count(n!, 'ntuple', 'the length')
    return tuple(Array.from({ length: k }, (_, i) => f.call([scalar(i + 1)])))
  }),
  builtin('sortperm', ['x'], ([v]) => {
    const d = concrete(vectorOf(t(v, 'sortperm'), null, 'sortperm')).data
    const order = Array.from(d.keys()).sort((i, j) => d[i]! - d[j]! || i - j)
    return vector(order.map((i) => i + 1))
  }),
  // log(b, x): the logarithm of x to base b; log(x) is the core's (and its matrix-function advice).
  builtin(
    'log',
    ['b', 'x'],
    (args) => {
      const natural = BUILTINS.get('log')!
      if (args.length === 1) return natural.call(args)
      const [b, x] = args.map((a) => t(a, 'log'))
      return ops.div(ops.log(x!), ops.log(b!))
    },
    { arity: [1, 2], elementwise: true },
  ),
  // count(xs) of trues, count(p, xs) of entries where p holds; findall(xs): where the trues are.
  builtin('count', ['p', 'xs'], (args) => scalar(truths(args, 'count').filter(Boolean).length), { arity: [1, 2] }),
  builtin(
    'findall',
    ['p', 'xs'],
    (args) => vector(truths(args, 'findall').flatMap((holds, i) => (holds ? [i + 1] : []))),
    { arity: [1, 2] },
  ),
  builtin('Tuple', ['xs'], ([xs]) => {
    if (isTuple(xs)) return xs
    return tuple(elementsColumnMajor(t(xs, 'Tuple')))
  }),
  // inv(x) of a number is 1/x (Base.inv); of a square matrix, the core's matrix inverse.
  builtin('inv', ['x'], ([x]) => {
    const v = t(x, 'inv')
    return v.shape.length === 0 ? ops.div(1, v) : BUILTINS.get('inv')!.call([x])
  }),
  builtin('minmax', ['a', 'b'], ([a, b]) => {
    const [x, y] = [t(a, 'minmax'), t(b, 'minmax')]
    return tuple([ops.min(x, y), ops.max(x, y)])
  }),
  // triu(A, k) and tril(A, k): A with the entries below (above) the k-th diagonal set to 0, as a
  // product with a 0/1 mask, so the gradient is the mask too (ChainRules' triu/tril rules).
  ...(['triu', 'tril'] as const).map((name) =>
    builtin(
      name,
      ['A', 'k'],
      ([a, k]) => {
        const A = t(a, name)
        if (A.shape.length !== 2) throw new LangError(`${name} takes a matrix, not ${describe(a)}`)
        return triangle(A, name, k === undefined ? 0 : number(k, name, 'the diagonal k'))
      },
      { arity: [1, 2] },
    ),
  ),
  // opnorm(A, 1): the largest column sum of |aᵢⱼ|; opnorm(A, Inf): the largest row sum.
  builtin(
    'opnorm',
    ['A', 'p'],
    ([a, p]) => {
      const A = t(a, 'opnorm')
      if (A.shape.length !== 2) throw new LangError(`opnorm takes a matrix, not ${describe(a)}`)
      const q = p === undefined ? 2 : number(p, 'opnorm', 'p')
      if (q !== 1 && q !== Infinity)
        throw new LangError(
          `opnorm(A, ${q}) is not available here: the notebook has opnorm(A, 1) (largest column sum) and opnorm(A, Inf) (largest row sum), not yet the 2-norm (the largest singular value)`,
        )
      return ops.maximum(ops.sum(ops.abs(A), q === 1 ? 0 : 1))
    },
    { arity: [1, 2] },
  ),
  // LinearAlgebra's structured wrappers, as the plain matrices they stand for (the arithmetic is the
  // same; the notebook keeps no structure type): Diagonal(x) = diagm(x), Symmetric(A) reads A's upper
  // triangle (as Julia's default uplo = :U), UpperTriangular = triu, LowerTriangular = tril.
  builtin('Diagonal', ['x'], ([x]) => {
    const v = t(x, 'Diagonal')
    return v.shape.length === 1 ? ops.diagm(v) : ops.diagm(ops.diag(v))
  }),
  ...(['Symmetric', 'Hermitian'] as const).map((name) =>
    builtin(name, ['A'], ([a]) => {
      const A = squareMatrix(a!, name)
      const upper = triangle(A, 'triu', 0)
      return ops.add(upper, ops.transpose(triangle(A, 'triu', 1)))
    }),
  ),
  builtin('UpperTriangular', ['A'], ([a]) => triangle(squareMatrix(a!, 'UpperTriangular'), 'triu', 0)),
  builtin('LowerTriangular', ['A'], ([a]) => triangle(squareMatrix(a!, 'LowerTriangular'), 'tril', 0)),
  // extrema(x) = (minimum(x), maximum(x)); normalize(x) = x / norm(x).
  builtin('extrema', ['x'], ([x]) => {
    const v = t(x, 'extrema')
    return tuple([ops.minimum(v), ops.maximum(v)])
  }),
  builtin('normalize', ['x'], ([x]) => {
    const v = t(x, 'normalize')
    return ops.div(v, ops.norm(v))
  }),
  // dot(x, y), or dot(x, A, y) = x' * A * y (LinearAlgebra's three-argument dot).
  builtin(
    'dot',
    ['x', 'A', 'y'],
    (args) => {
      if (args.length === 2) return BUILTINS.get('dot')!.call(args)
      const [x, A, y] = args.map((a) => t(a, 'dot'))
      return ops.sum(ops.mul(x!, ops.matmul(A!, y!)))
    },
    { arity: [2, 3] },
  ),
  builtin('sincospi', ['x'], ([x]) => {
    const v = t(x, 'sincospi')
    return tuple([ops.sinpi(v), ops.cospi(v)])
  }),
  // ldexp(x, n) = x·2ⁿ for a whole number n (Base.ldexp).
  builtin('ldexp', ['x', 'n'], ([x, n]) => {
    const k = number(n!, 'ldexp', 'the power of 2')
    if (!Number.isInteger(k)) throw new LangError(`ldexp(x, n) needs a whole number n, but got ${k}`)
    return ops.mul(t(x, 'ldexp'), 2 ** k)
  }),
  // evalpoly(x, p) = p[1] + x p[2] + x² p[3] + ..., by Horner's rule from the last coefficient.
  builtin('evalpoly', ['x', 'p'], ([x, p]) => {
    const v = t(x, 'evalpoly')
    const coefs = isTuple(p) ? p.items.map((c) => t(c, 'evalpoly')) : elementsColumnMajor(t(p, 'evalpoly'))
    if (coefs.length === 0) throw new LangError('evalpoly needs at least one coefficient, as in evalpoly(x, (1, 2))')
    return coefs
      .slice(0, -1)
      .reduceRight<Value>((acc, c) => ops.add(c as Value, ops.mul(v, acc)), coefs.at(-1) as Value)
  }),
  builtin('sincos', ['x'], ([x]) => {
    const v = t(x, 'sincos')
    return tuple([ops.sin(v), ops.cos(v)])
  }),
  // max(a, b, c, ...) and min(...): pairwise from the left, as Julia's; max(x) alone is the core's.
  ...(['max', 'min'] as const).map((name) =>
    builtin(
      name,
      ['a', 'b...'],
      (args) => {
        const core = BUILTINS.get(name)!
        if (args.length <= 2) return core.call(args)
        return args.slice(1).reduce((acc, b) => core.call([acc, b]), args[0])
      },
      { arity: [1, Infinity], elementwise: true },
    ),
  ),
  // fma(a, b, c) and muladd(a, b, c): a·b + c (rounded once in Julia's fma; here as a·b + c).
  ...['fma', 'muladd'].map((name) =>
    builtin(name, ['a', 'b', 'c'], ([a, b, c]) => ops.add(ops.mul(t(a, name), t(b, name)), t(c, name)), {
      elementwise: true,
    }),
  ),
  ...(
    [
      ['isnan', Number.isNaN],
      ['isinf', (x: number) => x === Infinity || x === -Infinity],
      ['isfinite', Number.isFinite],
      ['iszero', (x: number) => x === 0],
    ] as const
  ).map(([name, test]) =>
    builtin(name, ['x'], ([x]) => {
      const v = t(x, name)
      if (v.shape.length !== 0)
        throw new LangError(`${name} takes one number, not ${describe(x)}: write ${name}.(x) for each entry`)
      return test(concrete(v).item())
    }),
  ),
  builtin('cross', ['a', 'b'], ([a, b]) => cross(t(a, 'cross'), t(b, 'cross'))),
]

/** For count and findall: whether each entry (in column-major order) is true, or p of it is. */
function truths(args: readonly LangValue[], who: string): boolean[] {
  const [p, xs] = args.length === 2 ? [args[0], args[1]] : [undefined, args[0]]
  if (p !== undefined && !isFunction(p))
    throw new LangError(`${who} takes a predicate first, as in ${who}(x -> x > 0, v), but got ${describe(p)}`)
  const items: LangValue[] = isTuple(xs) ? [...xs.items] : elementsColumnMajor(t(xs, who))
  return items.map((x) => truth(p === undefined ? x : p.call([x]), who))
}

/** a × b of two 3-vectors (LinearAlgebra's cross, also written a × b). */
export function cross(a: Value, b: Value): Value {
  const [x, y] = [vectorOf(a, 3, 'cross'), vectorOf(b, 3, 'cross')]
  const at = (v: Value, i: number) => ops.getindex(v, [i])
  const term = (i: number, j: number) => ops.sub(ops.mul(at(x, i), at(y, j)), ops.mul(at(x, j), at(y, i)))
  return ops.stack([term(1, 2), term(2, 0), term(0, 1)])
}
