/**
 * Julia's array builtins where they differ from the core table: memory order is column-major
 * (`reshape` fills columns, `vec` reads them), reductions take `dims =` and keep the reduced
 * dimension (`sum(A, dims = 1)` is a 1×n matrix), `size` is a tuple, shapes may be given as
 * tuples (`zeros(size(A))`), `softmax` works down the columns by default, `cat` joins along
 * `dims`. Each calls the engine's operation of that meaning (engine/ops/arrays.ts,
 * reductions.ts), so all of them can be differentiated.
 */
import type { Value } from '../../ad/value.ts'
import { concrete, isValue } from '../../ad/value.ts'
import * as ops from '../../ops/index.ts'
import type { Shape } from '../../tensor/tensor.ts'
import { describeShape, full, scalar, sizeOf } from '../../tensor/tensor.ts'
import { builtin } from '../args.ts'
import { count, shapeArgs, t } from '../builtinArgs.ts'
import { broadcastCall } from '../broadcast.ts'
import { acceptsKeywords } from '../keywords.ts'
import { LangError } from '../errors.ts'
import type { LangFunction, LangValue } from '../values.ts'
import { describe, isFunction, isRecord, isTuple, tuple } from '../values.ts'

// -----------------------------------------------------------------------------------------------
// Keyword arguments and shapes

/** The positional arguments and the keywords (they arrive as a trailing options record). */
function keywords(args: LangValue[], who: string, allowed: string[]): [LangValue[], Map<string, LangValue>] {
  const last = args[args.length - 1]
  if (!isRecord(last) || last.tag !== 'record') return [args, new Map()]
  for (const k of last.fields.keys())
    if (!allowed.includes(k))
      throw new LangError(
        `${who} has no keyword ${k}${allowed.length > 0 ? `; its keywords are ${allowed.join(', ')}` : ''}`,
      )
  return [args.slice(0, -1), new Map(last.fields)]
}

/** `dims = 1`, `dims = (1, 2)`, `dims = [1, 2]` as 0-based axes. */
function axesOf(v: LangValue, who: string): number[] {
  const items = isTuple(v)
    ? [...v.items]
    : isValue(v) && v.shape.length === 1
      ? Array.from(concrete(v).data, scalar)
      : [v]
  return items.map((d) => {
    const k = count(d ?? scalar(NaN), who, 'dims')
    if (k < 1) throw new LangError(`${who}: dims counts from 1, so dims = ${k} is not a dimension`)
    return k - 1
  })
}

/** Julia's number types, which may come first in zeros(Float64, 3): every number here is a Float64. */
export const NUMBER_TYPES = new Set(['Float64', 'Float32', 'Int', 'Int64'])

/** The arguments without a leading number type (zeros(Float64, 2, 3) is zeros(2, 3)). */
export function withoutType(args: LangValue[]): LangValue[] {
  const first = args[0]
  return isFunction(first) && NUMBER_TYPES.has(first.name) ? args.slice(1) : args
}

/** A shape given as numbers (zeros(2, 3)), as one tuple (zeros((2, 3)), zeros(size(A))) or a vector. */
function shapeOf(given: LangValue[], who: string): Shape {
  const args = withoutType(given)
  if (args.length === 1 && isTuple(args[0])) return shapeArgs([...args[0].items], who)
  return shapeArgs(args, who)
}

/**
 * reshape(x, :, 2): one dimension given as `:` (Julia's Colon, which arrives as the string ":")
 * is whatever the others leave of the n elements.
 */
function inferColon(dims: LangValue[], n: number): LangValue[] {
  const list = dims.length === 1 && isTuple(dims[0]) ? [...dims[0].items] : dims
  const at = list.findIndex((d) => d === ':')
  if (at < 0) return dims
  if (list.some((d, i) => d === ':' && i !== at))
    throw new LangError('reshape takes at most one : among its dimensions')
  const others = list.filter((_, i) => i !== at).reduce((p, d) => p * count(d, 'reshape', 'each dimension'), 1)
  if (others === 0 || n % others !== 0)
    throw new LangError(`reshape: ${n} elements cannot be split into dimensions of ${others} with : for the rest`)
  return list.map((d, i) => (i === at ? scalar(n / others) : d))
}

