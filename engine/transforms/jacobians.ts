/**
 * Jacobians assembled from passes: reverse mode pulls back the basis vectors e_i of the output
 * (rows), forward mode pushes forward the basis vectors e_j of the input (columns). The result
 * has shape [...f(x).shape, ...x.shape].
 *
 * The basis vectors go in chunks (ForwardDiff's chunks, JAX's jacfwd = vmap(jvp) and
 * jacrev = vmap(vjp)): one pass carries a chunk of c basis vectors as a batch (ad/batching.ts),
 * so n columns take ⌈n / c⌉ passes, each over one primal computation (forward), or one sweep
 * over one tape per chunk of rows (reverse). Chunk 1 is one basis vector per pass, unbatched.
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
import { ArgumentError } from '../errors.ts'
import { checkAhead, checkElements, workUsed } from '../limits.ts'
import { concat, getindex, range, reshape, stack, transpose } from '../ops/index.ts'
import type { Shape } from '../tensor/tensor.ts'
import { Tensor, basis, sizeOf } from '../tensor/tensor.ts'
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
 * The chunk used when none is given: all basis vectors in one pass up to 64, then passes of 64.
 * Measured (CPU time, forward-over-reverse Hessians of the bench's quadratic and tanh-layer
 * problems, 2026-12-07, a busy machine so ±20%): chunk 1 → 64 takes n = 10 from 4.7 / 2.0 ms to
 * 0.8 / 0.4 ms, n = 40 from 3.8-14.6 / 5.3-6.7 ms to 1.2-1.9 / 1.4-1.5 ms, n = 100 from 27 / 21-31
 * ms to 9-13 / 11-14 ms; chunks 2, 4, 8, 12, 16, 32 fall in between, nearly monotonically: the
 * cost here is per operation, and a batch shares it. Past 32 the gain flattens (n = 100:
 * chunk 32, 64 and 100 within the noise), since the matrix products' arithmetic then dominates.
 * ForwardDiff caps its chunk at 12 because its partials live in stack-allocated tuples; here
 * lanes are rows of one heap array, so larger chunks keep paying. The cap bounds the batch's
 * memory: chunk × the largest intermediate.
 */
export const MAX_AUTO_CHUNK = 64
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
 * passes(), refusing after the first pass if all of them would exceed the work budget. `each`
 * says what one pass carries when it is a chunk ("of 64 columns each").
 */
function budgetedPasses(total: number, mode: string, r: Refusal, body: (i: number) => void, each = ''): void {
  const start = workUsed()
  passes(total, (i) => {
    body(i)
    if (i === 0 && total > 1) {
      const perPass = workUsed() - start
      checkAhead({ work: perPass * (total - 1) }, `${r.what} needs ${total} ${mode} passes${each}`, r.instead)
    }
  })
}

/** The basis vectors e_lo .. e_{hi-1} of a tensor of `shape`, stacked: shape [hi - lo, ...shape]. */
export function basisBlock(shape: Shape, lo: number, hi: number): Tensor {
  const n = sizeOf(shape)
  const data = new Float64Array((hi - lo) * n)
  for (let k = 0; k < hi - lo; k++) data[k * n + lo + k] = 1
  return new Tensor([hi - lo, ...shape], data)
}

/** Chunk p of `count` items in chunks of c: [lo, hi). */
const block = (p: number, c: number, count: number): [number, number] => [p * c, Math.min(count, (p + 1) * c)]

/** Row by row: one primal pass, then ⌈m / chunk⌉ reverse sweeps, each pulling back a chunk of rows. */
export function jacrev(f: Fn, x: Value, refuse?: Refusal, options?: ChunkOptions): Value {
  return rowsFromPullback(pullback(f, x, 'jacrev'), x, refusal('jacrev', refuse), options)
}

function rowsFromPullback(
  { value, back }: ReturnType<typeof pullback>,
  x: Value,
  r: Refusal,
  options: ChunkOptions | undefined,
): Value {
  const m = sizeOf(value.shape)
  const n = sizeOf(x.shape)
  checkResult([...value.shape, ...x.shape], r)
  const c = chunkFor(m, options, r.what)
  const rows: Value[] = []
  if (c === 1) budgetedPasses(m, 'reverse', r, (i) => rows.push(reshape(back(basis(value.shape, i)), [n])))
  else
    budgetedPasses(
      Math.ceil(m / c),
      'reverse',
      r,
      (p) => {
        const [lo, hi] = block(p, c, m)
        rows.push(reshape(vmap(back, [basisBlock(value.shape, lo, hi)]), [hi - lo, n]))
      },
      ` of ${c} rows each`,
    )
  const joined = c === 1 ? stack(rows) : rows.length === 0 ? stack([]) : concat(rows, 0)
  return reshape(joined, [...value.shape, ...x.shape])
}

/** Column by column: ⌈n / chunk⌉ forward passes, each pushing a chunk of basis vectors. */
export function jacfwd(f: Fn, x: Value, refuse?: Refusal, options?: ChunkOptions): Value {
  const r = refusal('jacfwd', refuse)
  const n = sizeOf(x.shape)
  const c = chunkFor(n, options, r.what)
  const cols: Value[] = []
  let outShape = x.shape
  const seen = (out: Value, first: boolean) => {
    outShape = out.shape
    if (first) checkResult([...out.shape, ...x.shape], r)
  }
  if (c === 1)
    budgetedPasses(n, 'forward', r, (j) => {
      const { out, tangent } = pushforward(f, x, basis(x.shape, j), 'jacfwd')
      seen(out, j === 0)
      cols.push(reshape(tangent, [sizeOf(out.shape)]))
    })
  else
    budgetedPasses(
      Math.ceil(n / c),
      'forward',
      r,
      (p) => {
        const [lo, hi] = block(p, c, n)
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
      ` of ${c} columns each`,
    )
  if (n === 0) outShape = f(x).shape
  // Columns stacked as rows give Jᵀ (n × m); transpose back.
  const joined = c === 1 || cols.length === 0 ? stack(cols) : concat(cols, 0)
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
