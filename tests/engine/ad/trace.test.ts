/**
 * Traces: record() writes down every pass, primitive evaluation, tangent and cotangent. The
 * counters must match the pass counts the theory predicts (one reverse pass per Jacobian row,
 * one forward pass per column), and the recorded values must equal ones computed independently.
 */
import { describe, expect, it } from 'vitest'
import type { Nested, TraceStep, Value } from '../../../engine/index.ts'
import {
  abs2,
  concrete,
  getindex,
  gradient,
  hessian,
  jacfwd,
  jacrev,
  jvp,
  matmul,
  matrix,
  mul,
  record,
  sin,
  stack,
  sum,
  toNested,
  vector,
} from '../../../engine/index.ts'
import type { Fn } from '../helpers.ts'

const A = matrix([
  [0, 3, 2],
  [1, 0, 3],
  [2, 1, 0],
])
const x1 = vector([0, 1, 2])
const f: Fn = (x) => sum(abs2(matmul(A, x)))

/** R^3 -> R^2: [x0·x1, sin(x2)]. */
const r3r2: Fn = (x) => stack([mul(getindex(x, [0]), getindex(x, [1])), sin(getindex(x, [2]))])

type Op = Extract<TraceStep, { kind: 'op' }>
type Cotangent = Extract<TraceStep, { kind: 'cotangent' }>

const ops = (steps: TraceStep[]) => steps.filter((s): s is Op => s.kind === 'op')
const cotangents = (steps: TraceStep[]) => steps.filter((s): s is Cotangent => s.kind === 'cotangent')
const nested = (v: Value): Nested => toNested(concrete(v))

/** One basis vector per pass (chunk 1), as these counts and levels assume. */
const ONE = { chunk: 1 }

describe('counters', () => {
  it('the gradient of the seed f: one primal pass, one reverse pass, no forward pass', () => {
    const { result, trace } = record(() => gradient(f, x1))
    expect(nested(result)).toEqual([16, 44, 64])
    expect(trace.counters.passes).toEqual({ primal: 1, reverse: 1, forward: 0 })
  })

  it('jacrev of R^3 -> R^2 takes 2 reverse passes (rows); jacfwd takes 3 forward passes (columns)', () => {
    const rev = record(() => jacrev(r3r2, x1, undefined, ONE)).trace.counters.passes
    expect(rev).toEqual({ primal: 1, reverse: 2, forward: 0 })
    const fwd = record(() => jacfwd(r3r2, x1, undefined, ONE)).trace.counters.passes
    expect(fwd).toEqual({ primal: 0, reverse: 0, forward: 3 })
  })

  it('forward-over-reverse Hessian of R^3: 3 forward passes, each over one gradient', () => {
    const passes = record(() => hessian(f, x1, undefined, ONE)).trace.counters.passes
    expect(passes).toEqual({ primal: 3, reverse: 3, forward: 3 })
  })

  it('a plain evaluation counts its primitive evaluations and no passes', () => {
    const { result, trace } = record(() => f(x1))
    expect(nested(result)).toBe(86)
    expect(trace.counters.passes).toEqual({ primal: 0, reverse: 0, forward: 0 })
    expect(trace.counters.ops).toBe(3)
    expect(trace.counters.opsByPrimitive).toEqual({ matmul: 1, abs2: 1, sum: 1 })
  })

  it('recording is off outside record', () => {
    const { trace } = record(() => null)
    f(x1)
    expect(trace.steps).toEqual([])
    expect(trace.counters.ops).toBe(0)
  })
})