/** f.(x) when a function comes first (sum(abs2, x)), else x itself. */
function mapped(args: LangValue[], who: string): Value {
  const [a, b] = args
  if (!isFunction(a)) {
    if (args.length !== 1)
      throw new LangError(`${who} takes one array (or a function and an array), but was given ${args.length} arguments`)
    return t(a, who)
  }
  if (args.length !== 2) throw new LangError(`${who}(f, x) needs the array x after the function`)
  // As f.(x) in a Julia cell: a function whose body only combines elements runs once on the whole
  // array (functions.ts), any other once per element.
  const y = broadcastCall(a, [t(b, who)], 'julia')
  return t(y, who)
}

const table: LangFunction[] = []
const add = (f: LangFunction) => table.push(f)
/**
 * A builtin that takes keywords (`dims = 1`): functions.ts passes them here by name, and they
 * arrive as a trailing options record, so its parameters list only the positional ones.
 */
const addWithKeywords = (f: LangFunction) => {
  acceptsKeywords(f, (args, fields) => f.call([...args, { kind: 'record', tag: 'record', fields }]))
  add(f)
}

// -----------------------------------------------------------------------------------------------
// Reductions with dims

const reductions: [string, (x: Value) => Value, (x: Value, axes: number[]) => Value][] = [
  ['sum', (x) => ops.sum(x), ops.sumKeep],
  ['mean', (x) => ops.mean(x), ops.meanKeep],
  ['maximum', (x) => ops.maximum(x), (x, axes) => ops.extremeKeep(x, axes, true)],
  ['minimum', (x) => ops.minimum(x), (x, axes) => ops.extremeKeep(x, axes, false)],
]
for (const [name, all, along] of reductions) {
  addWithKeywords(
    builtin(
      name,
      // One parameter, so that it can be differentiated as a function (jvp(sum, x, v)); the
      // function-first form and the keywords come as further arguments.
      ['x'],
      (given) => {
        const [args, kw] = keywords(given, name, ['dims'])
        const x = mapped(args, name)
        return kw.has('dims') ? along(x, axesOf(kw.get('dims'), name)) : all(x)
      },
      {
        forms: {
          counts: [1, 2, 3],
          usage: `an array, or a function and an array as in ${name}(abs2, x), and optionally dims = d`,
        },
      },
    ),
  )
}

addWithKeywords(
  builtin(
    'cumsum',
    ['x'],
    (given) => {
      const [[a], kw] = keywords(given, 'cumsum', ['dims'])
      const x = t(a, 'cumsum')
      if (!kw.has('dims')) {
        if (x.shape.length > 1)
          throw new LangError(
            `cumsum of a ${describeShape(x.shape)} needs dims, as in cumsum(A; dims = 1) down the columns`,
          )
        return ops.cumsumAlong(x, 0)
      }
      const axes = axesOf(kw.get('dims'), 'cumsum')
      if (axes.length !== 1) throw new LangError('cumsum takes one dimension, as in dims = 1')
      return axes[0]! >= x.shape.length ? x : ops.cumsumAlong(x, axes[0]!)
    },
    { arity: [1, 2] },
  ),
)

// softmax works down each column by default (NNlib's dims = 1); logsumexp over everything.
addWithKeywords(
  builtin(
    'softmax',
    ['x'],
    (given) => {
      const [[a], kw] = keywords(given, 'softmax', ['dims'])
      return ops.softmaxAlong(t(a, 'softmax'), kw.has('dims') ? axesOf(kw.get('dims'), 'softmax') : [0])
    },
    { arity: [1, 2] },
  ),
)
addWithKeywords(
  builtin(
    'logsumexp',
    ['x'],
    (given) => {
      const [[a], kw] = keywords(given, 'logsumexp', ['dims'])
      const x = t(a, 'logsumexp')
      return kw.has('dims') ? ops.logsumexpAlong(x, axesOf(kw.get('dims'), 'logsumexp')) : ops.logsumexp(x)
    },
    { arity: [1, 2] },
  ),
)

