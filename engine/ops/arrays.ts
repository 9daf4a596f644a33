/**
 * Everyday array builders and pickers: trace, diag, diagm, vec, first, last, kron, fill, hcat,
 * vcat, cat, and seeded normal numbers (randn). Each is built from the structural primitives
 * (getindex, reshape, concat, broadcast) and products, so derivatives of every order follow.
 */
import type { Value } from '../ad/value.ts'
import { ArgumentError, ShapeError } from '../errors.ts'
import { checkElements } from '../limits.ts'
import type { Shape } from '../tensor/tensor.ts'
import { Tensor, describeShape, identity, sizeOf } from '../tensor/tensor.ts'
import { mul } from './elementwise.ts'
import { transpose } from './linalg.ts'
import { broadcastTo, concat, getindex, range, reshape, sum } from './structure.ts'

function matrixOnly(name: string, x: Value): [number, number] {
  if (x.shape.length !== 2) throw new ShapeError(`${name} needs a matrix, got a ${describeShape(x.shape)}`)
  return [x.shape[0]!, x.shape[1]!]
}

/** The main diagonal A[1,1], A[2,2], ... of a matrix (min(m, n) entries, as Julia's diag). */
export function diag(x: Value): Value {
  const [m, n] = matrixOnly('diag', x)
  // Entry (i, i) sits at i·n + i in row-major order.
  return getindex(reshape(x, [m * n]), [range(0, Math.min(m, n)).map((i) => i * (n + 1))])
}

/** The trace: the sum of the diagonal of a square matrix. */
export function trace(x: Value): Value {
  const [m, n] = matrixOnly('tr', x)
  if (m !== n) throw new ShapeError(`tr needs a square matrix, got a ${describeShape(x.shape)}`)
  return sum(diag(x))
}

/** The square matrix with the vector v on its diagonal and zeros elsewhere. */
export function diagm(v: Value): Value {
  if (v.shape.length !== 1) throw new ShapeError(`diagm needs a vector, got a ${describeShape(v.shape)}`)
  const n = v.shape[0]!
  // Row i of the broadcast is v_i in every column; the identity keeps only (i, i).
  return mul(broadcastTo(v, [n, n], 1), identity(n))
}

/**
 * All elements as one vector in Julia's column-major order: the columns one after another, which
 * is the transpose's row-major order (the engine stores rows one after another).
 */
export function vec(x: Value): Value {
  if (x.shape.length > 2) throw new ShapeError(`vec takes a vector or a matrix, got a ${describeShape(x.shape)}`)
  if (x.shape.length === 2) return reshape(transpose(x), [sizeOf(x.shape)])
  return reshape(x, [sizeOf(x.shape)])
}

/**
 * The same elements with the order of the axes reversed (a matrix's transpose), so that the
 * engine's row-major data of the result is Julia's column-major data of x. Built from
 * transpose, or for more axes one gather, so derivatives follow.
 */
export function reverseAxes(x: Value): Value {
  const s = x.shape
  if (s.length < 2) return x
  // A 1×n transpose is a vector in the engine; the reshape keeps both axes.
  if (s.length === 2) return reshape(transpose(x), [s[1]!, s[0]!])
  const r = [...s].reverse()
  const n = sizeOf(s)
  const strides = s.map((_, d) => sizeOf(s.slice(d + 1)))
  const from = range(0, n).map((p) => {
    // p's multi-index in r, read backwards, is its multi-index in s.
    let q = 0
    for (let d = r.length - 1, rest = p; d >= 0; d--) {
      q += (rest % r[d]!) * strides[r.length - 1 - d]!
      rest = Math.floor(rest / r[d]!)
    }
    return q
  })
  return reshape(getindex(reshape(x, [n]), [from]), r)
}

/**
 * Julia's reshape: the elements in column-major order (down the first dimension first) poured
 * into `shape` in column-major order. With the engine's row-major reshape, that is reshape
 * between the reversed axes: reshape(1:6, 2, 3) is [1 3 5; 2 4 6].
 */
export function reshapeColumns(x: Value, shape: Shape): Value {
  if (sizeOf(shape) !== sizeOf(x.shape)) {
    throw new ShapeError(
      `reshape: a ${describeShape(x.shape)} has ${sizeOf(x.shape)} elements, but a ${describeShape(shape)} needs ${sizeOf(shape)}`,
    )
  }
  return reverseAxes(reshape(reverseAxes(x), [...shape].reverse()))
}

function endElement(name: string, x: Value, last: boolean): Value {
  const n = sizeOf(x.shape)
  if (n === 0) throw new ShapeError(`${name} of an empty ${describeShape(x.shape)}: there is no element to take`)
  // The first and last elements are the same in row-major and column-major order.
  return getindex(reshape(x, [n]), [last ? n - 1 : 0])
}

