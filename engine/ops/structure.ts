/**
 * Structural primitives: reductions and their adjoints (sum <-> broadcast, which stretches
 * size-1 dimensions with Julia's or numpy's alignment), reshape, and concatenation (indexing,
 * getindex <-> scatter, is in indexing.ts). All are linear, so each pullback is
 * the adjoint operation and each pushforward is the operation itself applied to the tangent.
 */
import { bind } from '../ad/bind.ts'
import type { Primitive } from '../ad/primitive.ts'
import type { Value } from '../ad/value.ts'
import { ShapeError } from '../errors.ts'
import { checkElements } from '../limits.ts'
import type { Shape } from '../tensor/tensor.ts'
import { Tensor, alloc, describeShape, sameShape, sizeOf, zeros } from '../tensor/tensor.ts'
import { getindex, range } from './indexing.ts'

/** outer × n × inner view of a shape around one axis, for reductions along it. */
function around(shape: Shape, axis: number): [number, number, number] {
  return [sizeOf(shape.slice(0, axis)), shape[axis]!, sizeOf(shape.slice(axis + 1))]
}

// ---------------------------------------------------------------------------------------------
// sum and broadcast: each other's adjoint

interface AxisParams {
  axis: number | null
  shape: Shape // the input's shape
}

const sumP: Primitive<AxisParams> = {
  name: 'sum',
  keepsNothing: true,
  impl: ([a], { axis }) => {
    const x = a!.data
    if (axis === null) {
      let s = 0
      for (let i = 0; i < x.length; i++) s += x[i]!
      return new Tensor([], Float64Array.of(s))
    }
    const [outer, n, inner] = around(a!.shape, axis)
    const out = alloc(outer * inner)
    for (let o = 0; o < outer; o++)
      for (let j = 0; j < n; j++) {
        const base = (o * n + j) * inner
        for (let i = 0; i < inner; i++) out[o * inner + i] += x[base + i]!
      }
    return new Tensor(
      a!.shape.filter((_, d) => d !== axis),
      out,
    )
  },
  jvp: (_p, [t], _out, { axis }) => sum(t!, axis),
  vjp: [(g, _p, _out, { axis, shape }) => broadcastTo(g, shape, axis)],
}

// ---------------------------------------------------------------------------------------------
// Broadcasting: the one primitive that stretches size-1 dimensions to a larger shape

/**
 * Where a shorter shape's dimensions line up with a longer one's: Julia aligns them from the
 * left (a 3-vector is a 3×1 column, so it stretches across columns), numpy from the right (a
 * 3-vector is a 1×3 row).
 */
export type Alignment = 'left' | 'right'

/** A shape padded with 1s to `rank` dimensions, on the side its alignment leaves free. */
function padded(shape: Shape, rank: number, align: Alignment): Shape {
  const ones = Array.from({ length: rank - shape.length }, () => 1)
  return align === 'left' ? [...shape, ...ones] : [...ones, ...shape]
}

/**
 * The shape of a broadcast result: the operands aligned (left or right), and in each dimension
 * every operand either has the result's size or 1. Null when two sizes disagree.
 */
export function broadcastShapes(shapes: readonly Shape[], align: Alignment): Shape | null {
  const rank = Math.max(0, ...shapes.map((s) => s.length))
  const out = Array.from({ length: rank }, () => 1)
  for (const s of shapes) {
    const p = padded(s, rank, align)
    for (let d = 0; d < rank; d++) {
      if (p[d] === out[d] || p[d] === 1) continue
      if (out[d] !== 1) return null
      out[d] = p[d]!
    }
  }
  return out
}

interface StretchParams {
  from: Shape // the operand's shape with size-1 dimensions put in, to the result's rank
  to: Shape
}

/**
 * Copies x into `to`, reading a size-1 dimension of `from` with stride 0. x is taken as it is:
 * putting size-1 dimensions into a shape leaves the row-major data as it was, so `from` only
 * says how x's numbers line up with the result (no reshape operation is needed first).
 */