// -----------------------------------------------------------------------------------------------
// Memory order and shapes

add(
  builtin(
    'reshape',
    ['A', 'dims', '...'],
    ([a, ...dims]) => {
      const x = t(a, 'reshape')
      return ops.reshapeColumns(x, shapeOf(inferColon(dims, sizeOf(x.shape)), 'reshape'))
    },
    { arity: [2, Infinity] },
  ),
)
add(
  builtin('vec', ['A'], ([a]) => {
    const x = t(a, 'vec')
    return ops.reshapeColumns(x, [sizeOf(x.shape)])
  }),
)
// collect(0:2): ranges are already vectors here; a tuple's numbers become a vector.
add(
  builtin('collect', ['x'], ([a]) => {
    if (isTuple(a)) return ops.stack(a.items.map((v) => t(v, 'collect')))
    return t(a, 'collect')
  }),
)
// Julia's transpose and adjoint: a vector becomes a 1×n row, and a row's back to a column.
for (const name of ['transpose', 'adjoint'])
  add(
    builtin(name, ['A'], ([a]) => {
      const x = t(a, name)
      if (x.shape.length > 2) throw new LangError(`${name} takes a vector or a matrix, not a ${describeShape(x.shape)}`)
      return x.shape.length === 1 ? ops.reshape(x, [1, x.shape[0]!]) : ops.reverseAxes(x)
    }),
  )
add(
  builtin(
    'size',
    ['A', 'd'],
    ([a, d]) => {
      const x = t(a, 'size')
      if (d === undefined) return tuple(x.shape.map((n) => scalar(n)))
      const k = count(d, 'size', 'the dimension')
      if (k < 1) throw new LangError(`size: dimensions count from 1, so ${k} is not a dimension`)
      // Past the last dimension every array has length 1, as in Julia.
      return scalar(x.shape[k - 1] ?? 1)
    },
    { arity: [1, 2] },
  ),
)
add(
  builtin('length', ['x'], ([a]) => {
    if (isTuple(a)) return scalar(a.items.length)
    if (typeof a === 'string') return scalar([...a].length)
    return scalar(sizeOf(t(a, 'length').shape))
  }),
)
add(builtin('ndims', ['A'], ([a]) => scalar(t(a, 'ndims').shape.length)))
for (const [name, value] of [
  ['zeros', 0],
  ['ones', 1],
] as const)
  add(builtin(name, ['dims', '...'], (dims) => full(shapeOf(dims, name), value), { arity: [1, Infinity] }))
add(
  builtin(
    'fill',
    ['v', 'dims', '...'],
    ([v, ...dims]) => {
      const x = t(v, 'fill')
      if (x.shape.length !== 0)
        throw new LangError(`fill: the value to fill with must be a number, but got ${describe(v)}`)
      return ops.fill(x, shapeOf(dims, 'fill'))
    },
    { arity: [2, Infinity] },
  ),
)
addWithKeywords(
  builtin(
    'cat',
    ['A', '...'],
    (given) => {
      const [args, kw] = keywords(given, 'cat', ['dims'])
      if (!kw.has('dims')) throw new LangError('cat needs dims, the dimension to join along, as in cat(A, B; dims = 2)')
      const axes = axesOf(kw.get('dims'), 'cat')
      if (axes.length !== 1) throw new LangError('cat here joins along one dimension, as in dims = 1')
      return ops.cat(
        args.map((a) => t(a, 'cat')),
        axes[0]! + 1,
      )
    },
    { arity: [2, Infinity] },
  ),
)
export const ARRAY_BUILTINS: readonly LangFunction[] = table
