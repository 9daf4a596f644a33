/**
 * Julia Base and Statistics functions learners reach for around a derivative: ranges with a
 * length (`range(0, 1, length = 5)`, `LinRange`), `isapprox`, `copy`/`float`/`Float64`, `zero`
 * and `one`, `Matrix(I, n, n)`, `reverse`, `sort`, `diff`, `cumprod`, `clamp`, `argmax` and
 * `findmax`, `std` and `var`, `isempty`, `eachindex`, `typeof`. The ones that compute with
 * numbers are built from engine operations (indexing, products, max/min), so they can be
 * differentiated; the ones that choose (sort, argmax) choose on the values and index with the
 * choice, which is how their derivatives are defined.
 */
import type { Value } from '../../ad/value.ts'
import { concrete, isValue } from '../../ad/value.ts'
import * as ops from '../../ops/index.ts'
import { describeShape, identity, scalar, sizeOf, vector, zeros } from '../../tensor/tensor.ts'
import { builtin } from '../args.ts'
import { count, number, shapeArgs, t } from '../builtinArgs.ts'
import { LangError } from '../errors.ts'
import { acceptsKeywords } from '../keywords.ts'
import type { LangFunction, LangValue } from '../values.ts'
import { describe, isFunction, isRecord, isTuple, tuple } from '../values.ts'
import { NUMBER_TYPES } from './arrays.ts'
import { isUniformScaling } from './uniformScaling.ts'

const table: LangFunction[] = []
const add = (f: LangFunction) => table.push(f)

/** A builtin whose keywords arrive by name (the learner's `length = 5`). */
function withKeywords(
  name: string,
  params: string[],
  allowed: string[],
  impl: (args: LangValue[], kw: ReadonlyMap<string, LangValue>) => LangValue,
  arity: [number, number],
): LangFunction {
  const check = (kw: ReadonlyMap<string, LangValue>) => {
    for (const k of kw.keys())
      if (!allowed.includes(k))
        throw new LangError(`${name} has no keyword ${k}; its keywords are ${allowed.join(', ')}`)
  }
  const f = builtin(name, params, (args) => impl(args, new Map()), { arity })
  acceptsKeywords(f, (args, kw) => {
    check(kw)
    if (args.length < arity[0] || args.length > arity[1])
      throw new LangError(
        `${name} takes ${arity[0]} to ${arity[1]} arguments before its keywords, but was given ${args.length}`,
      )
    return impl(args, kw)
  })
  return f
}

/** A vector argument, with the builtin's name in the message. */
function vec1(v: LangValue, who: string): Value {
  const x = t(v, who)
  if (x.shape.length !== 1) throw new LangError(`${who} takes a vector here, not ${describe(v)}`)
  return x
}

const indices = (n: number) => Array.from({ length: n }, (_, i) => i)

// -----------------------------------------------------------------------------------------------
// Ranges

function linspace(start: number, stop: number, n: number): Value {
  if (!Number.isInteger(n) || n < 0) throw new LangError(`a range's length must be a whole number, not ${n}`)
  if (n === 1) return vector([start])
  return vector(indices(n).map((i) => start + ((stop - start) * i) / (n - 1)))
}

add(
  withKeywords(
    'range',
    ['start', 'stop', 'length'],
    ['length', 'step', 'stop'],
    ([a, b, c], kw) => {
      const start = number(a!, 'range', 'the start')
      const stopV = b ?? kw.get('stop')
      const lengthV = c ?? kw.get('length')
      const stepV = kw.get('step')
      if (stopV !== undefined && lengthV !== undefined)
        return linspace(start, number(stopV, 'range', 'the stop'), count(lengthV, 'range', 'length'))
      if (stopV !== undefined && stepV !== undefined) {
        const [stop, step] = [number(stopV, 'range', 'the stop'), number(stepV, 'range', 'step')]
        if (step === 0) throw new LangError('range: a step of 0 never reaches the stop')
        return vector(indices(Math.max(0, Math.floor((stop - start) / step + 1e-9) + 1)).map((i) => start + i * step))
      }
      if (lengthV !== undefined && stepV !== undefined)
        return vector(indices(count(lengthV, 'range', 'length')).map((i) => start + i * number(stepV, 'range', 'step')))
      throw new LangError('range needs two of stop, length and step, as in range(0, 1, length = 5)')
    },
    [1, 3],
  ),
)
add(
  builtin('LinRange', ['start', 'stop', 'n'], ([a, b, n]) =>
    linspace(number(a, 'LinRange', 'the start'), number(b, 'LinRange', 'the stop'), count(n, 'LinRange', 'the length')),
  ),
)
add(builtin('eachindex', ['x'], ([x]) => vector(indices(sizeOf(t(x, 'eachindex').shape)).map((i) => i + 1))))

