/**
 * Indexing: getindex picks elements of a tensor, and its adjoint scatter adds a tensor into zeros
 * at those places. Reverse mode adds the cotangents of many reads of one tensor into one buffer
 * (scatter-add), so that reading x element by element pulls back in time linear in its size.
 * All three are linear, so each rule is one of them applied to the tangent or cotangent.
 */
import { bind } from '../ad/bind.ts'
import type { Primitive } from '../ad/primitive.ts'
import { setIndexedPullback } from '../ad/reverse.ts'
import type { Value } from '../ad/value.ts'
import { ShapeError } from '../errors.ts'
import { checkElements } from '../limits.ts'
import type { Shape } from '../tensor/tensor.ts'
import { Tensor, alloc, describeShape, sizeOf, zeros } from '../tensor/tensor.ts'

/** Per dimension, one 0-based index (the dimension is dropped) or a list of them (kept). */
export type IndexSpec = readonly (number | readonly number[])[]

interface IndexParams {
  spec: IndexSpec
  shape: Shape // the indexed tensor's shape
}

/** What is known of one list of indices, computed once per list (lists are never changed). */
interface ListFacts {
  min: number
  max: number
  /** Every index a whole number. */
  whole: boolean
  /** Where the indices start when they are consecutive, else null. */
  start: number | null
}
const facts = new WeakMap<readonly number[], ListFacts>()

function factsOf(list: readonly number[]): ListFacts {
  let f = facts.get(list)
  if (f === undefined) {
    let min = Infinity
    let max = -Infinity
    let whole = true
    let consecutive = list.length > 0
    for (let k = 0; k < list.length; k++) {
      const i = list[k]!
      if (i < min) min = i
      if (i > max) max = i
      if (!Number.isInteger(i)) whole = false
      if (i !== list[0]! + k) consecutive = false
    }
    f = { min, max, whole, start: consecutive ? list[0]! : null }
    facts.set(list, f)
  }
  return f
}

/** Consecutive indices in one dimension: [start, length], or null. */
function run(s: number | readonly number[]): [number, number] | null {
  if (typeof s === 'number') return [s, 1]
  const start = factsOf(s).start
  return start === null ? null : [start, s.length]
}

/** Flat offsets into a tensor of `shape` selected by the first `dims` entries of spec, in row-major order. */
function offsets(shape: Shape, spec: IndexSpec, dims = spec.length): number[] {
  let acc = [0]
  for (let d = 0; d < dims; d++) {
    const s = spec[d]!
    const stride = sizeOf(shape.slice(d + 1))
    const idx = typeof s === 'number' ? [s] : s
    const next: number[] = []
    for (const base of acc) for (const i of idx) next.push(base + i * stride)
    acc = next
  }
  return acc
}

/**
 * The selection as runs of consecutive numbers: when the last dimension takes consecutive
 * indices (a slice, or one index), each choice of the other indices is one run of `len` numbers
 * from `from[r]`, the r-th run of the result. Null otherwise.
 */
function runs(shape: Shape, spec: IndexSpec): { from: number[]; len: number } | null {
  const last = run(spec[spec.length - 1]!)
  if (last === null) return null
  const from = offsets(shape, spec, spec.length - 1)
  for (let r = 0; r < from.length; r++) from[r]! += last[0]
  return { from, len: last[1] }
}

function indexedShape(spec: IndexSpec): number[] {
  return spec.filter((s) => typeof s !== 'number').map((s) => (s as readonly number[]).length)
}

const getindexP: Primitive<IndexParams> = {
  name: 'getindex',
  keepsNothing: true,
  keepsFinite: true,
  impl: ([a], { spec }) => {
    const x = a!.data
    const blocks = spec.length === 0 ? null : runs(a!.shape, spec)
    if (blocks !== null) {
      const { from, len } = blocks
      // One run covering most of x (x[2:n]): a view of x's numbers, no copy. Tensors are never
      // written in place, so sharing is safe; a short run is copied so that it does not keep a
      // large x alive (memory budgets count the numbers a tensor shows).
      if (from.length === 1 && 2 * len >= x.length && len > 8)
        return new Tensor(indexedShape(spec), x.subarray(from[0]!, from[0]! + len))
      const out = alloc(from.length * len)
      for (let r = 0; r < from.length; r++) {
        const f = from[r]!
        const o = r * len
        for (let i = 0; i < len; i++) out[o + i] = x[f + i]!
      }
      return new Tensor(indexedShape(spec), out)
    }
    const offs = offsets(a!.shape, spec)
    const out = alloc(offs.length)
    for (let i = 0; i < offs.length; i++) out[i] = x[offs[i]!]!
    return new Tensor(indexedShape(spec), out)
  },
  jvp: (_p, [t], _out, params) => bind(getindexP, [t!], params),
  vjp: [(g, _p, _out, params) => bind(scatterP, [g], params)],
}

