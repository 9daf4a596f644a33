/**
 * Jacobians assembled from passes: reverse mode pulls back the basis vectors e_i of the output
 * (rows), forward mode pushes forward the basis vectors e_j of the input (columns). The result
 * has shape [...f(x).shape, ...x.shape].
 *
 * The basis vectors go in chunks (ForwardDiff's chunks, JAX's jacfwd = vmap(jvp) and
 * jacrev = vmap(vjp)): one pass carries a chunk of c basis vectors as a batch (ad/batching.ts),
 * so n columns take one pass when n ≤ c, else a first pass of one column (to measure the cost
 * before the rest) and ⌈(n - 1) / c⌉ more, each over one primal computation (forward), or one
 * sweep over one tape per chunk of rows (reverse). Chunk 1 is one basis vector per pass, unbatched.
 *
 * Rows and columns are joined with engine operations, so a Jacobian can itself be differentiated
 * (the Hessian is the Jacobian of the gradient).
 *
 * Many passes can take long: the result's size is checked before the passes start, and after
 * the first pass its work times the number of passes is checked against the budget (engine/limits.ts), so a
 * Jacobian that cannot finish is refused with what to use instead rather than left running.
 */
import { pushforward } from '../ad/forward.ts'
import { passes } from '../ad/progress.ts'
import { pullback } from '../ad/reverse.ts'
import type { Value } from '../ad/value.ts'
import { ArgumentError, LimitError } from '../errors.ts'
import { checkAhead, checkElements, workUsed } from '../limits.ts'
import { concat, getindex, range, reshape, stack, transpose } from '../ops/index.ts'
import type { Shape } from '../tensor/tensor.ts'
import { Tensor, alloc, basis, sizeOf } from '../tensor/tensor.ts'
import type { Fn } from './basic.ts'
import { vmap } from './vmap.ts'

/** How a refusal names the transform and what it suggests instead. */
export interface Refusal {
  /** e.g. "jacobian", or "hessian of 3000 variables" */
  what: string
  instead: string
}

/** How many basis vectors (or directions) one pass carries. */
export interface ChunkOptions {
  /** A positive whole number; 1 is one basis vector per pass. Absent: chosen by autoChunk. */
  chunk?: number
}

/**
 * The chunk used when none is given: all basis vectors in one pass up to 128, then passes of 128.
 * Measured (CPU time, forward-over-reverse Hessians of the bench's quadratic and tanh-layer
 * problems, 2026-12-07, a busy machine so ±20%): chunk 1 → auto takes n = 10 from 4.7 / 2.0 ms to
 * 0.8 / 0.4 ms, n = 40 from 3.8-14.6 / 5.3-6.7 ms to 1.2-1.9 / 1.4-1.5 ms, n = 100 from 27 / 21-31
 * ms to 9-13 / 11-14 ms; chunks 2, 4, 8, 12, 16, 32 fall in between, nearly monotonically: the
 * cost here is per operation, and a batch shares it. Past 32 the gain flattens (n = 100:
 * chunk 32, 64 and 100 within the noise, one pass of 100 about 5-10% ahead of two of 64), since
 * the matrix products' arithmetic then dominates; a lesson's n up to 128 takes one pass.
 * ForwardDiff caps its chunk at 12 because its partials live in stack-allocated tuples; here
 * lanes are rows of one heap array, so larger chunks keep paying. The cap bounds the batch's
 * memory: chunk × the largest intermediate.
 */
export const MAX_AUTO_CHUNK = 128
export function autoChunk(n: number): number {
  return Math.max(1, Math.min(n, MAX_AUTO_CHUNK))
}

/** The chunk to use for `count` basis vectors or directions, checked. */
export function chunkFor(count: number, options: ChunkOptions | undefined, who: string): number {
  const c = options?.chunk
  if (c === undefined) return autoChunk(count)
  if (!Number.isInteger(c) || c < 1)
    throw new ArgumentError(`${who}: the chunk must be a whole number of at least 1, but is ${c}`)
  return Math.max(1, Math.min(c, count))
}

const JACOBIAN_INSTEAD =
  'jvp(f, x, v) gives one column combination J·v and vjp(f, x, v) one row combination vᵀJ, each in one pass, without forming J.'

function refusal(who: string, refuse?: Refusal): Refusal {
  return refuse ?? { what: who, instead: JACOBIAN_INSTEAD }
}

