/**
 * Zygote's and ForwardDiff's transforms with their own return conventions, for Julia cells:
 * Zygote's `gradient(f, x...)` is a tuple with one entry per argument, `jacobian` a tuple of
 * matrices, `pullback` a tuple `(y, back)` whose `back(ȳ)` is a tuple again; ForwardDiff returns
 * arrays. Functions of several arguments are differentiated by packing their arguments into one
 * vector around the core transforms (engine/transforms/), so nesting works as in `ad` cells.
 * Jacobians and Hessians of arrays follow Julia's linear indexing: entry (i, j) is the
 * derivative of vec(y)[i] by vec(x)[j], the columns of a matrix one after another.
 */
import type { Value } from '../../ad/value.ts'
import { isValue } from '../../ad/value.ts'
import { NonScalarOutputError } from '../../errors.ts'
import * as ops from '../../ops/index.ts'
import type { Shape } from '../../tensor/tensor.ts'
import { describeShape, scalar, sizeOf } from '../../tensor/tensor.ts'
import type { Fn } from '../../transforms/index.ts'
import * as T from '../../transforms/index.ts'
import { builtin } from '../args.ts'
import { t } from '../builtinArgs.ts'
import { LangError } from '../errors.ts'
import { withChunk } from '../transformOptions.ts'
import type { LangFunction, LangRecord, LangValue } from '../values.ts'
import { structTangent } from './structs.ts'
import { describe, isFunction, isRecord, isTuple, tuple } from '../values.ts'

/** The learner's function, or a message naming the builtin and what it needs. */
function fnArg(f: LangValue, who: string, usage: string): LangFunction {
  if (!isFunction(f)) throw new LangError(`${who} needs a function first, as in ${usage}, but got ${describe(f)}`)
  return f
}

/** What the function's name is in a suggestion: its own name, or `f` for an anonymous one. */
const nameOf = (f: LangFunction): string => (/^[\p{L}_][\p{L}\p{N}_!]*$/u.test(f.name) ? f.name : 'f')

/** f's value at the arguments, which must be a number or an array to be differentiated. */
function output(f: LangFunction, args: LangValue[], who: string): Value {
  const y = f.call(args)
  if (typeof y === 'boolean') return t(y, who)
  if (!isValue(y))
    throw new LangError(
      `${who}: ${f.name} must return a number or an array to be differentiated, but returned ${describe(y)}`,
    )
  return y
}

/**
 * The arguments as one point to differentiate at. One array (or number) is the point itself;
 * several, and those inside tuples and named tuples, are flattened (column-major, as Julia's vec)
 * into one vector, and `unpack` rebuilds the arguments from it, tuples included, so that a
 * gradient with respect to a tuple is a tuple, as Zygote gives. Arguments that are not numbers
 * or arrays (a function, a string) are passed as they are and get `nothing` as their derivative.
 */
interface Packed {
  point: Value
  /** The arguments with the point put back in. */
  unpack(z: Value): LangValue[]
  /** A value shaped like the point, split into one entry per argument (nothing for constants). */
  split(g: Value): LangValue[]
}

/** A tuple or a named tuple: Zygote differentiates through their numbers and arrays. */
const isStructure = (v: LangValue): v is LangRecord =>
  isTuple(v) || (isRecord(v) && (v.tag === 'record' || v.type !== undefined)) // a struct's fields too (structs.ts)

/** The numbers and arrays inside v, in order (v itself, or the items of a (named) tuple). */
function leaves(v: LangValue, structured: boolean): Value[] {
  if (isValue(v)) return [v]
  if (structured && isStructure(v))
    return [...(isTuple(v) ? v.items : v.fields.values())].flatMap((x) => leaves(x, true))
  return []
}

/** v with its leaves replaced in order by next(), and anything else by other(x). */
function rebuild(v: LangValue, structured: boolean, next: () => Value, other: (x: LangValue) => LangValue): LangValue {
  if (isValue(v)) return next()
  if (!structured || !isStructure(v)) return other(v)
  const inner = (x: LangValue) => rebuild(x, true, next, other)
  if (isTuple(v)) return tuple(v.items.map(inner))
  return { ...v, fields: new Map([...v.fields].map(([k, x]) => [k, inner(x)])) }
}

