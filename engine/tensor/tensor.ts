/**
 * Dense float64 tensors: the concrete values every computation bottoms out in.
 *
 * A tensor is a shape and a row-major Float64Array. Shape [] is a scalar, [n] a vector (which
 * acts as a column in matrix products), [m, n] a matrix. Tensors are immutable by convention:
 * no operation writes into an existing tensor's data, so values can be shared freely between
 * the primal computation, tapes and traces.
 */
import { ShapeError } from '../errors.ts'

export type Shape = readonly number[]

export class Tensor {
  readonly shape: Shape
  readonly data: Float64Array

  constructor(shape: Shape, data: Float64Array) {
    this.shape = shape
    this.data = data
  }

  get size(): number {
    return this.data.length
  }

  get rank(): number {
    return this.shape.length
  }

  /** The number held by a scalar (or any one-element tensor). */
  item(): number {
    if (this.data.length !== 1) {
      throw new ShapeError(`expected a scalar, got a ${describeShape(this.shape)}`)
    }
    return this.data[0]!
  }
}

// Small arrays are cut from shared slabs: V8 gives a Float64Array of more than 8 numbers its own
// off-heap buffer, which costs about a microsecond, many times the arithmetic of a small
// operation; a view into a slab costs a few tens of nanoseconds. Slabs are only ever handed out
// fresh (zero-filled, never reused), so a view behaves exactly like a new array. 32 KB slabs:
// 128 KB ones measured slower (2026-12-07, gradients at n = 10 and 300), as fresh large buffers
// are not the memory the allocator just freed and still has in cache.
const SLAB_BYTES = 1 << 15
const SLAB_MAX = 512 // elements: larger arrays get their own buffer
let slab = new ArrayBuffer(SLAB_BYTES)
let slabUsed = 0

function fresh(n: number): Float64Array {
  if (n <= 8 || n > SLAB_MAX) return new Float64Array(n)
  const bytes = n * 8
  if (slabUsed + bytes > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES)
    slabUsed = 0
  }
  const out = new Float64Array(slab, slabUsed, n)
  slabUsed += bytes
  return out
}

// Buffers that reverse mode's backward sweep has finished with and proved unreferenced
// (ad/reverse.ts): handed out again by alloc. Memory just used is in cache and costs no new
// allocation; a fresh buffer costs several times the arithmetic of a small operation (about
// 1.5 µs for 300 numbers against 0.3 µs, 2026-12-08). Bounded, so the pool never holds much.
const POOL_BYTES = 1 << 21
const POOL_PER_SIZE = 32
const pool = new Map<number, Float64Array[]>()
let pooledBytes = 0
/** While a list is set, alloc adds every buffer it hands out to it (see mintedInto). */
let minted: Float64Array[] | null = null

/** A fresh zero-filled Float64Array of n numbers. */
export function alloc(n: number): Float64Array {
  let out: Float64Array | undefined
  if (pooledBytes > 0 && n > 8) {
    out = pool.get(n)?.pop()
    if (out !== undefined) {
      pooledBytes -= n * 8
      out.fill(0)
    }
  }
  if (out === undefined) out = fresh(n)
  if (minted !== null) minted.push(out)
  return out
}

/**
 * Makes alloc record every buffer it hands out into list (null: stop); returns the list that
 * was recording before, to be put back. The backward sweep knows by this which buffers a rule
 * made.
 */
export function mintedInto(list: Float64Array[] | null): Float64Array[] | null {
  const before = minted
  minted = list
  return before
}

/**
 * Gives a buffer back for alloc to reuse. Only for a buffer alloc made that nothing refers to
 * any more, given back once: the caller must prove both (reverse.ts does, for cotangents).
 */
export function recycle(buf: Float64Array): void {
  const n = buf.length
  if (n <= 8 || pooledBytes + n * 8 > POOL_BYTES) return
  let free = pool.get(n)
  if (free === undefined) pool.set(n, (free = []))
  if (free.length >= POOL_PER_SIZE) return
  free.push(buf)
  pooledBytes += n * 8
}