const stretchP: Primitive<StretchParams> = {
  name: 'broadcast',
  keepsNothing: true,
  keepsFinite: true,
  impl: ([a], { from, to }) => {
    const x = a!.data
    const out = alloc(sizeOf(to))
    const rank = to.length
    const strides = new Array<number>(rank)
    for (let d = rank - 1, s = 1; d >= 0; d--) {
      strides[d] = from[d] === 1 ? 0 : s
      s *= from[d]!
    }
    if (rank === 0) return new Tensor(to, Float64Array.of(x[0]!))
    // An odometer over the result's indices; the last dimension runs in the inner loop.
    const idx = new Array<number>(rank).fill(0)
    const n = to[rank - 1]!
    const inner = strides[rank - 1]!
    let src = 0
    for (let k = 0; k < out.length; k += n) {
      for (let i = 0; i < n; i++) out[k + i] = x[src + i * inner]!
      for (let d = rank - 2; d >= 0; d--) {
        src += strides[d]!
        if (++idx[d]! < to[d]!) break
        src -= strides[d]! * to[d]!
        idx[d] = 0
      }
    }
    return new Tensor(to, out)
  },
  jvp: (_p, [t], _out, params) => bind(stretchP, [t!], params),
  // The adjoint sums over every stretched dimension, keeping it as size 1.
  vjp: [
    (g, [a], _out, { from, to }) => {
      let s = g
      for (let d = to.length - 1; d >= 0; d--) if (from[d] === 1 && to[d] !== 1) s = sum(s, d)
      return reshape(s, a!.shape)
    },
  ],
}

/**
 * x stretched to `shape`: its dimensions, aligned left (Julia) or right (numpy), must each be
 * equal to the result's or 1. Its pullback sums over the stretched dimensions back to x's shape.
 */
export function stretch(x: Value, shape: Shape, align: Alignment = 'left'): Value {
  if (sameShape(x.shape, shape)) return x
  const from = padded(x.shape, shape.length, align)
  if (x.shape.length > shape.length || from.some((n, d) => n !== 1 && n !== shape[d])) {
    throw new ShapeError(`cannot broadcast a ${describeShape(x.shape)} to a ${describeShape(shape)}`)
  }
  checkElements(shape, 'broadcast')
  return bind(stretchP, [x], { from, to: shape })
}

/** Sum of all elements (axis null), or along one 0-based axis, which is dropped. */
export function sum(x: Value, axis: number | null = null): Value {
  if (axis !== null && (axis < 0 || axis >= x.shape.length)) {
    throw new ShapeError(`sum along dimension ${axis + 1}: a ${describeShape(x.shape)} has no such dimension`)
  }
  return bind(sumP, [x], { axis, shape: x.shape })
}

/** A scalar filled into `shape` (axis null), or copies of x stacked along a new axis. */
export function broadcastTo(x: Value, shape: Shape, axis: number | null = null): Value {
  const expected = axis === null ? [] : shape.filter((_, d) => d !== axis)
  if (!sameShape(x.shape, expected)) {
    throw new ShapeError(`cannot broadcast a ${describeShape(x.shape)} to a ${describeShape(shape)}`)
  }
  if (sameShape(x.shape, shape)) return x
  // x's numbers with a size-1 dimension put in at axis (or everywhere, for a scalar).
  const from = axis === null ? shape.map(() => 1) : shape.map((n, d) => (d === axis ? 1 : n))
  checkElements(shape, 'broadcast')
  return bind(stretchP, [x], { from, to: shape })
}

// ---------------------------------------------------------------------------------------------
// reshape

const reshapeP: Primitive<Shape> = {
  name: 'reshape',
  keepsNothing: true,
  keepsFinite: true,
  // Tensors are never written in place, so the data can be shared.
  impl: ([a], shape) => new Tensor(shape, a!.data),
  jvp: (_p, [t], _out, shape) => reshape(t!, shape),
  vjp: [(g, [a]) => reshape(g, a!.shape)],
}