function pack(args: LangValue[], who: string, structured = true): Packed {
  const all = args.flatMap((a) => leaves(a, structured))
  if (all.length === 0)
    throw new LangError(
      `${who} needs a number or an array to differentiate at, but got ${args.map(describe).join(', ') || 'nothing'}`,
    )
  const direct = args.findIndex(isValue)
  if (all.length === 1 && direct >= 0) {
    // One array or number among the arguments: it is the point itself, shape and all.
    return {
      point: args[direct] as Value,
      unpack: (z) => args.map((a, k) => (k === direct ? z : a)),
      split: (g) => args.map((_, k) => (k === direct ? g : undefined)),
    }
  }
  const shapes = all.map((v) => v.shape)
  const starts = shapes.map((_, k) => shapes.slice(0, k).reduce((n, s) => n + sizeOf(s), 0))
  const pieces = (z: Value) =>
    shapes.map((s, k) => {
      const idx = Array.from({ length: sizeOf(s) }, (_, j) => starts[k]! + j)
      return ops.reshapeColumns(ops.getindex(z, [idx]), s)
    })
  const put = (values: Value[], other: (x: LangValue) => LangValue) => {
    let k = 0
    return args.map((a) => rebuild(a, structured, () => values[k++]!, other))
  }
  return {
    point: ops.concat(
      all.map((v) => ops.reshapeColumns(v, [sizeOf(v.shape)])),
      0,
    ),
    unpack: (z) => put(pieces(z), (x) => x),
    split: (g) => put(pieces(g), () => undefined).map(structTangent), // a struct's is a named tuple, as Zygote's
  }
}

/** f as an engine function of the packed point. */
const packedFn =
  (f: LangFunction, p: Packed, who: string): Fn =>
  (z) =>
    output(f, p.unpack(z), who)

/**
 * `gradient(f)` alone: the gradient needs a point, and the gradient of a gradient (what the
 * learner meant by gradient(gradient(f), x)) is the Hessian.
 */
function missingPoint(who: string, f: LangValue): LangError {
  const g = isFunction(f) ? nameOf(f) : 'f'
  return new LangError(
    `${who} takes a function and a point, as in ${who}(${g}, x), but was given 1 argument: ${who}(${g}) needs a point. ` +
      `The gradient of a gradient is the Jacobian of the gradient, jacobian(x -> gradient(${g}, x)[1], x)[1], ` +
      `which is the Hessian, also hessian(${g}, x).`,
  )
}

// -----------------------------------------------------------------------------------------------
// Zygote

/** Zygote.gradient(f, x...): a tuple with the gradient for each argument. */
export function zygoteGradient(who: string): LangFunction {
  return builtin(
    who,
    ['f', 'x', '...'],
    ([f, ...args]) => {
      if (args.length === 0) throw missingPoint(who, f)
      const fn = fnArg(f, who, `${who}(f, x)`)
      const p = pack(args, who)
      return tuple(p.split(T.gradient(packedFn(fn, p, who), p.point, who)))
    },
    { arity: [1, Infinity] },
  )
}

/** Zygote.withgradient(f, x...): the value and the gradients, as the named tuple (val, grad). */
export function zygoteWithGradient(who: string): LangFunction {
  return builtin(
    who,
    ['f', 'x', '...'],
    ([f, ...args]) => {
      const fn = fnArg(f, who, `${who}(f, x)`)
      const p = pack(args, who)
      const { value, back } = T.pullback(packedFn(fn, p, who), p.point)
      // T.gradient's check, so that a vector output gets the same message as from gradient.
      const grad = value.shape.length === 0 ? back(scalar(1)) : T.gradient(packedFn(fn, p, who), p.point, who)
      const items = [value, tuple(p.split(grad))]
      return {
        kind: 'record',
        tag: 'tuple',
        fields: new Map([
          ['val', items[0]],
          ['grad', items[1]],
        ]),
        items,
      }
    },
    { arity: [2, Infinity] },
  )
}