// -----------------------------------------------------------------------------------------------
// Values as they are, and their kin

for (const name of ['copy', 'float', 'Float64', 'Float32']) add(builtin(name, ['x'], ([x]) => t(x, name)))
// Int(2.0) is 2; Int(2.5) is an InexactError in Julia: a whole number is needed.
for (const name of ['Int', 'Int64'])
  add(
    builtin(name, ['x'], ([v]) => {
      const x = t(v, name)
      if (!concrete(x).data.every(Number.isInteger))
        throw new LangError(`${name}(x) needs whole numbers (Julia's InexactError): round first, as in round(Int, x)`)
      return x
    }),
  )
// zero(Float64) and one(Float64): of a number type, its 0 and 1.
const numberType = (v: LangValue) => isFunction(v) && NUMBER_TYPES.has(v.name)
add(builtin('zero', ['x'], ([x]) => (numberType(x) ? scalar(0) : zeros(t(x, 'zero').shape))))
add(
  builtin('one', ['x'], ([v]) => {
    if (numberType(v)) return scalar(1)
    const x = t(v, 'one')
    if (x.shape.length === 0) return scalar(1)
    if (x.shape.length === 2 && x.shape[0] === x.shape[1]) return identity(x.shape[0]!)
    throw new LangError(
      `one(x) is the multiplicative identity: 1 for a number, I for a square matrix, not ${describe(v)}`,
    )
  }),
)
const MATRIX: LangFunction = builtin(
  'Matrix',
  ['A', 'm', 'n'],
  (args) => {
    const [a, m, n] = args
    // Matrix{Float64} arrives as Matrix("Float64"): the type, which is Matrix itself here.
    if (args.length === 1 && typeof a === 'string' && a !== 'undef') return MATRIX
    if (a === 'undef') return zeros(shapeArgs(args.slice(1), 'Matrix'))
    if (isUniformScaling(a)) {
      if (m === undefined) throw new LangError('Matrix(I, m, n) needs the size, as in Matrix(I, 3, 3)')
      const [rows, cols] = [count(m, 'Matrix', 'm'), count(n ?? m, 'Matrix', 'n')]
      return ops.mul(a.scale, ops.getindex(identity(Math.max(rows, cols)), [indices(rows), indices(cols)]))
    }
    const x = t(a, 'Matrix')
    return x.shape.length === 1 ? ops.reshape(x, [x.shape[0]!, 1]) : x
  },
  { arity: [1, 3] },
)
add(MATRIX)
add(
  builtin('eye', ['n'], () => {
    throw new LangError('eye(n) is not Julia (it was removed in Julia 1.0): write I(n), or Matrix(I, n, n)')
  }),
)
add(
  builtin('isempty', ['x'], ([x]) =>
    isTuple(x) ? x.items.length === 0 : typeof x === 'string' ? x === '' : sizeOf(t(x, 'isempty').shape) === 0,
  ),
)
add(
  builtin('typeof', ['x'], ([x]) => {
    if (typeof x === 'string') return 'String'
    if (typeof x === 'boolean') return 'Bool'
    if (x === undefined) return 'Nothing'
    if (isFunction(x)) return 'Function'
    if (isTuple(x))
      return `Tuple{${x.items.map((v) => (isValue(v) && v.shape.length === 0 ? 'Float64' : 'Any')).join(', ')}}`
    if (isRecord(x)) return x.tag
    return ['Float64', 'Vector{Float64}', 'Matrix{Float64}'][x.shape.length] ?? `Array{Float64, ${x.shape.length}}`
  }),
)

/** isapprox(a, b; rtol, atol): ‖a - b‖ ≤ max(atol, rtol·max(‖a‖, ‖b‖)), rtol √eps by default, as Julia. */
add(
  withKeywords(
    'isapprox',
    ['a', 'b'],
    ['rtol', 'atol'],
    ([a, b], kw) => {
      const x = concrete(t(a, 'isapprox'))
      const y = concrete(t(b, 'isapprox'))
      if (x.shape.join() !== y.shape.join()) return false
      const norm = (d: Float64Array) => Math.sqrt(d.reduce((s, v) => s + v * v, 0))
      const atol = kw.has('atol') ? number(kw.get('atol'), 'isapprox', 'atol') : 0
      const rtol = kw.has('rtol') ? number(kw.get('rtol'), 'isapprox', 'rtol') : atol > 0 ? 0 : Math.sqrt(2 ** -52)
      const diff = norm(x.data.map((v, i) => v - y.data[i]!))
      return diff <= Math.max(atol, rtol * Math.max(norm(x.data), norm(y.data)))
    },
    [2, 2],
  ),
)