function checkResult(shape: Shape, r: Refusal): void {
  checkElements(shape, `the result of ${r.what}`, r.instead)
}

/**
 * The blocks [lo, hi) of `count` basis vectors, one pass each: all at once when they fit in one
 * chunk; otherwise a first pass of one, which measures what a basis vector costs before the
 * chunks start (so a transform that cannot finish is refused after one column's work, not a
 * chunk's), then chunks of c.
 */
export function chunkBlocks(count: number, c: number): [number, number][] {
  if (c >= count) return count === 0 ? [] : [[0, count]]
  const out: [number, number][] = [[0, 1]]
  for (let lo = 1; lo < count; lo += c) out.push([lo, Math.min(count, lo + c)])
  return out
}

/**
 * One pass per block, with progress; after the first, refuses if the rest would exceed the work
 * budget at what the first cost per basis vector. `each` says what a chunked pass carries.
 */
function budgetedPasses(
  blocks: [number, number][],
  mode: string,
  r: Refusal,
  body: (lo: number, hi: number, p: number) => void,
  each = '',
): void {
  const start = workUsed()
  const count = blocks.length === 0 ? 0 : blocks[blocks.length - 1]![1]
  passes(blocks.length, (p) => {
    const [lo, hi] = blocks[p]!
    body(lo, hi, p)
    if (p === 0 && blocks.length > 1) {
      const perVector = (workUsed() - start) / (hi - lo)
      checkAhead(
        { work: perVector * (count - hi) },
        `${r.what} needs ${blocks.length} ${mode} passes${each}`,
        r.instead,
      )
    }
  })
}

/** The basis vectors e_lo .. e_{hi-1} of a tensor of `shape`, stacked: shape [hi - lo, ...shape]. */
export function basisBlock(shape: Shape, lo: number, hi: number): Tensor {
  const n = sizeOf(shape)
  const data = alloc((hi - lo) * n)
  for (let k = 0; k < hi - lo; k++) data[k * n + lo + k] = 1
  return new Tensor([hi - lo, ...shape], data)
}

/** Chunk p of `count` items in chunks of c: [lo, hi). */
const block = (p: number, c: number, count: number): [number, number] => [p * c, Math.min(count, (p + 1) * c)]

/** Row by row: one primal pass, then reverse sweeps, each pulling back a chunk of rows (chunkBlocks). */
export function jacrev(f: Fn, x: Value, refuse?: Refusal, options?: ChunkOptions): Value {
  return rowsFromPullback(pullback(f, x, 'jacrev'), x, refusal('jacrev', refuse), options)
}

/**
 * An automatic chunk that makes an intermediate too large to hold (the chunk times one
 * example's size over the element limit, as an outer product x·xᵀ of a long x can) is cut to a
 * quarter until it fits, down to one basis vector per pass: what ran before chunks. A chunk the
 * caller chose is kept, and its refusal stands.
 */
function fitting<T>(options: ChunkOptions | undefined, count: number, run: (o: ChunkOptions) => T): T {
  if (options?.chunk !== undefined) return run(options)
  let chunk = autoChunk(count)
  for (;;) {
    try {
      return run({ chunk })
    } catch (err) {
      const tooLarge = err instanceof LimitError && /elements, more than the limit/.test(err.message)
      if (chunk === 1 || !tooLarge || err.message.includes('the result of')) throw err
      chunk = Math.max(1, Math.floor(chunk / 4))
    }
  }
}

function rowsFromPullback(p: ReturnType<typeof pullback>, x: Value, r: Refusal, options?: ChunkOptions): Value {
  return fitting(options, sizeOf(p.value.shape), (o) => rowsInChunks(p, x, r, o))
}

function rowsInChunks(
  { value, back }: ReturnType<typeof pullback>,
  x: Value,
  r: Refusal,
  options: ChunkOptions,
): Value {
  const m = sizeOf(value.shape)
  const n = sizeOf(x.shape)
  checkResult([...value.shape, ...x.shape], r)
  const c = chunkFor(m, options, r.what)
  const rows: Value[] = []
  budgetedPasses(
    chunkBlocks(m, c),
    'reverse',
    r,
    (lo, hi) => {
      // Chunk 1: one unbatched basis vector per sweep, as without batching.
      if (c === 1) rows.push(reshape(back(basis(value.shape, lo)), [1, n]))
      else rows.push(reshape(vmap(back, [basisBlock(value.shape, lo, hi)]), [hi - lo, n]))
    },
    c === 1 ? '' : ` (chunks of ${c} rows)`,
  )
  const joined = rows.length === 0 ? stack([]) : concat(rows, 0)
  return reshape(joined, [...value.shape, ...x.shape])
}

