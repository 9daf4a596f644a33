/**
 * Julia's folds and the small type-shaped helpers code from the manuals and forums uses around
 * them: `reduce`, `foldl`, `foldr`, `mapreduce`, `mapfoldl`, `mapfoldr` (with `init`), `all` and
 * `any` (with or without a predicate), `similar`, `eltype`, `convert`, `undef` with
 * `Vector{Float64}(undef, n)` / `Array{Float64}(undef, m, n)`.
 *
 * A fold calls the learner's operator on engine values one pair at a time, so its derivative
 * is that of the chain of calls; a fold with `+`, `*`, `max` or `min` and no `init` is the one
 * reduction it stands for (sum, prod, maximum, minimum), which is the same value and derivative
 * in one operation instead of n.
 */
import type { Value } from '../../ad/value.ts'
import { concrete, isValue } from '../../ad/value.ts'
import * as ops from '../../ops/index.ts'
import { vector, zeros } from '../../tensor/tensor.ts'
import { builtin } from '../args.ts'
import { BUILTINS } from '../builtins.ts'
import { shapeArgs, t } from '../builtinArgs.ts'
import { elementsColumnMajor } from '../control.ts'
import { LangError } from '../errors.ts'
import { acceptsKeywords } from '../keywords.ts'
import type { LangFunction, LangValue } from '../values.ts'
import { describe, isFunction, isTuple } from '../values.ts'
import { juliaBinary, juliaUnary } from '../operatorsJulia.ts'
import { NUMBER_TYPES, withoutType } from './arrays.ts'
import { BASE_BUILTINS } from './base.ts'

/** The elements a fold walks: a tuple's items, an array's entries in column-major order. */
function elements(v: LangValue, who: string): LangValue[] {
  if (isTuple(v)) return [...v.items]
  if (isValue(v)) return v.shape.length === 0 ? [v] : elementsColumnMajor(v)
  throw new LangError(`${who} walks through a vector, a matrix, a range or a tuple, not ${describe(v)}`)
}

function fn(v: LangValue, who: string, what: string): LangFunction {
  if (!isFunction(v)) throw new LangError(`${who} needs ${what}, but got ${describe(v)}`)
  return v
}

/** The one reduction a fold with this operator is, when the walk is a whole array. */
const REDUCTIONS: Record<string, (x: Value) => Value> = {
  '+': (x) => ops.sum(x),
  '*': (x) => ops.prod(x),
  max: (x) => ops.maximum(x, 'reduce'),
  min: (x) => ops.minimum(x, 'reduce'),
}

/** op folded over xs from the left (or right), starting from init when given. */
function fold(op: LangFunction, xs: LangValue[], init: LangValue | undefined, fromRight: boolean, who: string) {
  const items = fromRight ? [...xs].reverse() : xs
  if (items.length === 0) {
    if (init !== undefined) return init
    throw new LangError(
      `${who} of an empty collection has no value: give the starting value, as in ${who}(op, xs; init = 0.0)`,
    )
  }
  let acc = init ?? items[0]
  for (let i = init === undefined ? 1 : 0; i < items.length; i++)
    acc = fromRight ? op.call([items[i], acc]) : op.call([acc, items[i]])
  return acc
}

