/**
 * Seeded random numbers for the panels' example data (the cost explorer's W, backprop's
 * weights): the same "random" numbers on every run, so counts and pictures repeat exactly.
 */
import { mulberry32 } from '../ops/arrays.ts'
import { Tensor, sizeOf } from '../tensor/tensor.ts'

/** The engine's deterministic generator (mulberry32): the same "random" numbers on every run. */
export const seededRandom = mulberry32

/** Entries uniform in [-scale, scale] from a seeded generator. */
export function seededTensor(shape: number[], rand: () => number, scale = 1): Tensor {
  const data = new Float64Array(sizeOf(shape))
  for (let i = 0; i < data.length; i++) data[i] = (2 * rand() - 1) * scale
  return new Tensor(shape, data)
}