/** Zygote.pullback(f, x...): (y, back), and back(ȳ) is a tuple with one entry per argument. */
export function zygotePullback(who: string): LangFunction {
  return builtin(
    who,
    ['f', 'x', '...'],
    ([f, ...args]) => {
      const fn = fnArg(f, who, `${who}(f, x)`)
      const p = pack(args, who)
      const { value, back } = T.pullback(packedFn(fn, p, who), p.point)
      return tuple([value, builtin('back', ['ȳ'], ([v]) => tuple(p.split(back(t(v, 'back')))))])
    },
    { arity: [2, Infinity] },
  )
}

/**
 * Zygote.jacobian(f, x...): a tuple with, for each array argument, the matrix of ∂vec(y)[k] /
 * ∂vec(x)[i]; for a number argument the vector of ∂y[k]/∂x; a number y gives one row.
 */
export function zygoteJacobian(who: string): LangFunction {
  return withChunk(who, ['f', 'x', '...'], [1, Infinity], ([f, ...args], o) => {
    if (args.length === 0) throw missingPoint(who, f)
    const fn = fnArg(f, who, `${who}(f, x)`)
    const columns = args.map((a) => (isValue(a) ? ops.reshapeColumns(a, [sizeOf(a.shape)]) : a))
    const p = pack(columns, who, false)
    const shapes = args.map((a) => (isValue(a) ? a.shape : []))
    const vecOut = (z: Value) => {
      const y = output(
        fn,
        p.unpack(z).map((v, i) => (isValue(v) ? ops.reshapeColumns(v, shapes[i]!) : v)),
        who,
      )
      return ops.reshapeColumns(y, [sizeOf(y.shape)])
    }
    // Zygote's jacobian is reverse mode: one pullback per output (a row each), unless a chunk
    // is asked for (then a chunk of rows per sweep).
    const J = T.jacrev(vecOut, p.point, undefined, { chunk: 1, ...o }) // length(y) × (the packed length)
    const rows = J.shape[0]!
    let start = 0
    return tuple(
      args.map((a) => {
        if (!isValue(a)) return undefined
        const n = sizeOf(a.shape)
        const cols = Array.from({ length: n }, (_, j) => start + j)
        start += n
        const block = ops.getindex(J, [Array.from({ length: rows }, (_, i) => i), cols])
        return a.shape.length === 0 ? ops.reshape(block, [rows]) : block
      }),
    )
  })
}

/**
 * Zygote.hessian(f, x): a number for a number x; for an array the matrix of ∂²f / ∂x[i]∂x[j]
 * by linear (column-major) index. The notebook's third argument chooses the method; the keyword
 * chunk how many columns one pass carries (Zygote.hessian is ForwardDiff over Zygote: chunks).
 */
export function hessianOf(who: string, method?: string): LangFunction {
  return withChunk(
    who,
    method === undefined ? ['f', 'x', 'method'] : ['f', 'x'],
    [1, method === undefined ? 3 : 2],
    ([f, x, m], o) => {
      if (x === undefined) throw missingPoint(who, f)
      const fn = fnArg(f, who, `${who}(f, x)`)
      if (m !== undefined && typeof m !== 'string')
        throw new LangError(
          `${who}: the method must be a string such as "forward-over-reverse", but got ${describe(m)}`,
        )
      const point = t(x, who)
      // Zygote.hessian_reverse is Zygote.jacobian of the gradient: one pullback per row.
      const chunk = method !== undefined ? { chunk: 1, ...o } : o
      if (point.shape.length === 0) return T.hessian((y) => output(fn, [y], who), point, m ?? method, chunk)
      return T.hessian(...linear(fn, point, who), m ?? method, chunk)
    },
  )
}

/** f as a function of vec(x), and vec(x): derivatives by Julia's linear index. */
function linear(f: LangFunction, x: Value, who: string): [Fn, Value] {
  const shape: Shape = x.shape
  return [(z) => output(f, [ops.reshapeColumns(z, shape)], who), ops.reshapeColumns(x, [sizeOf(shape)])]
}