const scatterP: Primitive<IndexParams> = {
  name: 'scatter',
  keepsNothing: true,
  impl: ([g], { spec, shape }) => {
    const out = zeros(shape)
    addAt(out.data, g!.data, spec, shape)
    return out
  },
  jvp: (_p, [t], _out, params) => bind(scatterP, [t!], params),
  vjp: [(g, _p, _out, params) => bind(getindexP, [g], params)],
}

/** o[spec] += g: += so that an index picked twice receives both contributions. */
function addAt(o: Float64Array, g: Float64Array, spec: IndexSpec, shape: Shape): void {
  const blocks = spec.length === 0 ? null : runs(shape, spec)
  if (blocks !== null) {
    const { from, len } = blocks
    for (let r = 0; r < from.length; r++) {
      const f = from[r]!
      const k = r * len
      for (let i = 0; i < len; i++) o[f + i] += g[k + i]!
    }
    return
  }
  const offs = offsets(shape, spec)
  for (let i = 0; i < offs.length; i++) o[offs[i]!] += g[i]!
}

/**
 * The cotangents of several getindex results of one tensor, each placed at its indices and
 * added into one buffer: reverse mode gathers them here when it reaches that tensor (see
 * setIndexedPullback), so that n scalar reads x[i] pull back in one buffer of x's size instead
 * of n scatters into zeros of that size and n additions of them (n² work). Linear in each
 * argument, so its rules are itself (forward) and getindex (reverse).
 */
interface ScatterAddParams {
  specs: readonly IndexSpec[]
  shape: Shape
}

const scatterAddP: Primitive<ScatterAddParams> = {
  name: 'scatter-add',
  keepsNothing: true,
  impl: (gs, { specs, shape }) => {
    const out = zeros(shape)
    for (let k = 0; k < gs.length; k++) addAt(out.data, gs[k]!.data, specs[k]!, shape)
    return out
  },
  jvp: (_p, tangents, _out, { specs, shape }) => {
    const ts: Value[] = []
    const kept: IndexSpec[] = []
    tangents.forEach((t, k) => {
      if (t === null) return
      ts.push(t)
      kept.push(specs[k]!)
    })
    return ts.length === 0 ? null : scatterAdd(ts, kept, shape)
  },
  vjp:
    (k) =>
    (g, _p, _out, { specs, shape }) =>
      bind(getindexP, [g], { spec: specs[k]!, shape }),
}

/** Each gs[k] placed at specs[k] in zeros of `shape` and all of them added (indices checked already). */
export function scatterAdd(gs: readonly Value[], specs: readonly IndexSpec[], shape: Shape): Value {
  if (gs.length === 1) return bind(scatterP, gs, { spec: specs[0]!, shape })
  return bind(scatterAddP, gs, { specs, shape })
}

setIndexedPullback(getindexP, (gs, params) =>
  scatterAdd(
    gs,
    params.map((p) => p.spec),
    params[0]!.shape,
  ),
)

/** x[spec] with 0-based indices already checked against x's shape. */
export function getindex(x: Value, spec: IndexSpec): Value {
  if (spec.length !== x.shape.length) {
    throw new ShapeError(`indexing a ${describeShape(x.shape)} needs ${x.shape.length} indices, got ${spec.length}`)
  }
  checkElements(indexedShape(spec), 'indexing')
  for (let d = 0; d < spec.length; d++) {
    const s = spec[d]!
    if (typeof s === 'number') checkIndex(x.shape, d, s)
    else if (s.length > 0) {
      // A list checked once holds for every later use (a slice taken in a loop, or per pass).
      const f = factsOf(s)
      if (!f.whole || f.min < 0 || f.max >= x.shape[d]!)
        for (let k = 0; k < s.length; k++) checkIndex(x.shape, d, s[k]!)
    }
  }
  return bind(getindexP, [x], { spec, shape: x.shape })
}

function checkIndex(shape: Shape, d: number, i: number): void {
  if (!Number.isInteger(i) || i < 0 || i >= shape[d]!) {
    throw new ShapeError(
      `index ${i + 1} is out of range for dimension ${d + 1} of a ${describeShape(shape)} (valid: 1 to ${shape[d]})`,
    )
  }
}

export function range(from: number, to: number): number[] {
  const out: number[] = []
  for (let i = from; i < to; i++) out.push(i)
  return out
}
