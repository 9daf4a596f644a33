/**
 * The loops under the elementwise primitives (ops/elementwise.ts): run1 and run2 allocate the
 * result and hand each primitive's own kernel the arrays, offsets and strides to fill it.
 */
import { Tensor, alloc, sizeOf } from './tensor.ts'

// Each primitive has its own loop, so that the JIT sees one operation per loop instead of a
// shared loop calling many different functions (which it cannot inline). A kernel computes `len`
// results from offset oo on, reading each operand from its own offset with its own stride: a
// stride of 0 reads a broadcast scalar.
export type Kernel2 = (
  x: Float64Array,
  xo: number,
  sx: number,
  y: Float64Array,
  yo: number,
  sy: number,
  out: Float64Array,
  oo: number,
  len: number,
) => void
export type Kernel1 = (x: Float64Array, out: Float64Array) => void

/**
 * Equal shapes, or a scalar against anything; and, for the batching level only (a batch of
 * examples against one example's operand, ops/batchRules.ts), an operand whose numbers are
 * repeated for each block of the other: then one kernel call per block reads it from offset 0,
 * with no copy of it stacked for every example.
 */
export function run2(a: Tensor, b: Tensor, kernel: Kernel2): Tensor {
  const shape = a.shape.length >= b.shape.length ? a.shape : b.shape
  // The result's size, not the larger operand's: a scalar times an empty vector is empty.
  const out = alloc(sizeOf(shape))
  const n = out.length
  const sx = a.shape.length === 0 ? 0 : 1
  const sy = b.shape.length === 0 ? 0 : 1
  const m = sx === 0 || sy === 0 ? n : Math.min(a.data.length, b.data.length)
  if (m === n || m === 0) kernel(a.data, 0, sx, b.data, 0, sy, out, 0, n)
  else {
    const ra = a.data.length === m
    for (let o = 0; o < n; o += m) kernel(a.data, ra ? 0 : o, 1, b.data, ra ? o : 0, 1, out, o, m)
  }
  return new Tensor(shape, out)
}

export function run1(a: Tensor, kernel: Kernel1): Tensor {
  const out = alloc(a.data.length)
  kernel(a.data, out)
  return new Tensor(a.shape, out)
}

/** Element k of an operand that may be a broadcast scalar, or repeated for each example of a batch. */
export function pick(t: Tensor, k: number): number {
  return t.data[k % t.data.length]!
}