/**
 * Whether two arrays share any memory (one is the other, or a view of its numbers). Arrays of at
 * most 8 numbers have their own memory (alloc gives them their own, getindex copies short runs),
 * and reading .buffer would force V8 to move such a small array out of the heap.
 */
export function overlaps(a: Float64Array, b: Float64Array): boolean {
  if (a === b) return true
  if (a.length <= 8 || b.length <= 8 || a.buffer !== b.buffer) return false
  const ao = a.byteOffset
  const bo = b.byteOffset
  return ao < bo + b.length * 8 && bo < ao + a.length * 8
}

export function sizeOf(shape: Shape): number {
  let n = 1
  for (const d of shape) n *= d
  return n
}

export function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** "scalar", "3-vector", "2×3 matrix", "2×3×4 tensor": the words error messages use. */
export function describeShape(shape: Shape): string {
  if (shape.length === 0) return 'scalar'
  if (shape.length === 1) return `${shape[0]}-vector`
  if (shape.length === 2) return `${shape[0]}×${shape[1]} matrix`
  return `${shape.join('×')} tensor`
}

export function scalar(x: number): Tensor {
  const data = new Float64Array(1)
  data[0] = x
  return new Tensor([], data)
}

export function vector(xs: readonly number[]): Tensor {
  return new Tensor([xs.length], Float64Array.from(xs))
}

export function matrix(rows: readonly (readonly number[])[]): Tensor {
  const m = rows.length
  const n = m === 0 ? 0 : rows[0]!.length
  const data = new Float64Array(m * n)
  rows.forEach((row, i) => {
    if (row.length !== n)
      throw new ShapeError(`matrix rows differ in length: row 1 has ${n}, row ${i + 1} has ${row.length}`)
    data.set(row, i * n)
  })
  return new Tensor([m, n], data)
}

export function full(shape: Shape, value: number): Tensor {
  return new Tensor(shape, alloc(sizeOf(shape)).fill(value))
}

export function zeros(shape: Shape): Tensor {
  return new Tensor(shape, alloc(sizeOf(shape)))
}

export function ones(shape: Shape): Tensor {
  return full(shape, 1)
}

/** The basis vector e_i (0-based i) of a tensor of the given shape, flattened row-major. */
export function basis(shape: Shape, i: number): Tensor {
  const t = zeros(shape)
  t.data[i] = 1
  return t
}

export function identity(n: number): Tensor {
  const t = zeros([n, n])
  for (let i = 0; i < n; i++) t.data[i * n + i] = 1
  return t
}

/** Nested arrays, for JSON output and tests: a scalar is a number, a matrix an array of rows. */
export type Nested = number | Nested[]

export function toNested(t: Tensor): Nested {
  if (t.shape.length === 0) return t.data[0]!
  const rec = (offset: number, dim: number): Nested[] => {
    const n = t.shape[dim]!
    const stride = sizeOf(t.shape.slice(dim + 1))
    const out: Nested[] = []
    for (let i = 0; i < n; i++) {
      out.push(dim === t.shape.length - 1 ? t.data[offset + i]! : rec(offset + i * stride, dim + 1))
    }
    return out
  }
  return rec(0, 0)
}

/** The inverse of toNested; ragged input is a ShapeError. */
export function fromNested(x: Nested): Tensor {
  if (typeof x === 'number') return scalar(x)
  const shape: number[] = []
  let probe: Nested = x
  while (Array.isArray(probe)) {
    shape.push(probe.length)
    if (probe.length === 0) break
    probe = probe[0]!
  }
  const data = new Float64Array(sizeOf(shape))
  let k = 0
  const walk = (v: Nested, dim: number): void => {
    if (dim === shape.length) {
      if (typeof v !== 'number') throw new ShapeError('ragged nested array: rows differ in depth')
      data[k++] = v
      return
    }
    if (!Array.isArray(v) || v.length !== shape[dim]) {
      throw new ShapeError('ragged nested array: rows differ in length')
    }
    for (const e of v) walk(e, dim + 1)
  }
  walk(x, 0)
  return new Tensor(shape, data)
}
