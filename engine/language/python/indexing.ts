/**
 * NumPy's indexing beyond the tree's own `x[i, j]`, which the front-end lowers to calls of these
 * when an index holds `None` or `...`, or when it is JAX's functional update:
 *  - `x[None]`, `x[:, None]`, `x[..., None]`: each None is a new axis of length 1 in the result,
 *    where it stands among the result's axes; `...` stands for as many whole slices as the
 *    array has axes left over (NumPy's indexing rules);
 *  - `x.at[i].set(v)`, `.add(v)`, `.mul(v)`, `.get()` (and subtract, divide, power, min, max): a
 *    new array with the selected entries replaced, increased or multiplied (JAX's `jax.Array.at`); x is unchanged, and
 *    derivatives flow to the entries kept and to v. Repeated indices accumulate in add and mul,
 *    as JAX's scatter does.
 * The pieces arrive as values (a `slice(...)` record for a:b:c, None for a new axis, Ellipsis);
 * the selection itself is the interpreter's Python indexing (language/arrays.ts), run on
 * placeholders that stand for those values.
 */
import type { Value } from '../../ad/value.ts'
import { concrete, isValue } from '../../ad/value.ts'
import * as ops from '../../ops/index.ts'
import { Tensor, describeShape, scalar, zeros } from '../../tensor/tensor.ts'
import { builtin } from '../args.ts'
import { indexInto } from '../arrays.ts'
import { LangError } from '../errors.ts'
import type { Expr, Index, Range } from '../syntax/tree.ts'
import type { LangRecord, LangValue } from '../values.ts'
import { describe, isRecord, tensorOperand } from '../values.ts'
import { pythonBinary } from './operators.ts'

/** Python's `...` in an index. */
export const ELLIPSIS: LangRecord = { kind: 'record', tag: 'ellipsis', fields: new Map() }

const isSlice = (v: LangValue): v is LangRecord => isRecord(v) && v.tag === 'slice'

/** Python's slice(stop), slice(start, stop[, step]): what a:b:c in an index stands for. */
export const SLICE = builtin(
  'slice',
  ['start', 'stop', 'step'],
  (args) => {
    const [start, stop, step] = args.length === 1 ? [undefined, args[0], undefined] : args
    return {
      kind: 'record',
      tag: 'slice',
      fields: new Map<string, LangValue>([
        ['start', start],
        ['stop', stop],
        ['step', step],
      ]),
    }
  },
  { arity: [1, 3] },
)

const NOWHERE = { line: 0, column: 0 } as Expr['pos']

/**
 * The pieces of an index with `...` spelled out as whole slices, as an Index node over
 * placeholders (whose values are `values`), and where each None puts a new axis in the result.
 */
function selection(pieces: readonly LangValue[], rank: number) {
  const ellipses = pieces.filter((p) => p === ELLIPSIS).length
  if (ellipses > 1) throw new LangError("IndexError: an index can only have a single ellipsis ('...')")
  const values: LangValue[] = []
  const placeholder = (v: LangValue): Expr | null => {
    if (v === undefined) return null
    values.push(v)
    return { kind: 'name', name: String(values.length - 1), pos: NOWHERE }
  }
  const whole = (): Range => ({ kind: 'range', start: null, stop: null, step: null, inclusive: false, pos: NOWHERE })
  const consumed = pieces.filter((p) => p !== undefined && p !== ELLIPSIS).length
  if (consumed > rank)
    throw new LangError(
      `IndexError: too many indices for array: the array has ${rank} dimension${rank === 1 ? '' : 's'}, but ${consumed} were indexed`,
    )
  const indices: Expr[] = []
  // Each index's axes in the result: a number none, a slice one, a list of positions one.
  const axesOut: ('new' | 'kept' | 'dropped')[] = []
  for (const p of pieces) {
    if (p === undefined) axesOut.push('new')
    else if (p === ELLIPSIS) {
      for (let k = 0; k < rank - consumed; k++) {
        indices.push(whole())
        axesOut.push('kept')
      }
    } else if (isSlice(p)) {
      const f = p.fields
      indices.push({
        kind: 'range',
        start: placeholder(f.get('start')),
        stop: placeholder(f.get('stop')),
        step: placeholder(f.get('step')),
        inclusive: false,
        pos: NOWHERE,
      })
      axesOut.push('kept')
    } else {
      const index = tensorOperand(p, 'an index')
      indices.push(placeholder(index)!)
      axesOut.push(index.shape.length === 0 ? 'dropped' : 'kept')
    }
  }
  const node: Index = {
    kind: 'index',
    object: { kind: 'name', name: 'x', pos: NOWHERE },
    indices,
    base: 0,
    negativeFromEnd: true,
    dialect: 'python',
    pos: NOWHERE,
  }
  const lookup = (e: Expr): LangValue => values[Number((e as { name: string }).name)]
  return { node, lookup, axesOut }
}

