/**
 * More of NumPy's functions by name, as JAX code writes them: linspace, stack, concatenate,
 * max/min (whole or along an axis), argmax/argmin, zeros_like/ones_like, square, power; and
 * jax.tree_util.tree_map (jax.tree.map) and jax.lax.stop_gradient.
 */
import { Batched } from '../../ad/batching.ts'
import type { Value } from '../../ad/value.ts'
import { Box, concrete } from '../../ad/value.ts'
import * as ops from '../../ops/index.ts'
import { Tensor, scalar } from '../../tensor/tensor.ts'
import { checkElements } from '../../limits.ts'
import { builtin } from '../args.ts'
import { LangError } from '../errors.ts'
import type { LangValue } from '../values.ts'
import { describe, isFunction, isTuple, tensorOperand } from '../values.ts'
import { axisIn, moveAxis } from './axes.ts'
import { pyFunction } from './jax.ts'
import { leaves, rebuild } from './pytree.ts'

const arr = (v: LangValue, who: string): Value => tensorOperand(v, who)
const num = (v: LangValue, who: string): number => concrete(arr(v, who)).item()

/** The arrays of a list or tuple argument (stack, concatenate). */
function arrays(xs: LangValue, who: string): Value[] {
  if (!isTuple(xs) || xs.items.length === 0)
    throw new LangError(`${who} takes a list or tuple of arrays, as ${who}([a, b]), not ${describe(xs)}`)
  return xs.items.map((x) => arr(x, who))
}

const axisKeyword = (kw: Map<string, LangValue>, given: LangValue, who: string): number | null => {
  const a = kw.get('axis') ?? given
  return a === undefined ? null : num(a, who)
}

/** max or min of x, whole or along an axis (the axis dropped, or kept with keepdims). */
const extreme = (name: 'max' | 'min') =>
  pyFunction(
    `jnp.${name}`,
    ['x', 'axis'],
    ['axis', 'keepdims'],
    ([x, a], kw) => {
      const who = `jnp.${name}`
      const t = arr(x, who)
      const k = axisKeyword(kw, a, who)
      if (k === null) return name === 'max' ? ops.maximum(t) : ops.minimum(t)
      const axis = axisIn(k, t.shape.length, who, t.shape)
      const kept = ops.extremeKeep(t, [axis], name === 'max')
      return kw.get('keepdims') === true
        ? kept
        : ops.reshape(
            kept,
            t.shape.filter((_, d) => d !== axis),
          )
    },
    [1, 2],
  )

const argExtreme = (name: 'argmax' | 'argmin') =>
  builtin(`jnp.${name}`, ['x'], ([x]) => {
    const data = concrete(arr(x, `jnp.${name}`)).data
    if (data.length === 0) throw new LangError(`jnp.${name} of an empty array has no answer`)
    let best = 0
    for (let i = 1; i < data.length; i++)
      if (name === 'argmax' ? data[i]! > data[best]! : data[i]! < data[best]!) best = i
    return scalar(best)
  })

const like = (name: string, k: number) =>
  builtin(`jnp.${name}`, ['x'], ([x]) => ops.fill(scalar(k), arr(x, `jnp.${name}`).shape))

/** x without the derivatives of the transforms running around it (batching kept): a constant to them. */
export function stopGradient(x: Value): Value {
  let y = x
  while (y instanceof Box && !(y instanceof Batched)) y = y.primal
  return y
}

export const NUMPY_MORE: [string, LangValue][] = [
  [
    'linspace',
    pyFunction(
      'jnp.linspace',
      ['start', 'stop', 'num'],
      ['num', 'endpoint'],
      ([a, b, n], kw) => {
        const [start, stop] = [num(a, 'jnp.linspace'), num(b, 'jnp.linspace')]
        const count = num(kw.get('num') ?? n ?? scalar(50), 'jnp.linspace')
        if (!Number.isInteger(count) || count < 0)
          throw new LangError(`jnp.linspace: num must be a whole number ≥ 0, not ${count}`)
        checkElements([count], 'jnp.linspace')
        const steps = kw.get('endpoint') === false ? count : count - 1
        return new Tensor(
          [count],
          Float64Array.from({ length: count }, (_, i) => (steps === 0 ? start : start + ((stop - start) * i) / steps)),
        )
      },
      [2, 3],
    ),
  ],
  [
    'stack',
    pyFunction(
      'jnp.stack',
      ['arrays', 'axis'],
      ['axis'],
      ([xs, a], kw) => {
        const stacked = ops.stack(arrays(xs, 'jnp.stack'))
        const k = axisKeyword(kw, a, 'jnp.stack')
        return k === null ? stacked : moveAxis(stacked, 0, axisIn(k, stacked.shape.length, 'jnp.stack', stacked.shape))
      },
      [1, 2],
    ),
  ],
  [
    'concatenate',
    pyFunction(
      'jnp.concatenate',
      ['arrays', 'axis'],
      ['axis'],
      ([xs, a], kw) => {
        const parts = arrays(xs, 'jnp.concatenate')
        const k = axisKeyword(kw, a, 'jnp.concatenate') ?? 0
        return ops.concat(parts, axisIn(k, parts[0]!.shape.length, 'jnp.concatenate', parts[0]!.shape))
      },
      [1, 2],
    ),
  ],
  ['max', extreme('max')],
  ['min', extreme('min')],
  ['argmax', argExtreme('argmax')],
  ['argmin', argExtreme('argmin')],
  ['zeros_like', like('zeros_like', 0)],
  ['ones_like', like('ones_like', 1)],
  ['square', builtin('jnp.square', ['x'], ([x]) => ops.mul(arr(x, 'jnp.square'), arr(x, 'jnp.square')))],
  [
    'power',
    builtin('jnp.power', ['x', 'y'], ([x, y]) =>
      ops.broadcasting(ops.pow, '**', 'right')(arr(x, 'jnp.power'), arr(y, 'jnp.power')),
    ),
  ],
]

/** jax.tree_util.tree_map(f, tree, *rest): f applied leaf by leaf, the trees' leaves side by side. */
export const treeMap = builtin(
  'jax.tree_util.tree_map',
  ['f', 'tree', 'rest...'],
  ([f, tree, ...rest]) => {
    if (!isFunction(f))
      throw new LangError(`tree_map needs a function first, as tree_map(f, params), not ${describe(f)}`)
    const columns = [tree, ...rest].map((t) => leaves(t))
    const n = columns[0]!.length
    if (columns.some((c) => c.length !== n))
      throw new LangError('tree_map: the trees must have the same structure (the same number of arrays)')
    let k = 0
    return rebuild(tree, () => {
      const i = k++
      return arr(f.call(columns.map((c) => c[i]!)), 'tree_map')
    })
  },
  { arity: [2, Infinity] },
)
