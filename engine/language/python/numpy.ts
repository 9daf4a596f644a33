/**
 * `jax.numpy` (and `numpy`): NumPy's functions by name on the engine's arrays, with NumPy's
 * conventions: `axis` counts from 0 (negatives from the end), shapes broadcast from the right,
 * `arange` excludes its stop. Where a core builtin already means the same, it is that builtin.
 */
import type { Value } from '../../ad/value.ts'
import { concrete, isValue } from '../../ad/value.ts'
import * as ops from '../../ops/index.ts'
import { Tensor, describeShape, scalar } from '../../tensor/tensor.ts'
import { builtin } from '../args.ts'
import { BUILTINS } from '../builtins.ts'
import { checkElements } from '../../limits.ts'
import { LangError } from '../errors.ts'
import type { LangValue } from '../values.ts'
import { describe, isTuple, tensorOperand, tuple } from '../values.ts'
import { pyFunction } from './jax.ts'
import { NUMPY_MORE } from './numpyMore.ts'
import { NN_ELEMENTWISE, NUMPY_ELEMENTWISE } from './elementwise.ts'
import { NN_ARRAYS, NUMPY_ARRAYS } from './arrays.ts'

const arr = (v: LangValue, who: string): Value => tensorOperand(v, who)
const int = (v: LangValue, who: string): number => {
  const x = concrete(arr(v, who))
  if (x.shape.length !== 0 || !Number.isInteger(x.item()))
    throw new LangError(`${who} needs a whole number, not ${describe(v)}`)
  return x.item()
}

/** A shape given as a number or a tuple of numbers (torch.ones checks its sizes with it too). */
export function shapeOf(v: LangValue, who: string): number[] {
  const shape = isTuple(v) ? v.items.map((d) => int(d, who)) : [int(v, who)]
  return checkedShape(shape, who)
}

/** A shape's sizes are not negative, and its elements within the limit, before it is allocated. */
function checkedShape(shape: number[], who: string): number[] {
  const negative = shape.find((d) => d < 0)
  if (negative !== undefined) throw new LangError(`${who}: a size cannot be negative, and ${negative} is`)
  checkElements(shape, who)
  return shape
}

/** An axis keyword, 0-based, negatives from the end; absent or None means every axis. */
function axisOf(kw: Map<string, LangValue>, x: Value, who: string): number | null {
  const a = kw.get('axis')
  if (a === undefined) return null
  const k = int(a, who)
  const axis = k < 0 ? k + x.shape.length : k
  if (axis < 0 || axis >= x.shape.length)
    throw new LangError(`${who}: axis ${k} is out of range for a ${describeShape(x.shape)}`)
  return axis
}

function reduction(name: string, f: (x: Value, axis: number | null) => Value) {
  return pyFunction(`jnp.${name}`, ['x'], ['axis'], ([x], kw) => {
    const t = arr(x, `jnp.${name}`)
    return f(t, axisOf(kw, t, `jnp.${name}`))
  })
}

const elementwise2 = (name: string, f: (a: Value, b: Value) => Value) =>
  builtin(`jnp.${name}`, ['a', 'b'], ([a, b]) => ops.broadcasting(f, name, 'right')(arr(a, name), arr(b, name)))

const where = builtin('jnp.where', ['condition', 'x', 'y'], ([c, a, b]) => {
  const [cc, x, y] = ops.stretched(
    'jnp.where',
    [arr(c, 'jnp.where'), arr(a, 'jnp.where'), arr(b, 'jnp.where')],
    'right',
  )
  return ops.ifelse(cc!, x!, y!)
})

function arange(args: LangValue[]): Value {
  const [start, stop, step] =
    args.length === 1 ? [0, int(args[0], 'jnp.arange'), 1] : args.map((a) => concrete(arr(a, 'jnp.arange')).item())
  return stepped(start!, stop!, step ?? 1, 'jnp.arange')
}

/**
 * start, start + step, ... up to stop, excluded (Python's range, NumPy's arange). The length is
 * checked against the limit before anything is allocated: range(10 ** 12) is refused.
 */
export function stepped(start: number, stop: number, step: number, who: string): Value {
  if (step === 0) throw new LangError(`${who}: the step cannot be 0`)
  if (![start, stop, step].every(Number.isFinite))
    throw new LangError(`${who} needs finite numbers for its start, stop and step`)
  const n = Math.max(0, Math.ceil((stop - start) / step))
  checkElements([n], who)
  return new Tensor(
    [n],
    Float64Array.from({ length: n }, (_, k) => start + k * step),
  )
}

/** x reshaped as NumPy does (row-major), one size may be -1: whatever the others leave. */
export function reshaped(x: Value, shape: LangValue, who: string): Value {
  // A tuple, one number, or a list of numbers ([1, -1], which a cell makes a vector).
  const listed =
    isValue(shape) && shape.shape.length === 1 ? Array.from(concrete(shape).data).map((d) => scalar(d)) : null
  const sizes = (listed ?? (isTuple(shape) ? shape.items : [shape])).map((d) => int(d, who))
  const free = sizes.filter((d) => d === -1).length
  const known = sizes.filter((d) => d !== -1).reduce((n, d) => n * d, 1)
  const n = x.shape.reduce((m, d) => m * d, 1)
  if (
    free > 1 ||
    sizes.some((d) => d < -1) ||
    (free === 1 && (known === 0 || n % known !== 0)) ||
    (free === 0 && known !== n)
  )
    throw new LangError(`${who}: cannot reshape a ${describeShape(x.shape)} (${n} elements) into (${sizes.join(', ')})`)
  return ops.reshape(
    x,
    sizes.map((d) => (d === -1 ? n / known : d)),
  )
}