export const first = (x: Value): Value => endElement('first', x, false)
export const last = (x: Value): Value => endElement('last', x, true)

/** A scalar as [1] or [1, 1], a vector as a column, a matrix as itself (for kron and the cats). */
function asRank(name: string, x: Value, rank: 1 | 2): Value {
  if (x.shape.length > 2)
    throw new ShapeError(`${name} takes numbers, vectors and matrices, got a ${describeShape(x.shape)}`)
  if (rank === 1 || x.shape.length === 2) return x.shape.length === 0 ? reshape(x, [1]) : x
  return reshape(x, x.shape.length === 0 ? [1, 1] : [x.shape[0]!, 1])
}

/**
 * The Kronecker product: block (i, j) of kron(A, B) is A[i, j]·B. Both vectors give a vector;
 * otherwise vectors count as columns. Built as the elementwise product of A with each entry
 * repeated to a block's size and B tiled, both by indexing.
 */
export function kron(a: Value, b: Value): Value {
  const rank = a.shape.length <= 1 && b.shape.length <= 1 ? 1 : 2
  const A = asRank('kron', a, rank)
  const B = asRank('kron', b, rank)
  const out = A.shape.map((n, d) => n * B.shape[d]!)
  checkElements(out, 'kron')
  const repeated = out.map((n, d) => range(0, n).map((r) => Math.floor(r / B.shape[d]!)))
  const tiled = out.map((n, d) => range(0, n).map((r) => r % B.shape[d]!))
  return mul(getindex(A, repeated), getindex(B, tiled))
}

/** A tensor of the given shape with every element v (differentiable in v). */
export function fill(v: Value, shape: Shape): Value {
  if (v.shape.length !== 0) throw new ShapeError(`fill needs a number to fill with, got a ${describeShape(v.shape)}`)
  return broadcastTo(v, shape)
}

/**
 * Joins along a 0-based axis after checking that every other dimension agrees; a refusal names
 * the shapes as given (`given`), before vectors were made columns.
 */
function join(name: string, xs: readonly Value[], axis: number, along: string, given = xs): Value {
  if (xs.length === 0) throw new ArgumentError(`${name} needs at least one value to join`)
  const shape = xs[0]!.shape
  xs.forEach((x, i) => {
    if (x.shape.length !== shape.length || x.shape.some((n, d) => d !== axis && n !== shape[d])) {
      const [a, b] = [given[0]!.shape, given[i]!.shape]
      throw new ShapeError(`${name}: cannot join a ${describeShape(a)} and a ${describeShape(b)} ${along}`)
    }
  })
  return concat(xs, axis)
}

/** Side by side: numbers into a 1×n row, vectors as columns of a matrix. */
export function hcat(xs: readonly Value[]): Value {
  return join(
    'hcat',
    xs.map((x) => asRank('hcat', x, 2)),
    1,
    'side by side (they need the same number of rows; a vector is a column)',
    xs,
  )
}

/** One above the other: numbers and vectors into one longer vector, matrices stacked by rows. */
export function vcat(xs: readonly Value[]): Value {
  const rank = xs.every((x) => x.shape.length <= 1) ? 1 : 2
  return join(
    'vcat',
    xs.map((x) => asRank('vcat', x, rank)),
    0,
    'one above the other (they need the same number of columns; a vector is a column)',
    xs,
  )
}

/** Joins along dimension `dim` (1-based, as Julia's dims = dim), padding shapes with 1s. */
export function cat(xs: readonly Value[], dim: number): Value {
  if (!Number.isInteger(dim) || dim < 1) throw new ArgumentError(`cat: the dimension must be 1 or more, not ${dim}`)
  const padded = xs.map((x) =>
    x.shape.length >= dim ? x : reshape(x, [...x.shape, ...new Array<number>(dim - x.shape.length).fill(1)]),
  )
  return join('cat', padded, dim - 1, `along dimension ${dim} (the other dimensions must agree)`)
}

/**
 * A small deterministic generator (mulberry32): uniform numbers in [0, 1), the same for a seed on
 * every run. The panels' example data and the benchmark use it too.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Standard normal numbers of the given shape, the same for the same seed on every run: uniform
 * numbers from mulberry32 seeded with `seed`, turned into normal ones by the Box–Muller transform
 * (two uniforms u, w give sqrt(-2 log(1 - u))·cos(2πw)).
 */
export function randn(seed: number, shape: Shape): Tensor {
  if (!Number.isInteger(seed)) throw new ArgumentError(`randn: the seed must be a whole number, not ${seed}`)
  checkElements(shape, 'randn')
  const rand = mulberry32(seed)
  const data = new Float64Array(sizeOf(shape))
  for (let i = 0; i < data.length; i++) {
    const r = Math.sqrt(-2 * Math.log(1 - rand()))
    data[i] = r * Math.cos(2 * Math.PI * rand())
  }
  return new Tensor(shape, data)
}
