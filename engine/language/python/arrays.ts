/**
 * More of NumPy's array functions by NumPy's names (full, identity, hstack, vstack, ravel, diag,
 * diagonal, trace, matmul, vdot, inner, var, std, amax/amin, sinc, the dtype names), jax.nn's
 * log_softmax, and the torch.nn.functional / tf.nn / tf.linalg members examples call, all
 * compositions of the engine's operations (so their derivatives follow by the chain rule).
 */
import type { Value } from '../../ad/value.ts'
import { concrete } from '../../ad/value.ts'
import * as ops from '../../ops/index.ts'
import { builtin } from '../args.ts'
import { LangError } from '../errors.ts'
import type { LangRecord, LangValue } from '../values.ts'
import { describe, isTuple, tensorOperand } from '../values.ts'
import { unaryFunction, softplus } from './elementwise.ts'
import { pyFunction } from './jax.ts'

const arr = (v: LangValue, who: string): Value => tensorOperand(v, who)

/** The arrays of a list or tuple argument. */
function arrays(xs: LangValue, who: string): Value[] {
  if (!isTuple(xs) || xs.items.length === 0)
    throw new LangError(`${who} takes a list or tuple of arrays, as ${who}([a, b]), not ${describe(xs)}`)
  return xs.items.map((x) => arr(x, who))
}

/** x with at least two axes: a vector becomes one row (NumPy's atleast_2d, which vstack uses). */
const atLeast2d = (x: Value): Value =>
  x.shape.length >= 2 ? x : ops.reshape(x, [1, x.shape.length === 0 ? 1 : x.shape[0]!])

/** Variance along every axis, or one; ddof as NumPy's (0: divide by n). */
const variance = (who: string, root = false) =>
  pyFunction(who, ['x'], ['axis', 'ddof', 'keepdims', 'dtype'], ([x], kw) => {
    const t = arr(x!, who)
    const a = kw.get('axis')
    const axis = a === undefined || a === null ? null : concrete(arr(a, who)).item()
    const k = axis !== null && axis < 0 ? axis + t.shape.length : axis
    if (k !== null && (!Number.isInteger(k) || k < 0 || k >= t.shape.length))
      throw new LangError(`${who}: axis ${axis} is out of range for this array`)
    const n = k === null ? t.shape.reduce((m, d) => m * d, 1) : t.shape[k]!
    const ddof = kw.has('ddof') ? concrete(arr(kw.get('ddof')!, who)).item() : 0
    const kept =
      k === null
        ? ops.mean(t)
        : ops.reshape(
            ops.mean(t, k),
            t.shape.map((d, i) => (i === k ? 1 : d)),
          )
    const squares = ops.abs2(ops.broadcasting(ops.sub, '-', 'right')(t, kept))
    const total = k === null ? ops.sum(squares) : ops.sum(squares, k)
    const v = ops.div(total, n - ddof)
    return root ? ops.sqrt(v) : v
  })

const matmul = (who: string) =>
  builtin(who, ['a', 'b'], ([a, b]) => {
    const [x, y] = [arr(a, who), arr(b, who)]
    if (x.shape.length === 0 || y.shape.length === 0)
      throw new LangError(`${who} needs arrays with at least one axis; for numbers use *`)
    if (x.shape.length === 1 && y.shape.length === 1) return ops.sum(ops.mul(x, y))
    if (x.shape.length === 1) return ops.reshape(ops.matmul(ops.reshape(x, [1, x.shape[0]!]), y), [y.shape[1]!])
    return ops.matmul(x, y)
  })

const size = (x: Value): number => x.shape.reduce((m, d) => m * d, 1)

/** Σ xᵢyᵢ over every element (vdot flattens; inner of two vectors is the same). */
const vdot = (who: string) =>
  builtin(who, ['a', 'b'], ([a, b]) => {
    const [x, y] = [arr(a, who), arr(b, who)]
    if (size(x) !== size(y)) throw new LangError(`${who} needs two arrays with as many elements`)
    return ops.sum(ops.mul(ops.reshape(x, [size(x)]), ops.reshape(y, [size(y)])))
  })

const fn = (who: string, params: string[], f: (xs: Value[]) => Value) =>
  builtin(who, params, (xs) => f(xs.map((x) => arr(x, who))))

/** log softmax along the last axis (or all of a vector): x - logsumexp(x). */
const logSoftmax = (x: Value): Value =>
  x.shape.length <= 1 ? ops.sub(x, ops.logsumexp(x)) : ops.sub(x, ops.logsumexpAlong(x, [x.shape.length - 1]))

const softmax = (x: Value): Value => (x.shape.length <= 1 ? ops.softmax(x) : ops.softmaxAlong(x, [x.shape.length - 1]))

/** sin(πx)/(πx), 1 at 0 (0 kept out of the division, so the slope there is 0). */
const sinc = (x: Value): Value => {
  const zero = ops.eq(x, 0)
  const safe = ops.ifelse(zero, 1, x)
  return ops.ifelse(zero, 1, ops.div(ops.sinpi(safe), ops.mul(Math.PI, safe)))
}