/** A fold builtin: reduce/foldl/foldr(op, xs; init) and mapreduce/mapfoldl/mapfoldr(f, op, xs...; init). */
function folding(name: string, mapped: boolean, fromRight: boolean): LangFunction {
  const run = (args: LangValue[], kw: ReadonlyMap<string, LangValue>): LangValue => {
    for (const k of kw.keys())
      if (k !== 'init')
        throw new LangError(
          `${name} has no keyword ${k} here; its keyword is init${k === 'dims' ? ` (for sums along a dimension, write sum(x; dims = …))` : ''}`,
        )
    const min = mapped ? 3 : 2
    if (args.length < min || (!mapped && args.length > 2))
      throw new LangError(
        `${name} takes ${mapped ? 'a function, an operator and a collection, as in mapreduce(abs2, +, x)' : 'an operator and a collection, as in reduce(+, x)'}, but was given ${args.length} argument${args.length === 1 ? '' : 's'}`,
      )
    const f = mapped ? fn(args[0], name, 'a function to apply first, as in mapreduce(abs2, +, x)') : null
    const op = fn(
      args[mapped ? 1 : 0],
      name,
      `an operator of two arguments, as in ${name}(${mapped ? 'abs2, ' : ''}+, x)`,
    )
    const collections = args.slice(mapped ? 2 : 1)
    const init = kw.get('init')
    // The fast path: one whole array, a known operator, no init, nothing mapped but elementwise builtins.
    const reduction = REDUCTIONS[op.name]
    const one = collections.length === 1 ? collections[0] : undefined
    if (reduction && op.kind === 'function' && op.source === op.name && init === undefined && isValue(one)) {
      if (f === null) return reduction(one)
      if (f.elementwise) {
        const mappedValue = f.call([one])
        if (isValue(mappedValue)) return reduction(mappedValue)
      }
    }
    let xs: LangValue[]
    if (collections.length === 1) xs = elements(collections[0], name)
    else {
      const lists = collections.map((c) => elements(c, name))
      const n = Math.min(...lists.map((l) => l.length))
      xs = Array.from({ length: n }, (_, i) => f!.call(lists.map((l) => l[i])))
      return fold(op, xs, init, fromRight, name)
    }
    if (f !== null) xs = xs.map((x) => f.call([x]))
    return fold(op, xs, init, fromRight, name)
  }
  const f = builtin(name, mapped ? ['f', 'op', 'xs...'] : ['op', 'xs'], (args) => run(args, new Map()), {
    arity: [mapped ? 3 : 2, mapped ? Infinity : 2],
  })
  acceptsKeywords(f, run)
  return f
}

/** Whether a value a predicate returned, or an element of a collection, is true (Julia wants a Bool). */
export function truth(v: LangValue, who: string): boolean {
  if (typeof v === 'boolean') return v
  if (isValue(v) && v.shape.length === 0) {
    const x = concrete(v).data[0]!
    if (x === 0 || x === 1) return x === 1
  }
  throw new LangError(`${who} needs true or false for each element, but got ${describe(v)}`)
}

/** all and any, with or without a predicate: all(xs), all(p, xs). */
function quantifier(name: 'all' | 'any'): LangFunction {
  const every = name === 'all'
  return builtin(
    name,
    ['p', 'xs'],
    (args) => {
      const [p, xs] =
        args.length === 2
          ? [fn(args[0], name, 'a predicate first, as in all(x -> x > 0, v)'), args[1]]
          : [null, args[0]]
      for (const x of elements(xs, name)) {
        const holds = truth(p === null ? x : p.call([x]), name)
        if (holds !== every) return !every
      }
      return every
    },
    { arity: [1, 2] },
  )
}

/** The Float64 type as the notebook has it (every number here is a Float64). */
const FLOAT64 = BASE_BUILTINS.find((f) => f.name === 'Float64')!

/** A number type as an argument: Float64, Float32, Int (all Float64 here). */
const isNumberType = (v: LangValue) => isFunction(v) && NUMBER_TYPES.has(v.name)

/** Julia's `undef`: "leave the entries uninitialised"; here they start at zero. */
const UNDEF = 'undef'

/**
 * Vector{Float64}, Matrix{Float64}, Array{Float64, 2}: the parametric type arrives as a call with
 * the parameters' text (`Vector("Float64")`), and gives the constructor back; called with
 * `undef` and sizes it makes zeros of that size, called with an array it converts (copies) it.
 */
