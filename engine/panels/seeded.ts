/**
 * Seeded random numbers for the panels' example data (the cost explorer's W, backprop's
 * weights): the same "random" numbers on every run, so counts and pictures repeat exactly.
 */
import { Tensor, sizeOf } from '../tensor/tensor.ts'

/** A small deterministic generator (mulberry32): the same "random" numbers on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Entries uniform in [-scale, scale] from a seeded generator. */
export function seededTensor(shape: number[], rand: () => number, scale = 1): Tensor {
  const data = new Float64Array(sizeOf(shape))
  for (let i = 0; i < data.length; i++) data[i] = (2 * rand() - 1) * scale
  return new Tensor(shape, data)
}