/** A module: its members by name. */
export const module = (name: string, members: [string, LangValue][]): LangRecord => ({
  kind: 'record',
  tag: `module ${name}`,
  fields: new Map(members),
})

export const NUMPY_ARRAYS: [string, LangValue][] = [
  [
    'full',
    pyFunction('jnp.full', ['shape', 'fill_value'], ['dtype'], ([s, v]) => {
      const dims = isTuple(s)
        ? s.items.map((d) => concrete(arr(d, 'jnp.full')).item())
        : [concrete(arr(s!, 'jnp.full')).item()]
      return ops.add(ops.fill(ops.mul(0, arr(v!, 'jnp.full')), dims), arr(v!, 'jnp.full'))
    }),
  ],
  [
    'hstack',
    builtin('jnp.hstack', ['arrays'], ([xs]) => {
      const parts = arrays(xs!, 'jnp.hstack')
      return ops.concat(parts, parts[0]!.shape.length <= 1 ? 0 : 1)
    }),
  ],
  ['vstack', builtin('jnp.vstack', ['arrays'], ([xs]) => ops.concat(arrays(xs!, 'jnp.vstack').map(atLeast2d), 0))],
  ['ravel', fn('jnp.ravel', ['x'], ([x]) => ops.reshape(x!, [size(x!)]))],
  ['diagonal', fn('jnp.diagonal', ['x'], ([x]) => ops.diag(x!))],
  ['diag', fn('jnp.diag', ['x'], ([x]) => (x!.shape.length === 1 ? ops.diagm(x!) : ops.diag(x!)))],
  ['trace', fn('jnp.trace', ['x'], ([x]) => ops.trace(x!))],
  ['matmul', matmul('jnp.matmul')],
  ['vdot', vdot('jnp.vdot')],
  ['inner', vdot('jnp.inner')],
  ['var', variance('jnp.var')],
  ['std', variance('jnp.std', true)],
  ['sinc', unaryFunction('jnp.sinc', sinc)],
  ['amax', fn('jnp.amax', ['x'], ([x]) => ops.maximum(x!))],
  ['amin', fn('jnp.amin', ['x'], ([x]) => ops.minimum(x!))],
  ['float32', 'float32'],
  ['float64', 'float64'],
]

export const NN_ARRAYS: [string, LangValue][] = [
  ['log_softmax', fn('jax.nn.log_softmax', ['x'], ([x]) => logSoftmax(x!))],
]

const nnMembers = (prefix: string): [string, LangValue][] => [
  ['relu', fn(`${prefix}.relu`, ['x'], ([x]) => ops.relu(x!))],
  ['sigmoid', fn(`${prefix}.sigmoid`, ['x'], ([x]) => ops.sigmoid(x!))],
  ['tanh', fn(`${prefix}.tanh`, ['x'], ([x]) => ops.tanh(x!))],
  ['softplus', fn(`${prefix}.softplus`, ['x'], ([x]) => softplus(x!))],
]

/** torch.nn.functional (dim must be given to softmax, as torch warns; the last axis here). */
export const TORCH_NN = module('torch.nn', [
  [
    'functional',
    module('torch.nn.functional', [
      ...nnMembers('torch.nn.functional'),
      [
        'softmax',
        pyFunction(
          'torch.nn.functional.softmax',
          ['input', 'dim'],
          ['dim'],
          ([x]) => softmax(arr(x!, 'softmax')),
          [1, 2],
        ),
      ],
      [
        'log_softmax',
        pyFunction(
          'torch.nn.functional.log_softmax',
          ['input', 'dim'],
          ['dim'],
          ([x]) => logSoftmax(arr(x!, 'log_softmax')),
          [1, 2],
        ),
      ],
    ]),
  ],
])

export const TF_NN = module('tensorflow.nn', [
  ...nnMembers('tf.nn'),
  ['softmax', fn('tf.nn.softmax', ['logits'], ([x]) => softmax(x!))],
  ['log_softmax', fn('tf.nn.log_softmax', ['logits'], ([x]) => logSoftmax(x!))],
])

export const TORCH_MORE: [string, LangValue][] = [
  ['nn', TORCH_NN],
  [
    'outer',
    fn('torch.outer', ['a', 'b'], ([a, b]) =>
      ops.matmul(ops.reshape(a!, [size(a!), 1]), ops.reshape(b!, [1, size(b!)])),
    ),
  ],
  ['trace', fn('torch.trace', ['x'], ([x]) => ops.trace(x!))],
]

export const TF_LINALG: [string, LangValue][] = [
  ['det', fn('tf.linalg.det', ['input'], ([x]) => ops.det(x!))],
  ['inv', fn('tf.linalg.inv', ['input'], ([x]) => ops.inv(x!))],
  ['trace', fn('tf.linalg.trace', ['x'], ([x]) => ops.trace(x!))],
]

/** tf.reduce_prod and tf.norm (of every element), whole-tensor forms. */
export const TF_MORE: [string, LangValue][] = [
  ['reduce_prod', fn('tf.reduce_prod', ['input_tensor'], ([x]) => ops.prod(x!))],
  ['norm', fn('tf.norm', ['tensor'], ([x]) => ops.sqrt(ops.sum(ops.abs2(x!))))],
]