function array(v: LangValue): LangValue {
  if (isValue(v)) return v
  if (typeof v === 'boolean') return scalar(v ? 1 : 0)
  if (isTuple(v)) return ops.stack(v.items.map((x) => arr(array(x), 'jnp.array')))
  throw new LangError(`jnp.array needs numbers, lists or tuples, not ${describe(v)}`)
}

const core = (name: string, as = name): [string, LangValue] => {
  const f = BUILTINS.get(name)
  if (f === undefined) throw new Error(`core builtin ${name} is missing`)
  return [as, f]
}

/** A square matrix argument of a jnp.linalg function. */
function square(v: LangValue, who: string): Value {
  const A = arr(v, who)
  if (A.shape.length !== 2 || A.shape[0] !== A.shape[1])
    throw new LangError(`${who} takes a square matrix, but got ${describe(v)}`)
  return A
}

const linalg: [string, LangValue][] = [
  core('norm'),
  core('det'),
  core('inv'),
  // solve(a, b): x with a @ x = b, for b a vector or a matrix of right-hand sides (as Julia's a \ b here).
  [
    'solve',
    builtin('jnp.linalg.solve', ['a', 'b'], ([a, b]) => {
      const A = square(a!, 'jnp.linalg.solve')
      const B = arr(b!, 'jnp.linalg.solve')
      if (B.shape.length === 0 || B.shape[0] !== A.shape[0])
        throw new LangError(`jnp.linalg.solve: b needs ${A.shape[0]} rows, like a, but got ${describe(b!)}`)
      return ops.matmul(ops.inv(A), B)
    }),
  ],
  // slogdet(a): (sign, log|det a|), as NumPy returns them; differentiable in log|det|.
  [
    'slogdet',
    builtin('jnp.linalg.slogdet', ['a'], ([a]) => {
      const { value, sign } = ops.logabsdet(square(a!, 'jnp.linalg.slogdet'))
      return tuple([sign, value])
    }),
  ],
]

export const NUMPY_MEMBERS: [string, LangValue][] = [
  ...['exp', 'log', 'sin', 'cos', 'tan', 'tanh', 'sqrt', 'abs', 'sign', 'log1p', 'expm1', 'cumsum', 'kron'].map((n) =>
    core(n),
  ),
  [
    'dot',
    builtin('jnp.dot', ['a', 'b'], ([a, b]) => {
      const x = arr(a, 'jnp.dot')
      const y = arr(b, 'jnp.dot')
      if (x.shape.length === 0 || y.shape.length === 0) return ops.mul(x, y)
      return x.shape.length === 1 && y.shape.length === 1
        ? ops.sum(ops.mul(x, y))
        : x.shape.length === 1
          ? ops.matmul(y, x, true)
          : ops.matmul(x, y)
    }),
  ],
  ['sum', reduction('sum', (x, axis) => ops.sum(x, axis))],
  ['mean', reduction('mean', (x, axis) => ops.mean(x, axis))],
  ['where', where],
  ['maximum', elementwise2('maximum', (a, b) => ops.ifelse(ops.ge(a, b), a, b))],
  ['minimum', elementwise2('minimum', (a, b) => ops.ifelse(ops.le(a, b), a, b))],
  [
    'outer',
    builtin('jnp.outer', ['a', 'b'], ([a, b]) => {
      const x = arr(a, 'jnp.outer')
      const y = arr(b, 'jnp.outer')
      return ops.matmul(
        ops.reshape(x, [x.shape.length ? x.shape[0]! : 1, 1]),
        ops.reshape(y, [1, y.shape.length ? y.shape[0]! : 1]),
      )
    }),
  ],
  ['transpose', builtin('jnp.transpose', ['x'], ([x]) => ops.reverseAxes(arr(x, 'jnp.transpose')))],
  ['reshape', builtin('jnp.reshape', ['x', 'shape'], ([x, s]) => reshaped(arr(x, 'jnp.reshape'), s, 'jnp.reshape'))],
  ['array', builtin('jnp.array', ['x'], ([x]) => array(x))],
  ['asarray', builtin('jnp.asarray', ['x'], ([x]) => array(x))],
  ['zeros', pyFunction('jnp.zeros', ['shape'], ['dtype'], ([s]) => ops.fill(scalar(0), shapeOf(s!, 'jnp.zeros')))],
  ['ones', pyFunction('jnp.ones', ['shape'], ['dtype'], ([s]) => ops.fill(scalar(1), shapeOf(s!, 'jnp.ones')))],
  [
    'eye',
    builtin('jnp.eye', ['n'], ([n]) => {
      const k = int(n, 'jnp.eye')
      checkedShape([k, k], 'jnp.eye')
      const data = new Float64Array(k * k)
      for (let i = 0; i < k; i++) data[i * k + i] = 1
      return new Tensor([k, k], data)
    }),
  ],
  ['arange', builtin('jnp.arange', ['start', 'stop', 'step'], arange, { arity: [1, 3] })],
  ['linalg', { kind: 'record', tag: 'module jax.numpy.linalg', fields: new Map(linalg) }],
  ...NUMPY_MORE,
  ...NUMPY_ELEMENTWISE,
  ...NUMPY_ARRAYS,
  ['pi', scalar(Math.PI)],
  ['e', scalar(Math.E)],
]

export const NN_MEMBERS: [string, LangValue][] = [
  core('softmax'),
  core('sigmoid'),
  core('relu'),
  core('logsumexp'),
  core('tanh'),
  ...NN_ELEMENTWISE.filter(([n]) => n !== 'sigmoid'),
  ...NN_ARRAYS,
]