// -----------------------------------------------------------------------------------------------
// Rearranging and choosing (derivatives flow through the indexing)

add(
  builtin('reverse', ['x'], ([v]) => {
    const x = t(v, 'reverse')
    if (x.shape.length > 2) throw new LangError(`reverse takes a vector or a matrix, not ${describe(v)}`)
    return ops.getindex(
      x,
      x.shape.map((n) => indices(n).reverse()),
    )
  }),
)
add(
  withKeywords(
    'sort',
    ['x'],
    ['rev'],
    ([v], kw) => {
      const x = vec1(v, 'sort')
      const d = concrete(x).data
      const rev = kw.get('rev') === true
      const order = indices(d.length).sort((i, j) => (rev ? d[j]! - d[i]! : d[i]! - d[j]!) || i - j)
      return ops.getindex(x, [order])
    },
    [1, 1],
  ),
)
add(
  builtin('diff', ['x'], ([v]) => {
    const x = vec1(v, 'diff')
    const n = x.shape[0]!
    if (n === 0) return x
    return ops.sub(ops.getindex(x, [indices(n - 1).map((i) => i + 1)]), ops.getindex(x, [indices(n - 1)]))
  }),
)
add(
  builtin('cumprod', ['x'], ([v]) => {
    const x = vec1(v, 'cumprod')
    const out: Value[] = []
    for (let i = 0; i < x.shape[0]!; i++) {
      const xi = ops.getindex(x, [i])
      out.push(i === 0 ? xi : ops.mul(out[i - 1]!, xi))
    }
    return out.length === 0 ? x : ops.stack(out)
  }),
)
add(
  builtin(
    'clamp',
    ['x', 'lo', 'hi'],
    // Base's definition, ifelse(x > hi, hi, ifelse(x < lo, lo, x)): at x == lo or x == hi the
    // slope is x's (1), as ForwardDiff and ChainRules' clamp rule give; min(max(x, lo), hi) gave 0 at lo.
    ([a, b, c]) => {
      const [x, lo, hi] = [t(a, 'clamp'), t(b, 'clamp'), t(c, 'clamp')]
      return ops.ifelse(ops.gt(x, hi), hi, ops.ifelse(ops.lt(x, lo), lo, x))
    },
    { elementwise: true },
  ),
)

/** Where the largest (or smallest) entry is, by Julia's linear index (the first of ties). */
function extremeAt(v: LangValue, who: string, largest: boolean): [Value, LangValue] {
  const x = t(v, who)
  const d = concrete(x).data
  if (d.length === 0) throw new LangError(`${who} of an empty ${describeShape(x.shape)} is undefined`)
  const flat = ops.reshapeColumns(x, [d.length])
  const c = concrete(flat).data
  let k = 0
  for (let i = 1; i < c.length; i++) if (largest ? c[i]! > c[k]! : c[i]! < c[k]!) k = i
  const m = x.shape[0] ?? 1
  const index = x.shape.length === 2 ? tuple([scalar((k % m) + 1), scalar(Math.floor(k / m) + 1)]) : scalar(k + 1)
  return [ops.getindex(flat, [k]), index]
}
for (const [name, largest] of [
  ['argmax', true],
  ['argmin', false],
] as const)
  add(builtin(name, ['x'], ([x]) => extremeAt(x, name, largest)[1]))
for (const [name, largest] of [
  ['findmax', true],
  ['findmin', false],
] as const)
  add(builtin(name, ['x'], ([x]) => tuple(extremeAt(x, name, largest))))

/** Statistics' var and std: corrected (divided by n - 1) by default, as Julia's; corrected = false divides by n. */
function variance(v: LangValue, who: string, corrected: boolean): Value {
  const x = t(v, who)
  const n = sizeOf(x.shape)
  const d = corrected ? n - 1 : n
  if (d < 1) throw new LangError(`${who} needs at least two values (it divides by n - 1), but got ${describe(v)}`)
  return ops.div(ops.sum(ops.abs2(ops.sub(x, ops.mean(x)))), d)
}
for (const [name, f] of [
  ['var', (v: Value) => v],
  ['std', ops.sqrt],
] as const)
  add(
    withKeywords(name, ['x'], ['corrected'], ([x], kw) => f(variance(x!, name, kw.get('corrected') !== false)), [1, 1]),
  )

export const BASE_BUILTINS: readonly LangFunction[] = table