// -----------------------------------------------------------------------------------------------
// ForwardDiff: arrays, not tuples; one argument

/**
 * ForwardDiff's chunk when none is given (its pickchunksize): all n partials in one pass up to
 * its threshold of 12, else the fewest passes of at most 12, split evenly.
 */
function forwardDiffChunk(n: number, o: T.ChunkOptions): T.ChunkOptions {
  if (o.chunk !== undefined || n <= 12) return o.chunk !== undefined ? o : { chunk: Math.max(1, n) }
  return { chunk: Math.ceil(n / Math.ceil(n / 12)) }
}

function arrayPoint(x: LangValue, who: string, instead: string): Value {
  const point = t(x, who)
  if (point.shape.length === 0)
    throw new LangError(`${who} needs an array x, but got a number: for a number use ${instead}`)
  return point
}

/** ForwardDiff.derivative(f, x): f'(x) for a number x; a number, or an array for an array-valued f. */
export function forwardDerivative(who: string): LangFunction {
  return builtin(who, ['f', 'x'], ([f, x]) => {
    const fn = fnArg(f, who, `${who}(f, x)`)
    const point = t(x, who)
    if (point.shape.length !== 0)
      throw new LangError(
        `${who} is for functions of one number, but x is a ${describeShape(point.shape)}: use ForwardDiff.gradient(f, x) for a number-valued f, or ForwardDiff.jacobian(f, x)`,
      )
    return T.derivative((y) => output(fn, [y], who), point)
  })
}

/** ForwardDiff.gradient(f, x): an array shaped like x, by forward mode. */
export function forwardGradient(who: string): LangFunction {
  return withChunk(who, ['f', 'x'], [2, 2], ([f, x], o) => {
    const fn = fnArg(f, who, `${who}(f, x)`)
    const point = arrayPoint(x, who, `ForwardDiff.derivative(f, x)`)
    // Forward mode, as ForwardDiff: one pushforward per entry of x.
    const g = T.jacfwd((y) => output(fn, [y], who), point, undefined, forwardDiffChunk(sizeOf(point.shape), o))
    const extra = g.shape.length - point.shape.length
    if (extra > 0) {
      const shape = g.shape.slice(0, extra)
      throw new NonScalarOutputError(
        `${who} needs a function whose output is a single number, but ${fn.name} returns a ${describeShape(shape)}: use ForwardDiff.jacobian(${nameOf(fn)}, x)`,
        who,
        shape,
      )
    }
    return g
  })
}

/** ForwardDiff.jacobian(f, x): the length(y) × length(x) matrix, by columns (forward mode). */
export function forwardJacobian(who: string): LangFunction {
  return withChunk(who, ['f', 'x'], [2, 2], ([f, x], o) => {
    const fn = fnArg(f, who, `${who}(f, x)`)
    const point = arrayPoint(x, who, `ForwardDiff.derivative(f, x)`)
    const [g, z] = linear(fn, point, who)
    const vecOut: Fn = (v) => {
      const y = g(v)
      if (y.shape.length === 0)
        throw new LangError(
          `${who} needs f to return an array, but ${fn.name} returned a number: use ForwardDiff.gradient(${nameOf(fn)}, x)`,
        )
      return ops.reshapeColumns(y, [sizeOf(y.shape)])
    }
    return T.jacfwd(vecOut, z, undefined, forwardDiffChunk(sizeOf(z.shape), o))
  })
}

/** ForwardDiff.hessian(f, x): the length(x) × length(x) matrix, forward over forward. */
export function forwardHessian(who: string): LangFunction {
  return withChunk(who, ['f', 'x'], [2, 2], ([f, x], o) => {
    const fn = fnArg(f, who, `${who}(f, x)`)
    const point = arrayPoint(x, who, `ForwardDiff.derivative(x -> ForwardDiff.derivative(f, x), x)`)
    return T.hessian(...linear(fn, point, who), 'forward-over-forward', forwardDiffChunk(sizeOf(point.shape), o))
  })
}