/** Column by column: forward passes, each pushing a chunk of basis vectors (chunkBlocks). */
export function jacfwd(f: Fn, x: Value, refuse?: Refusal, options?: ChunkOptions): Value {
  const r = refusal('jacfwd', refuse)
  return fitting(options, sizeOf(x.shape), (o) => columnsInChunks(f, x, r, o))
}

function columnsInChunks(f: Fn, x: Value, r: Refusal, options: ChunkOptions): Value {
  const n = sizeOf(x.shape)
  const c = chunkFor(n, options, r.what)
  const cols: Value[] = []
  let outShape = x.shape
  const seen = (out: Value, first: boolean) => {
    outShape = out.shape
    if (first) checkResult([...out.shape, ...x.shape], r)
  }
  budgetedPasses(
    chunkBlocks(n, c),
    'forward',
    r,
    (lo, hi, p) => {
      if (c === 1) {
        // Chunk 1: one unbatched basis vector per pass, as without batching.
        const { out, tangent } = pushforward(f, x, basis(x.shape, lo), 'jacfwd')
        seen(out, p === 0)
        cols.push(reshape(tangent, [1, sizeOf(out.shape)]))
        return
      }
      const tangents = vmap(
        (v) => {
          const { out, tangent } = pushforward(f, x, v, 'jacfwd')
          seen(out, p === 0)
          return tangent
        },
        [basisBlock(x.shape, lo, hi)],
      )
      cols.push(reshape(tangents, [hi - lo, sizeOf(outShape)]))
    },
    c === 1 ? '' : ` (chunks of ${c} columns)`,
  )
  if (n === 0) outShape = f(x).shape
  // Columns stacked as rows give Jᵀ (n × m); transpose back.
  const joined = cols.length === 0 ? stack([]) : concat(cols, 0)
  const jt = reshape(joined, [n, sizeOf(outShape)])
  return reshape(transpose(jt), [...outShape, ...x.shape])
}

/** The Jacobian by whichever mode needs fewer passes: rows when m ≤ n, columns otherwise. */
export function jacobian(f: Fn, x: Value, refuse?: Refusal, options?: ChunkOptions): Value {
  const p = pullback(f, x, 'jacobian')
  const r = refusal('jacobian', refuse)
  return sizeOf(p.value.shape) <= sizeOf(x.shape) ? rowsFromPullback(p, x, r, options) : jacfwd(f, x, r, options)
}

/**
 * Several directions at once: V holds k of them stacked along its last axis (V's shape is
 * [...x.shape, k]; for a vector x they are the columns of an n×k matrix), and push(v) is one
 * direction's result. The k results come back stacked along the last axis, as J·V would:
 * ⌈k / chunk⌉ passes, each carrying a chunk of directions as a batch.
 */
export function manyDirections(push: Fn, x: Value, V: Value, who: string, options?: ChunkOptions): Value {
  const n = sizeOf(x.shape)
  const k = V.shape[V.shape.length - 1]!
  const c = chunkFor(k, options, who)
  // Directions as rows: [k, n], each row reshaped to x's shape for the pass.
  const rows = transpose(reshape(V, [n, k]))
  const out: Value[] = []
  let outShape: Shape = []
  passes(Math.ceil(k / c), (p) => {
    const [lo, hi] = block(p, c, k)
    // Rows lo..hi-1, a contiguous block of the flattened k×n matrix.
    const chunk = reshape(c === k ? rows : getindex(reshape(rows, [k * n]), [range(lo * n, hi * n)]), [
      hi - lo,
      ...x.shape,
    ])
    const ys = vmap(push, [chunk])
    outShape = ys.shape.slice(1)
    out.push(reshape(ys, [hi - lo, sizeOf(outShape)]))
  })
  const joined = out.length === 1 ? out[0]! : concat(out, 0) // [k, m]
  return reshape(transpose(joined), [...outShape, k])
}