describe('steps', () => {
  it('are numbered 0, 1, 2, ... in the order computed, and refer only to nodes already seen', () => {
    for (const run of [() => gradient(f, x1), () => jvp(f, x1, x1), () => hessian(f, x1)]) {
      const { steps } = record(run).trace
      expect(steps.length).toBeGreaterThan(0)
      steps.forEach((s, i) => expect(s.step).toBe(i))
      const seen = new Set<number>()
      for (const s of steps) {
        if (s.kind === 'input') seen.add(s.node)
        if (s.kind === 'op') {
          for (const id of s.inputs) expect(seen.has(id), `input ${id} of step ${s.step}`).toBe(true)
          seen.add(s.node)
        }
        if (s.kind === 'cotangent') expect(seen.has(s.node), `cotangent of node ${s.node}`).toBe(true)
      }
    }
  })

  it('op steps carry primal values equal to an independent computation: A·x1, its squares, their sum', () => {
    const { steps } = record(() => gradient(f, x1)).trace
    const primals = (prim: string) =>
      ops(steps)
        .filter((s) => s.prim === prim && s.mode === 'reverse')
        .map((s) => toNested(s.primal))
    // A·x1 = [0·0 + 3·1 + 2·2, 1·0 + 0·1 + 3·2, 2·0 + 1·1 + 0·2]
    expect(primals('matmul')).toEqual([[7, 6, 1]])
    expect(primals('abs2')).toEqual([[49, 36, 1]])
    expect(primals('sum')).toEqual([86])
    // Each taped operation is also evaluated concretely, at level 0.
    const concreteOps = ops(steps).filter((s) => s.mode === 'primal' && s.level === 0)
    expect(concreteOps.map((s) => s.prim).slice(0, 3)).toEqual(['matmul', 'abs2', 'sum'])
  })

  it('a reverse pass records cotangents from the output back to the input: 1, ones, 2Ax, 2AᵀAx', () => {
    const { steps } = record(() => gradient(f, x1)).trace
    const cts = cotangents(steps)
    expect(cts.map((s) => toNested(s.cotangent))).toEqual([1, [1, 1, 1], [14, 12, 2], [16, 44, 64]])
    const reverseLevel = ops(steps).find((s) => s.mode === 'reverse')!.level
    for (const s of cts) expect(s.level).toBe(reverseLevel)
    const pass = steps.find((s) => s.kind === 'pass' && s.mode === 'reverse')
    expect(pass && pass.kind === 'pass' && pass.seed ? toNested(pass.seed) : null).toBe(1)
  })

  it('a forward pass records tangents: A v, 2(A x1) .* (A v), and their sum', () => {
    const v = vector([1, 0, 0])
    const { result, trace } = record(() => jvp(f, x1, v))
    const steps = trace.steps
    expect(nested(result)).toBe(16)
    const forward = ops(steps).filter((s) => s.mode === 'forward')
    expect(forward.map((s) => s.prim)).toEqual(['matmul', 'abs2', 'sum'])
    for (const s of forward) expect(s.tangent).toBeDefined()
    // A e_0 = [0, 1, 2]; 2·[7, 6, 1] .* [0, 1, 2] = [0, 12, 4]; sum = 16.
    expect(forward.map((s) => toNested(s.tangent!))).toEqual([[0, 1, 2], [0, 12, 4], 16])
    expect(cotangents(steps)).toEqual([])
  })

  it('nested transforms record at different levels: the inner reverse level above the outer forward one', () => {
    const { steps } = record(() => hessian(f, x1, 'forward-over-reverse', ONE)).trace
    const forwardLevels = new Set(
      ops(steps)
        .filter((s) => s.mode === 'forward')
        .map((s) => s.level),
    )
    const reverseLevels = new Set(
      ops(steps)
        .filter((s) => s.mode === 'reverse')
        .map((s) => s.level),
    )
    expect(forwardLevels.size).toBe(3) // one per column
    expect(reverseLevels.size).toBe(3) // one gradient per column
    // Each forward pass is followed by its own, higher, reverse level.
    const passes = steps.filter((s) => s.kind === 'pass')
    for (let i = 0; i + 1 < passes.length; i += 3) {
      const [fwd, primal, rev] = passes.slice(i, i + 3)
      expect([fwd!.mode, primal!.mode, rev!.mode]).toEqual(['forward', 'primal', 'reverse'])
      expect(primal!.level).toBeGreaterThan(fwd!.level)
      expect(rev!.level).toBe(primal!.level)
    }
    // The inner reverse passes record their cotangents at their own levels.
    for (const s of cotangents(steps)) expect(reverseLevels.has(s.level)).toBe(true)
    // The outer forward passes push tangents through the inner backward sweeps: the last
    // forward-mode step of each pass is the column 2AᵀA e_j of H.
    const columns = [...forwardLevels].map((level) =>
      toNested(
        ops(steps)
          .filter((s) => s.mode === 'forward' && s.level === level && s.prim === 'reshape')
          .at(-1)!.tangent!,
      ),
    )
    expect(columns).toEqual([
      [10, 4, 6],
      [4, 20, 12],
      [6, 12, 26],
    ])
  })

  it('stops storing at maxSteps but keeps counting', () => {
    const full = record(() => hessian(f, x1)).trace
    const { result, trace: cut } = record(() => hessian(f, x1), { maxSteps: 10 })
    expect(cut.steps.length).toBe(10)
    expect(cut.truncated).toBe(true)
    expect(full.truncated).toBe(false)
    expect(cut.counters).toEqual(full.counters)
    expect(nested(result)).toEqual([
      [10, 4, 6],
      [4, 20, 12],
      [6, 12, 26],
    ])
  })

  it('recordings nest: the inner one holds its own steps, the outer one resumes after it', () => {
    const outer = record(() => {
      f(x1)
      const inner = record(() => f(x1))
      f(x1)
      return inner.trace
    })
    expect(outer.result.counters.ops).toBe(3)
    expect(outer.trace.counters.ops).toBe(6)
  })
})
