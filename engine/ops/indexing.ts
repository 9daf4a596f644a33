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

/** For a vector indexed by consecutive indices, where they start (a slice copies a block). */
function contiguous(spec: IndexSpec): number | null {
  if (spec.length !== 1) return null
  const s = spec[0]!
  if (typeof s === 'number') return s
  for (let i = 1; i < s.length; i++) if (s[i] !== s[0]! + i) return null
  return s.length > 0 ? s[0]! : null
}

/** Flat offsets into a tensor of `shape` selected by spec, in row-major order of the result. */
function offsets(shape: Shape, spec: IndexSpec): number[] {
  let acc = [0]
  spec.forEach((s, d) => {
    const stride = sizeOf(shape.slice(d + 1))
    const idx = typeof s === 'number' ? [s] : s
    const next: number[] = []
    for (const base of acc) for (const i of idx) next.push(base + i * stride)
    acc = next
  })
  return acc
}

function indexedShape(spec: IndexSpec): number[] {
  return spec.filter((s) => typeof s !== 'number').map((s) => (s as readonly number[]).length)
}

const getindexP: Primitive<IndexParams> = {
  name: 'getindex',
  impl: ([a], { spec }) => {
    const start = contiguous(spec)
    if (start !== null) {
      const len = typeof spec[0] === 'number' ? 1 : (spec[0] as readonly number[]).length
      const out = alloc(len)
      out.set(a!.data.subarray(start, start + len))
      return new Tensor(indexedShape(spec), out)
    }
    const offs = offsets(a!.shape, spec)
    const out = alloc(offs.length)
    for (let i = 0; i < offs.length; i++) out[i] = a!.data[offs[i]!]!
    return new Tensor(indexedShape(spec), out)
  },
  jvp: (_p, [t], _out, params) => bind(getindexP, [t!], params),
  vjp: [(g, _p, _out, params) => bind(scatterP, [g], params)],
}

const scatterP: Primitive<IndexParams> = {
  name: 'scatter',
  impl: ([g], { spec, shape }) => {
    const out = zeros(shape)
    const start = contiguous(spec)
    if (start !== null) {
      out.data.set(g!.data, start)
      return out
    }
    const offs = offsets(shape, spec)
    // += so that an index picked twice receives both contributions.
    for (let i = 0; i < offs.length; i++) out.data[offs[i]!] += g!.data[i]!
    return out
  },
  jvp: (_p, [t], _out, params) => bind(scatterP, [t!], params),
  vjp: [(g, _p, _out, params) => bind(getindexP, [g], params)],
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
  impl: (gs, { specs, shape }) => {
    const out = zeros(shape)
    const o = out.data
    for (let k = 0; k < gs.length; k++) {
      const g = gs[k]!.data
      const spec = specs[k]!
      const start = contiguous(spec)
      if (start !== null) {
        for (let i = 0; i < g.length; i++) o[start + i] += g[i]!
        continue
      }
      const offs = offsets(shape, spec)
      for (let i = 0; i < offs.length; i++) o[offs[i]!] += g[i]!
    }
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
    else for (let k = 0; k < s.length; k++) checkIndex(x.shape, d, s[k]!)
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