export function reshape(x: Value, shape: Shape): Value {
  if (sameShape(x.shape, shape)) return x
  if (sizeOf(shape) !== sizeOf(x.shape)) {
    throw new ShapeError(
      `reshape: a ${describeShape(x.shape)} has ${sizeOf(x.shape)} elements, a ${describeShape(shape)} needs ${sizeOf(shape)}`,
    )
  }
  return bind(reshapeP, [x], shape)
}

// ---------------------------------------------------------------------------------------------
// Indexing lives in indexing.ts; its functions are part of this module's interface too.

export type { IndexSpec } from './indexing.ts'
export { getindex, range, scatterAdd } from './indexing.ts'

// ---------------------------------------------------------------------------------------------
// Concatenation

interface ConcatParams {
  axis: number
}

const concatP: Primitive<ConcatParams> = {
  name: 'concat',
  keepsNothing: true,
  keepsFinite: true,
  impl: (args, { axis }) => {
    const shape = [...args[0]!.shape]
    shape[axis] = args.reduce((n, a) => n + a.shape[axis]!, 0)
    const [outer, n, inner] = around(shape, axis)
    const out = alloc(sizeOf(shape))
    let start = 0
    for (const a of args) {
      const k = a.shape[axis]! * inner
      for (let o = 0; o < outer; o++) out.set(a.data.subarray(o * k, (o + 1) * k), o * n * inner + start * inner)
      start += a.shape[axis]!
    }
    return new Tensor(shape, out)
  },
  jvp: (primals, tangents, _out, { axis }) =>
    tangents.every((t) => t === null)
      ? null
      : concat(
          tangents.map((t, i) => t ?? zeros(primals[i]!.shape)),
          axis,
        ),
  // The pullback to argument i is the slice of g that argument filled.
  vjp:
    (i) =>
    (g, primals, _out, { axis }) => {
      const start = concatStarts(primals, axis)[i]!
      const len = primals[i]!.shape[axis]!
      return getindex(
        g,
        g.shape.map((n, d) => (d === axis ? range(start, start + len) : range(0, n))),
      )
    },
}

/**
 * Where each argument of a concat starts along the axis, computed once per node: its pullback
 * runs once per argument, and summing the lengths before each one would be n² for a stack of n.
 */
const starts = new WeakMap<readonly Value[], { axis: number; at: number[] }>()
function concatStarts(primals: readonly Value[], axis: number): number[] {
  const known = starts.get(primals)
  if (known?.axis === axis) return known.at
  const at = new Array<number>(primals.length)
  for (let j = 0, a = 0; j < primals.length; j++) {
    at[j] = a
    a += primals[j]!.shape[axis]!
  }
  starts.set(primals, { axis, at })
  return at
}

/** Joins tensors of equal rank along a 0-based axis; all other dimensions must agree. */
export function concat(xs: readonly Value[], axis = 0): Value {
  if (xs.length === 0) throw new ShapeError('concat needs at least one value')
  const first = xs[0]!.shape
  for (const x of xs) {
    const ok = x.shape.length === first.length && x.shape.every((n, d) => d === axis || n === first[d])
    if (!ok || axis >= first.length) {
      throw new ShapeError(
        `concat along dimension ${axis + 1}: cannot join a ${describeShape(first)} and a ${describeShape(x.shape)}`,
      )
    }
  }
  if (xs.length === 1) return xs[0]!
  const joined = [...first]
  joined[axis] = xs.reduce((n, x) => n + x.shape[axis]!, 0)
  checkElements(joined, 'concat')
  return bind(concatP, xs, { axis })
}

/** Stacks values of one shape along a new leading axis: scalars into a vector, vectors into rows. */
export function stack(xs: readonly Value[]): Value {
  if (xs.length === 0) return zeros([0])
  const shape = xs[0]!.shape
  for (const x of xs) {
    if (!sameShape(x.shape, shape)) {
      throw new ShapeError(`cannot stack a ${describeShape(shape)} and a ${describeShape(x.shape)} together`)
    }
  }
  return concat(
    xs.map((x) => reshape(x, [1, ...shape])),
    0,
  )
}