function arrayType(name: 'Vector' | 'Array', rank: number | null): LangFunction {
  const self: LangFunction = builtin(
    name,
    ['undef', 'dims...'],
    (args) => {
      if (args.length === 1 && typeof args[0] === 'string' && args[0] !== UNDEF) return self
      if (args[0] === UNDEF) {
        const shape = shapeArgs(args.length === 2 && isTuple(args[1]) ? [...args[1].items] : args.slice(1), name)
        if (rank !== null && shape.length !== rank)
          throw new LangError(
            `${name}(undef, …) takes ${rank} size${rank === 1 ? '' : 's'}, but was given ${shape.length}`,
          )
        return zeros(shape)
      }
      if (args.length === 1) {
        const x = t(args[0], name)
        if (rank !== null && x.shape.length !== rank)
          throw new LangError(`${name}(x) converts a ${rank === 1 ? 'vector' : 'array'}, but got ${describe(args[0])}`)
        return x
      }
      throw new LangError(`${name} takes undef and the sizes, as in ${name}{Float64}(undef, 3), or an array to convert`)
    },
    { arity: [1, Infinity] },
  )
  return self
}

/**
 * An arithmetic operator as a function value: reduce(+, x), map(*, a, b), (+)(1, 2, 3). With
 * more than two arguments it folds from the left, as Julia's `+(a, b, c)` does.
 */
function operator(op: string): LangFunction {
  return builtin(
    op,
    ['x', 'y...'],
    (args) => {
      if (args.length === 1) {
        if (op === '-' || op === '+') return juliaUnary(op, false, args[0])
        throw new LangError(`${op} takes two arguments, as in (${op})(a, b), but was given one`)
      }
      return args.slice(1).reduce((acc, b) => juliaBinary(op, false, acc, b), args[0])
    },
    { arity: [1, Infinity] },
  )
}

/**
 * map(f, xs...): Julia's map over several collections at once walks them together, as zip
 * does, to the shortest; map(f, xs) over one is the core map (which keeps a matrix's shape).
 */
const MAP: LangFunction = builtin(
  'map',
  ['f', 'xs...'],
  (args) => {
    const core = BUILTINS.get('map')!
    if (args.length === 2) return core.call(args)
    const f = fn(args[0], 'map', 'a function first, as in map(+, a, b)')
    const lists = args.slice(1).map((c) => elements(c, 'map'))
    const n = Math.min(...lists.map((l) => l.length))
    if (n === 0) return vector([])
    const out = Array.from({ length: n }, (_, i) => {
      const y = f.call(lists.map((l) => l[i]))
      if (!isValue(y))
        throw new LangError(`map: ${f.name} must return a number or an array, but it returned ${describe(y)}`)
      return y
    })
    return ops.stack(out)
  },
  { arity: [2, Infinity] },
)

export const FOLD_BUILTINS: readonly LangFunction[] = [
  MAP,
  ...['+', '-', '*', '/', '^', '\\'].map(operator),
  folding('reduce', false, false),
  folding('foldl', false, false),
  folding('foldr', false, true),
  folding('mapreduce', true, false),
  folding('mapfoldl', true, false),
  folding('mapfoldr', true, true),
  quantifier('all'),
  quantifier('any'),
  // similar(x): an array of x's shape to fill in (Julia leaves it uninitialised; here zeros).
  builtin(
    'similar',
    ['x', 'dims...'],
    ([x, ...rest]) => {
      const dims = withoutType(rest)
      if (dims.length === 0) return zeros(t(x, 'similar').shape)
      return zeros(shapeArgs(dims.length === 1 && isTuple(dims[0]) ? [...dims[0].items] : dims, 'similar'))
    },
    { arity: [1, Infinity] },
  ),
  builtin('eltype', ['x'], ([x]) => {
    if (isValue(x) || isTuple(x) || isNumberType(x)) return FLOAT64
    throw new LangError(`eltype takes an array or a number, not ${describe(x)}`)
  }),
  builtin('convert', ['T', 'x'], ([T, x]) => {
    if (!isFunction(T))
      throw new LangError(`convert needs a type first, as in convert(Float64, x), but got ${describe(T)}`)
    return T.call([x])
  }),
  arrayType('Vector', 1),
  arrayType('Array', null),
]

/** `undef` itself, as a name. */
export const UNDEF_VALUE: LangValue = UNDEF