/** x[...] where the index holds None or `...`. */
export const GETITEM = builtin(
  'indexing',
  ['x', 'index...'],
  ([x, ...pieces]) => {
    if (!isValue(x))
      throw new LangError(`indexing with None or ... needs an array, but ${describe(x)} is not one (index it as usual)`)
    const { node, lookup, axesOut } = selection(pieces, x.shape.length)
    const picked = node.indices.length === 0 ? x : indexInto(x, node, lookup)
    // The result's shape: each None adds an axis of length 1 where it stands among the kept axes.
    const shape: number[] = []
    let k = 0
    for (const a of axesOut) {
      if (a === 'new') shape.push(1)
      else if (a === 'kept') shape.push(picked.shape[k++]!)
    }
    // Axes not indexed at all follow (x[None] of a matrix keeps both of its axes).
    shape.push(...picked.shape.slice(k))
    return ops.reshape(picked, shape)
  },
  { arity: [1, Infinity] },
)

/** The entries of x (flat, row-major positions) that an index selects, in the selection's shape. */
function selected(x: Value, pieces: readonly LangValue[]): Tensor {
  if (pieces.some((p) => p === undefined))
    throw new LangError('x.at[...] selects entries of x: None (a new axis) has no meaning there')
  const n = x.shape.reduce((a, b) => a * b, 1)
  const positions = new Tensor(
    x.shape,
    Float64Array.from({ length: n }, (_, i) => i),
  )
  const { node, lookup } = selection(pieces, x.shape.length)
  return concrete(node.indices.length === 0 ? positions : indexInto(positions, node, lookup))
}

type Update = 'set' | 'add' | 'subtract' | 'mul' | 'divide' | 'power' | 'min' | 'max' | 'get'
const UPDATES: Update[] = ['set', 'add', 'subtract', 'mul', 'divide', 'power', 'min', 'max', 'get']

/** JAX's other updates, as one of set, add and mul of a value worked out from v (and x's selected entries). */
const AS_BASIC: Partial<Record<Update, ['set' | 'add' | 'mul', (v: Value, old: () => Value) => Value]>> = {
  subtract: ['add', (v) => ops.neg(v)],
  divide: ['mul', (v) => ops.div(scalar(1), v)],
  power: ['set', (v, old) => ops.pow(old(), v)],
  min: ['set', (v, old) => ops.min(old(), v)],
  max: ['set', (v, old) => ops.max(old(), v)],
}

/**
 * x.at[pieces].how(v): the new array. The flat x and v are joined and the result picks, per
 * position, x's own entry or v's (set), or adds (multiplies) v's entry to (by) x's; positions
 * selected twice take the sum (product) of their updates, one layer per repeat.
 */
export const AT = builtin(
  'x.at[...]',
  ['how', 'x', 'v', 'index...'],
  ([how, xArg, vArg, ...pieces]) => {
    const name = String(how) as Update
    if (!UPDATES.includes(name))
      throw new LangError(
        `x.at[...].${name} is not one of JAX's updates here: use .set(v), .add(v), .subtract(v), .mul(v), .divide(v), .power(v), .min(v), .max(v) or .get()`,
      )
    if (!isValue(xArg))
      throw new LangError(
        `AttributeError: ${describe(xArg)} has no attribute 'at': x.at[...] is JAX's, on arrays; make it one first, jnp.array(...)`,
      )
    const x = xArg
    const sel = selected(x, pieces)
    const n = x.shape.reduce((a, b) => a * b, 1)
    const flatX = ops.reshape(x, [n])
    if (name === 'get') return ops.reshape(ops.getindex(flatX, [Array.from(sel.data)]), sel.shape)
    if (vArg === undefined) throw new LangError(`x.at[...].${name} needs the value: x.at[i].${name}(v)`)
    const v = tensorOperand(vArg, `x.at[...].${name}`)
    // v broadcast to the selection's shape (NumPy's rule), then flat.
    let spread: Value
    try {
      spread = pythonBinary('+', v, zeros(sel.shape)) as Value
    } catch {
      throw new LangError(
        `x.at[...].${name}: a ${describeShape(v.shape)} cannot be broadcast to the ${describeShape(sel.shape)} selected`,
      )
    }
    const count = sel.data.length
    const [basic, from] = AS_BASIC[name] ?? [name, (w: Value) => w]
    const flatV = from(ops.reshape(spread, [count]), () => ops.getindex(flatX, [Array.from(sel.data)]))
    if (basic === 'set') {
      const picks = Array.from({ length: n }, (_, i) => i)
      sel.data.forEach((p, k) => (picks[p] = n + k))
      return ops.reshape(ops.getindex(ops.concat([flatX, flatV], 0), [picks]), x.shape)
    }
    // add and mul: the neutral entry (0 or 1) first, then v's; one layer per repeat of a position.
    const neutral = new Tensor([1], Float64Array.of(basic === 'add' ? 0 : 1))
    const pool = ops.concat([neutral, flatV], 0)
    let result: Value = flatX
    const pending = Array.from(sel.data, (p, k) => [p, k] as const)
    while (pending.length > 0) {
      const picks = new Array<number>(n).fill(0)
      const seen = new Set<number>()
      const later: (readonly [number, number])[] = []
      for (const [p, k] of pending) {
        if (seen.has(p)) later.push([p, k])
        else {
          seen.add(p)
          picks[p] = 1 + k
        }
      }
      const layer = ops.getindex(pool, [picks])
      result = basic === 'add' ? ops.add(result, layer) : ops.mul(result, layer)
      pending.splice(0, pending.length, ...later)
    }
    return ops.reshape(result, x.shape)
  },
  { arity: [3, Infinity] },
)
