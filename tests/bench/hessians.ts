/**
 * The four Hessian nestings, unbatched (chunk 1: one basis vector per pass) and batched (the
 * default chunk: many basis vectors ride through one pass as a batch), at n = 10, 40, 100.
 * For each: the time per call, and from one recorded call (record()) the concrete operations,
 * the flops and the tape memory of the counting model (engine/ad/cost.ts), and the passes. The
 * gradient is timed beside them, for the ratio time / (n · gradient).
 */
import type { HessianMethod, Value } from '../../engine/index.ts'
import { HESSIAN_METHODS, Tensor, concrete, gradient, hessian, record } from '../../engine/index.ts'
import type { Problem } from './problems.ts'
import type { Timed, Timing, TimingOptions } from './timing.ts'
import { measureAll, relDiff } from './timing.ts'

export const HESSIAN_SIZES = [10, 40, 100] as const
export const HESSIAN_QUICK_SIZES = [10] as const

export type Variant = 'chunk 1' | 'batched'
export const VARIANTS: readonly Variant[] = ['chunk 1', 'batched']

export interface HessianRow {
  method: HessianMethod
  variant: Variant
  timing: Timing | null
  ops: number
  flops: number
  /** Elements held on tapes at once, at the worst moment (the cost model's memory, less x and H). */
  tapePeak: number
  passes: number
  /** max|H - H_hand| / max|H_hand| */
  relDiff: number
}

export interface HessianCase {
  problem: string
  n: number
  gradient: Timing
  rows: HessianRow[]
}

const TOL = 1e-10

/** hessian(f, x, method) with chunk 1, or with the engine's own choice of chunk. */
function hessianOf(f: (x: Value) => Value, x: Tensor, method: HessianMethod, variant: Variant): Value {
  return variant === 'chunk 1' ? hessian(f, x, method, { chunk: 1 }) : hessian(f, x, method)
}

export function benchHessians(problem: Problem, n: number, opt: TimingOptions): HessianCase {
  const d = problem.data(n)
  const f = problem.engine(d)
  const x = new Tensor([n], d.x)
  const H = problem.hand(d).hessian(d.x)
  const rows: HessianRow[] = []
  const fns: Record<string, Timed> = { gradient: () => concrete(gradient(f, x)).data }
  for (const method of HESSIAN_METHODS)
    for (const variant of VARIANTS) {
      const { result, trace } = record(() => hessianOf(f, x, method, variant), { maxSteps: 0 })
      const c = trace.counters
      rows.push({
        method,
        variant,
        timing: null,
        ops: c.ops,
        flops: c.flops,
        tapePeak: c.tapePeak,
        passes: c.passes.forward + c.passes.reverse + c.passes.primal,
        relDiff: relDiff(concrete(result).data, H),
      })
      fns[`${method} ${variant}`] = () => concrete(hessianOf(f, x, method, variant)).data
    }
  const timings = measureAll(fns, opt)
  for (const r of rows) r.timing = timings[`${r.method} ${r.variant}`] ?? null
  return { problem: problem.id, n, gradient: timings.gradient!, rows }
}

export function hessiansAgree(c: HessianCase): boolean {
  return c.rows.every((r) => r.relDiff <= TOL)
}

/** time / (n · gradient time), or null when not timed. */
export function perGradient(c: HessianCase, r: HessianRow): number | null {
  return r.timing === null ? null : r.timing.ms / (c.n * c.gradient.ms)
}

export function row(c: HessianCase, method: HessianMethod, variant: Variant): HessianRow {
  return c.rows.find((r) => r.method === method && r.variant === variant)!
}

export const HESSIAN_TOLERANCE = TOL
